/**
 * Commissions in the ledger. When an order is paid, its payees are found (the buyer's upline up to
 * the shop's depth, and whoever other modules add through `commissionPayees`: community leaders)
 * and each one's commission (rate × goods amount paid after discounts, rounded down to the fen)
 * moves from the shop's margin (`tenant` frozen) to the payee's `promoter` account (frozen), in the
 * payment's own transaction and `post` (finance's `orderShares`). The order's total commission never
 * exceeds the margin: payees are paid in order (level 1 first) and what the margin could not cover
 * is recorded as `capped`. Settlement moves the frozen commission to available with every other
 * party's money (finance settles the order's entries). A refund takes back from each commission in
 * proportion to the goods amount it refunds, weighted by the line's rate, to the fen: the total
 * taken after a refund is `amount - floor(amount × weight left / weight paid)`, so the refund that
 * empties the order takes exactly what is left.
 */
import type { Ctx } from '../../core/context.js';
import { contribute, contributionsTo, defineHook, runSequence } from '../../core/hooks.js';
import { settingsOf } from '../../core/settings.js';
import { orderShares, type OrderMoney, type Posting, type RefundMoney } from '../finance/index.js';
import { itemsOf, loadOrder, type RefundEvent } from '../orders/index.js';
import { levelRatesOf, rateOf } from './levels.js';
import * as repo from './repository.js';
import { distributionSettings, ratesOf } from './settings.js';

/** Someone a paid order pays a commission to. */
export interface CommissionPayee {
  /** A shopper of the shop: the commission goes to their `promoter` account. */
  customerId: number;
  rateBps: number;
  source: 'distribution' | 'community';
  /** 1..3 for the distribution chain; community leaders use their own (e.g. 0), unique per order with the customer. */
  level: number;
  /** Rates per product, overriding `rateBps` for that product's lines (distribution's per-product rates). */
  productRates?: ReadonlyMap<number, number>;
}

/** The order as a payee contributor sees it. */
export interface PaidOrder {
  id: number;
  tenantId: number;
  customerId: number;
  goodsAmount: number;
}

/**
 * Other modules add payees of a paid order ('sequence': each gets the payees so far, the
 * distribution chain first, and answers the list with its own added). Runs inside the payment's
 * transaction; a contribution must not refuse the payment.
 */
export const commissionPayees = defineHook<(payees: CommissionPayee[], ctx: Ctx, order: PaidOrder) => Promise<CommissionPayee[]>>('distribution.commission-payees', 'sequence');

const SHOP = (tenantId: number) => ({ type: 'tenant' as const, id: tenantId });
const PROMOTER = (customerId: number) => ({ type: 'promoter' as const, id: customerId });

/** The buyer's upline that earns on this order: level 1 first; only active distributors earn (a level is not skipped over). */
export async function chainOf(ctx: Ctx, buyerId: number): Promise<Array<{ customerId: number; level: number }>> {
  const s = await settingsOf(ctx, distributionSettings);
  if (!s.enabled) return [];
  const ids: number[] = [];
  const buyer = await repo.findDistributor(ctx, buyerId);
  if (s.selfPurchase && buyer?.status === 'active') ids.push(buyerId);
  let cursor = buyerId;
  const seen = new Set([buyerId]);
  while (ids.length < s.depth) {
    const binding = await repo.findBinding(ctx, cursor);
    if (!binding || seen.has(binding.inviterId)) break;
    seen.add(binding.inviterId);
    ids.push(binding.inviterId);
    cursor = binding.inviterId;
  }
  const rows = await repo.distributorsOf(ctx, ids);
  return ids.map((customerId, i) => ({ customerId, level: i + 1 })).filter((p) => rows.get(p.customerId)?.status === 'active');
}

async function distributionPayees(ctx: Ctx, buyerId: number, productIds: number[]): Promise<CommissionPayee[]> {
  const chain = await chainOf(ctx, buyerId);
  if (!chain.length) return [];
  const s = await settingsOf(ctx, distributionSettings);
  const rates = ratesOf(s);
  const [overrides, levelRates] = await Promise.all([repo.productRates(ctx, productIds), levelRatesOf(ctx, chain.map((p) => p.customerId))]);
  // the precedence (product, then the payee's level, then the shop) is levels.ts's rateOf
  return chain.map(({ customerId, level }) => ({
    customerId,
    level,
    source: 'distribution' as const,
    rateBps: rateOf(level, rates, levelRates.get(customerId), undefined),
    productRates: new Map([...overrides].map(([productId, r]) => [productId, rateOf(level, rates, levelRates.get(customerId), r)])),
  }));
}

const floorDiv = (a: bigint, b: bigint) => (b === 0n ? 0n : a / b);

