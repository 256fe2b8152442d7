/**
 * An order's life after it is placed: paying, the unpaid timeout and cancelling, shipping
 * (partial shipments too), receipt (by the shopper or automatically), self-pickup, completion and
 * settlement, and refunds. Every status move goes through moveOrder (state.ts).
 */
import { randomInt } from 'node:crypto';
import { Op, Transaction } from 'sequelize';
import { clock, days } from '../../core/clock.js';
import type { Actor, Ctx } from '../../core/context.js';
import { requireTenantId } from '../../core/context.js';
import { inTx, withTransaction } from '../../core/db/index.js';
import { conflict, invalidState, notFound, ValidationError } from '../../core/errors.js';
import { cancelJob, defineJob, scheduleJob } from '../../core/jobs.js';
import { emit, subscribe } from '../../core/outbox.js';
import { countSales, releaseStock } from '../catalog/index.js';
import { followParcel } from '../fulfillment/index.js';
import { bookPayment, bookRefund, settleOrder, type OrderMoney } from '../finance/index.js';
import { countListingSales } from '../market/index.js';
import { refundPayment, registerPurpose, startPayment, succeededPaymentOf, type PayerDetails, type PaymentMethod, type PaymentView, type RefundView } from '../payments/index.js';
import { tenantSettings } from '../tenants/index.js';
import { Fulfillment, Order, OrderItem, Shipment } from './model.js';
import { moveOrder } from './state.js';

type ShopperCtx = Ctx & { actor: Extract<Actor, { kind: 'shopper' }> };

export async function loadOrder(ctx: Ctx, id: number, lock = false): Promise<Order> {
  const order = await Order.findOne({ where: { tenantId: requireTenantId(ctx), id }, ...(lock && ctx.transaction ? { lock: Transaction.LOCK.UPDATE } : {}), ...inTx(ctx) });
  if (!order) throw notFound('Order');
  return order;
}

export async function loadShopperOrder(ctx: ShopperCtx, id: number, lock = false): Promise<Order> {
  const order = await loadOrder(ctx, id, lock);
  if (order.customerId !== ctx.actor.id) throw notFound('Order');
  return order;
}

export async function itemsOf(ctx: Ctx, orderId: number): Promise<OrderItem[]> {
  return OrderItem.findAll({ where: { tenantId: requireTenantId(ctx), orderId }, order: [['id', 'ASC']], ...inTx(ctx) });
}

async function fulfillmentsOf(ctx: Ctx, orderId: number): Promise<Fulfillment[]> {
  return Fulfillment.findAll({ where: { tenantId: requireTenantId(ctx), orderId }, order: [['id', 'ASC']], ...inTx(ctx) });
}

async function moneyOf(ctx: Ctx, order: Order): Promise<OrderMoney> {
  const [items, fulfillments] = await Promise.all([itemsOf(ctx, order.id), fulfillmentsOf(ctx, order.id)]);
  return {
    id: order.id,
    tenantId: order.tenantId,
    payAmount: order.payAmount,
    lines: items.map((i) => ({ id: i.id, ownerKind: i.ownerKind, ownerId: i.ownerId, supplyPrice: i.supplyPrice, quantity: i.quantity, paid: i.paid, feeBps: i.feeBps })),
    fulfillments: fulfillments.map((f) => ({ ownerKind: f.ownerKind, ownerId: f.ownerId, freightAmount: f.freightAmount })),
  };
}

/** Units still at the warehouse go back to stock. */
async function releaseUnshipped(ctx: Ctx, item: OrderItem, quantity: number): Promise<void> {
  if (quantity <= 0) return;
  const f = await Fulfillment.findOne({ where: { tenantId: item.tenantId, id: item.fulfillmentId }, attributes: ['warehouseId'], ...inTx(ctx) });
  if (f) await releaseStock(ctx, item.skuId, f.warehouseId, quantity);
}

// ---- paying ----

export async function payOrder(ctx: ShopperCtx, orderId: number, method: PaymentMethod, payer: PayerDetails = {}): Promise<PaymentView> {
  const order = await loadShopperOrder(ctx, orderId);
  if (order.status !== 'pending_payment') throw invalidState(`The order is ${order.status}`);
  if (order.expiresAt.getTime() <= clock.nowMs()) throw invalidState('The order has expired');
  return startPayment(ctx, { purpose: 'order', customerId: ctx.actor.id, orderId, amount: order.payAmount, method, description: `订单 ${order.orderNo}`, ...payer });
}

