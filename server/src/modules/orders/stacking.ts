/**
 * Which savings stack: the one place that decides, for every marketing module's adjuster.
 *
 * The adjusters run in the order of `STEP` (their contributions' `order`), each on what the ones
 * before it left (`netLines`):
 *
 *   1. activity      a flash sale's, a group buy's or a points-mall item's price. Exclusive:
 *                    an order bought through an activity (`input.activity`) gets that price and
 *                    nothing else, no coupon, no member or full reduction, no points; a normal
 *                    order never gets it.
 *   2. limited price 限时折扣, a price per SKU. A line it prices keeps that price: the member
 *                    discount skips it (the lower of the two is the limited price by design of
 *                    the shops that set it).
 *   3. member        the level's discount on every line no limited price took.
 *   4. full reduction 满减/满折, the best reached tier, on what lines in its scope still cost.
 *                    Several running reductions with different scopes: each line counts for one
 *                    of them at most. The reduction saving the most on the lines still free takes
 *                    its lines (a tie goes to the older one), then the next on what is left, until
 *                    none reaches a tier (promotions/tiers.ts `chooseReductions`); the quote lists
 *                    one saving per reduction taken, labelled by its tier (满199减30).
 *   5. coupon        one per order; its threshold and percentage on what is left after 1-4. A
 *                    coupon set not to stack with full reduction (`stacksWithFullReduction`
 *                    false, shown on it) does not apply to an order a full reduction took from.
 *   6. points        last, capped by the shop's percentage of what is left.
 *   7. free shipping a coupon's or a level's: the freight, after everything on the goods.
 *
 * The quote lists each saving with its kind and label, so the shopper sees what stacked.
 */
import type { Adjustment, QuoteInput } from './quote.js';

export const STEP = {
  activity: 10,
  limitedPrice: 20,
  member: 30,
  fullReduction: 40,
  coupon: 50,
  points: 60,
  freeShipping: 70,
} as const;

export type Step = keyof typeof STEP;

/** Adjustment types by step, as the adjusters write them (`Adjustment.type`). */
export const KIND = {
  flashSale: 'flash_sale',
  groupBuy: 'group_buy',
  /** A community group buy's price (社区团购), for pickup at a leader's point. */
  community: 'community_buy',
  /** An item of a shop's points mall: the line priced down to its cash part, its points taken. */
  pointsMall: 'points_mall',
  limitedPrice: 'limited_price',
  member: 'member_discount',
  fullReduction: 'full_reduction',
  coupon: 'coupon',
  points: 'points',
  freeShipping: 'free_shipping',
} as const;

/** May this step adjust this quote at all? Only the activity's own step prices an activity order. */
export function stepApplies(step: Step, input: Pick<QuoteInput, 'activity'>): boolean {
  return input.activity ? step === 'activity' : step !== 'activity';
}

/** Lines a step must leave alone: the member discount does not touch a line a limited price took. */
export function linesTaken(step: Step, adjustmentsSoFar: readonly Adjustment[]): Set<number> {
  if (step !== 'member') return new Set();
  return new Set(adjustmentsSoFar.filter((a) => a.type === KIND.limitedPrice).flatMap((a) => (a.lines ?? []).filter((l) => l.amount < 0).map((l) => l.index)));
}
