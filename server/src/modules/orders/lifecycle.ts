/**
 * An order's life after it is placed: paying, the unpaid timeout and cancelling, shipping
 * (partial shipments too), receipt (by the shopper or automatically; self-pickup: pickup.ts), completion and
 * settlement (refunds: refunds.ts). Every status move goes through moveOrder (state.ts). Every
 * change to an order's lines takes the order's row lock first.
 */
import { randomInt } from 'node:crypto';
import { clock, days } from '../../core/clock.js';
import type { Actor, Ctx } from '../../core/context.js';
import { requireTenantId } from '../../core/context.js';
import { withTransaction } from '../../core/db/index.js';
import { invalidState, notFound, ValidationError } from '../../core/errors.js';
import { scheduleJob, type JobHandler } from '../../core/jobs.js';
import { emit, on } from '../../core/events.js';
import { contribute, runAll } from '../../core/hooks.js';
import { logger } from '../../core/logger.js';
import { countSales, releaseStock } from '../catalog/index.js';
import { followParcel } from '../fulfillment/index.js';
import { bookPayment, settleOrder, type OrderMoney } from '../finance/index.js';
import { countListingSales } from '../market/index.js';
import { paymentPurposes, startPayment, type PayerDetails, type PaymentMethod, type PaymentView } from '../payments/index.js';
import { orderFulfilmentReleased, orderPaid, orderShipped } from './events.js';
import { applyOrderRefund, holdOrderRefund, refundInFlight, releaseOrderRefund, sumLines, toShip } from './refunds.js';
import { markReceived, settleDelivery } from './delivery.js';
import { itemsOf, loadOrder, loadShopperOrder, rowsOf } from './order-rows.js';
import { findFulfillment, findItem, fulfillmentsOfOrder, itemsOfFulfillment, orderIdOfFulfillment, updateFulfillmentsOfOrder, updateItem, warehouseOfFulfillment, type FulfillmentRow, type OrderItemRow } from './repository/lines.js';
import { updateOrder, type OrderRow } from './repository/orders.js';
import { insertShipment, type ShipmentRow } from './repository/shipments.js';
import { moveOrder, recordHistory } from './state.js';
import { releaseAdjustments } from './adjusted.js';
import { releasePickupPlace } from './pickup-places.js';
import { holdFulfilment, mayCompleteOrder } from './hooks.js';

export { itemsOf, loadOrder, loadShopperOrder };

type ShopperCtx = Ctx & { actor: Extract<Actor, { kind: 'shopper' }> };

async function moneyOf(ctx: Ctx, order: OrderRow): Promise<OrderMoney> {
  const [items, fulfillments] = await rowsOf(ctx, order.id);
  return {
    id: order.id,
    tenantId: order.tenantId,
    payAmount: order.payAmount,
    lines: items.map((i) => ({ id: i.id, ownerKind: i.ownerKind, ownerId: i.ownerId, supplyPrice: i.supplyPrice, quantity: i.quantity, paid: i.paid, feeBps: i.feeBps })),
    fulfillments: fulfillments.map((f) => ({ ownerKind: f.ownerKind, ownerId: f.ownerId, freightAmount: f.freightAmount })),
  };
}

/** Units still at the warehouse go back to stock. */
async function releaseUnshipped(ctx: Ctx, item: OrderItemRow, quantity: number): Promise<void> {
  if (quantity <= 0) return;
  const warehouseId = await warehouseOfFulfillment(ctx, item.fulfillmentId);
  // warehouse 0: goods a pickup place holds (a store), given back by the place's `release`
  if (warehouseId) await releaseStock(ctx, item.skuId, warehouseId, quantity);
}

// ---- paying ----

export async function payOrder(ctx: ShopperCtx, orderId: number, method: Exclude<PaymentMethod, 'till'>, payer: PayerDetails = {}): Promise<PaymentView> {
  const order = await loadShopperOrder(ctx, orderId);
  if (order.status !== 'pending_payment') throw invalidState(`The order is ${order.status}`);
  if (order.expiresAt.getTime() <= clock.nowMs()) throw invalidState('The order has expired');
  return startPayment(ctx, { purpose: 'order', customerId: ctx.actor.id, orderId, amount: order.payAmount, method, description: `订单 ${order.orderNo}`, ...payer });
}

function pickupCode(): string {
  return String(randomInt(0, 100_000_000)).padStart(8, '0');
}

