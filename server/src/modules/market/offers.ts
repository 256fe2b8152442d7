/**
 * A shop's offer of one SKU as checkout sees it: the shop's price, the snapshot fields an order
 * keeps (title, image, specs), live stock, whether it may be sold, and the catalog facts
 * settlement needs (owner, supply price, fee rate, weight, freight template).
 */
import type { Ctx } from '../../core/context.js';
import { requireTenantId } from '../../core/context.js';
import { inTx } from '../../core/db/index.js';
import { skuFacts, type SkuFacts } from '../catalog/index.js';
import { Listing, ListingSku, type ListingSource } from './model.js';

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

export async function offersFor(ctx: Ctx, listingSkuIds: number[]): Promise<Map<number, Offer>> {
  const tenantId = requireTenantId(ctx);
  if (!listingSkuIds.length) return new Map();
  const rows = await ListingSku.findAll({ where: { tenantId, id: listingSkuIds }, ...inTx(ctx) });
  const listings = new Map(
    (await Listing.findAll({ where: { tenantId, id: [...new Set(rows.map((r) => r.listingId))] }, ...inTx(ctx) })).map((l) => [l.id, l]),
  );
  const facts = await skuFacts(ctx, rows.map((r) => r.skuId));
  const out = new Map<number, Offer>();
  for (const row of rows) {
    const listing = listings.get(row.listingId);
    const fact = facts.get(row.skuId);
    if (!listing || !fact) continue;
    out.set(row.id, {
      ...fact,
      listingSkuId: row.id,
      listingId: listing.id,
      source: listing.source,
      title: listing.title,
      image: listing.image,
      price: row.price,
      sellable: listing.status === 'on_sale' && fact.productStatus === 'approved',
    });
  }
  return out;
}
