import { randomInt } from 'node:crypto';
import { clock, minutes } from '../../core/clock.js';
import { config } from '../../core/config.js';
import type { Ctx } from '../../core/context.js';
import { inTenant, requireTenantId, systemContext } from '../../core/context.js';
import { withTransaction } from '../../core/db/index.js';
import { AppError, conflict, notFound } from '../../core/errors.js';
import { withIdempotentTransaction } from '../../core/idempotency.js';
import { scheduleJob, type JobHandler } from '../../core/jobs.js';
import { contribute, contributionsTo, namedContribution } from '../../core/hooks.js';
import { defineStep, needsAttention, runStep, settleStep, startStep, stepIdOf, type FinalOutcome, type StepOutcome } from '../../core/steps.js';
import { logger } from '../../core/logger.js';
import { platformUrl } from '../../core/tenancy.js';
import { holdUnmatchedPayment, payOutRefund, releaseRefund, spendBalance } from '../finance/index.js';
import { tenantRef } from '../tenants/index.js';
import type { PaymentMethod, PaymentPurpose, RefundStatus } from './model.js';
import {
  findPayment,
  findRefund,
  findRefundByNo,
  insertPayment,
  insertRefund,
  lockPayment,
  lockPaymentByTradeNo,
  lockRefund,
  refundsOf as refundRows,
  refundsOfCases as caseRefundRows,
  updatePayment,
  updateRefund,
  type PaymentRow,
  type RefundRow,
} from './repository.js';
import { GATEWAY_ORDER, paymentGateways, paymentPurposes, type GatewayMethod, type PurposeHandler } from './hooks.js';
import { SandboxGateway } from './providers/sandbox.js';
import { qrCodeImage } from './qr-code.js';
import { InvalidNotification, type NotificationHeaders, type PayScene, type PaymentProvider, type VerifiedRefundNotification } from './providers/types.js';

// ---- gateways ----

/** Offered first: a shop without accounts of its own can still be tried out. */
export const sandboxGateway = contribute(
  paymentGateways,
  'sandbox',
  {
    factory: async () => {
      if (!config().sandboxPayments) throw new AppError(409, 'method_unavailable', 'Sandbox payments are switched off');
      return new SandboxGateway();
    },
    scenes: [],
  },
  GATEWAY_ORDER.sandbox,
);

async function gatewayFor(ctx: Ctx, method: PaymentMethod, tenantId: number): Promise<PaymentProvider> {
  const gateway = method === 'balance' ? undefined : namedContribution(paymentGateways, method);
  if (!gateway) throw new AppError(409, 'method_unavailable', `Payment by ${method} is not available`);
  return gateway.factory(ctx, tenantId);
}

export interface OfferedMethod {
  /** A shopper never pays by `till` (only a store's counter records it). */
  method: Exclude<PaymentMethod, 'till'>;
  /** Where it pays; empty for the sandbox and the balance, which need no scene. */
  scenes: PayScene[];
}

/** The methods this shop can take payments by now: each gateway it has set up, and the balance. */
export async function offeredMethods(ctx: Ctx): Promise<OfferedMethod[]> {
  const tenantId = requireTenantId(ctx);
  const offered: OfferedMethod[] = [];
  for (const { name, value: gateway } of contributionsTo(paymentGateways)) {
    const method = name as GatewayMethod;
    try {
      await gateway.factory(ctx, tenantId);
      offered.push({ method, scenes: [...gateway.scenes] });
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'method_unavailable')) logger().warn({ err, method, tenantId }, 'a payment account is set up but cannot be used');
    }
  }
  return [...offered, { method: 'balance', scenes: [] }];
}

// ---- what a payment is for ----

function handlerOf(purpose: PaymentPurpose): PurposeHandler {
  const h = namedContribution(paymentPurposes, purpose);
  if (!h) throw new Error(`no handler for ${purpose} payments`);
  return h;
}

// ---- paying ----

export interface PaymentView {
  paymentId: number;
  status: 'pending' | 'succeeded' | 'closed';
  method: Exclude<PaymentMethod, 'till'>;
  scene?: PayScene;
  amount: number;
  /** WeChat JSAPI: the wx.requestPayment parameters. */
  params?: Record<string, string>;
  /** WeChat H5, Alipay wap and page: the gateway's page to send the browser to. */
  redirectUrl?: string;
  /** WeChat Native: what the QR code says, and the code as a PNG data URL. */
  codeUrl?: string;
  qrCode?: string;
}

