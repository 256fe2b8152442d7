import { randomInt } from 'node:crypto';
import { Transaction } from 'sequelize';
import { clock, minutes } from '../../core/clock.js';
import { config } from '../../core/config.js';
import type { Ctx } from '../../core/context.js';
import { inTenant, requireTenantId, systemContext } from '../../core/context.js';
import { acrossTenants, inTx, withTransaction } from '../../core/db/index.js';
import { AppError, conflict, notFound } from '../../core/errors.js';
import { withIdempotentTransaction } from '../../core/idempotency.js';
import { defineJob, scheduleJob } from '../../core/jobs.js';
import { logger } from '../../core/logger.js';
import { platformUrl } from '../../core/tenancy.js';
import { balanceLock, creditBalance, spendBalance } from '../finance/index.js';
import { tenantRef } from '../tenants/index.js';
import { Payment, Refund, type PaymentMethod, type PaymentPurpose } from './model.js';
import { SandboxGateway } from './providers/sandbox.js';
import { InvalidNotification, type NotificationHeaders, type PaymentProvider, type VerifiedRefundNotification } from './providers/types.js';

// ---- gateways ----

type GatewayFactory = (ctx: Ctx, tenantId: number) => Promise<PaymentProvider>;
const gateways = new Map<Exclude<PaymentMethod, 'balance'>, GatewayFactory>();

gateways.set('sandbox', async () => {
  if (!config().sandboxPayments) throw new AppError(409, 'method_unavailable', 'Sandbox payments are switched off');
  return new SandboxGateway();
});

/** A gateway for a tenant (WeChat Pay: its own merchant account, or the platform's as service provider). */
export function registerGateway(method: Exclude<PaymentMethod, 'balance'>, factory: GatewayFactory): void {
  gateways.set(method, factory);
}

async function gatewayFor(ctx: Ctx, method: PaymentMethod, tenantId: number): Promise<PaymentProvider> {
  const factory = method === 'balance' ? undefined : gateways.get(method);
  if (!factory) throw new AppError(409, 'method_unavailable', `Payment by ${method} is not available`);
  return factory(ctx, tenantId);
}

// ---- what a payment is for ----

export interface PurposeHandler {
  /** Runs in the transaction that records the payment's success. 'refund' gives the money back. */
  onSucceeded(ctx: Ctx, payment: Payment): Promise<'kept' | 'refund'>;
  /** Runs in the transaction that records a refund's success. */
  onRefunded(ctx: Ctx, refund: Refund, payment: Payment): Promise<void>;
}

const purposes = new Map<PaymentPurpose, PurposeHandler>();

export function registerPurpose(purpose: PaymentPurpose, handler: PurposeHandler): void {
  purposes.set(purpose, handler);
}

function handlerOf(purpose: PaymentPurpose): PurposeHandler {
  const h = purposes.get(purpose);
  if (!h) throw new Error(`no handler for ${purpose} payments`);
  return h;
}

// ---- paying ----

export interface PaymentView {
  paymentId: number;
  status: 'pending' | 'succeeded' | 'closed';
  method: PaymentMethod;
  amount: number;
  params?: Record<string, string>;
}