function pickupCode(): string {
  return String(randomInt(0, 100_000_000)).padStart(8, '0');
}

registerPurpose('order', {
  /** The payment's transaction: the order becomes paid, or the money goes back. */
  async onSucceeded(ctx, payment) {
    const order = await loadOrder(ctx, payment.orderId!, true);
    if (order.status !== 'pending_payment' || payment.amount !== order.payAmount) return 'refund';
    await moveOrder(ctx, order, 'paid', `paid by ${payment.method}`, {
      paidAt: clock.now(),
      paidAmount: payment.amount,
      ...(order.delivery === 'pickup' ? { pickupCode: pickupCode() } : {}),
    });
    await Fulfillment.update({ status: 'to_ship' }, { where: { tenantId: order.tenantId, orderId: order.id, status: 'pending' }, ...inTx(ctx) });
    await cancelJob(ctx, `order:${order.id}:cancel`);
    await bookPayment(ctx, await moneyOf(ctx, order), payment.id);
    await emit(ctx, 'order.paid', { tenantId: order.tenantId, orderId: order.id });
    return 'kept';
  },
  async onRefunded(ctx, refund) {
    await applyRefund(ctx, refund.orderId!, refund.id, refund.amount, (refund.details ?? {}) as unknown as RefundPlan, refund.aftersaleId);
  },
});

/** Sales counts feed best-selling sorts; counted off the order's transaction, away from hot rows. */
subscribe<{ orderId: number }>('order.paid', 'orders.count-sales', async (ctx, e) => {
  for (const item of await itemsOf(ctx, e.orderId)) {
    await countSales(ctx, item.productId, item.quantity);
    await countListingSales(ctx, item.listingId, item.quantity);
  }
});

// ---- cancelling ----

export async function cancelOrder(ctx: Ctx, orderId: number, reason: string): Promise<Order> {
  return withTransaction(ctx, async (tx) => {
    const order = await loadOrder(tx, orderId, true);
    if (order.status !== 'pending_payment') throw invalidState(`An order that is ${order.status} cannot be cancelled; ask for a refund instead`);
    await moveOrder(tx, order, 'cancelled', reason, { cancelledAt: clock.now(), cancelReason: reason.slice(0, 64) });
    for (const item of await itemsOf(tx, orderId)) await releaseUnshipped(tx, item, item.quantity);
    await Fulfillment.update({ status: 'cancelled' }, { where: { tenantId: order.tenantId, orderId }, ...inTx(tx) });
    await cancelJob(tx, `order:${orderId}:cancel`);
    return order;
  });
}

defineJob('orders.cancel-unpaid', async (ctx, payload) => {
  const order = await Order.findOne({ where: { tenantId: requireTenantId(ctx), id: Number(payload.orderId) }, ...inTx(ctx) });
  if (order?.status === 'pending_payment') await cancelOrder(ctx, order.id, 'unpaid in time');
});

// ---- shipping ----

export interface ShipInput {
  carrier: string;
  trackingNo: string;
  items?: Array<{ orderItemId: number; quantity: number }>;
}

