/**
 * A shop's offer of one SKU as checkout sees it: the shop's price, the snapshot fields an order
 * keeps (title, image, specs), live stock, whether it may be sold, and the catalog facts
 * settlement needs (owner, supply price, fee rate, weight, freight template).
 */
import type { Ctx } from '../../core/context.js';
import { skuFacts, type SkuFacts } from '../catalog/index.js';
import type { ListingSource } from './model.js';
import { offerRows } from './repository.js';

export interface Offer extends SkuFacts {
  listingSkuId: number;
  listingId: number;
  source: ListingSource;
  title: string;
  image: string | null;
  price: number;
  /** On sale and its product still approved. */
  sellable: boolean;
  /** Its listing's store category and that category's parent. */
  storeCategoryIds: number[];
}

export async function offersFor(ctx: Ctx, listingSkuIds: number[]): Promise<Map<number, Offer>> {
  if (!listingSkuIds.length) return new Map();
  const rows = await offerRows(ctx, listingSkuIds);
  const facts = await skuFacts(ctx, rows.map((r) => r.skuId));
  const out = new Map<number, Offer>();
  for (const row of rows) {
    const fact = facts.get(row.skuId);
    if (!fact) continue;
    out.set(row.listingSkuId, {
      ...fact,
      listingSkuId: row.listingSkuId,
      listingId: row.listingId,
      source: row.source,
      title: row.title,
      image: row.image,
      price: row.price,
      sellable: row.status === 'on_sale' && fact.productStatus === 'approved',
      storeCategoryIds: row.storeCategoryIds,
    });
  }
  return out;
}
