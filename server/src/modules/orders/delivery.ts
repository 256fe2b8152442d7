/**
 * When an order's goods are all on their way: a fulfilment closes once nothing of it is left to
 * ship (shipped, or cancelled when every unit was refunded before shipping), and an order whose
 * every fulfilment is closed is shipped (auto-receipt scheduled), or received when nothing was left
 * to deliver. Shipping and refunds both end here, so neither leaves an order waiting for a unit
 * that will never ship. Units held by a refund in flight keep their fulfilment open: the refund
 * may still be refused.
 */
import { clock, days } from '../../core/clock.js';
import type { Ctx } from '../../core/context.js';
import { requireTenantId } from '../../core/context.js';
import { cancelJob, scheduleJob } from '../../core/jobs.js';
import { settingsOf } from '../../core/settings.js';
import { rowsOf } from './order-rows.js';
import { updateFulfillment, updateFulfillmentsOfOrder } from './repository/lines.js';
import type { OrderRow } from './repository/orders.js';
import { ordersSettings } from './settings.js';
import { moveOrder } from './state.js';

export async function markReceived(ctx: Ctx, order: OrderRow, note: string): Promise<void> {
  const now = clock.now();
  await moveOrder(ctx, order, 'received', note, { receivedAt: now });
  await updateFulfillmentsOfOrder(ctx, order.id, { status: 'received', receivedAt: now }, { statusNot: 'cancelled' });
  await cancelJob(ctx, `order:${order.id}:receive`);
  const settings = await settingsOf(ctx, ordersSettings, order.tenantId);
  await scheduleJob(ctx, 'orders.complete', new Date(now.getTime() + days(settings.afterSalesDays)), { orderId: order.id }, { dedupeKey: `order:${order.id}:complete` });
}

/** Call under the order's lock, after its lines changed (a shipment, a refund applied). */
export async function settleDelivery(ctx: Ctx, order: OrderRow): Promise<void> {
  if (order.delivery === 'pickup') return;
  const tenantId = requireTenantId(ctx);
  const [items, fulfillments] = await rowsOf(ctx, order.id);
  const now = clock.now();
  for (const f of fulfillments.filter((x) => x.status === 'to_ship')) {
    const own = items.filter((i) => i.fulfillmentId === f.id);
    // units a refund in flight may cancel still count: the refund may yet be refused
    if (own.some((i) => i.quantity - i.shippedQuantity - i.cancelledQuantity > 0)) continue;
    const shipped = own.some((i) => i.shippedQuantity > 0);
    const changes = shipped ? { status: 'shipped' as const, shippedAt: now } : { status: 'cancelled' as const };
    await updateFulfillment(ctx, f.id, changes);
    Object.assign(f, changes);
  }
  if (order.status !== 'paid' || !fulfillments.every((f) => f.status === 'shipped' || f.status === 'cancelled')) return;
  if (fulfillments.some((f) => f.status === 'shipped')) {
    await moveOrder(ctx, order, 'shipped', null, { shippedAt: now });
    const settings = await settingsOf(ctx, ordersSettings, tenantId);
    await scheduleJob(ctx, 'orders.auto-receive', new Date(now.getTime() + days(settings.autoReceiveDays)), { orderId: order.id }, { dedupeKey: `order:${order.id}:receive` });
  } else if (order.refundedAmount < order.paidAmount) {
    await markReceived(ctx, order, 'nothing left to deliver');
  }
}
