/**
 * A shop's offer of one SKU as checkout sees it: the shop's price, the snapshot fields an order
 * keeps (title, image, specs), live stock, whether it may be sold, and the catalog facts
 * settlement needs (owner, supply price, fee rate, weight, freight template).
 */
import type { Ctx } from '../../core/context.js';
import { tenantRows } from '../../core/db/index.js';
import { skuFacts, type SkuFacts } from '../catalog/index.js';
import type { ListingSource } from './model.js';

export interface Offer extends SkuFacts {
  listingSkuId: number;
  listingId: number;
  source: ListingSource;
  title: string;
  image: string | null;
  price: number;
  /** On sale and its product still approved. */
  sellable: boolean;
}

interface ListingSkuRow {
  listingSkuId: number;
  skuId: number;
  price: number | string;
  listingId: number;
  source: ListingSource;
  title: string;
  image: string | null;
  status: string;
}

export async function offersFor(ctx: Ctx, listingSkuIds: number[]): Promise<Map<number, Offer>> {
  if (!listingSkuIds.length) return new Map();
  const rows = await tenantRows<ListingSkuRow>(
    ctx,
    `SELECT ls.id AS listingSkuId, ls.sku_id AS skuId, ls.price, l.id AS listingId, l.source, l.title, l.image, l.status
       FROM listing_skus ls
       JOIN listings l ON l.id = ls.listing_id AND l.tenant_id = :tenantId
      WHERE ls.tenant_id = :tenantId AND ls.id IN (:listingSkuIds)`,
    { listingSkuIds },
  );
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
      price: Number(row.price),
      sellable: row.status === 'on_sale' && fact.productStatus === 'approved',
    });
  }
  return out;
}
