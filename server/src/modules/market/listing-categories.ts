/** Which store categories a listing falls under, for scopes by category (a coupon, a full reduction). */
import type { Ctx } from '../../core/context.js';
import { listingCategoryRows } from './repository.js';

/** listing id -> its category and that category's parent (empty when unfiled). */
export async function listingCategories(ctx: Ctx, listingIds: number[]): Promise<Map<number, number[]>> {
  const rows = await listingCategoryRows(ctx, [...new Set(listingIds)]);
  return new Map(rows.map((r) => [r.listingId, [r.categoryId, r.parentId].filter((c): c is number => c !== null)]));
}
