/**
 * What an order's money means for each party: booked frozen on payment, moved to available on
 * settlement, reversed in part on refunds. Every amount here is integer fen, and the entries of
 * each event add up exactly to the money that moved.
 */
import type { Ctx } from '../../core/context.js';
import { requireTenantId } from '../../core/context.js';
import { contributionsTo, defineHook } from '../../core/hooks.js';
import { CLEARING, PLATFORM, post, type Account, type Posting } from './ledger.js';
import type { Bucket } from './model.js';
import { entriesWithKeyPrefix, kindTotal, orderTotals } from './repository.js';

export interface OrderLine {
  id: number;
  ownerKind: 'supplier' | 'tenant';
  ownerId: number;
  supplyPrice: number;
  quantity: number;
  /** What the shopper paid for this line (after its share of discounts). */
  paid: number;
  feeBps: number;
}

export interface OrderMoney {
  id: number;
  tenantId: number;
  payAmount: number;
  lines: OrderLine[];
  fulfillments: Array<{ ownerKind: 'supplier' | 'tenant'; ownerId: number; freightAmount: number }>;
}

const SHOP = (tenantId: number): Account => ({ type: 'tenant', id: tenantId });

/** Whose money an owner's goods earn: a supplier, another tenant (a brand owner), or this shop. */
function payee(order: OrderMoney, ownerKind: 'supplier' | 'tenant', ownerId: number): Account | null {
  if (ownerKind === 'tenant' && ownerId === order.tenantId) return null;
  return { type: ownerKind, id: ownerId };
}

const key = (a: Account) => `${a.type}:${a.id}`;

export function feeOf(lines: Array<{ paid: number; feeBps: number }>): number {
  return Math.floor(lines.reduce((sum, l) => sum + l.paid * l.feeBps, 0) / 10_000);
}

/** Payables, fee and margin for a paid order, frozen; they add up to the amount paid. */
export function paymentPostings(order: OrderMoney, paymentId: number): Posting[] {
  const payables = new Map<string, { account: Account; amount: number }>();
  const add = (account: Account | null, amount: number) => {
    if (!account) return;
    const entry = payables.get(key(account)) ?? { account, amount: 0 };
    entry.amount += amount;
    payables.set(key(account), entry);
  };
  for (const line of order.lines) add(payee(order, line.ownerKind, line.ownerId), line.supplyPrice * line.quantity);
  for (const f of order.fulfillments) add(payee(order, f.ownerKind, f.ownerId), f.freightAmount);
  const fee = feeOf(order.lines);
  const payableTotal = [...payables.values()].reduce((sum, p) => sum + p.amount, 0);
  const base = { bucket: 'frozen' as Bucket, orderId: order.id, refType: 'payment', refId: paymentId };
  return [
    ...[...payables.values()].map((p) => ({ ...base, account: p.account, amount: p.amount, kind: 'supplier_payable', dedupeKey: `order:${order.id}:pay:payable:${key(p.account)}` })),
    { ...base, account: PLATFORM, amount: fee, kind: 'platform_fee', dedupeKey: `order:${order.id}:pay:fee` },
    { ...base, account: SHOP(order.tenantId), amount: order.payAmount - payableTotal - fee, kind: 'merchant_margin', dedupeKey: `order:${order.id}:pay:margin` },
  ];
}

/**
 * Other parties' shares of an order's money, out of the shop's margin (distribution's and community
 * leaders' commissions): `payment` adds postings to the payment's (given the order's postings so
 * far, the margin among them), `refund` adds the reversal of those shares to a refund's. Each runs
 * in the caller's transaction and its postings are booked with the order's in one `post`, so the
 * margin's debit and the shares' credits move together. A refund's postings must have dedupe keys
 * starting `refund:<refundId>:` so that a refund the gateway refuses gives them back as well.
 */
export interface OrderShares {
  payment(ctx: Ctx, order: OrderMoney, postings: readonly Posting[], paymentId: number): Promise<Posting[]>;
  refund(ctx: Ctx, order: OrderMoney, refund: RefundMoney): Promise<Posting[]>;
}
export const orderShares = defineHook<OrderShares>('finance.order-shares', 'each');

async function sharesOf(each: (s: OrderShares) => Promise<Posting[]>): Promise<Posting[]> {
  const out: Posting[] = [];
  for (const c of contributionsTo(orderShares)) out.push(...(await each(c.value)));
  return out;
}

