/**
 * Promotions' answer to market's `listingPromotions`, for a batch of listings: the running limited
 * price of each SKU and the running full reductions each listing is in, from the shop's near-cached
 * live promotions (running.ts); the listings' categories read, once for the batch, only when a
 * running reduction names categories.
 */
import { clock } from '../../core/clock.js';
import type { Ctx } from '../../core/context.js';
import { KIND } from '../orders/index.js';
import type { ListingActivity, ListingPromotionSource, SkuPromo } from '../market/index.js';
import { LIMITED_PRICE_LABEL } from './adjusters.js';
import { runningPrices, runningReductions, scopesOf } from './running.js';
import { tierLabel } from './tiers.js';

export const promotionsOfListings: ListingPromotionSource = async (ctx: Ctx, listings) => {
  const now = clock.now();
  const [prices, reductions] = await Promise.all([runningPrices(ctx, listings.flatMap((l) => l.skuIds), now), runningReductions(ctx, now)]);
  const skus: Array<[number, SkuPromo]> = [...prices.values()].map((i) => [i.listingSkuId, { price: i.price, kind: KIND.limitedPrice, label: LIMITED_PRICE_LABEL, endsAt: i.endsAt.toISOString() }]);
  const activities: Array<[number, ListingActivity]> = [];
  if (reductions.length) {
    const scopes = await scopesOf(ctx, reductions, listings.map((l) => ({ id: l.id })));
    for (const r of reductions) {
      const activity: ListingActivity = { kind: KIND.fullReduction, id: r.id, label: r.tiers.map(tierLabel).join('，'), startsAt: r.startsAt.toISOString(), endsAt: r.endsAt.toISOString() };
      for (const listingId of scopes.get(r.id) ?? []) activities.push([listingId, activity]);
    }
  }
  return { skus, activities };
};
