/**
 * The two steps promotions bring to the quote (orders/stacking.ts decides where they sit):
 *
 * - limited price (STEP.limitedPrice): a running limited price under the shop's price prices its
 *   line; one adjustment per activity, its saving shared on the lines it priced (`lines`).
 * - full reduction (STEP.fullReduction): the best reached tier of each running reduction, on what
 *   the lines in its scope still cost (`netLines`), each line counting for one reduction at most
 *   (tiers.ts `chooseReductions`); one order-level adjustment per reduction, labelled by its tier.
 *
 * What an order used is recorded when it is placed (`reserve`: a usage row per activity, inside
 * the placing transaction) and removed when it is cancelled unpaid (`release`); each adjustment
 * names its activity (`ref`).
 */
import { clock } from '../../core/clock.js';
import type { Ctx } from '../../core/context.js';
import { KIND, netLines, stepApplies, type Adjustment, type AdjustedOrder, type QuoteAdjuster, type QuoteSoFar } from '../orders/index.js';
import * as repo from './repository.js';
import { runningPrices, runningReductions, scopesOf } from './running.js';
import { chooseReductions, tierLabel, type Candidate, type Chosen } from './tiers.js';

export const LIMITED_PRICE_LABEL = '限时折扣';

const byKey = <K, V>(map: Map<K, V[]>, key: K, value: V) => map.set(key, [...(map.get(key) ?? []), value]);

/** What the order used of each activity, by the activity its adjustments name. */
function usagesOf(order: AdjustedOrder, activityKind: repo.UsageRow['activityKind']): repo.UsageRow[] {
  const amounts = new Map<number, number>();
  for (const a of order.adjustments) if (a.ref) amounts.set(a.ref.id, (amounts.get(a.ref.id) ?? 0) - a.amount);
  return [...amounts].map(([activityId, amount]) => ({ activityKind, activityId, amount }));
}

export const limitedPriceAdjuster: QuoteAdjuster = {
  async adjust(ctx, quote, input) {
    if (!stepApplies('limitedPrice', input)) return [];
    const prices = await runningPrices(ctx, quote.lines.map((l) => l.offer.listingSkuId), clock.now());
    if (!prices.size) return [];
    const byActivity = new Map<number, Array<{ index: number; amount: number }>>();
    for (const line of quote.lines) {
      const item = prices.get(line.offer.listingSkuId);
      if (item && item.price < line.offer.price) byKey(byActivity, item.limitedPriceId, { index: line.index, amount: (item.price - line.offer.price) * line.quantity });
    }
    return [...byActivity]
      .sort(([a], [b]) => a - b)
      .map(([id, lines]): Adjustment => ({ type: KIND.limitedPrice, label: LIMITED_PRICE_LABEL, amount: lines.reduce((sum, l) => sum + l.amount, 0), lines, ref: { kind: KIND.limitedPrice, id } }));
  },
  async reserve(tx, order) {
    await repo.insertUsages(tx, order.id, usagesOf(order, 'limited_price'));
  },
  async release(tx, order) {
    await repo.deleteUnpaidUsages(tx, order.id, 'limited_price');
  },
};

/** The reductions this quote's lines reach, before this step: the adjuster's answer and the cart hint's ground. */
export async function reductionsFor(ctx: Ctx, quote: Pick<QuoteSoFar, 'lines' | 'adjustments'>, now: Date): Promise<{ candidates: Candidate[]; chosen: Chosen[]; net: number[] }> {
  const running = await runningReductions(ctx, now);
  if (!running.length) return { candidates: [], chosen: [], net: [] };
  const scopes = await scopesOf(ctx, running, quote.lines.map((l) => ({ id: l.offer.listingId, categoryIds: l.offer.storeCategoryIds })));
  const candidates = running
    .map((r) => ({ id: r.id, tiers: r.tiers, lines: quote.lines.filter((l) => scopes.get(r.id)?.has(l.offer.listingId)).map((l) => l.index) }))
    .filter((c) => c.lines.length);
  if (!candidates.length) return { candidates, chosen: [], net: [] };
  const net = netLines(quote.lines, quote.adjustments);
  return { candidates, chosen: chooseReductions(candidates, net), net };
}

export const fullReductionAdjuster: QuoteAdjuster = {
  async adjust(ctx, quote, input) {
    if (!stepApplies('fullReduction', input)) return [];
    const { chosen } = await reductionsFor(ctx, quote, clock.now());
    return chosen.map((c): Adjustment => ({ type: KIND.fullReduction, label: tierLabel(c.tier), amount: -c.saving, ref: { kind: KIND.fullReduction, id: c.id } }));
  },
  async reserve(tx, order) {
    await repo.insertUsages(tx, order.id, usagesOf(order, 'full_reduction'));
  },
  async release(tx, order) {
    await repo.deleteUnpaidUsages(tx, order.id, 'full_reduction');
  },
};
