/** What the workbench shows of a shop's goods: how many it lists, and how many run low. */
import type { Ctx } from '../../core/context.js';
import { liveSkus } from '../catalog/index.js';
import { listingPage } from './repository.js';

/** A listing runs low when one of its SKUs on sale has this many units or fewer. */
export const LOW_STOCK = 10;
/** The newest on-sale listings looked at: a bounded read, two statements whatever the shop's size. */
const WATCHED = 100;

export async function listingCounts(ctx: Ctx): Promise<{ listings: number; lowStock: number }> {
  const [all, onSale] = await Promise.all([listingPage(ctx, {}, { page: 1, pageSize: 1 }), listingPage(ctx, { status: 'on_sale' }, { page: 1, pageSize: WATCHED })]);
  const skus = await liveSkus(ctx, [...new Set(onSale.rows.map((l) => l.productId))]);
  const low = new Set(skus.filter((s) => s.status === 'active' && s.stock <= LOW_STOCK).map((s) => s.productId));
  return { listings: all.count, lowStock: onSale.rows.filter((l) => low.has(l.productId)).length };
}