function tradeNo(prefix: string): string {
  return `${prefix}${clock.now().toISOString().replace(/[-:TZ.]/g, '').slice(0, 14)}${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
}

export interface StartPayment {
  purpose: PaymentPurpose;
  customerId: number;
  orderId: number | null;
  amount: number;
  method: Exclude<PaymentMethod, 'till'>;
  description: string;
  /** Absent: the gateway's default scene (WeChat: JSAPI). */
  scene?: PayScene;
  openid?: string;
  appid?: string;
  clientIp?: string;
  /** `https://shop.example.com`: where the shopper's browser comes back to after a gateway's page. */
  shopOrigin?: string;
}

/**
 * Starts a payment. Balance payments succeed inside this call; gateway payments are created, then
 * the gateway is asked for the client's parameters outside the transaction (a network call must
 * not hold the database).
 */
export async function startPayment(ctx: Ctx, input: StartPayment): Promise<PaymentView> {
  const tenantId = requireTenantId(ctx);
  if (input.method === 'balance') {
    return withIdempotentTransaction(ctx, async (tx) => {
      const payment = await insertPayment(tx, { customerId: input.customerId, orderId: input.orderId, purpose: input.purpose, method: 'balance', amount: input.amount, status: 'succeeded', outTradeNo: tradeNo('B'), providerTradeNo: null, refundedAmount: 0, params: null, paidAt: clock.now() });
      await spendBalance(tx, input.customerId, input.amount, { paymentId: payment.id, orderId: input.orderId });
      if ((await handlerOf(input.purpose).onSucceeded(tx, payment)) === 'refund') throw conflict('invalid_state', 'This order can no longer be paid');
      return { paymentId: payment.id, status: 'succeeded' as const, method: 'balance' as const, amount: input.amount };
    });
  }
  const gateway = await gatewayFor(ctx, input.method, tenantId);
  const scene = input.scene ?? namedContribution(paymentGateways, input.method)?.scenes[0];
  const payment = await insertPayment(ctx, { customerId: input.customerId, orderId: input.orderId, purpose: input.purpose, method: input.method, amount: input.amount, status: 'pending', outTradeNo: tradeNo('P'), providerTradeNo: null, refundedAmount: 0, params: null, paidAt: null });
  const started = await gateway.createPayment({
    outTradeNo: payment.outTradeNo,
    amount: input.amount,
    description: input.description.slice(0, 120),
    notifyUrl: notifyUrl(input.method, tenantId),
    expiresAt: new Date(clock.nowMs() + 30 * 60_000),
    ...(scene ? { scene } : {}),
    ...(input.appid ? { appid: input.appid } : {}),
    ...(input.openid ? { openid: input.openid } : {}),
    ...(input.clientIp ? { clientIp: input.clientIp } : {}),
    ...(input.shopOrigin ? { returnUrl: returnUrl(input.shopOrigin, payment.id) } : {}),
  });
  const link = { ...(started.redirectUrl ? { redirectUrl: started.redirectUrl } : {}), ...(started.codeUrl ? { codeUrl: started.codeUrl } : {}) };
  // kept for the record: how the shopper was asked to pay
  await updatePayment(ctx, payment.id, { params: { ...(scene ? { scene } : {}), ...started.params, ...link } });
  return {
    paymentId: payment.id,
    status: 'pending',
    method: input.method,
    ...(scene ? { scene } : {}),
    amount: input.amount,
    ...(started.params ? { params: started.params } : {}),
    ...link,
    ...(started.codeUrl ? { qrCode: await qrCodeImage(started.codeUrl) } : {}),
  };
}

/** How a till took the money (kept on the payment for the record). */
export type TillMethod = 'cash' | 'card' | 'wechat_scan';

/**
 * A payment taken at a store's till (stores module): recorded succeeded in the caller's transaction
 * and handed to its purpose at once, like a balance payment; it never reaches a gateway, and its
 * refunds are handed back at the counter (the refund step succeeds without a call).
 */
export async function recordTillPayment(tx: Ctx, input: { customerId: number; orderId: number; amount: number; till: TillMethod }): Promise<number> {
  const payment = await insertPayment(tx, { customerId: input.customerId, orderId: input.orderId, purpose: 'order', method: 'till', amount: input.amount, status: 'succeeded', outTradeNo: tradeNo('T'), providerTradeNo: null, refundedAmount: 0, params: { till: input.till }, paidAt: clock.now() });
  if ((await handlerOf('order').onSucceeded(tx, payment)) === 'refund') throw conflict('invalid_state', 'This order can no longer be paid');
  return payment.id;
}