/** Ships some or all of a fulfilment's remaining units; the order is shipped once every fulfilment is. */
export async function shipFulfillment(ctx: Ctx, fulfillmentId: number, input: ShipInput, owner?: { kind: 'supplier' | 'tenant'; id: number }): Promise<{ fulfillment: Fulfillment; shipment: Shipment }> {
  const result = await withTransaction(ctx, async (tx) => {
    const tenantId = requireTenantId(tx);
    const fulfillment = await Fulfillment.findOne({ where: { tenantId, id: fulfillmentId }, lock: tx.transaction ? Transaction.LOCK.UPDATE : undefined, ...inTx(tx) });
    if (!fulfillment || (owner && (fulfillment.ownerKind !== owner.kind || fulfillment.ownerId !== owner.id))) throw notFound('Fulfillment');
    if (fulfillment.status !== 'to_ship') throw invalidState(`A fulfilment that is ${fulfillment.status} cannot be shipped`);
    const order = await loadOrder(tx, fulfillment.orderId, true);
    if (order.delivery === 'pickup') throw invalidState('This order is picked up at the shop');
    const items = await OrderItem.findAll({ where: { tenantId, fulfillmentId }, order: [['id', 'ASC']], ...inTx(tx) });
    const remaining = (i: OrderItem) => i.quantity - i.refundedQuantity - i.shippedQuantity;
    const shipping = input.items?.length ? input.items : items.filter((i) => remaining(i) > 0).map((i) => ({ orderItemId: i.id, quantity: remaining(i) }));
    shipping.forEach((s, index) => {
      const item = items.find((i) => i.id === s.orderItemId);
      if (!item) throw ValidationError.field(`items[${index}].orderItemId`, 'not an item of this fulfilment');
      if (s.quantity > remaining(item)) throw ValidationError.field(`items[${index}].quantity`, `at most ${remaining(item)} left to ship`);
    });
    if (!shipping.length) throw invalidState('Nothing is left to ship');
    const now = clock.now();
    for (const s of shipping) {
      const item = items.find((i) => i.id === s.orderItemId)!;
      await item.update({ shippedQuantity: item.shippedQuantity + s.quantity }, inTx(tx));
    }
    const shipment = await Shipment.create({ tenantId, fulfillmentId, orderId: order.id, carrier: input.carrier, trackingNo: input.trackingNo, items: shipping, shippedAt: now }, inTx(tx));
    if (items.every((i) => remaining(i) === 0)) await fulfillment.update({ status: 'shipped', shippedAt: now }, inTx(tx));
    const all = await fulfillmentsOf(tx, order.id);
    if (order.status === 'paid' && all.every((f) => f.status === 'shipped' || f.status === 'cancelled')) {
      await moveOrder(tx, order, 'shipped', null, { shippedAt: now });
      const settings = await tenantSettings(tx, tenantId);
      await scheduleJob(tx, 'orders.auto-receive', new Date(now.getTime() + days(settings.autoReceiveDays)), { orderId: order.id }, { dedupeKey: `order:${order.id}:receive` });
    }
    await emit(tx, 'order.shipment', { tenantId, orderId: order.id, fulfillmentId, shipmentId: shipment.id });
    return { fulfillment, shipment, phone: order.address?.phone };
  });
  await followParcel({ ...ctx, transaction: null }, input.carrier, input.trackingNo, result.phone?.slice(-4)).catch(() => undefined);
  return { fulfillment: result.fulfillment, shipment: result.shipment };
}

// ---- receipt, pickup, completion ----

async function markReceived(ctx: Ctx, order: Order, note: string): Promise<void> {
  const now = clock.now();
  await moveOrder(ctx, order, 'received', note, { receivedAt: now });
  await Fulfillment.update({ status: 'received', receivedAt: now }, { where: { tenantId: order.tenantId, orderId: order.id, status: { [Op.ne]: 'cancelled' } }, ...inTx(ctx) });
  await cancelJob(ctx, `order:${order.id}:receive`);
  const settings = await tenantSettings(ctx, order.tenantId);
  await scheduleJob(ctx, 'orders.complete', new Date(now.getTime() + days(settings.afterSalesDays)), { orderId: order.id }, { dedupeKey: `order:${order.id}:complete` });
}

export async function confirmReceipt(ctx: ShopperCtx, orderId: number): Promise<Order> {
  return withTransaction(ctx, async (tx) => {
    const order = await loadShopperOrder(tx, orderId, true);
    if (order.status !== 'shipped') throw invalidState(`An order that is ${order.status} cannot be received`);
    await markReceived(tx, order, 'confirmed by the shopper');
    return order;
  });
}

defineJob('orders.auto-receive', async (ctx, payload) => {
  await withTransaction(ctx, async (tx) => {
    const order = await loadOrder(tx, Number(payload.orderId), true);
    if (order.status === 'shipped') await markReceived(tx, order, 'confirmed automatically');
  });
});

/** The shop hands self-pickup goods over against the shopper's code. */
export async function verifyPickup(ctx: Ctx, code: string): Promise<Order> {
  return withTransaction(ctx, async (tx) => {
    const order = await Order.findOne({ where: { tenantId: requireTenantId(tx), pickupCode: code, status: 'paid', delivery: 'pickup' }, ...inTx(tx) });
    if (!order) throw ValidationError.field('code', 'no paid pickup order has this code');
    await markReceived(tx, order, 'picked up at the shop');
    return order;
  });
}

