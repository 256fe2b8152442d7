/**
 * The promotions shown with the shop's products: every marketing module contributes to
 * `listingPromotions`; the lowest promo price of a SKU wins, activities are listed by start.
 */
import type { Ctx } from '../../core/context.js';
import { contributionsTo } from '../../core/hooks.js';
import { listingPromotions, type ListingActivity, type SkuPromo } from './hooks.js';

export interface Promotions {
  skus: Map<number, SkuPromo>;
  activities: Map<number, ListingActivity[]>;
}

export async function promotionsOf(ctx: Ctx, listings: ReadonlyArray<{ id: number; skuIds: readonly number[] }>): Promise<Promotions> {
  const out: Promotions = { skus: new Map(), activities: new Map() };
  const sources = contributionsTo(listingPromotions);
  if (!listings.length || !sources.length) return out;
  const answers = await Promise.all(sources.map((s) => s.value(ctx, listings)));
  for (const answer of answers) {
    for (const [skuId, promo] of answer.skus ?? []) {
      const held = out.skus.get(skuId);
      if (!held || promo.price < held.price) out.skus.set(skuId, promo);
    }
    for (const [listingId, activity] of answer.activities ?? []) out.activities.set(listingId, [...(out.activities.get(listingId) ?? []), activity]);
  }
  for (const list of out.activities.values()) list.sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.kind.localeCompare(b.kind));
  return out;
}