/** Where a gateway posts its notifications (payments and refunds) for a shop. */
const notifyUrl = (method: PaymentMethod, tenantId: number) => platformUrl(`/api/v1/payments/notify/${method}/${tenantId}`);

/** Where a gateway's page sends the shopper back: our route that forwards to the order (or the balance). */
const returnUrl = (shopOrigin: string, paymentId: number) => `${shopOrigin}/api/v1/shop/payments/${paymentId}/return`;

/**
 * A gateway says a payment succeeded (or how a refund ended: settleNotifiedRefund). Verified first (signature by the gateway adapter, then our
 * payment and its amount); the payment row is locked, so of many concurrent replays exactly one
 * records the success and runs the purpose; the others find it done and change nothing.
 */
export async function handleNotification(method: GatewayMethod, tenantId: number, headers: NotificationHeaders, rawBody: string): Promise<{ status: number; body: unknown }> {
  const base = systemContext(`notify:${method}`, tenantId);
  const tenant = await tenantRef(base, tenantId).catch(() => null);
  if (!tenant) throw new AppError(404, 'not_found', 'Unknown payment account');
  return inTenant(base, tenant, async (ctx) => {
    const gateway = await gatewayFor(ctx, method, tenantId);
    let notice;
    try {
      notice = await gateway.verifyNotification(headers, rawBody);
    } catch (err) {
      if (err instanceof InvalidNotification) {
        logger().warn({ method, tenantId, reason: err.message }, 'refused a payment notification');
        throw new AppError(400, 'invalid_notification', 'The notification could not be verified');
      }
      throw err;
    }
    if (notice.kind === 'refund') {
      await settleNotifiedRefund(ctx, method, notice);
      return gateway.ack();
    }
    const outcome = await withTransaction(ctx, async (tx) => {
      const found = await lockPaymentByTradeNo(tx, notice.outTradeNo);
      if (!found || found.method !== method) {
        logger().warn({ method, tenantId, outTradeNo: notice.outTradeNo }, 'notification for an unknown payment');
        throw new AppError(400, 'invalid_notification', 'No such payment');
      }
      await updatePayment(tx, found.id, { notifyCount: found.notifyCount + 1 });
      if (found.status === 'succeeded' || !notice.succeeded) return 'unchanged' as const;
      if (notice.amount !== found.amount) {
        logger().error({ method, tenantId, paymentId: found.id, expected: found.amount, got: notice.amount }, 'notification amount mismatch');
        throw new AppError(400, 'invalid_notification', 'The amount does not match the payment');
      }
      const success = { status: 'succeeded' as const, providerTradeNo: notice.providerTradeNo, paidAt: clock.now() };
      await updatePayment(tx, found.id, success);
      const payment: PaymentRow = { ...found, ...success };
      const result = await handlerOf(payment.purpose).onSucceeded(tx, payment);
      if (result === 'refund') {
        await holdUnmatchedPayment(tx, payment.id, payment.amount);
        await scheduleJob(tx, 'payments.refund-orphan', clock.now(), { paymentId: payment.id }, { dedupeKey: `refund-orphan:${payment.id}` });
      }
      return result;
    });
    if (outcome === 'refund') logger().info({ tenantId, outTradeNo: notice.outTradeNo }, 'payment arrived for an order that cannot take it; refunding');
    return gateway.ack();
  });
}

/** A gateway's word on a refund it was processing: our refund by its number, for its amount. Replays change nothing. */
async function settleNotifiedRefund(ctx: Ctx, method: PaymentMethod, notice: VerifiedRefundNotification): Promise<void> {
  const tenantId = requireTenantId(ctx);
  const refund = await findRefundByNo(ctx, notice.outRefundNo);
  const payment = refund && (await findPayment(ctx, refund.paymentId));
  if (!refund || payment?.method !== method) {
    logger().warn({ method, tenantId, outRefundNo: notice.outRefundNo }, 'notification for an unknown refund');
    throw new AppError(400, 'invalid_notification', 'No such refund');
  }
  if (notice.amount !== refund.amount) {
    logger().error({ method, tenantId, refundId: refund.id, expected: refund.amount, got: notice.amount }, 'refund notification amount mismatch');
    throw new AppError(400, 'invalid_notification', 'The amount does not match the refund');
  }
  await refundEnded(ctx, refund, notice.status === 'succeeded' ? { status: 'succeeded', detail: notice.providerRefundId ? { providerRefundId: notice.providerRefundId } : {} } : { status: 'refused', reason: 'the gateway closed the refund' });
}

