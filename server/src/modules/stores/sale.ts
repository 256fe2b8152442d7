/**
 * Selling at the counter (收银): an in-store order paid at the till. It is an ordinary order of the
 * orders module, placed for a member (or a walk-in, customer 0) with `channel: 'counter'`, priced by
 * the ordinary quote, taking the store's own stock only (the store holds the goods; the warehouses
 * are not touched) by the same conditional update as a pickup order, paid at once by a `till`
 * payment (booked in finance like any payment) and handed over in the same transaction: the order
 * is `received` when the answer leaves. One transaction, claimed by the request's Idempotency-Key,
 * so a double-tapped till sells once, and a refusal (not enough at the store) sells nothing.
 *
 * Money: the shop already holds what the till took, so its share of the sale is counted back out
 * of its account at once (`till_collected`, the shop cannot withdraw it a second time); the
 * platform's fee and any commission stay booked as for an online order, owed from the till. The
 * stores' money flow (`tills`) counts till money in, handed back (refunds at the counter) and kept
 * at the till out, so the reconciliation balances to the fen (see CONTEXT.md "Till money").
 */
import type { Ctx } from '../../core/context.js';
import { contribute } from '../../core/hooks.js';
import { withIdempotentTransaction } from '../../core/idempotency.js';
import { customerBriefs, walkInCustomer } from '../customers/index.js';
import { withTransaction } from '../../core/db/index.js';
import { kindTotal, moneySources, orderKindOf, orderMoneyOf, orderShares, post, refundPostings, type Account } from '../finance/index.js';
import { counterQuote, handOverAtCounter, loadOrder, orderViews, placeCounterOrder, type ResolvedPlace } from '../orders/index.js';
import { recordTillPayment, tillTotals } from '../payments/index.js';
import { counterStore } from './counter.js';
import { storeErrors } from './errors.js';
import * as repo from './repository.js';
import type { CounterSaleBody, CounterQuoteBody } from './schemas.js';
import { assertOwnGoods, sumLines } from './stock.js';
import { ValidationError } from '../../core/errors.js';
import { couponAtCounter } from './counter-coupons.js';

type StaffCtx = Ctx & { actor: { kind: 'merchant'; id: number } };

export const TILL_COLLECTED = 'till_collected';
const SHOP = (tenantId: number): Account => ({ type: 'tenant', id: tenantId });

/** The store as the order's place: it holds the goods (no warehouse is touched). */
const atStore = (storeId: number): ResolvedPlace => ({ kind: 'store', id: storeId, holdsStock: true });

/** What the counter sells: the store open, the lines summed per SKU (a SKU listed twice adds up), own goods, a known member. */
async function saleOf(ctx: StaffCtx, storeId: number, body: CounterQuoteBody) {
  const store = await counterStore(ctx, storeId);
  if (!store.active) throw storeErrors.closed();
  const items = sumLines(body.items);
  await assertOwnGoods(ctx, items.map((i) => i.skuId), (i) => `items[${i}].skuId`);
  const coupon = body.couponCode ? await couponAtCounter(ctx, body.couponCode, body.customerId) : null;
  const customerId = coupon?.customerId ?? body.customerId ?? (await walkInOf(ctx, store.id, store.name));
  if (body.customerId !== undefined && !(await customerBriefs(ctx, [body.customerId], false)).has(body.customerId)) throw ValidationError.field('customerId', 'no such member in this shop');
  return { items, customerId, walkIn: !coupon && body.customerId === undefined, couponId: coupon?.holdingId };
}

/** The store's walk-in customer (门店散客), made under the store's row lock at its first walk-in sale. */
async function walkInOf(ctx: Ctx, storeId: number, storeName: string): Promise<number> {
  return withTransaction(ctx, async (tx) => {
    const known = await repo.lockedWalkIn(tx, storeId);
    if (known) return known;
    const id = await walkInCustomer(tx, `门店散客 · ${storeName}`.slice(0, 64));
    await repo.setWalkIn(tx, storeId, id);
    return id;
  });
}