/** Paying an order (payments' `paymentPurposes` hook; listed in the orders declaration). */
export const orderPurpose = contribute(paymentPurposes, 'order', {
  /** The payment's transaction: the order becomes paid, or the money goes back. */
  async onSucceeded(ctx, payment) {
    const order = await loadOrder(ctx, payment.orderId!, true);
    if (order.status !== 'pending_payment' || payment.amount !== order.payAmount) return 'refund';
    await moveOrder(ctx, order, 'paid', `paid by ${payment.method}`, {
      paidAt: clock.now(),
      paidAmount: payment.amount,
      ...(order.delivery === 'pickup' ? { pickupCode: pickupCode() } : {}),
    });
    // held (a group buy not full yet): the fulfilments stay pending until releaseFulfilment
    const go = await runAll(holdFulfilment, ctx, order);
    if (go.ok) await updateFulfillmentsOfOrder(ctx, order.id, { status: readyStatus(order) }, { status: 'pending' });
    else await recordHistory(ctx, order, 'paid', 'paid', `fulfilment held: ${go.reason}`);
    await bookPayment(ctx, await moneyOf(ctx, order), payment.id);
    await emit(ctx, orderPaid, { tenantId: order.tenantId, orderId: order.id });
    return 'kept';
  },
  onRefundRequested: (ctx, refund) => holdOrderRefund(ctx, refund),
  onRefunded: (ctx, refund) => applyOrderRefund(ctx, refund),
  onRefundFailed: (ctx, refund) => releaseOrderRefund(ctx, refund),
});

/** pickup goods wait at the shop for their code, and never enter the shipping queue */
const readyStatus = (order: OrderRow) => (order.delivery === 'pickup' ? 'ready_for_pickup' : 'to_ship');

/**
 * A held paid order's goods go to their owners (pending -> to_ship, or ready for pickup), with its
 * history row and the event the owners' pushes hang off; false when the order is not paid (refunded
 * meanwhile) or was not held. Joins the caller's transaction (a group's success releases its orders
 * with its status).
 */
export async function releaseFulfilment(ctx: Ctx, orderId: number, note: string): Promise<boolean> {
  return withTransaction(ctx, async (tx) => {
    const order = await loadOrder(tx, orderId, true);
    if (order.status !== 'paid') return false;
    const held = (await fulfillmentsOfOrder(tx, orderId)).some((f) => f.status === 'pending');
    if (!held) return false;
    await updateFulfillmentsOfOrder(tx, order.id, { status: readyStatus(order) }, { status: 'pending' });
    await recordHistory(tx, order, 'paid', 'paid', note);
    await emit(tx, orderFulfilmentReleased, { tenantId: order.tenantId, orderId: order.id });
    return true;
  });
}

/** Sales counts feed best-selling sorts; counted off the order's transaction, away from hot rows. */
export const countSalesWhenPaid = on(orderPaid, 'orders.count-sales', async (ctx, e) => {
  for (const item of await itemsOf(ctx, e.orderId)) {
    await countSales(ctx, item.productId, item.quantity);
    await countListingSales(ctx, item.listingId, item.quantity);
  }
});

// ---- cancelling ----

export async function cancelOrder(ctx: Ctx, orderId: number, reason: string): Promise<OrderRow> {
  return withTransaction(ctx, async (tx) => {
    const order = await loadOrder(tx, orderId, true);
    if (order.status !== 'pending_payment') throw invalidState(`An order that is ${order.status} cannot be cancelled; ask for a refund instead`);
    await cancelLocked(tx, order, reason);
    return order;
  });
}

/** Cancels an order that is still unpaid once locked; false when it was paid or cancelled meanwhile. */
export async function cancelIfUnpaid(ctx: Ctx, orderId: number, reason: string): Promise<boolean> {
  return withTransaction(ctx, async (tx) => {
    const order = await loadOrder(tx, orderId, true);
    if (order.status !== 'pending_payment') return false;
    await cancelLocked(tx, order, reason);
    return true;
  });
}

async function cancelLocked(tx: Ctx, order: OrderRow, reason: string): Promise<void> {
  await moveOrder(tx, order, 'cancelled', reason, { cancelledAt: clock.now(), cancelReason: reason.slice(0, 64) });
  const items = await itemsOf(tx, order.id);
  for (const item of items) await releaseUnshipped(tx, item, item.quantity);
  await releaseAdjustments(tx, order, items, reason);
  if (order.pickupPlaceId) await releasePickupPlace(tx, order.pickupKind, { id: order.id, tenantId: order.tenantId, customerId: order.customerId, placeId: order.pickupPlaceId, adjustments: order.adjustments, lines: items.map((i) => ({ listingSkuId: i.listingSkuId, skuId: i.skuId, quantity: i.quantity })) }, reason);
  await updateFulfillmentsOfOrder(tx, order.id, { status: 'cancelled' });
}

// ---- shipping ----

export interface ShipInput {
  carrier: string;
  trackingNo: string;
  items?: Array<{ orderItemId: number; quantity: number }>;
}

/**
 * Ships some or all of a fulfilment's remaining units; the order is shipped once every fulfilment is.
 * Units held by a refund in flight are not left to ship; a line listed twice counts twice.
 */