export async function bookPayment(ctx: Ctx, order: OrderMoney, paymentId: number): Promise<void> {
  const postings = paymentPostings(order, paymentId);
  await post(ctx, [...postings, ...(await sharesOf((s) => s.payment(ctx, order, postings, paymentId)))]);
}

/** Moves everything still frozen for the order to available. */
export async function settleOrder(ctx: Ctx, orderId: number): Promise<void> {
  const tenantId = requireTenantId(ctx);
  const frozen = (await orderTotals(ctx, tenantId, orderId)).filter((t) => t.bucket === 'frozen' && t.total !== 0);
  const postings: Posting[] = frozen.flatMap((t) => {
    const account: Account = { type: t.accountType, id: t.accountId };
    const dedupe = `order:${orderId}:settle:${key(account)}:${t.kind}`;
    return [
      { account, bucket: 'frozen' as Bucket, amount: -t.total, kind: t.kind, orderId, refType: 'settlement', dedupeKey: `${dedupe}:out` },
      { account, bucket: 'available' as Bucket, amount: t.total, kind: t.kind, orderId, refType: 'settlement', dedupeKey: `${dedupe}:in` },
    ];
  });
  await post(ctx, postings);
}

export interface RefundedLine {
  line: OrderLine;
  /** Units returned (0 for a money-only refund such as a price compensation). */
  quantity: number;
  /** The part of the refund given for this line. */
  amount: number;
}

export interface RefundMoney {
  refundId: number;
  amount: number;
  lines: RefundedLine[];
  /** Freight given back (a full refund before anything shipped), per owner. */
  freight: Array<{ ownerKind: 'supplier' | 'tenant'; ownerId: number; amount: number }>;
  /** What each line had had refunded before this refund, by line id (for the fee still due). */
  refundedBefore: Map<number, number>;
  settled: boolean;
}

/**
 * Reverses a refund: each owner gives back the supply price of the units returned (in proportion
 * when only part of a line's money comes back), the platform the fee on what is no longer paid,
 * the shop the rest. The reversals add up to minus the refund.
 */
export function refundPostings(order: OrderMoney, refund: RefundMoney): Posting[] {
  const bucket: Bucket = refund.settled ? 'available' : 'frozen';
  const base = { bucket, orderId: order.id, refType: 'refund', refId: refund.refundId };
  const back = new Map<string, { account: Account; amount: number }>();
  const take = (account: Account | null, amount: number) => {
    if (!account || !amount) return;
    const entry = back.get(key(account)) ?? { account, amount: 0 };
    entry.amount += amount;
    back.set(key(account), entry);
  };
  for (const r of refund.lines) {
    const cost = r.line.supplyPrice * r.line.quantity;
    // the owner returns the cost of what came back, never more than the refunded share of the line
    // a money-only refund rounds the running total, not each part, so the parts of any number of
    // refunds add up to the line's cost exactly
    const before = refund.refundedBefore.get(r.line.id) ?? 0;
    const costOf = (refunded: number) => Math.floor((refunded * cost) / Math.max(1, r.line.paid));
    const share = r.quantity > 0 ? r.line.supplyPrice * r.quantity : costOf(before + r.amount) - costOf(before);
    take(payee(order, r.line.ownerKind, r.line.ownerId), Math.min(share, r.amount));
  }
  for (const f of refund.freight) take(payee(order, f.ownerKind, f.ownerId), f.amount);
  const refundedNow = new Map(refund.lines.map((r) => [r.line.id, r.amount]));
  const before = (l: OrderLine) => refund.refundedBefore.get(l.id) ?? 0;
  const feeBefore = feeOf(order.lines.map((l) => ({ paid: l.paid - before(l), feeBps: l.feeBps })));
  const feeAfter = feeOf(order.lines.map((l) => ({ paid: l.paid - before(l) - (refundedNow.get(l.id) ?? 0), feeBps: l.feeBps })));
  const feeBack = Math.max(0, feeBefore - feeAfter);
  const owners = [...back.values()].reduce((sum, b) => sum + b.amount, 0);
  return [
    ...[...back.values()].map((b) => ({ ...base, account: b.account, amount: -b.amount, kind: 'supplier_payable', dedupeKey: `refund:${refund.refundId}:payable:${key(b.account)}` })),
    { ...base, account: PLATFORM, amount: -feeBack, kind: 'platform_fee', dedupeKey: `refund:${refund.refundId}:fee` },
    { ...base, account: SHOP(order.tenantId), amount: -(refund.amount - owners - feeBack), kind: 'merchant_margin', dedupeKey: `refund:${refund.refundId}:margin` },
  ];
}

