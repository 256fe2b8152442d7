/**
 * A promoter's withdrawals. Asking moves the amount from available to held at once (a covered
 * debit: two requests racing for the same money cannot both pass, whatever the engine); the
 * merchant approves, paying it (less the fee, which the shop keeps) into the shopper's stored-value
 * balance, or rejects it and the held amount comes back. The review is a conditional update on the
 * withdrawal's status, so it is decided once.
 */
import { clock } from '../../core/clock.js';
import type { Ctx } from '../../core/context.js';
import { pageOf, withTransaction, type Page, type PageQuery } from '../../core/db/index.js';
import { invalidState, notFound } from '../../core/errors.js';
import { customerBriefs } from '../customers/index.js';
import { post } from '../finance/index.js';
import { distributionErrors as errors } from './errors.js';
import * as repo from './repository.js';
import { settingsFor } from './service.js';

const PROMOTER = (customerId: number) => ({ type: 'promoter' as const, id: customerId });

export interface WithdrawalView {
  id: number;
  customerId: number;
  nickname: string | null;
  phone: string | null;
  amount: number;
  fee: number;
  net: number;
  method: repo.WithdrawalMethod;
  status: repo.WithdrawalStatus;
  reason: string | null;
  reviewedAt: string | null;
  createdAt: string;
}

async function views(ctx: Ctx, rows: repo.WithdrawalRow[], showPhone: boolean): Promise<WithdrawalView[]> {
  const briefs = await customerBriefs(ctx, rows.map((r) => r.customerId), showPhone);
  return rows.map((w) => ({
    id: w.id, customerId: w.customerId, nickname: briefs.get(w.customerId)?.nickname ?? null, phone: briefs.get(w.customerId)?.phone ?? null,
    amount: w.amount, fee: w.fee, net: w.amount - w.fee, method: w.method, status: w.status, reason: w.reason,
    reviewedAt: w.reviewedAt?.toISOString() ?? null, createdAt: w.createdAt.toISOString(),
  }));
}

export async function requestWithdrawal(ctx: Ctx, customerId: number, amount: number): Promise<WithdrawalView> {
  const s = await settingsFor(ctx);
  if (!s.enabled) throw errors.off();
  if (amount < s.minWithdrawal) throw errors.belowMinimum(s.minWithdrawal);
  const fee = Math.floor((amount * s.withdrawalFeeBps) / 10_000);
  return withTransaction(ctx, async (tx) => {
    const w = await repo.insertWithdrawal(tx, { customerId, amount, fee, method: 'balance', status: 'pending' });
    const ref = { refType: 'withdrawal', refId: w.id };
    await post(tx, [
      { account: PROMOTER(customerId), bucket: 'available', amount: -amount, kind: 'commission_withdrawal', ...ref, dedupeKey: `promoter-withdrawal:${w.id}:hold`, covered: true },
      { account: PROMOTER(customerId), bucket: 'held', amount, kind: 'commission_withdrawal', ...ref, dedupeKey: `promoter-withdrawal:${w.id}:held` },
    ]);
    return (await views(tx, [w], false))[0]!;
  });
}

export async function reviewWithdrawal(ctx: Ctx, id: number, decision: 'approve' | 'reject', reason?: string): Promise<WithdrawalView> {
  return withTransaction(ctx, async (tx) => {
    const w = await repo.findWithdrawal(tx, id);
    if (!w) throw notFound('Withdrawal');
    const staff = tx.actor.kind === 'merchant' ? tx.actor.id : null;
    const changed = await repo.decideWithdrawal(tx, id, { status: decision === 'approve' ? 'paid' : 'rejected', reason: reason ?? null, reviewedBy: staff, reviewedAt: clock.now() });
    if (!changed) throw invalidState(`The withdrawal is ${w.status}`);
    const ref = { refType: 'withdrawal', refId: w.id, kind: 'commission_withdrawal' };
    const key = `promoter-withdrawal:${w.id}`;
    const outOfHeld = { ...ref, account: PROMOTER(w.customerId), bucket: 'held' as const, amount: -w.amount, covered: true };
    if (decision === 'approve') {
      await post(tx, [
        { ...outOfHeld, dedupeKey: `${key}:paid` },
        { ...ref, account: { type: 'shopper', id: w.customerId }, bucket: 'available', amount: w.amount - w.fee, dedupeKey: `${key}:balance` },
        { ...ref, account: { type: 'tenant', id: tx.tenantId! }, bucket: 'available', amount: w.fee, kind: 'withdrawal_fee', dedupeKey: `${key}:fee` },
      ]);
    } else {
      await post(tx, [
        { ...outOfHeld, dedupeKey: `${key}:unheld` },
        { ...ref, account: PROMOTER(w.customerId), bucket: 'available', amount: w.amount, dedupeKey: `${key}:released` },
      ]);
    }
    return (await views(tx, [(await repo.findWithdrawal(tx, id))!], false))[0]!;
  });
}

export async function withdrawalList(ctx: Ctx, filter: { customerId?: number; status?: repo.WithdrawalStatus }, q: PageQuery, showPhone: boolean): Promise<Page<WithdrawalView>> {
  const { rows, count } = await repo.withdrawalPage(ctx, filter, q);
  return pageOf(q, await views(ctx, rows, showPhone), count);
}