export async function shipFulfillment(ctx: Ctx, fulfillmentId: number, input: ShipInput, owner?: { kind: 'supplier' | 'tenant'; id: number }): Promise<{ fulfillment: FulfillmentRow; shipment: ShipmentRow }> {
  const result = await withTransaction(ctx, async (tx) => {
    const tenantId = requireTenantId(tx);
    const orderId = await orderIdOfFulfillment(tx, fulfillmentId);
    if (orderId === null) throw notFound('Fulfillment');
    // the order's lock first, as every writer of its lines takes it (refunds too)
    const order = await loadOrder(tx, orderId, true);
    const fulfillment = await findFulfillment(tx, fulfillmentId, true);
    if (!fulfillment || (owner && (fulfillment.ownerKind !== owner.kind || fulfillment.ownerId !== owner.id))) throw notFound('Fulfillment');
    if (fulfillment.status !== 'to_ship') throw invalidState(`A fulfilment that is ${fulfillment.status} cannot be shipped`);
    if (order.delivery === 'pickup') throw invalidState('This order is picked up at the shop');
    const items = await itemsOfFulfillment(tx, fulfillmentId);
    const remaining = toShip;
    const requested = input.items?.length ? sumLines(input.items) : items.filter((i) => remaining(i) > 0).map((i, index) => ({ orderItemId: i.id, quantity: remaining(i), index }));
    const shipping = requested.map((s) => {
      const item = items.find((i) => i.id === s.orderItemId);
      if (!item) throw ValidationError.field(`items[${s.index}].orderItemId`, 'not an item of this fulfilment');
      if (s.quantity > remaining(item)) throw ValidationError.field(`items[${s.index}].quantity`, `at most ${Math.max(0, remaining(item))} left to ship`);
      return { item, orderItemId: item.id, quantity: s.quantity };
    });
    if (!shipping.length) throw invalidState('Nothing is left to ship');
    for (const s of shipping) await updateItem(tx, s.item.id, { shippedQuantity: s.item.shippedQuantity + s.quantity });
    const shipment = await insertShipment(tx, { fulfillmentId, orderId: order.id, carrier: input.carrier, trackingNo: input.trackingNo, items: shipping.map(({ orderItemId, quantity }) => ({ orderItemId, quantity })), shippedAt: clock.now() });
    await settleDelivery(tx, order);
    // settling may have closed the fulfilment: answer with it as it is now
    const shipped = (await findFulfillment(tx, fulfillmentId))!;
    await emit(tx, orderShipped, { tenantId, orderId: order.id, fulfillmentId, shipmentId: shipment.id });
    return { fulfillment: shipped, shipment, phone: order.address?.phone };
  });
  await followParcel({ ...ctx, transaction: null }, input.carrier, input.trackingNo, result.phone?.slice(-4)).catch(() => undefined);
  return { fulfillment: result.fulfillment, shipment: result.shipment };
}

// ---- receipt, pickup, completion ----

export async function confirmReceipt(ctx: ShopperCtx, orderId: number): Promise<OrderRow> {
  return withTransaction(ctx, async (tx) => {
    const order = await loadShopperOrder(tx, orderId, true);
    if (order.status !== 'shipped') throw invalidState(`An order that is ${order.status} cannot be received`);
    await markReceived(tx, order, 'confirmed by the shopper');
    return order;
  });
}

/** The orders.auto-receive job (listed in the module declaration). */
export const autoReceiveJob: JobHandler = async (ctx, payload) => {
  await withTransaction(ctx, async (tx) => {
    const order = await loadOrder(tx, Number(payload.orderId), true);
    if (order.status === 'shipped') await markReceived(tx, order, 'confirmed automatically');
  });
};

/** Orders' own say on completing: money still on its way back would settle from the wrong bucket. */
export const refundsInFlightBlockCompletion = contribute(mayCompleteOrder, 'orders.refunds-in-flight', async (ctx, orderId) => ((await refundInFlight(ctx, orderId)) ? { refused: 'a refund is still on its way' } : true), 10);

/** The orders.complete job (listed in the module declaration). */
export const completeJob: JobHandler = async (ctx, payload) => {
  const orderId = Number(payload.orderId);
  await withTransaction(ctx, async (tx) => {
    const order = await loadOrder(tx, orderId, true);
    if (order.status !== 'received') return;
    const agreed = await runAll(mayCompleteOrder, tx, orderId);
    if (!agreed.ok) {
      logger().info({ orderId, tenantId: order.tenantId, by: agreed.by, reason: agreed.reason }, 'order not completed yet; asked again tomorrow');
      await scheduleJob(tx, 'orders.complete', new Date(clock.nowMs() + days(1)), { orderId }, { dedupeKey: `order:${orderId}:complete-retry:${clock.nowMs()}` });
      return;
    }
    await moveOrder(tx, order, 'completed', 'after-sales window closed', { completedAt: clock.now() });
    await settleOrder(tx, orderId);
    await updateOrder(tx, order.id, { settled: true });
  });
};

// ---- reviews ----

/** An item a shopper bought, whether it reached them, and whether it was reviewed. */
export async function reviewableItem(ctx: Ctx, customerId: number, orderItemId: number): Promise<{ listingId: number; received: boolean; reviewed: boolean } | null> {
  const item = await findItem(ctx, orderItemId);
  if (!item) return null;
  const order = await loadOrder(ctx, item.orderId);
  if (order.customerId !== customerId) return null;
  return { listingId: item.listingId, received: order.status === 'received' || order.status === 'completed', reviewed: item.reviewed };
}

export async function markReviewed(ctx: Ctx, orderItemId: number): Promise<void> {
  await updateItem(ctx, orderItemId, { reviewed: true });
}
