/**
 * The storefront's 热门搜索: what a shop's shoppers searched for and found, over the last 30 days.
 * Searches are counted in memory and written in batches (core/tally.ts): a write per search would
 * put every search of a shop on one row.
 */
import { cached } from '../../core/cache.js';
import { clock } from '../../core/clock.js';
import type { Ctx } from '../../core/context.js';
import { requireTenantId } from '../../core/context.js';
import { createTally } from '../../core/tally.js';
import * as repo from './repository.js';

const WINDOW_DAYS = 30;
const HOT_WORDS = 10;
const MAX_QUERY = 32;

/** Shops trade on China's calendar: a day is a day in Beijing time. */
const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
export const shopDay = (at: Date): string => dayFormat.format(at);

/** The form a query is counted under: trimmed, spaces collapsed, Latin lower-cased. */
export const normalizeQuery = (q: string): string => q.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase().slice(0, MAX_QUERY);

const searches = createTally<Omit<repo.SearchCount, 'count'>>(
  (k) => `${k.tenantId}|${k.day}|${k.query}`,
  (counts) => repo.addSearchCounts(counts.map(({ key, count }) => ({ ...key, count }))),
);

/** Counts a search that found something (a query that finds nothing is no word to suggest). */
export function countSearch(ctx: Ctx, q: string, found: number): void {
  const query = normalizeQuery(q);
  if (!query || !found) return;
  searches.add({ tenantId: requireTenantId(ctx), day: shopDay(clock.now()), query });
}

export const flushSearchCounts = (): Promise<void> => searches.flush();

export async function hotWords(ctx: Ctx): Promise<string[]> {
  const tenantId = requireTenantId(ctx);
  const since = shopDay(new Date(clock.now().getTime() - (WINDOW_DAYS - 1) * 86_400_000));
  // the words change slowly; a shop's search page is opened far more often
  return cached(`market:hot-words:${tenantId}`, 300, () => repo.topSearches(ctx, since, HOT_WORDS));
}
