/**
 * A promoter's withdrawals. Asking moves the amount from available to held at once (a covered
 * debit: two requests racing for the same money cannot both pass, whatever the engine); the
 * merchant approves or rejects it, a conditional update on the withdrawal's status deciding once.
 * To the balance: paid at once into the shopper's stored-value balance less the fee (the shop
 * keeps the fee). To WeChat change (`method: 'wechat'`, a shopper with the shop's mini-program
 * openid): approving starts a step (core/steps) in the deciding transaction and the transfer goes
 * out after commit with the withdrawal's out_bill_no; a crash or an unknown answer leaves it
 * `paying` with its hold, and the step's job sends the same number again (WeChat pays a bill
 * once). Paid: out of held, the fee to the shop, the rest leaves the platform (reconciliation's
 * money out). Failed: the held money goes back to available.
 */
import { clock, minutes } from '../../core/clock.js';

import { pageOf, withTransaction, type Page, type PageQuery } from '../../core/db/index.js';
import { AppError, invalidState, notFound } from '../../core/errors.js';
import { requireTenantId, type Ctx } from '../../core/context.js';
import { scheduleJob, type JobHandler } from '../../core/jobs.js';
import { logger } from '../../core/logger.js';
import { defineStep, runStep, settleStep, startStep, stepIdOf, type StepOutcome } from '../../core/steps.js';
import { contribute } from '../../core/hooks.js';
import { customerBriefs, wechatPayer } from '../customers/index.js';
import { moneySources, post } from '../finance/index.js';
import { canTransfer, transferGateway } from '../payments/index.js';
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
  error: string | null;
  createdAt: string;
}

async function views(ctx: Ctx, rows: repo.WithdrawalRow[], showPhone: boolean): Promise<WithdrawalView[]> {
  const briefs = await customerBriefs(ctx, rows.map((r) => r.customerId), showPhone);
  return rows.map((w) => ({
    id: w.id, customerId: w.customerId, nickname: briefs.get(w.customerId)?.nickname ?? null, phone: briefs.get(w.customerId)?.phone ?? null,
    amount: w.amount, fee: w.fee, net: w.amount - w.fee, method: w.method, status: w.status, reason: w.reason, error: w.error,
    reviewedAt: w.reviewedAt?.toISOString() ?? null, createdAt: w.createdAt.toISOString(),
  }));
}

export async function requestWithdrawal(ctx: Ctx, customerId: number, amount: number, method: repo.WithdrawalMethod = 'balance'): Promise<WithdrawalView> {
  const s = await settingsFor(ctx);
  if (!s.enabled) throw errors.off();
  if (amount < s.minWithdrawal) throw errors.belowMinimum(s.minWithdrawal);
  const fee = Math.floor((amount * s.withdrawalFeeBps) / 10_000);
  let payee: { appid: string; openid: string } | null = null;
  if (method === 'wechat') {
    payee = await wechatPayer(ctx, customerId, undefined);
    if (!payee) throw errors.wechatPayee();
    if (!(await canTransfer(ctx, ctx.tenantId!))) throw errors.wechatUnavailable();
    if (amount - fee <= 0) throw errors.belowMinimum(fee + 1);
  }
  return withTransaction(ctx, async (tx) => {
    const w = await repo.insertWithdrawal(tx, { customerId, amount, fee, method, status: 'pending', ...(payee ? { appid: payee.appid, openid: payee.openid } : {}) });
    const ref = { refType: 'withdrawal', refId: w.id };
    await post(tx, [
      { account: PROMOTER(customerId), bucket: 'available', amount: -amount, kind: 'commission_withdrawal', ...ref, dedupeKey: `promoter-withdrawal:${w.id}:hold`, covered: true },
      { account: PROMOTER(customerId), bucket: 'held', amount, kind: 'commission_withdrawal', ...ref, dedupeKey: `promoter-withdrawal:${w.id}:held` },
    ]);
    return (await views(tx, [w], false))[0]!;
  });
}