/**
 * A refund is booked when it is asked for, not when the gateway pays it: each party gives its share
 * back at once (a debit its bucket must cover, so settled money already withdrawn cannot be given
 * back twice), and the money waits in clearing until the gateway pays it out (payOutRefund) or
 * fails (releaseRefund).
 */
export async function holdRefund(ctx: Ctx, order: OrderMoney, refund: RefundMoney): Promise<void> {
  const shares = await sharesOf((s) => s.refund(ctx, order, refund));
  await post(ctx, [
    ...refundPostings(order, refund).map((p) => ({ ...p, covered: true })),
    ...shares,
    clearingHold(refund.refundId, refund.amount, order.id),
  ]);
}

/** A shopper's recharge given back: the balance must still hold it. */
export async function holdRechargeRefund(ctx: Ctx, customerId: number, refundId: number, amount: number): Promise<void> {
  await post(ctx, [
    { account: { type: 'shopper', id: customerId }, bucket: 'available', amount: -amount, kind: 'recharge_refund', refType: 'refund', refId: refundId, dedupeKey: `refund:${refundId}:recharge`, covered: true },
    clearingHold(refundId, amount, null),
  ]);
}

function clearingHold(refundId: number, amount: number, orderId: number | null): Posting {
  return { account: CLEARING, bucket: 'available', amount, kind: 'refund_clearing', orderId, refType: 'refund', refId: refundId, dedupeKey: `refund:${refundId}:clearing` };
}

/** Money a gateway took that no order could keep waits in clearing for its refund. */
export async function holdUnmatchedPayment(ctx: Ctx, paymentId: number, amount: number): Promise<void> {
  await post(ctx, [{ account: CLEARING, bucket: 'available', amount, kind: 'unmatched_payment', refType: 'payment', refId: paymentId, dedupeKey: `payment:${paymentId}:unmatched` }]);
}

/** The refund went out: through the gateway, or into the shopper's balance for a balance payment. */
export async function payOutRefund(ctx: Ctx, refund: { id: number; amount: number; orderId: number | null }, toBalanceOf?: number): Promise<void> {
  const ref = { orderId: refund.orderId, refType: 'refund', refId: refund.id };
  await post(ctx, [
    { account: CLEARING, bucket: 'available', amount: -refund.amount, kind: 'refund_paid', ...ref, dedupeKey: `refund:${refund.id}:paid`, covered: true },
    ...(toBalanceOf === undefined ? [] : [{ account: { type: 'shopper' as const, id: toBalanceOf }, bucket: 'available' as const, amount: refund.amount, kind: 'balance_refund', ...ref, dedupeKey: `refund:${refund.id}:balance_refund` }]),
  ]);
}

/** The gateway refused the refund: every party gets back what the refund took from it. */
export async function releaseRefund(ctx: Ctx, refundId: number): Promise<void> {
  const held = await entriesWithKeyPrefix(ctx, `refund:${refundId}:`);
  await post(
    ctx,
    held
      .filter((e) => !e.dedupeKey.endsWith(':release'))
      .map((e) => ({ account: { type: e.accountType, id: e.accountId }, bucket: e.bucket, amount: -e.amount, kind: e.kind, orderId: e.orderId, refType: 'refund', refId: refundId, dedupeKey: `${e.dedupeKey}:release`, covered: true })),
  );
}

/** What an account holds of an order's money (all buckets), e.g. a shop's share of a counter sale. */
export async function orderMoneyOf(ctx: Ctx, orderId: number, account: Account): Promise<number> {
  const totals = await orderTotals(ctx, requireTenantId(ctx), orderId);
  return totals.filter((t) => t.accountType === account.type && t.accountId === account.id).reduce((sum, t) => sum + t.total, 0);
}

/** What an order holds of one kind of entry, on one account (e.g. what a till collected of it). */
export async function orderKindOf(ctx: Ctx, orderId: number, account: Account, kind: string): Promise<number> {
  const totals = await orderTotals(ctx, requireTenantId(ctx), orderId);
  return totals.filter((t) => t.accountType === account.type && t.accountId === account.id && t.kind === kind).reduce((sum, t) => sum + t.total, 0);
}

/** Every entry of one kind, in every shop (a money flow that keeps part of its money inside the ledger). */
export { kindTotal };
