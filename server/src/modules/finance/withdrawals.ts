import { clock } from '../../core/clock.js';
import type { Ctx } from '../../core/context.js';
import { pageOf, withTransaction, type Page, type PageQuery } from '../../core/db/index.js';
import { invalidState, notFound } from '../../core/errors.js';
import { withNames } from './account-names.js';
import { post, type Account } from './ledger.js';
import type { WithdrawalStatus } from './model.js';
import { findWithdrawal, insertWithdrawal, paidWithdrawalAmounts, updateWithdrawal, withdrawalPage, type WithdrawalRow } from './repository.js';

export interface WithdrawalView {
  id: number;
  account: { type: string; id: number; name: string | null };
  amount: number;
  status: WithdrawalStatus;
  payee: Record<string, string>;
  reason: string | null;
  reviewedAt: string | null;
  createdAt: string;
}

const view = (w: WithdrawalRow, name: string | null): WithdrawalView => ({
  id: w.id,
  account: { type: w.accountType, id: w.accountId, name },
  amount: w.amount,
  status: w.status,
  payee: { ...w.payee, accountNo: w.payee.accountNo ? `****${w.payee.accountNo.slice(-4)}` : '' },
  reason: w.reason,
  reviewedAt: w.reviewedAt ? w.reviewedAt.toISOString() : null,
  createdAt: w.createdAt.toISOString(),
});

/** Views of withdrawals, each naming whose it is (the operator pays a shop or a supplier by name). */
async function views(ctx: Ctx, rows: WithdrawalRow[]): Promise<WithdrawalView[]> {
  const accounts = await withNames(ctx, rows.map((w) => ({ type: w.accountType, id: w.accountId })));
  return rows.map((w, i) => view(w, accounts[i]!.name));
}

/**
 * Moves the amount from available to held at once, a debit available must cover: two requests
 * racing for the same money cannot both pass, and the money still counts as the account's until
 * it is paid out.
 */
export async function requestWithdrawal(ctx: Ctx, account: Account & { type: 'tenant' | 'supplier' }, amount: number, payee: Record<string, string>): Promise<WithdrawalView> {
  return withTransaction(ctx, async (tx) => {
    const w = await insertWithdrawal(tx, { accountType: account.type, accountId: account.id, amount, status: 'pending', payee, reason: null, reviewedBy: null, reviewedAt: null });
    const ref = { refType: 'withdrawal', refId: w.id };
    await post(tx, [
      { account, bucket: 'available', amount: -amount, kind: 'withdrawal', ...ref, dedupeKey: `withdrawal:${w.id}:hold`, covered: true },
      { account, bucket: 'held', amount, kind: 'withdrawal_held', ...ref, dedupeKey: `withdrawal:${w.id}:held` },
    ]);
    return (await views(tx, [w]))[0]!;
  });
}

export async function listWithdrawals(ctx: Ctx, q: PageQuery & { status?: WithdrawalStatus }, account?: Account): Promise<Page<WithdrawalView>> {
  const { rows, count } = await withdrawalPage(ctx, { ...(account ? { account } : {}), ...(q.status ? { status: q.status } : {}) }, q);
  return pageOf(q, await views(ctx, rows), count);
}

/** The platform pays it out, or rejects it and the held amount comes back. */
export async function reviewWithdrawal(ctx: Ctx, id: number, decision: 'approve' | 'reject', reason?: string): Promise<WithdrawalView> {
  return withTransaction(ctx, async (tx) => {
    const w = await findWithdrawal(tx, id);
    if (!w) throw notFound('Withdrawal');
    const changed = await updateWithdrawal(
      tx,
      id,
      { status: decision === 'approve' ? 'paid' : 'rejected', reason: reason ?? null, reviewedAt: clock.now(), reviewedBy: tx.actor.kind === 'platform' ? tx.actor.id : null },
      { status: 'pending' },
    );
    if (changed !== 1) throw invalidState(`The withdrawal is ${w.status}`);
    const account: Account = { type: w.accountType, id: w.accountId };
    const ref = { refType: 'withdrawal', refId: w.id };
    // paying out takes the money from held, which must still cover it
    const outOfHeld = { account, bucket: 'held' as const, amount: -w.amount, ...ref, covered: true };
    if (decision === 'approve') await post(tx, [{ ...outOfHeld, kind: 'withdrawal_paid', dedupeKey: `withdrawal:${w.id}:paid` }]);
    else {
      await post(tx, [
        { ...outOfHeld, kind: 'withdrawal_released', dedupeKey: `withdrawal:${w.id}:unheld` },
        { account, bucket: 'available', amount: w.amount, kind: 'withdrawal_released', ...ref, dedupeKey: `withdrawal:${w.id}:release` },
      ]);
    }
    return (await views(tx, [(await findWithdrawal(tx, id))!]))[0]!;
  });
}

/** Money that has left the platform through withdrawals. */
export async function paidOut(ctx: Ctx): Promise<number> {
  return (await paidWithdrawalAmounts(ctx)).reduce((sum, amount) => sum + amount, 0);
}
