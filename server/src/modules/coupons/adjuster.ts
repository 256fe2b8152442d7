/**
 * The coupon in the quote (orders' `quoteAdjusters`): an amount or percent off at the coupon's
 * step, free shipping at the freight's step (stacking.ts). The couponId must be the shopper's own
 * held coupon, usable now, whose scope and threshold the cart meets (rules.ts), else 409
 * coupon_not_applicable. Placing the order uses it (a conditional update: of two orders racing
 * with one coupon, one wins); cancelling the unpaid order gives it back.
 */
import type { Ctx } from '../../core/context.js';
import { clock } from '../../core/clock.js';
import { contribute } from '../../core/hooks.js';
import { on } from '../../core/events.js';
import { listingCategories } from '../market/index.js';
import { KIND, STEP, loadOrder, netLines, orderPaid, quoteAdjusters, stepApplies, type Adjustment, type AdjustedOrder, type QuoteAdjuster, type QuoteInput, type QuoteSoFar } from '../orders/index.js';
import { couponErrors } from './errors.js';
import * as repo from './repository.js';
import { evaluate, heldState, type CartFacts } from './rules.js';

export const COUPON_REF = 'coupon';

/** The savings a coupon's threshold and percentage are computed after: steps before the coupon's. */
const AFTER_COUPON = new Set<string>([KIND.coupon, KIND.points, KIND.freeShipping]);
export const beforeCoupon = (adjustments: readonly Adjustment[]) => adjustments.filter((a) => !AFTER_COUPON.has(a.type));

/** The cart as a coupon sees it (one read of the lines' categories). */
export async function cartFacts(ctx: Ctx, soFar: Pick<QuoteSoFar, 'lines' | 'freightAmount' | 'adjustments'>, freightKnown: boolean): Promise<CartFacts> {
  const before = beforeCoupon(soFar.adjustments);
  const net = netLines(soFar.lines, before);
  const categories = await listingCategories(ctx, soFar.lines.map((l) => l.offer.listingId));
  const freightTaken = -soFar.adjustments.filter((a) => a.onFreight).reduce((sum, a) => sum + a.amount, 0);
  return {
    lines: soFar.lines.map((l, i) => ({ index: l.index, listingId: l.offer.listingId, categories: categories.get(l.offer.listingId) ?? [], net: net[i]! })),
    fullReduction: before.some((a) => a.type === KIND.fullReduction && a.amount < 0),
    freightLeft: freightKnown ? Math.max(0, soFar.freightAmount - freightTaken) : null,
  };
}

/** The quote's two steps read the same held coupon: once per quote. */
const heldOfQuote = new WeakMap<QuoteInput, Promise<{ held: repo.HeldRow; coupon: repo.CouponRow } | null>>();
function heldFor(ctx: Ctx, input: QuoteInput) {
  let found = heldOfQuote.get(input);
  if (!found) {
    found = (async () => {
      const held = await repo.findHeld(ctx, input.couponId!, input.customerId);
      const coupon = held ? await repo.findCoupon(ctx, held.couponId) : null;
      return held && coupon ? { held, coupon } : null;
    })();
    heldOfQuote.set(input, found);
  }
  return found;
}

async function couponAdjustment(ctx: Ctx, soFar: QuoteSoFar, input: QuoteInput, freeShipping: boolean): Promise<Adjustment[]> {
  if (!input.couponId) return [];
  const found = await heldFor(ctx, input);
  // a coupon that is not the shopper's is as unknown as one that does not exist
  if (!found) throw couponErrors.notApplicable('used');
  const { held, coupon } = found;
  if ((coupon.kind === 'free_shipping') !== freeShipping) return [];
  const state = heldState(held, clock.now());
  if (state) throw couponErrors.notApplicable(state);
  const result = evaluate(coupon, await cartFacts(ctx, soFar, !!input.address && input.delivery === 'express'));
  if (!result.ok) throw couponErrors.notApplicable(result.reason, result.missing);
  return [
    {
      type: freeShipping ? KIND.freeShipping : KIND.coupon,
      label: `优惠券：${coupon.name}`,
      amount: -result.amount,
      ...(result.lines ? { lines: result.lines } : {}),
      ...(freeShipping ? { onFreight: true } : {}),
      ref: { kind: COUPON_REF, id: held.id },
    },
  ];
}

/** Placing the order uses the held coupon; a second order racing with it is refused (409). */
async function reserve(tx: Ctx, order: AdjustedOrder): Promise<void> {
  for (const a of order.adjustments) {
    if (a.ref?.kind !== COUPON_REF) continue;
    if (!(await repo.markUsed(tx, a.ref.id, order.customerId, order.id, -a.amount, clock.now()))) throw couponErrors.notApplicable('used');
  }
}

async function release(tx: Ctx, order: AdjustedOrder): Promise<void> {
  for (const a of order.adjustments) if (a.ref?.kind === COUPON_REF) await repo.markReleased(tx, a.ref.id, order.id, clock.now());
}

const goodsCoupon: QuoteAdjuster = {
  adjust: (ctx, soFar, input) => (stepApplies('coupon', input) ? couponAdjustment(ctx, soFar, input, false) : Promise.resolve([])),
  reserve,
  release,
};
const freeShippingCoupon: QuoteAdjuster = {
  adjust: (ctx, soFar, input) => (stepApplies('freeShipping', input) ? couponAdjustment(ctx, soFar, input, true) : Promise.resolve([])),
  reserve,
  release,
};

export const couponAdjusters = [
  contribute(quoteAdjusters, 'coupons.coupon', goodsCoupon, STEP.coupon),
  contribute(quoteAdjusters, 'coupons.freeShipping', freeShippingCoupon, STEP.freeShipping),
];

/** A paid order's coupon records what the order paid (the coupon's GMV figure). */
export const recordPaidOrder = on(orderPaid, 'coupons.paid', async (ctx, { orderId }) => {
  if (!(await repo.heldOfOrder(ctx, orderId)).length) return;
  const order = await loadOrder(ctx, orderId);
  await repo.recordPaid(ctx, orderId, order.paidAmount, clock.now());
});