type CompletionCheck = (ctx: Ctx, orderId: number) => Promise<boolean>;
let mayComplete: CompletionCheck = async () => true;
/** After-sales registers whether open cases hold an order's completion. */
export function onCompletionCheck(fn: CompletionCheck): void {
  mayComplete = fn;
}

defineJob('orders.complete', async (ctx, payload) => {
  const orderId = Number(payload.orderId);
  await withTransaction(ctx, async (tx) => {
    const order = await loadOrder(tx, orderId, true);
    if (order.status !== 'received') return;
    if (!(await mayComplete(tx, orderId))) {
      await scheduleJob(tx, 'orders.complete', new Date(clock.nowMs() + days(1)), { orderId }, { dedupeKey: `order:${orderId}:complete-retry:${clock.nowMs()}` });
      return;
    }
    await moveOrder(tx, order, 'completed', 'after-sales window closed', { completedAt: clock.now() });
    await settleOrder(tx, orderId);
    await order.update({ settled: true }, inTx(tx));
  });
});

// ---- refunds ----

export interface RefundPlan {
  lines: Array<{ orderItemId: number; quantity: number; amount: number }>;
  freight: Array<{ fulfillmentId: number; amount: number }>;
}

export interface RefundRequest {
  amount?: number;
  items?: Array<{ orderItemId: number; quantity: number }>;
  reason: string;
  aftersaleId?: number;
}

/** How a refund splits over lines (and freight, for a whole refund before anything shipped). */
export async function planRefund(ctx: Ctx, orderId: number, request: Omit<RefundRequest, 'reason'>): Promise<{ plan: RefundPlan; total: number }> {
  const order = await loadOrder(ctx, orderId);
  if (!['paid', 'shipped', 'received', 'completed'].includes(order.status)) throw invalidState(`An order that is ${order.status} cannot be refunded`);
  const items = await itemsOf(ctx, orderId);
  const left = (i: OrderItem) => i.paid - i.refundedAmount;
  const unitsLeft = (i: OrderItem) => i.quantity - i.refundedQuantity;
  const chosen = request.items?.length
    ? request.items.map((r, index) => {
        const item = items.find((i) => i.id === r.orderItemId);
        if (!item) throw ValidationError.field(`items[${index}].orderItemId`, 'not an item of this order');
        if (r.quantity > unitsLeft(item)) throw ValidationError.field(`items[${index}].quantity`, `at most ${unitsLeft(item)}`);
        return { item, quantity: r.quantity };
      })
    : items.filter((i) => unitsLeft(i) > 0 || left(i) > 0).map((item) => ({ item, quantity: unitsLeft(item) }));
  // refunding every unit left gives back exactly what is left; fewer units, their share of it
  const lines = chosen.map(({ item, quantity }) => ({
    orderItemId: item.id,
    quantity,
    amount: quantity >= unitsLeft(item) ? left(item) : Math.floor((left(item) * quantity) / Math.max(1, unitsLeft(item))),
  }));
  const nothingShipped = items.every((i) => i.shippedQuantity === 0);
  const whole = !request.items?.length && request.amount === undefined;
  const fulfillments = await fulfillmentsOf(ctx, orderId);
  const freight = whole && nothingShipped && order.refundedAmount === 0 ? fulfillments.filter((f) => f.freightAmount > 0).map((f) => ({ fulfillmentId: f.id, amount: f.freightAmount })) : [];
  let total = lines.reduce((s, l) => s + l.amount, 0) + freight.reduce((s, f) => s + f.amount, 0);
  if (request.amount !== undefined) {
    if (request.amount > total) throw conflict('refund_exceeds_payment', `At most ${total} fen can be refunded for this`, { refundable: total });
    // a smaller amount (a price compensation) is spread over the chosen lines
    let rest = request.amount;
    const goods = lines.reduce((s, l) => s + l.amount, 0);
    lines.forEach((l, i) => {
      const share = i === lines.length - 1 ? rest : Math.floor((request.amount! * l.amount) / Math.max(1, goods));
      l.amount = Math.min(l.amount, share);
      rest -= l.amount;
    });
    if (!request.items?.length) lines.forEach((l) => (l.quantity = 0));
    total = request.amount;
  }
  if (total <= 0) throw conflict('refund_exceeds_payment', 'Nothing is left to refund');
  return { plan: { lines: lines.filter((l) => l.amount > 0 || l.quantity > 0), freight }, total };
}

