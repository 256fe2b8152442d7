/**
 * Refunds of an order, in three steps that each happen once:
 *
 * 1. **Reserve**, in one transaction under the order's row lock (every writer of an order's lines
 *    takes it first, so two refunds, or a refund and a shipment, never decide on the same units):
 *    the refund is planned against what is really left of each line (paid, less refunded, less
 *    what refunds in flight hold), the lines and freight hold it, the ledger takes each party's
 *    share into clearing, and the payment reserves the amount.
 * 2. **Send** to the gateway, outside any transaction (payments' sendRefund; a job sends again
 *    what a crash left unsent).
 * 3. **Apply** when the gateway confirms (units and money move from refunding to refunded, stock
 *    that never shipped goes back, the status follows), or **release** when it refuses.
 */
import type { Ctx } from '../../core/context.js';
import { withTransaction } from '../../core/db/index.js';
import { conflict, invalidState, ValidationError } from '../../core/errors.js';
import { cancelJob } from '../../core/jobs.js';
import { runEach } from '../../core/hooks.js';
import { releaseStock } from '../catalog/index.js';
import { holdRefund, type OrderLine } from '../finance/index.js';
import { refundsOf, reserveRefund, sendRefund, succeededPaymentOf, type Refund, type RefundView } from '../payments/index.js';
import { updateFulfillment, updateFulfillmentsOfOrder, updateItem, type FulfillmentChanges, type FulfillmentRow, type OrderItemChanges, type OrderItemRow } from './repository/lines.js';
import { updateOrder, type OrderRow } from './repository/orders.js';
import { settleDelivery } from './delivery.js';
import { loadOrder, rowsOf } from './order-rows.js';
import { moveOrder } from './state.js';
import { orderRefunded } from './hooks.js';

export interface RefundPlan {
  /** `cancel`: of the units refunded, those that had not shipped: they never will, and go back to stock. */
  lines: Array<{ orderItemId: number; quantity: number; amount: number; cancel: number }>;
  freight: Array<{ fulfillmentId: number; amount: number }>;
}

export interface RefundRequest {
  /** Units of some lines; none: everything that is left. A line may be listed more than once: its quantities add up. */
  items?: Array<{ orderItemId: number; quantity: number }>;
  /** Less than what the units are worth (a price compensation): spread over the lines. */
  amount?: number;
  /** The shopper keeps the goods: money comes back, no unit counts as refunded. */
  moneyOnly?: boolean;
  /** The units came back after shipping (a return): none of them cancels a unit still to ship. */
  goodsBack?: boolean;
  reason: string;
  aftersaleId?: number;
}

const REFUNDABLE = ['paid', 'shipped', 'received', 'completed'];

export const unitsLeft = (i: OrderItemRow) => i.quantity - i.refundedQuantity - i.refundingQuantity;
export const moneyLeft = (i: OrderItemRow) => i.paid - i.refundedAmount - i.refundingAmount;
/** Units still owed to the shopper: neither shipped nor cancelled by a refund (nor held for one). */
export const toShip = (i: OrderItemRow) => i.quantity - i.shippedQuantity - i.cancelledQuantity - i.cancellingQuantity;
/** Shipped units the shopper still has (not refunded as a return). */
export const keptShipped = (i: OrderItemRow) => i.shippedQuantity - (i.refundedQuantity - i.cancelledQuantity) - (i.refundingQuantity - i.cancellingQuantity);

/** Each line once, its quantities added up, named by where it first appears in the request. */
export function sumLines(items: Array<{ orderItemId: number; quantity: number }>): Array<{ orderItemId: number; quantity: number; index: number }> {
  const summed = new Map<number, { orderItemId: number; quantity: number; index: number }>();
  items.forEach((r, index) => {
    const line = summed.get(r.orderItemId);
    if (line) line.quantity += r.quantity;
    else summed.set(r.orderItemId, { orderItemId: r.orderItemId, quantity: r.quantity, index });
  });
  return [...summed.values()];
}