function tradeNo(prefix: string): string {
  return `${prefix}${clock.now().toISOString().replace(/[-:TZ.]/g, '').slice(0, 14)}${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
}

export interface StartPayment {
  purpose: PaymentPurpose;
  customerId: number;
  orderId: number | null;
  amount: number;
  method: PaymentMethod;
  description: string;
  openid?: string;
  appid?: string;
}

/**
 * Starts a payment. Balance payments succeed inside this call; gateway payments are created, then
 * the gateway is asked for the client's parameters outside the transaction (a network call must
 * not hold the database).
 */
export async function startPayment(ctx: Ctx, input: StartPayment): Promise<PaymentView> {
  const tenantId = requireTenantId(ctx);
  if (input.method === 'balance') {
    return balanceLock(ctx, input.customerId, () =>
      withIdempotentTransaction(ctx, async (tx) => {
        const payment = await Payment.create(
          { tenantId, customerId: input.customerId, orderId: input.orderId, purpose: input.purpose, method: 'balance', amount: input.amount, status: 'succeeded', outTradeNo: tradeNo('B'), providerTradeNo: null, refundedAmount: 0, params: null, paidAt: clock.now() },
          inTx(tx),
        );
        await spendBalance(tx, input.customerId, input.amount, { paymentId: payment.id, orderId: input.orderId });
        if ((await handlerOf(input.purpose).onSucceeded(tx, payment)) === 'refund') throw conflict('invalid_state', 'This order can no longer be paid');
        return { paymentId: payment.id, status: 'succeeded' as const, method: 'balance' as const, amount: input.amount };
      }),
    );
  }
  const gateway = await gatewayFor(ctx, input.method, tenantId);
  const payment = await Payment.create(
    { tenantId, customerId: input.customerId, orderId: input.orderId, purpose: input.purpose, method: input.method, amount: input.amount, status: 'pending', outTradeNo: tradeNo('P'), providerTradeNo: null, refundedAmount: 0, params: null, paidAt: null },
    inTx(ctx),
  );
  const started = await gateway.createPayment({
    outTradeNo: payment.outTradeNo,
    amount: input.amount,
    description: input.description.slice(0, 120),
    notifyUrl: notifyUrl(input.method, tenantId),
    expiresAt: new Date(clock.nowMs() + 30 * 60_000),
    ...(input.appid ? { appid: input.appid } : {}),
    ...(input.openid ? { openid: input.openid } : {}),
  });
  await payment.update({ params: started.params ?? null }, inTx(ctx));
  return { paymentId: payment.id, status: 'pending', method: input.method, amount: input.amount, ...(started.params ? { params: started.params } : {}) };
}

/** Where a gateway posts its notifications (payments and refunds) for a shop. */
const notifyUrl = (method: PaymentMethod, tenantId: number) => platformUrl(`/api/v1/payments/notify/${method}/${tenantId}`);

/**
 * A gateway says a payment succeeded (or how a refund ended: settleNotifiedRefund). Verified first (signature by the gateway adapter, then our
 * payment and its amount); the payment row is locked, so of many concurrent replays exactly one
 * records the success and runs the purpose; the others find it done and change nothing.
 */
export async function handleNotification(method: Exclude<PaymentMethod, 'balance'>, tenantId: number, headers: NotificationHeaders, rawBody: string): Promise<{ status: number; body: unknown }> {
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
      const payment = await Payment.findOne({ where: { tenantId, outTradeNo: notice.outTradeNo }, lock: Transaction.LOCK.UPDATE, ...inTx(tx) });
      if (!payment || payment.method !== method) {
        logger().warn({ method, tenantId, outTradeNo: notice.outTradeNo }, 'notification for an unknown payment');
        throw new AppError(400, 'invalid_notification', 'No such payment');
      }
      await Payment.update({ notifyCount: payment.notifyCount + 1 }, { where: { tenantId, id: payment.id }, ...inTx(tx) });
      if (payment.status === 'succeeded' || !notice.succeeded) return 'unchanged' as const;
      if (notice.amount !== payment.amount) {
        logger().error({ method, tenantId, paymentId: payment.id, expected: payment.amount, got: notice.amount }, 'notification amount mismatch');
        throw new AppError(400, 'invalid_notification', 'The amount does not match the payment');
      }
      await payment.update({ status: 'succeeded', providerTradeNo: notice.providerTradeNo, paidAt: clock.now() }, inTx(tx));
      const result = await handlerOf(payment.purpose).onSucceeded(tx, payment);
      if (result === 'refund') {
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
  const refund = await Refund.findOne({ where: { tenantId, outRefundNo: notice.outRefundNo }, ...inTx(ctx) });
  const payment = refund && (await Payment.findOne({ where: { tenantId, id: refund.paymentId }, attributes: ['method'], ...inTx(ctx) }));
  if (!refund || payment?.method !== method) {
    logger().warn({ method, tenantId, outRefundNo: notice.outRefundNo }, 'notification for an unknown refund');
    throw new AppError(400, 'invalid_notification', 'No such refund');
  }
  if (notice.amount !== refund.amount) {
    logger().error({ method, tenantId, refundId: refund.id, expected: refund.amount, got: notice.amount }, 'refund notification amount mismatch');
    throw new AppError(400, 'invalid_notification', 'The amount does not match the refund');
  }
  await completeRefund(ctx, refund.id, notice.status === 'succeeded' ? { status: 'succeeded', providerRefundId: notice.providerRefundId } : { status: 'failed', error: 'the gateway closed the refund' });
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

const refundView = (r: Refund): RefundView => ({ id: r.id, amount: r.amount, status: r.status, error: r.error });

async function completeRefund(ctx: Ctx, refundId: number, result: { status: 'succeeded' | 'failed'; providerRefundId?: string; error?: string }): Promise<Refund> {
  return withTransaction(ctx, async (tx) => {
    const tenantId = requireTenantId(tx);
    const refund = await Refund.findOne({ where: { tenantId, id: refundId }, lock: Transaction.LOCK.UPDATE, ...inTx(tx) });
    if (!refund) throw notFound('Refund');
    if (refund.status !== 'pending') return refund;
    const payment = await Payment.findOne({ where: { tenantId, id: refund.paymentId }, ...inTx(tx) });
    if (!payment) throw notFound('Payment');
    if (result.status === 'failed') {
      await refund.update({ status: 'failed', error: result.error?.slice(0, 500) ?? 'refused' }, inTx(tx));
      await Payment.update({ refundedAmount: payment.refundedAmount - refund.amount }, { where: { tenantId, id: payment.id }, ...inTx(tx) });
      return refund;
    }
    await refund.update({ status: 'succeeded', providerRefundId: result.providerRefundId ?? null, succeededAt: clock.now() }, inTx(tx));
    if (payment.method === 'balance') await creditBalance(tx, payment.customerId, refund.amount, 'balance_refund', { type: 'refund', id: refund.id, orderId: refund.orderId });
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

/**
 * Refunds part or all of a payment through its method. The amount is reserved on the payment
 * first (never more than was paid), the gateway is called outside any transaction, and the
 * outcome is recorded, with the purpose applying it, in one transaction.
 */
export async function refundPayment(ctx: Ctx, input: RefundInput): Promise<RefundView> {
  const tenantId = requireTenantId(ctx);
  if (ctx.transaction) throw new Error('refundPayment calls a gateway: call it outside a transaction');
  const { refund, payment } = await withTransaction(ctx, async (tx) => {
    const payment = await Payment.findOne({ where: { tenantId, id: input.paymentId }, lock: Transaction.LOCK.UPDATE, ...inTx(tx) });
    if (!payment || payment.status !== 'succeeded') throw conflict('invalid_state', 'Only a succeeded payment can be refunded');
    if (!Number.isInteger(input.amount) || input.amount <= 0 || payment.refundedAmount + input.amount > payment.amount) {
      throw conflict('refund_exceeds_payment', `At most ${payment.amount - payment.refundedAmount} fen can still be refunded`, { refundable: payment.amount - payment.refundedAmount });
    }
    await Payment.update({ refundedAmount: payment.refundedAmount + input.amount }, { where: { tenantId, id: payment.id }, ...inTx(tx) });
    const refund = await Refund.create(
      { tenantId, paymentId: payment.id, orderId: input.orderId ?? payment.orderId, aftersaleId: input.aftersaleId ?? null, amount: input.amount, status: 'pending', outRefundNo: tradeNo('R'), providerRefundId: null, reason: input.reason.slice(0, 255), details: input.details ?? null, error: null, succeededAt: null },
      inTx(tx),
    );
    return { refund, payment };
  });
  if (payment.method === 'balance') return refundView(await completeRefund(ctx, refund.id, { status: 'succeeded' }));
  const gateway = await gatewayFor(ctx, payment.method, tenantId);
  const result = await gateway.refund({ outTradeNo: payment.outTradeNo, outRefundNo: refund.outRefundNo, refund: refund.amount, total: payment.amount, reason: input.reason, notifyUrl: notifyUrl(payment.method, tenantId) });
  if (result.status === 'processing') {
    await refund.update({ providerRefundId: result.providerRefundId ?? null }, inTx(ctx));
    await checkRefundLater(ctx, refund.id, 0);
    return refundView(refund);
  }
  return refundView(await completeRefund(ctx, refund.id, result.status === 'succeeded' ? { status: 'succeeded', providerRefundId: result.providerRefundId } : { status: 'failed', error: result.error }));
}

/** Marks a refund a gateway reported later (refund notification or a status check). */
export async function settleRefund(ctx: Ctx, refundId: number, status: 'succeeded' | 'failed', error?: string): Promise<RefundView> {
  return refundView(await completeRefund(ctx, refundId, { status, error }));
}

defineJob('payments.refund-orphan', async (ctx, payload) => {
  const payment = await Payment.findOne({ where: { tenantId: requireTenantId(ctx), id: Number(payload.paymentId) }, ...inTx(ctx) });
  if (!payment || payment.refundedAmount >= payment.amount) return;
  await refundPayment(ctx, { paymentId: payment.id, amount: payment.amount - payment.refundedAmount, reason: 'The order was cancelled before the payment arrived', details: { orphan: true } });
});

defineJob('payments.check-refund', async (ctx, payload) => {
  const tenantId = requireTenantId(ctx);
  const refund = await Refund.findOne({ where: { tenantId, id: Number(payload.refundId) }, ...inTx(ctx) });
  if (!refund || refund.status !== 'pending') return;
  const payment = await Payment.findOne({ where: { tenantId, id: refund.paymentId }, ...inTx(ctx) });
  if (!payment) throw notFound('Payment');
  const gateway = await gatewayFor(ctx, payment.method, tenantId);
  const result = await gateway.refundStatus(refund.outRefundNo);
  if (result.status !== 'processing') {
    await completeRefund(ctx, refund.id, result.status === 'succeeded' ? { status: 'succeeded', providerRefundId: result.providerRefundId ?? refund.providerRefundId ?? undefined } : { status: 'failed', error: result.error });
    return;
  }
  const check = Number(payload.check ?? 0) + 1;
  if (check >= REFUND_CHECKS_MINUTES.length) {
    logger().error({ refundId: refund.id, tenantId, outRefundNo: refund.outRefundNo }, 'refund still processing at the gateway after three days: an operator must look');
    return;
  }
  await checkRefundLater(ctx, refund.id, check);
});

// ---- reads ----

export async function paymentsOfOrder(ctx: Ctx, orderId: number): Promise<Payment[]> {
  return Payment.findAll({ where: { tenantId: requireTenantId(ctx), orderId }, order: [['id', 'ASC']], ...inTx(ctx) });
}

export async function succeededPaymentOf(ctx: Ctx, orderId: number): Promise<Payment | null> {
  return Payment.findOne({ where: { tenantId: requireTenantId(ctx), orderId, status: 'succeeded' }, order: [['id', 'ASC']], ...inTx(ctx) });
}

/** The sandbox gateway looks a payment up by its id alone, from any host. */
export async function findPaymentAnywhere(paymentId: number): Promise<Payment | null> {
  return acrossTenants('payments: the sandbox gateway confirms a payment by id', () => Payment.findByPk(paymentId));
}