// ---- refunds ----

export interface RefundInput {
  paymentId: number;
  amount: number;
  reason: string;
  orderId?: number | null;
  aftersaleId?: number | null;
  /** What the purpose handler needs to apply it (items, quantities). */
  details?: Record<string, unknown>;
}

export interface RefundView {
  id: number;
  amount: number;
  status: 'pending' | 'succeeded' | 'failed';
  error: string | null;
}

const refundView = (r: RefundRow): RefundView => ({ id: r.id, amount: r.amount, status: r.status, error: r.error });

/**
 * A refund is a step across its gateway (core/steps): the intent commits with the deciding
 * transaction, the call goes out after commit with the refund's out_refund_no as its idempotency
 * key, and the step's job calls again (same number) while the gateway cannot be reached, then
 * hands the refund to an operator. Gateways refund one out_refund_no once, so calling again is safe.
 */
export const refundStep = defineStep<{ refundId: number }>({
  name: 'payments.refund',
  // a crash before the after-commit call: the job sends it a couple of minutes later
  firstRetryMs: minutes(2),
  maxAttempts: 8,
  async call(ctx, { refundId }, outRefundNo): Promise<StepOutcome> {
    const tenantId = requireTenantId(ctx);
    const refund = await findRefund(ctx, refundId);
    if (!refund) throw notFound('Refund');
    const payment = await findPayment(ctx, refund.paymentId);
    if (!payment) throw notFound('Payment');
    // the balance is ours; a till's refund is handed back in cash (or on the card) at the counter
    if (payment.method === 'balance' || payment.method === 'till') return { status: 'succeeded' };
    const gateway = await gatewayFor(ctx, payment.method, tenantId);
    const result = await gateway.refund({ outTradeNo: payment.outTradeNo, outRefundNo, refund: refund.amount, total: payment.amount, reason: refund.reason ?? undefined, notifyUrl: notifyUrl(payment.method, tenantId) });
    const detail = result.providerRefundId ? { providerRefundId: result.providerRefundId } : {};
    if (result.status === 'processing') return { status: 'unknown', detail };
    return result.status === 'succeeded' ? { status: 'succeeded', detail } : { status: 'refused', reason: result.error ?? 'refused' };
  },
  settle: (tx, { refundId }, outcome) =>
    completeRefund(tx, refundId, outcome.status === 'succeeded' ? { status: 'succeeded', providerRefundId: providerRefundIdOf(outcome.detail) } : { status: 'failed', error: outcome.reason }).then(() => undefined),
  // the gateway has it: from now on it is asked about, not sent again
  async awaitAnswer(tx, { refundId }, outcome) {
    await updateRefund(tx, refundId, { providerRefundId: providerRefundIdOf(outcome.detail) ?? null }, { status: 'pending' });
    await checkRefundLater(tx, refundId, 0);
  },
});

const providerRefundIdOf = (detail: Record<string, unknown> | undefined) => (typeof detail?.providerRefundId === 'string' ? detail.providerRefundId : undefined);

/** How a refund ended, by the gateway's later word (a notification, a status check): through its step, so it is applied once. */
async function refundEnded(ctx: Ctx, refund: RefundRow, outcome: FinalOutcome): Promise<void> {
  await stepOfRefund(ctx, refund);
  await settleStep(ctx, refundStep, refund.outRefundNo, outcome);
}

/**
 * The first step of a refund, in the caller's transaction: the amount is reserved on the payment
 * (never more than was paid), the purpose holds what the refund takes, and the refund's step
 * commits with its recovery job, so a crash before or during the gateway call cannot strand it.
 * Nothing is sent here; sendRefund does that once the transaction has committed.
 */
