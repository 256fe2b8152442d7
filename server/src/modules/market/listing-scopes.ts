/**
 * What a promotion's scope (chosen listings, store categories) needs to know of listings: their
 * names for the console, and the categories they sit in (their own and its parent, so a promotion
 * on 女装 covers 连衣裙 under it). Read by primary key in one statement per batch.
 */
import type { Ctx } from '../../core/context.js';
import { listingScopeRows, storeCategories } from './repository.js';

export interface ListingScope {
  id: number;
  title: string;
  image: string | null;
  onSale: boolean;
  /** Its store category and that category's parent. */
  categoryIds: number[];
}

export async function listingScopes(ctx: Ctx, listingIds: readonly number[]): Promise<Map<number, ListingScope>> {
  const rows = await listingScopeRows(ctx, [...new Set(listingIds)]);
  return new Map(
    rows.map((r) => [r.id, { id: r.id, title: r.title, image: r.image, onSale: r.status === 'on_sale', categoryIds: [r.storeCategoryId, r.parentCategoryId].filter((c): c is number => c !== null) }]),
  );
}

/** The shop's store categories by id (a shop has tens of them). */
export async function storeCategoryNames(ctx: Ctx): Promise<Map<number, string>> {
  return new Map((await storeCategories(ctx)).map((c) => [c.id, c.name]));
}
