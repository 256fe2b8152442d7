/**
 * A shopper's stored-value balance: topped up by recharges paid through a gateway, spent at
 * checkout, credited by refunds of balance payments. Spending holds a lock on the shopper's
 * account so two checkouts cannot both spend the same money.
 */
import type { Ctx } from '../../core/context.js';
import { requireTenantId } from '../../core/context.js';
import { conflict } from '../../core/errors.js';
import { withLock } from '../../core/lock.js';
import { balanceOf, post, type Account } from './ledger.js';

export const shopperAccount = (customerId: number): Account => ({ type: 'shopper', id: customerId });

export async function shopperBalance(ctx: Ctx, customerId: number): Promise<number> {
  return (await balanceOf(ctx, shopperAccount(customerId))).available;
}

export function balanceLock<T>(ctx: Ctx, customerId: number, fn: () => Promise<T>): Promise<T> {
  return withLock(`balance:${requireTenantId(ctx)}:${customerId}`, fn, { ttlMs: 15_000, waitMs: 10_000 });
}

/** Spends from the balance (caller holds balanceLock and a transaction); 409 when short. */
export async function spendBalance(ctx: Ctx, customerId: number, amount: number, ref: { paymentId: number; orderId: number | null }): Promise<void> {
  const available = await shopperBalance(ctx, customerId);
  if (available < amount) throw conflict('insufficient_balance', `The balance (${available} fen) does not cover ${amount} fen`, { available, required: amount });
  await post(ctx, [{ account: shopperAccount(customerId), bucket: 'available', amount: -amount, kind: 'balance_payment', orderId: ref.orderId, refType: 'payment', refId: ref.paymentId, dedupeKey: `payment:${ref.paymentId}:spend` }]);
}

export async function creditBalance(ctx: Ctx, customerId: number, amount: number, kind: 'recharge' | 'balance_refund', ref: { type: string; id: number; orderId?: number | null }): Promise<void> {
  await post(ctx, [{ account: shopperAccount(customerId), bucket: 'available', amount, kind, orderId: ref.orderId ?? null, refType: ref.type, refId: ref.id, dedupeKey: `${ref.type}:${ref.id}:${kind}` }]);
}