export async function reserveRefund(ctx: Ctx, input: RefundInput): Promise<RefundRow> {
  if (!ctx.transaction) throw new Error('reserveRefund runs inside the transaction that decides the refund');
  const locked = await lockPayment(ctx, input.paymentId);
  if (!locked || locked.status !== 'succeeded') throw conflict('invalid_state', 'Only a succeeded payment can be refunded');
  if (!Number.isInteger(input.amount) || input.amount <= 0 || locked.refundedAmount + input.amount > locked.amount) {
    throw conflict('refund_exceeds_payment', `At most ${locked.amount - locked.refundedAmount} fen can still be refunded`, { refundable: locked.amount - locked.refundedAmount });
  }
  const reserved = await updatePayment(ctx, locked.id, { refundedAmount: locked.refundedAmount + input.amount }, { refundedAmount: locked.refundedAmount });
  if (reserved !== 1) throw conflict('invalid_state', 'The payment changed meanwhile; try again');
  const payment: PaymentRow = { ...locked, refundedAmount: locked.refundedAmount + input.amount };
  const refund = await insertRefund(ctx, { paymentId: payment.id, orderId: input.orderId ?? payment.orderId, aftersaleId: input.aftersaleId ?? null, amount: input.amount, status: 'pending', outRefundNo: tradeNo('R'), providerRefundId: null, reason: input.reason.slice(0, 255), details: input.details ?? null, error: null, succeededAt: null });
  await handlerOf(payment.purpose).onRefundRequested(ctx, refund, payment);
  await startStep(ctx, refundStep, refund.outRefundNo, { refundId: refund.id });
  return refund;
}

/**
 * Sends a reserved refund to its gateway (outside any transaction: a network call must not hold
 * the database) and records the answer. When the gateway cannot be reached the refund stays
 * pending and its step's job sends it again; the caller gets the pending refund, not an error.
 */
export async function sendRefund(ctx: Ctx, refundId: number): Promise<RefundView> {
  if (ctx.transaction) throw new Error('sendRefund calls a gateway: call it outside a transaction');
  const refund = await findRefund(ctx, refundId);
  if (!refund) throw notFound('Refund');
  if (refund.status !== 'pending') return refundView(refund);
  try {
    await runStep(ctx, await stepOfRefund(ctx, refund));
  } catch (err) {
    // the answer could not be recorded (the step keeps it for its job); the refund is on its way
    if (err instanceof AppError) throw err;
    logger().warn({ err, refundId }, 'refund outcome not recorded; its step\'s job tries again');
  }
  return refundView((await findRefund(ctx, refundId))!);
}

/** The refund's step; a refund reserved before steps existed gets one now, so it is sent and recovered the same way. */
async function stepOfRefund(ctx: Ctx, refund: RefundRow): Promise<number> {
  const stepId = await stepIdOf(refundStep, refund.outRefundNo);
  if (stepId !== null) return stepId;
  return (await withTransaction(ctx, (tx) => startStep(tx, refundStep, refund.outRefundNo, { refundId: refund.id }))).id;
}

/** Reserves and sends in one call, for refunds decided by nothing but themselves (an unmatched payment, a recharge). */
export async function refundPayment(ctx: Ctx, input: RefundInput): Promise<RefundView> {
  const refund = await withTransaction(ctx, (tx) => reserveRefund(tx, input));
  return sendRefund({ ...ctx, transaction: null }, refund.id);
}

/**
 * Records how a refund ended, once (the refund row is locked and must still be pending; its step
 * has already been moved by a conditional update): the money leaves clearing, or the payment and
 * the purpose get back what the refund had reserved.
 */
async function completeRefund(ctx: Ctx, refundId: number, result: { status: 'succeeded' | 'failed'; providerRefundId?: string | undefined; error?: string }): Promise<RefundRow> {
  return withTransaction(ctx, async (tx) => {
    const pending = await lockRefund(tx, refundId);
    if (!pending) throw notFound('Refund');
    if (pending.status !== 'pending') return pending;
    const payment = await lockPayment(tx, pending.paymentId);
    if (!payment) throw notFound('Payment');
    if (result.status === 'failed') {
      const failure = { status: 'failed' as const, error: result.error?.slice(0, 500) ?? 'refused' };
      await updateRefund(tx, pending.id, failure);
      const refund: RefundRow = { ...pending, ...failure };
      await updatePayment(tx, payment.id, { refundedAmount: payment.refundedAmount - refund.amount });
      await releaseRefund(tx, refund.id);
      await handlerOf(payment.purpose).onRefundFailed(tx, refund, payment);
      return refund;
    }
    const success = { status: 'succeeded' as const, providerRefundId: result.providerRefundId ?? pending.providerRefundId ?? null, succeededAt: clock.now() };
    await updateRefund(tx, pending.id, success);
    const refund: RefundRow = { ...pending, ...success };
    await payOutRefund(tx, refund, payment.method === 'balance' ? payment.customerId : undefined);
    await handlerOf(payment.purpose).onRefunded(tx, refund, payment);
    return refund;
  });
}

