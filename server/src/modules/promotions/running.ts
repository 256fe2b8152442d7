/**
 * What runs now, as the quote and the product views read it, in a few reads whatever the number of
 * activities: a limited price's items by the cart's SKUs (indexed), and the shop's full reductions
 * from a near cache (a shop runs a handful; every write forgets them in every process, and the
 * entry expires after 30 s at most). A reduction's scope is matched in memory; the listings'
 * categories are read only when a running reduction names categories.
 */
import { clock } from '../../core/clock.js';
import { requireTenantId, type Ctx } from '../../core/context.js';
import { nearCache } from '../../core/near-cache.js';
import { listingScopes } from '../market/index.js';
import * as repo from './repository.js';
import type { FullReductionRow, RunningItem } from './repository.js';

const liveReductions = nearCache<FullReductionRow[]>('promotions.live-reductions', { ttlSeconds: 30, max: 5000 });

/** After a full reduction is written or ended: every process reads them again. */
export async function forgetReductions(ctx: Ctx): Promise<void> {
  await liveReductions.invalidate(ctx, String(requireTenantId(ctx)));
}

export async function runningReductions(ctx: Ctx, now: Date): Promise<FullReductionRow[]> {
  const live = await liveReductions.get(ctx, String(requireTenantId(ctx)), () => repo.liveReductions(ctx, clock.now()));
  return live.filter((r) => r.startsAt <= now && r.endsAt > now);
}

/** The running limited price of each SKU (windows never overlap for one SKU). */
export async function runningPrices(ctx: Ctx, listingSkuIds: readonly number[], now: Date): Promise<Map<number, RunningItem>> {
  return new Map((await repo.runningItems(ctx, listingSkuIds, now)).map((i) => [i.listingSkuId, i]));
}

/** For each reduction, the listings of `listingIds` in its scope. */
export async function scopesOf(ctx: Ctx, reductions: readonly FullReductionRow[], listingIds: readonly number[]): Promise<Map<number, Set<number>>> {
  const categories = reductions.some((r) => r.categoryIds.length) ? await listingScopes(ctx, listingIds) : new Map<number, { categoryIds: number[] }>();
  return new Map(
    reductions.map((r) => [
      r.id,
      new Set(listingIds.filter((id) => r.scope === 'all' || r.listingIds.includes(id) || (categories.get(id)?.categoryIds ?? []).some((c) => r.categoryIds.includes(c)))),
    ]),
  );
}
