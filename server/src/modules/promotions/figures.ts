/**
 * The figures' one moving part: when an order that used a promotion is paid, its usages are marked
 * paid with what the order paid (GMV). A retried delivery marks nothing twice (`paid_at IS NULL`).
 */
import { clock } from '../../core/clock.js';
import { on } from '../../core/events.js';
import { loadOrder, orderPaid } from '../orders/index.js';
import * as repo from './repository.js';

export const usagesPaid = on(orderPaid, 'promotions.usages-paid', async (ctx, e) => {
  if (!(await repo.hasUnpaidUsages(ctx, e.orderId))) return;
  const order = await loadOrder(ctx, e.orderId);
  await repo.markUsagesPaid(ctx, e.orderId, order.payAmount, clock.now());
});