/** The counter's total before confirming: the ordinary quote at this store (coupon applied). */
export async function quoteAtCounter(ctx: StaffCtx, storeId: number, body: CounterQuoteBody) {
  const sale = await saleOf(ctx, storeId, body);
  const q = await counterQuote(ctx, sale.customerId, atStore(storeId), { items: sale.items, couponId: sale.couponId });
  return {
    customerId: sale.walkIn ? null : sale.customerId,
    lines: q.lines.map((l) => ({ skuId: l.offer.listingSkuId, title: l.offer.title, specs: l.offer.specs, price: l.offer.price, quantity: l.quantity, subtotal: l.subtotal, discount: l.discount })),
    goodsAmount: q.goodsAmount,
    discountAmount: q.discountAmount,
    payAmount: q.payAmount,
    discounts: q.adjustments.map((a) => ({ label: a.label, amount: a.amount })),
  };
}

/** Sells at the counter: placed, paid at the till and handed over in one transaction (the Idempotency-Key's). */
export async function sellAtCounter(ctx: StaffCtx, storeId: number, body: CounterSaleBody) {
  const sale = await saleOf(ctx, storeId, body);
  return withIdempotentTransaction(ctx, async (tx) => {
    const placed = await placeCounterOrder(tx, sale.customerId, atStore(storeId), { items: sale.items, couponId: sale.couponId, remark: body.remark });
    const order = placed.order;
    const paymentId = await recordTillPayment(tx, { customerId: sale.customerId, orderId: order.id, amount: order.payAmount, till: body.payMethod });
    await collectAtTill(tx, order.id, paymentId, order.tenantId);
    await handOverAtCounter(tx, order.id);
    const [view] = await orderViews(tx, [await loadOrder(tx, order.id)], 'staff');
    return { ...view!, storeKind: 'counter', payMethod: body.payMethod };
  });
}

/** The shop's share of a counter sale (after commissions) is already in its till: counted back out of its account. */
async function collectAtTill(tx: Ctx, orderId: number, paymentId: number, tenantId: number): Promise<void> {
  const share = await orderMoneyOf(tx, orderId, SHOP(tenantId));
  if (share <= 0) return;
  await post(tx, [{ account: SHOP(tenantId), bucket: 'frozen', amount: -share, kind: TILL_COLLECTED, orderId, refType: 'payment', refId: paymentId, dedupeKey: `order:${orderId}:pay:till`, note: 'kept at the store till' }]);
}

/**
 * A refund of a counter sale: the shop gives back its margin on what is refunded as for any order,
 * and gets the same amount back from what its till kept (never more than the till kept of the
 * order), so the refund is covered by the till's cash, not by the shop's online earnings.
 */
export const tillShares = contribute(orderShares, 'stores.till', {
  async payment() {
    return [];
  },
  async refund(ctx, order, refund) {
    const held = await repo.storeOrderOf(ctx, order.id);
    if (held?.kind !== 'counter') return [];
    const margin = refundPostings(order, refund).find((p) => p.kind === 'merchant_margin' && p.account.type === 'tenant');
    const kept = -(await orderKindOf(ctx, order.id, SHOP(order.tenantId), TILL_COLLECTED));
    const back = Math.min(-(margin?.amount ?? 0), kept);
    if (back <= 0) return [];
    return [{ account: SHOP(order.tenantId), bucket: refund.settled ? 'available' : 'frozen', amount: back, kind: TILL_COLLECTED, orderId: order.id, refType: 'refund', refId: refund.refundId, dedupeKey: `refund:${refund.refundId}:till`, note: 'handed back at the store till' }];
  },
});

/**
 * The stores' tills as a way money enters and leaves (finance's reconciliation): in, what the tills
 * took; out, what they handed back (refunds at the counter) and what the shops kept of it (their
 * share, `till_collected`). What is left is the platform's fee and commissions on counter sales.
 */
export const tillMoney = contribute(moneySources, 'stores.tills', async (ctx: Ctx) => {
  const [till, collected] = await Promise.all([tillTotals(ctx), kindTotal(ctx, TILL_COLLECTED)]);
  return { name: 'tills', moneyIn: till.moneyIn, moneyOut: till.moneyOut - collected };
});
