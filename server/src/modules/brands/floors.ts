/**
 * Retail price floors (最低零售价) of the brand range: per SKU, the least a distributor's shop may
 * ask (and optionally a suggested retail price). They are the catalog SKU's `minRetailPrice` and
 * `suggestedPrice`, which the market already enforces on every shop price it sets; a floor raised
 * above a distributor's listing price lifts that listing to the floor (market reconcile, audited in
 * the distributor's log), so no brand listing is ever on sale below its floor.
 */
import type { Ctx } from '../../core/context.js';
import { withTransaction, type Page, type PageQuery } from '../../core/db/index.js';
import { browseBrandRange, findProduct, setSkuPrices, skusById } from '../catalog/index.js';
import { brandErrors } from './errors.js';
import { assertBrandOwner } from './network.js';

export interface FloorRow {
  productId: number;
  title: string;
  image: string | null;
  skuId: number;
  specs: Record<string, string>;
  /** What distributors pay the brand (the SKU's supply price). */
  distributorPrice: number;
  minRetailPrice: number | null;
  suggestedPrice: number;
  stock: number;
}

export interface FloorInput {
  skuId: number;
  minRetailPrice: number | null;
  suggestedPrice?: number;
}

/** The range's products, each with its SKUs' prices. */
export async function listFloors(ctx: Ctx, q: PageQuery & { q?: string }): Promise<Page<{ productId: number; title: string; image: string | null; skus: FloorRow[] }>> {
  const brandId = await assertBrandOwner(ctx);
  const page = await browseBrandRange(ctx, brandId, { page: q.page, pageSize: q.pageSize, q: q.q, sort: 'newest' });
  return {
    ...page,
    items: page.items.map((p) => ({
      productId: p.id,
      title: p.title,
      image: p.images[0] ?? null,
      skus: p.skus.map((s) => ({
        productId: p.id,
        title: p.title,
        image: p.images[0] ?? null,
        skuId: s.id,
        specs: s.specs,
        distributorPrice: s.supplyPrice,
        minRetailPrice: s.minRetailPrice,
        suggestedPrice: s.suggestedPrice,
        stock: s.stock,
      })),
    })),
  };
}

/**
 * Sets the floors of a list of SKUs, all or none. A SKU listed twice is refused (which of the two
 * would hold?); another owner's SKU is 404; a floor below the distributor price, or a suggested
 * price below the floor, is refused naming the entry.
 */
export async function setFloors(ctx: Ctx, items: FloorInput[]): Promise<{ items: FloorRow[] }> {
  const brandId = await assertBrandOwner(ctx);
  const seen = new Set<number>();
  items.forEach((it, i) => {
    if (seen.has(it.skuId)) throw brandErrors.duplicateSku(i, it.skuId);
    seen.add(it.skuId);
  });
  return withTransaction(ctx, async (tx) => {
    const skus = await skusById(tx, items.map((it) => it.skuId));
    const products = new Map<number, NonNullable<Awaited<ReturnType<typeof findProduct>>>>();
    for (const it of items) {
      const sku = skus.get(it.skuId);
      if (!sku) throw brandErrors.unknownSku();
      if (!products.has(sku.productId)) {
        const product = await findProduct(tx, sku.productId);
        if (!product || product.owner.kind !== 'tenant' || product.owner.id !== brandId) throw brandErrors.unknownSku();
        products.set(sku.productId, product);
      }
    }
    const out: FloorRow[] = [];
    for (const [i, it] of items.entries()) {
      const sku = skus.get(it.skuId)!;
      if (it.minRetailPrice !== null && it.minRetailPrice < sku.supplyPrice) throw brandErrors.floorBelowDistributorPrice(i, it.skuId, sku.supplyPrice);
      if (it.suggestedPrice !== undefined && it.minRetailPrice !== null && it.suggestedPrice < it.minRetailPrice) throw brandErrors.suggestedBelowFloor(i, it.skuId, it.minRetailPrice);
      // a floor above the suggested price takes the suggested price up with it, unless one is given
      const suggestedNow = products.get(sku.productId)!.skus.find((x) => x.id === it.skuId)?.suggestedPrice ?? 0;
      const suggestedPrice = it.suggestedPrice ?? (it.minRetailPrice !== null && it.minRetailPrice > suggestedNow ? it.minRetailPrice : undefined);
      const product = await setSkuPrices(tx, { kind: 'tenant', id: brandId }, sku.productId, it.skuId, { minRetailPrice: it.minRetailPrice, suggestedPrice });
      const s = product.skus.find((x) => x.id === it.skuId)!;
      out.push({ productId: product.id, title: product.title, image: product.images[0] ?? null, skuId: s.id, specs: s.specs, distributorPrice: s.supplyPrice, minRetailPrice: s.minRetailPrice, suggestedPrice: s.suggestedPrice, stock: s.stock });
    }
    return { items: out };
  });
}