/**
 * How a refund splits over lines, and freight when it gives back everything before anything
 * shipped. Pure: the caller reads the rows (under the order's lock when it reserves).
 */
export function planRefund(order: OrderRow, items: OrderItemRow[], fulfillments: FulfillmentRow[], request: Omit<RefundRequest, 'reason'>): { plan: RefundPlan; total: number } {
  if (!REFUNDABLE.includes(order.status)) throw invalidState(`An order that is ${order.status} cannot be refunded`);
  const chosen = request.items?.length
    ? sumLines(request.items).map((r) => {
        const item = items.find((i) => i.id === r.orderItemId);
        if (!item) throw ValidationError.field(`items[${r.index}].orderItemId`, 'not an item of this order');
        if (r.quantity > unitsLeft(item)) throw ValidationError.field(`items[${r.index}].quantity`, `at most ${unitsLeft(item)} left to refund`);
        return { item, quantity: r.quantity };
      })
    : items.filter((i) => unitsLeft(i) > 0 || moneyLeft(i) > 0).map((item) => ({ item, quantity: unitsLeft(item) }));
  // every unit left gives back exactly the money left; fewer units, their share of it
  const lines = chosen.map(({ item, quantity }) => ({
    orderItemId: item.id,
    quantity,
    amount: quantity >= unitsLeft(item) ? moneyLeft(item) : Math.floor((moneyLeft(item) * quantity) / Math.max(1, unitsLeft(item))),
    // units not sent back are taken from those still to ship first
    cancel: request.goodsBack ? 0 : Math.min(quantity, toShip(item)),
  }));
  const goods = lines.reduce((s, l) => s + l.amount, 0);
  const takesEverything = items.every((i) => {
    const line = lines.find((l) => l.orderItemId === i.id);
    return unitsLeft(i) === (line?.quantity ?? 0) && moneyLeft(i) === (line?.amount ?? 0);
  });
  const freightLeft = takesEverything && items.every((i) => i.shippedQuantity === 0) ? fulfillments.map((f) => ({ fulfillmentId: f.id, amount: f.freightAmount - f.freightRefunded })).filter((f) => f.amount > 0) : [];
  let freight = freightLeft;
  if (request.amount !== undefined) {
    const most = goods + freightLeft.reduce((s, f) => s + f.amount, 0);
    if (request.amount > most) throw conflict('refund_exceeds_payment', `At most ${most} fen can be refunded for this`, { refundable: most });
    // the goods first, in proportion to what each line has left; freight only once the goods are whole
    const forGoods = Math.min(request.amount, goods);
    let rest = forGoods;
    lines.forEach((l, i) => {
      const share = i === lines.length - 1 ? rest : Math.floor((forGoods * l.amount) / Math.max(1, goods));
      l.amount = Math.min(l.amount, share);
      rest -= l.amount;
    });
    let forFreight = request.amount - forGoods;
    freight = freightLeft.map((f) => {
      const amount = Math.min(f.amount, forFreight);
      forFreight -= amount;
      return { ...f, amount };
    });
    if (!request.items?.length) lines.forEach((l) => ((l.quantity = 0), (l.cancel = 0)));
  }
  if (request.moneyOnly) lines.forEach((l) => ((l.quantity = 0), (l.cancel = 0)));
  const plan = { lines: lines.filter((l) => l.amount > 0 || l.quantity > 0), freight: freight.filter((f) => f.amount > 0) };
  const total = plan.lines.reduce((s, l) => s + l.amount, 0) + plan.freight.reduce((s, f) => s + f.amount, 0);
  if (total <= 0) throw conflict('refund_exceeds_payment', 'Nothing is left to refund');
  return { plan, total };
}

/** What a refund would give back now, on committed rows (a case's amount, a preview). */
export async function previewRefund(ctx: Ctx, orderId: number, request: Omit<RefundRequest, 'reason'>): Promise<{ plan: RefundPlan; total: number }> {
  const order = await loadOrder(ctx, orderId);
  const [items, fulfillments] = await rowsOf(ctx, orderId);
  return planRefund(order, items, fulfillments, request);
}