/**
 * Minutes until a refund the gateway is still processing is asked about again, one per check:
 * WeChat Pay settles most refunds within minutes, those to a bank card within a few days.
 */
const REFUND_CHECKS_MINUTES = [1, 5, 15, 60, 180, 720, 1440, 1440, 1440];

/** Asks the gateway about a processing refund again, for the check-th time (0: the first). */
function checkRefundLater(ctx: Ctx, refundId: number, check: number): Promise<unknown> {
  return scheduleJob(ctx, 'payments.check-refund', new Date(clock.nowMs() + minutes(REFUND_CHECKS_MINUTES[check]!)), { refundId, check }, { dedupeKey: `check-refund:${refundId}:${check}` });
}

/** Marks a refund a gateway reported later (refund notification or a status check). */
export async function settleRefund(ctx: Ctx, refundId: number, status: 'succeeded' | 'failed', error?: string): Promise<RefundView> {
  const refund = await findRefund(ctx, refundId);
  if (!refund) throw notFound('Refund');
  await refundEnded(ctx, refund, status === 'succeeded' ? { status } : { status: 'refused', reason: error ?? 'refused' });
  return refundView((await findRefund(ctx, refundId))!);
}

/** The payments.refund-orphan job (listed in the module declaration). */
export const refundOrphanJob: JobHandler = async (ctx, payload) => {
  const payment = await findPayment(ctx, Number(payload.paymentId));
  if (!payment || payment.refundedAmount >= payment.amount) return;
  await refundPayment(ctx, { paymentId: payment.id, amount: payment.amount - payment.refundedAmount, reason: 'The order was cancelled before the payment arrived', details: { orphan: true } });
};

/** Jobs scheduled before refunds became steps: the refund gets its step, which takes it from there (listed in the module declaration). */
export const sendRefundJob: JobHandler = async (ctx, payload) => {
  const refund = await findRefund(ctx, Number(payload.refundId));
  if (refund?.status === 'pending') await runStep(ctx, await stepOfRefund(ctx, refund));
};

/** The payments.check-refund job (listed in the module declaration). */
export const checkRefundJob: JobHandler = async (ctx, payload) => {
  const tenantId = requireTenantId(ctx);
  const refund = await findRefund(ctx, Number(payload.refundId));
  if (!refund || refund.status !== 'pending') return;
  const payment = await findPayment(ctx, refund.paymentId);
  if (!payment) throw notFound('Payment');
  const gateway = await gatewayFor(ctx, payment.method, tenantId);
  const result = await gateway.refundStatus(refund.outRefundNo);
  if (result.status !== 'processing') {
    const providerRefundId = result.providerRefundId ?? refund.providerRefundId ?? undefined;
    await refundEnded(ctx, refund, result.status === 'succeeded' ? { status: 'succeeded', detail: providerRefundId ? { providerRefundId } : {} } : { status: 'refused', reason: result.error ?? 'refused' });
    return;
  }
  const check = Number(payload.check ?? 0) + 1;
  if (check >= REFUND_CHECKS_MINUTES.length) {
    logger().error({ refundId: refund.id, tenantId, outRefundNo: refund.outRefundNo }, 'refund still processing at the gateway after three days: an operator must look');
    await needsAttention(ctx, refundStep, refund.outRefundNo, 'still processing at the gateway after three days');
    return;
  }
  await checkRefundLater(ctx, refund.id, check);
};

/** Refunds of an order (or of one after-sales case), oldest first, in the given statuses. */
export async function refundsOf(ctx: Ctx, where: { orderId: number; aftersaleId?: number }, statuses: RefundStatus[] = ['pending', 'succeeded', 'failed']): Promise<RefundView[]> {
  return (await refundRows(ctx, where, statuses)).map(refundView);
}

/**
 * The refunds each of several after-sales cases led to, oldest first, by case id: a queue shows
 * whether a case's refund is on its way or was refused. A queue may span shops (a supplier's, the
 * platform's), so each case names its tenant.
 */
export async function refundsOfCases(ctx: Ctx, cases: Array<{ tenantId: number; aftersaleId: number }>): Promise<Map<number, RefundView[]>> {
  const byCase = new Map<number, RefundView[]>(cases.map((c) => [c.aftersaleId, []]));
  for (const r of await caseRefundRows(ctx, cases)) {
    if (cases.some((c) => c.aftersaleId === r.aftersaleId && c.tenantId === r.tenantId)) byCase.get(r.aftersaleId!)?.push(refundView(r));
  }
  return byCase;
}
