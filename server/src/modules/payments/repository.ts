/**
 * Every query of the payments module, and the only file that touches its models (server/README.md,
 * "One door to the database"): payments, refunds and the shops' gateway accounts go in and out as
 * plain rows. The guards of money live in the statements here and are chosen by the services: a
 * payment or refund read FOR UPDATE (`lockPayment...`, `lockRefund`), and conditional updates that
 * answer how many rows they changed (`updatePayment(..., when)`, `updateRefund(..., when)`).
 */
import { col, fn, literal, Op, Transaction } from 'sequelize';
import type { Ctx } from '../../core/context.js';
import { requireTenantId } from '../../core/context.js';
import { acrossTenants, inTx, tenantsOf } from '../../core/db/index.js';
import { Payment, PaymentAccount, Refund, type AccountProvider, type PaymentMethod, type PaymentPurpose, type PaymentStatus, type RefundStatus } from './model.js';

export interface PaymentRow {
  id: number;
  tenantId: number;
  customerId: number;
  orderId: number | null;
  purpose: PaymentPurpose;
  method: PaymentMethod;
  amount: number;
  status: PaymentStatus;
  outTradeNo: string;
  providerTradeNo: string | null;
  refundedAmount: number;
  params: Record<string, string> | null;
  notifyCount: number;
  paidAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface RefundRow {
  id: number;
  tenantId: number;
  paymentId: number;
  orderId: number | null;
  aftersaleId: number | null;
  amount: number;
  status: RefundStatus;
  outRefundNo: string;
  providerRefundId: string | null;
  reason: string | null;
  /** What the purpose handler needs to apply it (items, quantities). */
  details: Record<string, unknown> | null;
  error: string | null;
  succeededAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface PaymentAccountRow {
  id: number;
  tenantId: number;
  provider: AccountProvider;
  mode: 'direct' | 'partner';
  mchid: string;
  subMchid: string | null;
  appid: string | null;
  serialNo: string | null;
  secretsEncrypted: string | null;
  platformCerts: Array<{ serialNo: string; publicKeyPem: string }>;
}

const paymentRow = (p: Payment): PaymentRow => ({
  id: p.id,
  tenantId: p.tenantId,
  customerId: p.customerId,
  orderId: p.orderId,
  purpose: p.purpose,
  method: p.method,
  amount: p.amount,
  status: p.status,
  outTradeNo: p.outTradeNo,
  providerTradeNo: p.providerTradeNo,
  refundedAmount: p.refundedAmount,
  params: p.params,
  notifyCount: p.notifyCount,
  paidAt: p.paidAt,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
});

const refundRow = (r: Refund): RefundRow => ({
  id: r.id,
  tenantId: r.tenantId,
  paymentId: r.paymentId,
  orderId: r.orderId,
  aftersaleId: r.aftersaleId,
  amount: r.amount,
  status: r.status,
  outRefundNo: r.outRefundNo,
  providerRefundId: r.providerRefundId,
  reason: r.reason,
  details: r.details,
  error: r.error,
  succeededAt: r.succeededAt,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

const accountRow = (a: PaymentAccount): PaymentAccountRow => ({
  id: a.id,
  tenantId: a.tenantId,
  provider: a.provider,
  mode: a.mode,
  mchid: a.mchid,
  subMchid: a.subMchid,
  appid: a.appid,
  serialNo: a.serialNo,
  secretsEncrypted: a.secretsEncrypted,
  platformCerts: a.platformCerts,
});

// ---- payments ----

export type NewPayment = Omit<PaymentRow, 'id' | 'tenantId' | 'notifyCount' | 'createdAt' | 'updatedAt'>;

export async function insertPayment(ctx: Ctx, fields: NewPayment): Promise<PaymentRow> {
  return paymentRow(await Payment.create({ tenantId: requireTenantId(ctx), ...fields }, inTx(ctx)));
}

export async function findPayment(ctx: Ctx, id: number): Promise<PaymentRow | null> {
  const p = await Payment.findOne({ where: { tenantId: requireTenantId(ctx), id }, ...inTx(ctx) });
  return p ? paymentRow(p) : null;
}

/** The payment, read FOR UPDATE (inside the caller's transaction). */
export async function lockPayment(ctx: Ctx, id: number): Promise<PaymentRow | null> {
  const p = await Payment.findOne({ where: { tenantId: requireTenantId(ctx), id }, lock: Transaction.LOCK.UPDATE, ...inTx(ctx) });
  return p ? paymentRow(p) : null;
}

/** The payment a gateway's notification names, read FOR UPDATE. */
export async function lockPaymentByTradeNo(ctx: Ctx, outTradeNo: string): Promise<PaymentRow | null> {
  const p = await Payment.findOne({ where: { tenantId: requireTenantId(ctx), outTradeNo }, lock: Transaction.LOCK.UPDATE, ...inTx(ctx) });
  return p ? paymentRow(p) : null;
}

export type PaymentChanges = Partial<Pick<PaymentRow, 'status' | 'providerTradeNo' | 'paidAt' | 'params' | 'notifyCount' | 'refundedAmount'>>;

/** Writes the changes; `when` makes it conditional. Answers how many rows changed (0 or 1). */
export async function updatePayment(ctx: Ctx, id: number, changes: PaymentChanges, when: Partial<Pick<PaymentRow, 'refundedAmount' | 'status'>> = {}): Promise<number> {
  const [changed] = await Payment.update(changes, { where: { tenantId: requireTenantId(ctx), id, ...when }, ...inTx(ctx) });
  return changed;
}

export async function paymentsOfOrder(ctx: Ctx, orderId: number): Promise<PaymentRow[]> {
  const rows = await Payment.findAll({ where: { tenantId: requireTenantId(ctx), orderId }, order: [['id', 'ASC']], ...inTx(ctx) });
  return rows.map(paymentRow);
}

/** The order's first succeeded payment. */
export async function succeededPaymentOf(ctx: Ctx, orderId: number): Promise<PaymentRow | null> {
  const p = await Payment.findOne({ where: { tenantId: requireTenantId(ctx), orderId, status: 'succeeded' }, order: [['id', 'ASC']], ...inTx(ctx) });
  return p ? paymentRow(p) : null;
}

/** The sandbox gateway looks a payment up by its id alone, from any host. */
export async function findPaymentAnywhere(paymentId: number): Promise<PaymentRow | null> {
  const p = await acrossTenants('payments: the sandbox gateway confirms a payment by id', () => Payment.findByPk(paymentId));
  return p ? paymentRow(p) : null;
}

/** The payment a refund gives money back from, by the refund's number: a refund query names both. */
export async function outTradeNoOfRefund(ctx: Ctx, outRefundNo: string): Promise<string | null> {
  const tenantId = requireTenantId(ctx);
  const refund = await Refund.findOne({ where: { tenantId, outRefundNo }, attributes: ['paymentId'], ...inTx(ctx) });
  const payment = refund && (await Payment.findOne({ where: { tenantId, id: refund.paymentId }, attributes: ['outTradeNo'], ...inTx(ctx) }));
  return payment?.outTradeNo ?? null;
}

async function total(query: Promise<unknown>): Promise<number> {
  const row = (await query) as { total: number | string | null } | null;
  return Number(row?.total ?? 0);
}

/**
 * What came in through gateways and went back to them, in every shop. Balance payments move money
 * inside the ledger, so they count neither way; money taken at a store's till (`till`) never
 * reaches a gateway and is counted by the stores' own flow (`tillTotals`).
 */
export function gatewayTotals(ctx: Ctx): Promise<{ moneyIn: number; moneyOut: number }> {
  return methodTotals(ctx, 'payments: gateway money of every shop, for reconciliation', false);
}

/** What was taken at stores' tills and handed back there, in every shop (the stores' money flow). */
export function tillTotals(ctx: Ctx): Promise<{ moneyIn: number; moneyOut: number }> {
  return methodTotals(ctx, 'payments: till money of every shop, for reconciliation', true);
}

function methodTotals(ctx: Ctx, why: string, till: boolean): Promise<{ moneyIn: number; moneyOut: number }> {
  const methods = till ? { [Op.eq]: 'till' } : { [Op.notIn]: ['balance', 'till'] };
  const ids = till ? `(SELECT id FROM payments WHERE method = 'till')` : `(SELECT id FROM payments WHERE method NOT IN ('balance', 'till'))`;
  return acrossTenants(why, async () => {
    const moneyIn = await total(Payment.findOne({ attributes: [[fn('SUM', col('amount')), 'total']], where: { status: 'succeeded', method: methods }, raw: true, ...inTx(ctx) }));
    const moneyOut = await total(
      Refund.findOne({ attributes: [[fn('SUM', col('amount')), 'total']], where: { status: 'succeeded', paymentId: { [Op.in]: literal(ids) } }, raw: true, ...inTx(ctx) }),
    );
    return { moneyIn, moneyOut };
  });
}

// ---- refunds ----

export type NewRefund = Omit<RefundRow, 'id' | 'tenantId' | 'createdAt' | 'updatedAt'>;

export async function insertRefund(ctx: Ctx, fields: NewRefund): Promise<RefundRow> {
  return refundRow(await Refund.create({ tenantId: requireTenantId(ctx), ...fields }, inTx(ctx)));
}

export async function findRefund(ctx: Ctx, id: number): Promise<RefundRow | null> {
  const r = await Refund.findOne({ where: { tenantId: requireTenantId(ctx), id }, ...inTx(ctx) });
  return r ? refundRow(r) : null;
}

/** The refund, read FOR UPDATE (inside the caller's transaction). */
export async function lockRefund(ctx: Ctx, id: number): Promise<RefundRow | null> {
  const r = await Refund.findOne({ where: { tenantId: requireTenantId(ctx), id }, lock: Transaction.LOCK.UPDATE, ...inTx(ctx) });
  return r ? refundRow(r) : null;
}

export async function findRefundByNo(ctx: Ctx, outRefundNo: string): Promise<RefundRow | null> {
  const r = await Refund.findOne({ where: { tenantId: requireTenantId(ctx), outRefundNo }, ...inTx(ctx) });
  return r ? refundRow(r) : null;
}

export type RefundChanges = Partial<Pick<RefundRow, 'status' | 'providerRefundId' | 'error' | 'succeededAt'>>;

/** Writes the changes; `when` makes it conditional. Answers how many rows changed (0 or 1). */
export async function updateRefund(ctx: Ctx, id: number, changes: RefundChanges, when: Partial<Pick<RefundRow, 'status'>> = {}): Promise<number> {
  const [changed] = await Refund.update(changes, { where: { tenantId: requireTenantId(ctx), id, ...when }, ...inTx(ctx) });
  return changed;
}

/** Refunds of an order (or of one after-sales case), oldest first, in the given statuses. */
export async function refundsOf(ctx: Ctx, where: { orderId: number; aftersaleId?: number }, statuses: RefundStatus[]): Promise<RefundRow[]> {
  const rows = await Refund.findAll({ where: { tenantId: requireTenantId(ctx), ...where, status: statuses }, order: [['id', 'ASC']], ...inTx(ctx) });
  return rows.map(refundRow);
}

/** Refunds of after-sales cases that may span shops (each case names its tenant), oldest first. */
export async function refundsOfCases(ctx: Ctx, cases: Array<{ tenantId: number; aftersaleId: number }>): Promise<RefundRow[]> {
  if (!cases.length) return [];
  const rows = await Refund.findAll({
    where: { tenantId: tenantsOf(cases), aftersaleId: cases.map((c) => c.aftersaleId) },
    order: [['id', 'ASC']],
    ...inTx(ctx),
  });
  return rows.map(refundRow);
}

// ---- the shops' gateway accounts ----

export type AccountValues = Omit<PaymentAccountRow, 'id' | 'tenantId' | 'provider'>;

export async function paymentAccountOf(ctx: Ctx, provider: AccountProvider): Promise<PaymentAccountRow | null> {
  const a = await PaymentAccount.findOne({ where: { tenantId: requireTenantId(ctx), provider }, ...inTx(ctx) });
  return a ? accountRow(a) : null;
}

/** Creates or replaces the shop's account at this gateway. */
export async function savePaymentAccount(ctx: Ctx, provider: AccountProvider, values: AccountValues): Promise<PaymentAccountRow> {
  const tenantId = requireTenantId(ctx);
  const existing = await PaymentAccount.findOne({ where: { tenantId, provider }, ...inTx(ctx) });
  if (existing) await existing.update(values, inTx(ctx));
  else await PaymentAccount.create({ tenantId, provider, ...values }, inTx(ctx));
  return (await paymentAccountOf(ctx, provider))!;
}

export async function removePaymentAccount(ctx: Ctx, provider: AccountProvider): Promise<void> {
  await PaymentAccount.destroy({ where: { tenantId: requireTenantId(ctx), provider }, ...inTx(ctx) });
}

/** How each of these orders was paid (its succeeded payment's method), by order id. */
export async function methodsOfOrders(ctx: Ctx, orderIds: number[]): Promise<Map<number, PaymentMethod>> {
  if (!orderIds.length) return new Map();
  const rows = await Payment.findAll({ where: { tenantId: requireTenantId(ctx), orderId: orderIds, status: 'succeeded' }, attributes: ['orderId', 'method'], ...inTx(ctx) });
  return new Map(rows.map((p) => [Number(p.orderId), p.method]));
}

/** The newest `limit` orders paid by a method, newest first (the tenant's method index). */
export async function ordersPaidWith(ctx: Ctx, method: PaymentMethod, limit: number): Promise<number[]> {
  const rows = await Payment.findAll({
    where: { tenantId: requireTenantId(ctx), method, status: 'succeeded', purpose: 'order' },
    attributes: ['orderId'],
    order: [['id', 'DESC']],
    limit,
    ...inTx(ctx),
  });
  return rows.map((p) => Number(p.orderId));
}