/** Step 1, inside the caller's transaction: plan under the order's lock and reserve. */
export async function reserveOrderRefund(ctx: Ctx, orderId: number, request: RefundRequest): Promise<Refund> {
  const order = await loadOrder(ctx, orderId, true);
  const [items, fulfillments] = await rowsOf(ctx, orderId);
  const { plan, total } = planRefund(order, items, fulfillments, request);
  const payment = await succeededPaymentOf(ctx, orderId);
  if (!payment) throw invalidState('The order has no payment to refund');
  return reserveRefund(ctx, { paymentId: payment.id, amount: total, reason: request.reason, orderId, aftersaleId: request.aftersaleId ?? null, details: plan as unknown as Record<string, unknown> });
}

/** Refunds through the order's payment: reserved in one transaction, then sent. */
export async function refundOrder(ctx: Ctx, orderId: number, request: RefundRequest): Promise<RefundView> {
  const refund = await withTransaction(ctx, (tx) => reserveOrderRefund(tx, orderId, request));
  return sendRefund({ ...ctx, transaction: null }, refund.id);
}

const planOf = (refund: Refund): RefundPlan | null => {
  const details = (refund.details ?? {}) as Partial<RefundPlan> & { orphan?: boolean };
  return details.lines ? { lines: details.lines, freight: details.freight ?? [] } : null;
};

/** A refund's plan, its order locked and the order's rows read; null for money the order never took (an unmatched payment, in clearing already). */
async function plannedRows(ctx: Ctx, refund: Refund) {
  const plan = planOf(refund);
  if (!plan) return null;
  const order = await loadOrder(ctx, refund.orderId!, true);
  const [items, fulfillments] = await rowsOf(ctx, order.id);
  return { plan, order, items, fulfillments };
}

/** Writes a line's new counts and keeps the row read under the lock in step with them. */
async function changeItem(ctx: Ctx, item: OrderItemRow, changes: OrderItemChanges): Promise<void> {
  await updateItem(ctx, item.id, changes);
  Object.assign(item, changes);
}

async function changeFulfillment(ctx: Ctx, row: FulfillmentRow, changes: FulfillmentChanges): Promise<void> {
  await updateFulfillment(ctx, row.id, changes);
  Object.assign(row, changes);
}

const orderLine = (i: OrderItemRow): OrderLine => ({ id: i.id, ownerKind: i.ownerKind, ownerId: i.ownerId, supplyPrice: i.supplyPrice, quantity: i.quantity, paid: i.paid, feeBps: i.feeBps });

/**
 * The hold a reserved refund puts on the order (payments calls it in the reserving transaction):
 * lines and freight, checked once more against what is left, and the ledger's shares.
 */
export async function holdOrderRefund(ctx: Ctx, refund: Refund): Promise<void> {
  const rows = await plannedRows(ctx, refund);
  if (!rows) return;
  const { plan, order, items, fulfillments } = rows;
  const refundedBefore = new Map(items.map((i) => [i.id, i.refundedAmount + i.refundingAmount]));
  const lines = [];
  for (const line of plan.lines) {
    const item = items.find((i) => i.id === line.orderItemId);
    const cancel = line.cancel ?? 0;
    if (!item || line.quantity > unitsLeft(item) || line.amount > moneyLeft(item) || cancel > toShip(item)) throw conflict('refund_exceeds_payment', 'The order changed meanwhile; nothing was refunded');
    await changeItem(ctx, item, { refundingQuantity: item.refundingQuantity + line.quantity, refundingAmount: item.refundingAmount + line.amount, cancellingQuantity: item.cancellingQuantity + cancel });
    lines.push({ line: orderLine(item), quantity: line.quantity, amount: line.amount });
  }
  const freight = [];
  for (const f of plan.freight) {
    const row = fulfillments.find((x) => x.id === f.fulfillmentId);
    if (!row || f.amount > row.freightAmount - row.freightRefunded) throw conflict('refund_exceeds_payment', 'The freight was given back already');
    await changeFulfillment(ctx, row, { freightRefunded: row.freightRefunded + f.amount });
    freight.push({ ownerKind: row.ownerKind, ownerId: row.ownerId, amount: f.amount });
  }
  const money = { id: order.id, tenantId: order.tenantId, payAmount: order.payAmount, lines: items.map(orderLine), fulfillments: fulfillments.map((f) => ({ ownerKind: f.ownerKind, ownerId: f.ownerId, freightAmount: f.freightAmount })) };
  await holdRefund(ctx, money, { refundId: refund.id, amount: refund.amount, lines, freight, refundedBefore, settled: order.settled });
}