/** Asks for a refund through the order's payment; it is applied when the gateway confirms. */
export async function refundOrder(ctx: Ctx, orderId: number, request: RefundRequest): Promise<RefundView> {
  const { plan, total } = await planRefund(ctx, orderId, request);
  const payment = await succeededPaymentOf(ctx, orderId);
  if (!payment) throw invalidState('The order has no payment to refund');
  return refundPayment({ ...ctx, transaction: null }, { paymentId: payment.id, amount: total, reason: request.reason, orderId, aftersaleId: request.aftersaleId ?? null, details: plan as unknown as Record<string, unknown> });
}

type RefundListener = (ctx: Ctx, event: { orderId: number; refundId: number; aftersaleId: number | null; amount: number }) => Promise<void>;
const refundListeners: RefundListener[] = [];
export function onOrderRefunded(fn: RefundListener): void {
  refundListeners.push(fn);
}

/** In the transaction that records the refund: items, order, stock, ledger and status follow. */
async function applyRefund(ctx: Ctx, orderId: number, refundId: number, amount: number, plan: RefundPlan, aftersaleId: number | null): Promise<void> {
  const order = await loadOrder(ctx, orderId, true);
  if (!plan.lines) return; // a refund of money the order never took (an orphan payment)
  const items = await itemsOf(ctx, orderId);
  const before = new Map(items.map((i) => [i.id, i.refundedAmount]));
  const refundedLines = [];
  for (const line of plan.lines) {
    const item = items.find((i) => i.id === line.orderItemId);
    if (!item) continue;
    const unshipped = Math.max(0, item.quantity - item.refundedQuantity - item.shippedQuantity);
    await releaseUnshipped(ctx, item, Math.min(line.quantity, unshipped));
    await item.update({ refundedQuantity: item.refundedQuantity + line.quantity, refundedAmount: item.refundedAmount + line.amount }, inTx(ctx));
    refundedLines.push({ line: { id: item.id, ownerKind: item.ownerKind, ownerId: item.ownerId, supplyPrice: item.supplyPrice, quantity: item.quantity, paid: item.paid, feeBps: item.feeBps }, quantity: line.quantity, amount: line.amount });
  }
  const fulfillments = await fulfillmentsOf(ctx, orderId);
  const freight = plan.freight.flatMap((f) => {
    const row = fulfillments.find((x) => x.id === f.fulfillmentId);
    return row ? [{ ownerKind: row.ownerKind, ownerId: row.ownerId, amount: f.amount }] : [];
  });
  await bookRefund(ctx, await moneyOf(ctx, order), { refundId, amount, lines: refundedLines, freight, refundedBefore: before, settled: order.settled });
  const refundedAmount = order.refundedAmount + amount;
  await Order.update({ refundedAmount }, { where: { tenantId: order.tenantId, id: orderId }, ...inTx(ctx) });
  order.refundedAmount = refundedAmount;
  if (refundedAmount >= order.paidAmount && order.status !== 'refunded' && order.status !== 'completed') {
    await moveOrder(ctx, order, 'refunded', 'fully refunded');
    await Fulfillment.update({ status: 'cancelled' }, { where: { tenantId: order.tenantId, orderId, status: ['pending', 'to_ship', 'ready_for_pickup'] }, ...inTx(ctx) });
    await cancelJob(ctx, `order:${orderId}:receive`);
    await cancelJob(ctx, `order:${orderId}:complete`);
  }
  for (const listen of refundListeners) await listen(ctx, { orderId, refundId, aftersaleId, amount });
}

// ---- reviews ----

/** An item a shopper bought, whether it reached them, and whether it was reviewed. */
export async function reviewableItem(ctx: Ctx, customerId: number, orderItemId: number): Promise<{ listingId: number; received: boolean; reviewed: boolean } | null> {
  const item = await OrderItem.findOne({ where: { tenantId: requireTenantId(ctx), id: orderItemId }, ...inTx(ctx) });
  if (!item) return null;
  const order = await loadOrder(ctx, item.orderId);
  if (order.customerId !== customerId) return null;
  return { listingId: item.listingId, received: order.status === 'received' || order.status === 'completed', reviewed: item.reviewed };
}

export async function markReviewed(ctx: Ctx, orderItemId: number): Promise<void> {
  await OrderItem.update({ reviewed: true }, { where: { tenantId: requireTenantId(ctx), id: orderItemId }, ...inTx(ctx) });
}
