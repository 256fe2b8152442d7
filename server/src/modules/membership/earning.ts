/**
 * Points and growth from orders: credited once when an order completes, on what the shopper paid
 * for the goods (freight and refunds left out), and taken back by later refunds in proportion.
 * A refund never takes the balance below zero: what was spent already is recorded on the entry as
 * its `shortfall` and not taken back (the shop gave those points; the shopper used them).
 */
import type { Ctx } from '../../core/context.js';
import { withTransaction } from '../../core/db/index.js';
import { settingsOf } from '../../core/settings.js';
import { loadOrder, type RefundEvent } from '../orders/index.js';
import { record } from './ledger.js';
import * as repo from './repository.js';
import { membershipSettings } from './settings.js';

/** What an order earns on: the goods the shopper paid for and kept, in fen. */
export function earningBase(order: { paidAmount: number; refundedAmount: number; freightAmount: number }): number {
  return Math.max(0, Math.min(order.paidAmount - order.refundedAmount, order.paidAmount - order.freightAmount));
}

/** The order completed: its points and growth, once however often the event arrives. */
export async function creditCompletedOrder(ctx: Ctx, orderId: number): Promise<void> {
  const settings = await settingsOf(ctx, membershipSettings);
  if (!settings.enabled) return;
  await withTransaction(ctx, async (tx) => {
    const order = await loadOrder(tx, orderId);
    if (order.status !== 'completed') return;
    const base = earningBase(order);
    const points = Math.floor((base * settings.pointsPerYuan) / 100);
    const growth = Math.floor((base * settings.growthPerYuan) / 100);
    if (!points && !growth) return;
    await record(tx, { customerId: order.customerId, kind: 'earn_order', refId: order.id, orderId: order.id, points, growth, amount: base, note: order.orderNo });
  });
}

/**
 * A refund succeeded (inside its transaction): the order's points and growth shrink to what the
 * money kept earns. Counted from the order's entries each time, so refunds in several parts add up
 * to the whole and rounding never drifts.
 */
export async function reverseForRefund(tx: Ctx, event: RefundEvent): Promise<void> {
  if (event.outcome !== 'succeeded') return;
  const entries = await repo.entriesOfOrder(tx, event.orderId, ['earn_order', 'refund_reversal']);
  const earned = entries.find((e) => e.kind === 'earn_order');
  if (!earned || !earned.amount) return;
  const before = entries.filter((e) => e.kind === 'refund_reversal');
  const refunded = before.reduce((sum, e) => sum + e.amount, 0) + event.amount;
  const kept = Math.max(0, earned.amount - refunded);
  const pointsDue = earned.points - Math.floor((earned.points * kept) / earned.amount) - before.reduce((sum, e) => sum - e.points + e.shortfall, 0);
  const growthDue = earned.growth - Math.floor((earned.growth * kept) / earned.amount) + before.reduce((sum, e) => sum + e.growth, 0);
  if (pointsDue <= 0 && growthDue <= 0) return;
  const account = await repo.accountOf(tx, earned.customerId, true);
  if (!account) return;
  const points = Math.min(Math.max(0, pointsDue), account.points);
  const growth = Math.min(Math.max(0, growthDue), account.growth);
  await record(tx, {
    customerId: earned.customerId,
    kind: 'refund_reversal',
    refId: event.refundId,
    orderId: event.orderId,
    points: -points,
    growth: -growth,
    amount: event.amount,
    shortfall: Math.max(0, pointsDue) - points,
    note: earned.note,
  });
}