const KEY = (id: number) => `promoter-withdrawal:${id}`;
const REF = (w: repo.WithdrawalRow) => ({ refType: 'withdrawal', refId: w.id, kind: 'commission_withdrawal' });
const outOfHeld = (w: repo.WithdrawalRow) => ({ ...REF(w), account: PROMOTER(w.customerId), bucket: 'held' as const, amount: -w.amount, covered: true });

/** Held → paid: the fee to the shop, the rest to the balance (or out to WeChat: nothing more inside the ledger). */
async function bookPaid(tx: Ctx, w: repo.WithdrawalRow): Promise<void> {
  await post(tx, [
    { ...outOfHeld(w), dedupeKey: `${KEY(w.id)}:paid` },
    ...(w.method === 'balance' ? [{ ...REF(w), account: { type: 'shopper' as const, id: w.customerId }, bucket: 'available' as const, amount: w.amount - w.fee, dedupeKey: `${KEY(w.id)}:balance` }] : []),
    { ...REF(w), account: { type: 'tenant', id: tx.tenantId! }, bucket: 'available', amount: w.fee, kind: 'withdrawal_fee', dedupeKey: `${KEY(w.id)}:fee` },
  ]);
}

/** Held → back to available (rejected, or the transfer failed). */
async function bookReleased(tx: Ctx, w: repo.WithdrawalRow): Promise<void> {
  await post(tx, [
    { ...outOfHeld(w), dedupeKey: `${KEY(w.id)}:unheld` },
    { ...REF(w), account: PROMOTER(w.customerId), bucket: 'available', amount: w.amount, dedupeKey: `${KEY(w.id)}:released` },
  ]);
}

/**
 * The WeChat transfer of an approved withdrawal, a step: its key is the withdrawal's out_bill_no,
 * the number WeChat pays once. Settled once (the step's conditional update), and the withdrawal's
 * own move out of `paying` is conditional too.
 */
export const transferStep = defineStep<{ withdrawalId: number }>({
  name: 'distribution.wechat-transfer',
  firstRetryMs: minutes(2),
  maxAttempts: 8,
  async call(ctx, { withdrawalId }, outBillNo): Promise<StepOutcome> {
    const w = await repo.findWithdrawal(ctx, withdrawalId);
    if (!w) throw notFound('Withdrawal');
    const gateway = await transferGateway(ctx, requireTenantId(ctx));
    const result = await gateway.transfer({ outBillNo, appid: w.appid ?? '', openid: w.openid ?? '', amount: w.amount - w.fee, remark: '分销佣金提现' });
    const detail = result.billNo ? { billNo: result.billNo } : {};
    if (result.status === 'processing') return { status: 'unknown', detail };
    return result.status === 'succeeded' ? { status: 'succeeded', detail } : { status: 'refused', reason: result.error ?? 'refused' };
  },
  async settle(tx, { withdrawalId }, outcome) {
    const w = await repo.findWithdrawal(tx, withdrawalId);
    if (!w) return;
    const billNo = outcome.status === 'succeeded' && typeof outcome.detail?.billNo === 'string' ? outcome.detail.billNo : null;
    if (outcome.status === 'succeeded') {
      if (await repo.moveWithdrawal(tx, w.id, 'paying', { status: 'paid', transferBillNo: billNo, error: null })) await bookPaid(tx, w);
    } else if (await repo.moveWithdrawal(tx, w.id, 'paying', { status: 'failed', error: outcome.reason.slice(0, 255) })) await bookReleased(tx, w);
  },
  // WeChat has the bill (e.g. the payee is to confirm it): asked about again later, not sent again
  async awaitAnswer(tx, { withdrawalId }, outcome) {
    if (typeof outcome.detail?.billNo === 'string') await repo.moveWithdrawal(tx, withdrawalId, 'paying', { transferBillNo: outcome.detail.billNo });
    await scheduleJob(tx, CHECK_JOB, new Date(clock.nowMs() + minutes(5)), { withdrawalId, check: 0 }, { dedupeKey: `check-transfer:${withdrawalId}:0` });
  },
});

export const CHECK_JOB = 'distribution.check-transfer';
const CHECK_MINUTES = [5, 15, 60, 240, 720, 1440, 1440, 1440];

