/**
 * What runs now, as the quote and the product views read it, in no read at all most of the time
 * whatever the number of activities: a shop's live promotions (not ended: running or to come) are
 * kept in a near cache (core/near-cache: every write forgets them in every process once it
 * commits, and an entry expires after 30 s at most), and filtered by the clock on each use. A
 * reduction's scope is matched in memory; the listings' categories come with the quote's offers,
 * and are read for product views only when a running reduction names categories.
 */
import { clock } from '../../core/clock.js';
import { requireTenantId, type Ctx } from '../../core/context.js';
import { nearCache } from '../../core/near-cache.js';
import { listingScopes } from '../market/index.js';
import * as repo from './repository.js';
import type { FullReductionRow, RunningItem } from './repository.js';

interface Live {
  reductions: FullReductionRow[];
  /** Limited-price items by listing SKU (a SKU's windows never overlap). */
  items: Map<number, RunningItem[]>;
}

const live = nearCache<Live>('promotions.live', { ttlSeconds: 30, max: 5000 });

async function liveOf(ctx: Ctx): Promise<Live> {
  return live.get(ctx, String(requireTenantId(ctx)), async () => {
    const now = clock.now();
    const reductions = await repo.liveReductions(ctx, now);
    const items = new Map<number, RunningItem[]>();
    for (const i of await repo.liveItems(ctx, now)) items.set(i.listingSkuId, [...(items.get(i.listingSkuId) ?? []), i]);
    return { reductions, items };
  });
}

/** After a promotion is written or ended: every process reads the shop's again. */
export async function forgetLive(ctx: Ctx): Promise<void> {
  await live.invalidate(ctx, String(requireTenantId(ctx)));
}

export async function runningReductions(ctx: Ctx, now: Date): Promise<FullReductionRow[]> {
  return (await liveOf(ctx)).reductions.filter((r) => r.startsAt <= now && r.endsAt > now);
}

/** The running limited price of each SKU. */
export async function runningPrices(ctx: Ctx, listingSkuIds: readonly number[], now: Date): Promise<Map<number, RunningItem>> {
  const { items } = await liveOf(ctx);
  const out = new Map<number, RunningItem>();
  for (const id of listingSkuIds) {
    const item = items.get(id)?.find((i) => i.startsAt <= now && i.endsAt > now);
    if (item) out.set(id, item);
  }
  return out;
}

/**
 * For each reduction, the listings in its scope. A listing given without its categories has them
 * read (one statement for the batch), only when some reduction names categories.
 */
export async function scopesOf(ctx: Ctx, reductions: readonly FullReductionRow[], listings: ReadonlyArray<{ id: number; categoryIds?: readonly number[] }>): Promise<Map<number, Set<number>>> {
  const unknown = reductions.some((r) => r.categoryIds.length) ? listings.filter((l) => !l.categoryIds).map((l) => l.id) : [];
  const read = unknown.length ? await listingScopes(ctx, unknown) : new Map<number, { categoryIds: number[] }>();
  const categoriesOf = (l: { id: number; categoryIds?: readonly number[] }) => l.categoryIds ?? read.get(l.id)?.categoryIds ?? [];
  return new Map(
    reductions.map((r) => [r.id, new Set(listings.filter((l) => r.scope === 'all' || r.listingIds.includes(l.id) || categoriesOf(l).some((c) => r.categoryIds.includes(c))).map((l) => l.id))]),
  );
}
