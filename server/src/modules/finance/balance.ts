/**
 * A shopper's stored-value balance: topped up by recharges paid through a gateway, spent at
 * checkout, credited by refunds of balance payments. A spend is a covered debit of the balance
 * row (ledger.ts), so two checkouts racing for the same money cannot both take it.
 */
import type { Ctx } from '../../core/context.js';
import { balanceOf, post, type Account } from './ledger.js';

export const shopperAccount = (customerId: number): Account => ({ type: 'shopper', id: customerId });

export async function shopperBalance(ctx: Ctx, customerId: number): Promise<number> {
  return (await balanceOf(ctx, shopperAccount(customerId))).available;
}

/** Spends from the balance inside the caller's transaction; 409 insufficient_balance when short. */
export async function spendBalance(ctx: Ctx, customerId: number, amount: number, ref: { paymentId: number; orderId: number | null }): Promise<void> {
  await post(ctx, [{ account: shopperAccount(customerId), bucket: 'available', amount: -amount, kind: 'balance_payment', orderId: ref.orderId, refType: 'payment', refId: ref.paymentId, dedupeKey: `payment:${ref.paymentId}:spend`, covered: true }]);
}

export async function creditBalance(ctx: Ctx, customerId: number, amount: number, kind: 'recharge' | 'balance_refund', ref: { type: string; id: number; orderId?: number | null }): Promise<void> {
  await post(ctx, [{ account: shopperAccount(customerId), bucket: 'available', amount, kind, orderId: ref.orderId ?? null, refType: ref.type, refId: ref.id, dedupeKey: `${ref.type}:${ref.id}:${kind}` }]);
}