/** Asks WeChat how a processing transfer stands; settles it through its step, or asks again later. */
export const checkTransferJob: JobHandler = async (ctx, payload) => {
  const w = await repo.findWithdrawal(ctx, Number(payload.withdrawalId));
  if (!w || w.status !== 'paying' || !w.outBillNo) return;
  const result = await (await transferGateway(ctx, requireTenantId(ctx))).transferStatus(w.outBillNo);
  if (result.status !== 'processing') {
    await settleStep(ctx, transferStep, w.outBillNo, result.status === 'succeeded' ? { status: 'succeeded', detail: result.billNo ? { billNo: result.billNo } : {} } : { status: 'refused', reason: result.error ?? 'refused' });
    return;
  }
  const check = Number(payload.check) + 1;
  if (check >= CHECK_MINUTES.length) return void logger().warn({ withdrawalId: w.id }, 'WeChat transfer still processing after days: an operator must look');
  await scheduleJob(ctx, CHECK_JOB, new Date(clock.nowMs() + minutes(CHECK_MINUTES[check]!)), { withdrawalId: w.id, check }, { dedupeKey: `check-transfer:${w.id}:${check}` });
};

/** The deciding transaction of a review: once (a conditional update on `pending`); a WeChat approval starts its transfer's step. */
export async function decideInTx(tx: Ctx, id: number, decision: 'approve' | 'reject', reason?: string): Promise<repo.WithdrawalRow> {
  const w = await repo.findWithdrawal(tx, id);
  if (!w) throw notFound('Withdrawal');
  const staff = tx.actor.kind === 'merchant' ? tx.actor.id : null;
  const wechat = decision === 'approve' && w.method === 'wechat';
  const outBillNo = wechat ? `DW${tx.tenantId}T${w.id}` : null;
  const status = decision === 'reject' ? 'rejected' : wechat ? 'paying' : 'paid';
  const changed = await repo.decideWithdrawal(tx, id, { status, reason: reason ?? null, reviewedBy: staff, reviewedAt: clock.now(), ...(outBillNo ? { outBillNo } : {}) });
  if (!changed) throw invalidState(`The withdrawal is ${w.status}`);
  if (decision === 'reject') await bookReleased(tx, w);
  else if (outBillNo) await startStep(tx, transferStep, outBillNo, { withdrawalId: w.id });
  else await bookPaid(tx, w);
  return w;
}

/** Sends an approved WeChat withdrawal's transfer (after commit); a failure to reach WeChat leaves it to the step's job. */
export async function sendTransfer(ctx: Ctx, w: Pick<repo.WithdrawalRow, 'id' | 'outBillNo'>): Promise<void> {
  const stepId = w.outBillNo ? await stepIdOf(transferStep, w.outBillNo) : null;
  if (stepId === null) return;
  try {
    await runStep({ ...ctx, transaction: null }, stepId);
  } catch (err) {
    if (err instanceof AppError) throw err;
    logger().warn({ err, withdrawalId: w.id }, 'transfer outcome not recorded; its step\'s job tries again');
  }
}

export async function reviewWithdrawal(ctx: Ctx, id: number, decision: 'approve' | 'reject', reason?: string): Promise<WithdrawalView> {
  await withTransaction(ctx, (tx) => decideInTx(tx, id, decision, reason));
  const w = (await repo.findWithdrawal(ctx, id))!;
  if (w.status === 'paying') await sendTransfer(ctx, w);
  return (await views(ctx, [(await repo.findWithdrawal(ctx, id))!], false))[0]!;
}

/** WeChat transfers leave the platform: reconciliation's money out. */
export const transferMoney = contribute(moneySources, 'distribution.wechat-transfers', async (ctx: Ctx) => ({ name: 'wechat-transfers', moneyIn: 0, moneyOut: await repo.wechatPaidOut(ctx) }));

export async function withdrawalList(ctx: Ctx, filter: { customerId?: number; status?: repo.WithdrawalStatus }, q: PageQuery, showPhone: boolean): Promise<Page<WithdrawalView>> {
  const { rows, count } = await repo.withdrawalPage(ctx, filter, q);
  return pageOf(q, await views(ctx, rows, showPhone), count);
}