/** Step 3: the gateway paid. Units and money move from refunding to refunded; units cancelled before shipping return to stock. */
export async function applyOrderRefund(ctx: Ctx, refund: Refund): Promise<void> {
  const rows = await plannedRows(ctx, refund);
  if (!rows) return;
  const { plan, order, items, fulfillments } = rows;
  for (const line of plan.lines) {
    const item = items.find((i) => i.id === line.orderItemId);
    if (!item) continue;
    const cancel = line.cancel ?? 0;
    const warehouseId = fulfillments.find((f) => f.id === item.fulfillmentId)?.warehouseId;
    // warehouse 0: goods a pickup place holds (a store): they are counted back there by its staff (a stock adjust), never into a warehouse
    if (cancel > 0 && warehouseId) await releaseStock(ctx, item.skuId, warehouseId, cancel);
    await changeItem(ctx, item, {
        refundedQuantity: item.refundedQuantity + line.quantity,
        refundedAmount: item.refundedAmount + line.amount,
        refundingQuantity: item.refundingQuantity - line.quantity,
        refundingAmount: item.refundingAmount - line.amount,
        cancelledQuantity: item.cancelledQuantity + cancel,
        cancellingQuantity: item.cancellingQuantity - cancel,
    });
  }
  const refundedAmount = order.refundedAmount + refund.amount;
  await updateOrder(ctx, order.id, { refundedAmount });
  order.refundedAmount = refundedAmount;
  if (refundedAmount >= order.paidAmount && order.status !== 'refunded' && order.status !== 'completed') {
    await moveOrder(ctx, order, 'refunded', 'fully refunded');
    await updateFulfillmentsOfOrder(ctx, order.id, { status: 'cancelled' }, { status: ['pending', 'to_ship', 'ready_for_pickup'] });
    await cancelJob(ctx, `order:${order.id}:receive`);
    await cancelJob(ctx, `order:${order.id}:complete`);
  } else {
    await settleDelivery(ctx, order);
  }
  await runEach(orderRefunded, ctx, { orderId: order.id, refundId: refund.id, aftersaleId: refund.aftersaleId, amount: refund.amount, outcome: 'succeeded' });
}

/** The gateway refused: the lines and freight let go of what the refund held (the ledger's shares come back in payments). */
export async function releaseOrderRefund(ctx: Ctx, refund: Refund): Promise<void> {
  const rows = await plannedRows(ctx, refund);
  if (!rows) return;
  const { plan, order, items, fulfillments } = rows;
  for (const line of plan.lines) {
    const item = items.find((i) => i.id === line.orderItemId);
    if (item) await changeItem(ctx, item, { refundingQuantity: item.refundingQuantity - line.quantity, refundingAmount: item.refundingAmount - line.amount, cancellingQuantity: item.cancellingQuantity - (line.cancel ?? 0) });
  }
  for (const f of plan.freight) {
    const row = fulfillments.find((x) => x.id === f.fulfillmentId);
    if (row) await changeFulfillment(ctx, row, { freightRefunded: row.freightRefunded - f.amount });
  }
  await runEach(orderRefunded, ctx, { orderId: order.id, refundId: refund.id, aftersaleId: refund.aftersaleId, amount: refund.amount, outcome: 'failed' });
}

/** Whether a refund is still on its way for the order: it may not complete (and settle) meanwhile. */
export async function refundInFlight(ctx: Ctx, orderId: number): Promise<boolean> {
  return (await refundsOf(ctx, { orderId }, ['pending'])).length > 0;
}