/** The order's commissions, computed and recorded once (a replayed payment reads them back). */
async function commissionsFor(ctx: Ctx, order: OrderMoney, margin: number): Promise<repo.CommissionRow[]> {
  // nothing to ask of a shop without distribution when no other module adds payees
  if (!(await settingsOf(ctx, distributionSettings)).enabled && !contributionsTo(commissionPayees).length) return [];
  const existing = await repo.commissionsOfOrder(ctx, order.id);
  if (existing.length) return existing;
  const row = await loadOrder(ctx, order.id);
  const items = await itemsOf(ctx, order.id);
  // a shop's product is its listing (the id the storefront and the console use)
  const productOf = new Map(items.map((i) => [i.id, i.listingId]));
  const goods = order.lines.reduce((sum, l) => sum + l.paid, 0);
  let payees = await distributionPayees(ctx, row.customerId, items.map((i) => i.listingId));
  payees = await runSequence(commissionPayees, payees, ctx, { id: order.id, tenantId: order.tenantId, customerId: row.customerId, goodsAmount: goods });
  let left = Math.max(0, margin);
  const seen = new Set<string>();
  const rows: repo.NewCommission[] = [];
  for (const p of payees) {
    const key = `${p.customerId}:${p.level}`;
    if (seen.has(key) || p.rateBps < 0) continue;
    seen.add(key);
    const lineRates: Record<string, number> = {};
    let weight = 0n;
    for (const l of order.lines) {
      const productId = productOf.get(l.id);
      const rate = (productId !== undefined ? p.productRates?.get(productId) : undefined) ?? p.rateBps;
      lineRates[String(l.id)] = rate;
      weight += BigInt(l.paid) * BigInt(rate);
    }
    const full = Number(floorDiv(weight, 10_000n));
    const amount = Math.min(full, left);
    left -= amount;
    if (full === 0) continue;
    rows.push({ orderId: order.id, customerId: p.customerId, buyerId: row.customerId, level: p.level, source: p.source, rateBps: p.rateBps, lineRates, base: goods, amount, capped: full - amount, status: 'frozen' });
  }
  await repo.insertCommissions(ctx, rows);
  return repo.commissionsOfOrder(ctx, order.id);
}

function paymentShares(order: OrderMoney, rows: repo.CommissionRow[], paymentId: number): Posting[] {
  const base = { bucket: 'frozen' as const, orderId: order.id, refType: 'payment', refId: paymentId, kind: 'commission' };
  return rows.flatMap((c) => {
    const key = `order:${order.id}:commission:${c.customerId}:${c.level}`;
    return [
      { ...base, account: SHOP(order.tenantId), amount: -c.amount, dedupeKey: `${key}:shop` },
      { ...base, account: PROMOTER(c.customerId), amount: c.amount, dedupeKey: `${key}:promoter` },
    ];
  });
}

/** The weight (Σ goods amount × rate) of what is still paid on each commission's lines. */
function weightOf(c: repo.CommissionRow, amountOf: (lineId: number) => number): bigint {
  let w = 0n;
  for (const [lineId, rate] of Object.entries(c.lineRates)) w += BigInt(Math.max(0, amountOf(Number(lineId)))) * BigInt(rate);
  return w;
}

/** What the commission has lost in total once `left` of its weight `paid` is still paid. */
const takenAt = (amount: number, paid: bigint, left: bigint) => (paid === 0n ? 0 : amount - Number(floorDiv(BigInt(amount) * left, paid)));

/** The refund's postings: each commission gives back its proportion (the promoter's bucket must cover it). */
async function refundShares(ctx: Ctx, order: OrderMoney, r: RefundMoney): Promise<Posting[]> {
  const rows = (await repo.commissionsOfOrder(ctx, order.id)).filter((c) => c.amount > 0);
  if (!rows.length) return [];
  const paidOf = new Map(order.lines.map((l) => [l.id, l.paid]));
  const now = new Map<number, number>();
  for (const x of r.lines) now.set(x.line.id, (now.get(x.line.id) ?? 0) + x.amount);
  const before = (id: number) => r.refundedBefore.get(id) ?? 0;
  const bucket = r.settled ? ('available' as const) : ('frozen' as const);
  const out: Posting[] = [];
  for (const c of rows) {
    const paid = weightOf(c, (id) => paidOf.get(id) ?? 0);
    const leftBefore = weightOf(c, (id) => (paidOf.get(id) ?? 0) - before(id));
    const leftAfter = weightOf(c, (id) => (paidOf.get(id) ?? 0) - before(id) - (now.get(id) ?? 0));
    const take = takenAt(c.amount, paid, leftAfter) - takenAt(c.amount, paid, leftBefore);
    if (take <= 0) continue;
    if (!(await repo.insertReversal(ctx, { refundId: r.refundId, commissionId: c.id, amount: take }))) continue;
    await repo.addReversed(ctx, c.id, take);
    const key = `refund:${r.refundId}:commission:${c.customerId}:${c.level}`;
    const ref = { bucket, orderId: order.id, refType: 'refund', refId: r.refundId, kind: 'commission' };
    out.push(
      { ...ref, account: PROMOTER(c.customerId), amount: -take, dedupeKey: `${key}:promoter`, covered: true },
      { ...ref, account: SHOP(order.tenantId), amount: take, dedupeKey: `${key}:shop` },
    );
  }
  return out;
}

/** Distribution's part of an order's money (finance's `orderShares`). */
export const commissionShares = contribute(orderShares, 'distribution.commissions', {
  async payment(ctx, order, postings, paymentId) {
    const margin = postings.filter((p) => p.kind === 'merchant_margin').reduce((sum, p) => sum + p.amount, 0);
    return paymentShares(order, await commissionsFor(ctx, order, margin), paymentId);
  },
  refund: (ctx, order, refund) => refundShares(ctx, order, refund),
});

/** A refund the gateway refused: finance gives the reversals back; the commissions' counts follow. */
export async function refundEnded(ctx: Ctx, event: RefundEvent): Promise<void> {
  if (event.outcome !== 'failed') return;
  for (const r of await repo.reversalsOfRefund(ctx, event.refundId)) {
    if (await repo.releaseReversal(ctx, r.id)) await repo.addReversed(ctx, r.commissionId, -r.amount);
  }
}

/** The order completed and finance settled it: its commissions are available now. */
export async function commissionsSettled(ctx: Ctx, orderId: number): Promise<void> {
  await repo.setOrderCommissionStatus(ctx, orderId, 'available', 'frozen');
}
