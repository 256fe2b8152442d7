/**
 * What shoppers browse: the shop's listings on sale, searched, filtered and sorted, each with its
 * SKUs, prices and live stock. The list is three statements whatever the page size: one page of
 * listings with the total (a window count; a search joins its hits there), the SKUs of that page,
 * and their specs and live stock from the catalog (by id, never by a join to its model).
 */
import type { Ctx } from '../../core/context.js';
import { requireTenantId } from '../../core/context.js';
import { pageOf, type Page, type PageQuery } from '../../core/db/index.js';
import { notFound } from '../../core/errors.js';
import { search } from '../../core/search.js';
import { findProduct, skusById } from '../catalog/index.js';
import { countSearch } from './hot-words.js';
import type { ListingActivity, SkuPromo } from './hooks.js';
import { promotionsOf, type Promotions } from './promotions.js';
import * as repo from './repository.js';
import type { ShopSort } from './repository.js';

export type { ShopSort };

export interface ShopQuery extends PageQuery {
  q?: string;
  categoryId?: number;
  minPrice?: number;
  maxPrice?: number;
  sort?: ShopSort;
}

export interface ShopSku {
  id: number;
  specs: Record<string, string>;
  price: number;
  stock: number;
  /** The price it sells at now (a limited-time price), charged by the quote; null without one. */
  promoPrice: number | null;
  promo: Omit<SkuPromo, 'price'> | null;
}

export interface ShopProduct {
  id: number;
  title: string;
  price: number;
  image: string | null;
  salesCount: number;
  skus: ShopSku[];
  /** The lowest promo price among its SKUs, null when none has one. */
  promoPrice: number | null;
  /** The activities it takes part in (flash sale, group buy, full reduction), by start. */
  activities: ListingActivity[];
}

const SEARCH_CANDIDATES = 500;

/** The listings' SKUs with the catalog's specs and live stock: two reads whatever the page size. */
async function skusOf(ctx: Ctx, listingIds: number[]): Promise<Map<number, ShopSku[]>> {
  const out = new Map<number, ShopSku[]>();
  const rows = await repo.skusOfListings(ctx, listingIds);
  const live = await skusById(ctx, rows.map((r) => r.skuId));
  for (const r of rows) {
    const sku = live.get(r.skuId);
    if (!sku) continue;
    const list = out.get(r.listingId) ?? [];
    list.push({ id: r.id, specs: sku.specs, price: r.price, stock: sku.stock, promoPrice: null, promo: null });
    out.set(r.listingId, list);
  }
  return out;
}

/**
 * What a query narrows the list to: the search engine's subquery when it has one (ranked, filtered
 * and paged in the listing statement), else its hits' ids; `empty` when nothing can match.
 */
async function searchFilter(ctx: Ctx, tenantId: number, q: string | undefined): Promise<Pick<repo.ShopFilter, 'ranked' | 'hits'> | 'empty'> {
  if (!q) return { ranked: null };
  const engine = search();
  if (engine.hitsQuery) {
    const hits = engine.hitsQuery(tenantId, 'listing', q, SEARCH_CANDIDATES);
    return hits ? { ranked: null, hits } : 'empty';
  }
  const ranked = (await engine.query(ctx, tenantId, 'listing', q, SEARCH_CANDIDATES)).map((h) => h.id);
  return ranked.length ? { ranked } : 'empty';
}

export async function shopProducts(ctx: Ctx, q: ShopQuery): Promise<Page<ShopProduct>> {
  const tenantId = requireTenantId(ctx);
  const found = await searchFilter(ctx, tenantId, q.q);
  if (found === 'empty') return pageOf(q, [], 0);
  const { rows, total } = await repo.shopListingPage(ctx, { ...found, categoryId: q.categoryId, minPrice: q.minPrice, maxPrice: q.maxPrice, sort: q.sort }, q);
  const items = await withSkus(ctx, rows);
  if (q.q && q.page === 1) countSearch(ctx, q.q, total);
  return pageOf(q, items, total);
}

/** The listings' SKUs with what the marketing modules say of them (promo prices, activities). */
async function promotedSkus(ctx: Ctx, listingIds: number[]): Promise<{ skus: Map<number, ShopSku[]>; promotions: Promotions }> {
  const skus = await skusOf(ctx, listingIds);
  const promotions = await promotionsOf(ctx, listingIds.map((id) => ({ id, skuIds: (skus.get(id) ?? []).map((s) => s.id) })));
  for (const list of skus.values()) {
    for (const sku of list) {
      const promo = promotions.skus.get(sku.id);
      if (!promo || promo.price >= sku.price) continue;
      sku.promoPrice = promo.price;
      sku.promo = { kind: promo.kind, label: promo.label, endsAt: promo.endsAt };
    }
  }
  return { skus, promotions };
}

function lowestPromo(skus: ShopSku[]): number | null {
  const prices = skus.flatMap((s) => (s.promoPrice === null ? [] : [s.promoPrice]));
  return prices.length ? Math.min(...prices) : null;
}

async function withSkus(ctx: Ctx, rows: repo.ShopListingRow[]): Promise<ShopProduct[]> {
  const { skus, promotions } = await promotedSkus(ctx, rows.map((r) => r.id));
  return rows.map((r) => {
    const own = skus.get(r.id) ?? [];
    return { id: r.id, title: r.title, price: r.minPrice, image: r.image, salesCount: r.salesCount, skus: own, promoPrice: lowestPromo(own), activities: promotions.activities.get(r.id) ?? [] };
  });
}

/** The listings on sale among these ids, in the order given (a shop page's hand-picked products). */
export async function shopProductsByIds(ctx: Ctx, ids: number[]): Promise<ShopProduct[]> {
  if (!ids.length) return [];
  const { rows } = await repo.shopListingPage(ctx, { ranked: ids }, { page: 1, pageSize: ids.length });
  return withSkus(ctx, rows);
}

export interface ShopProductDetail extends ShopProduct {
  description: string | null;
  images: string[];
  specDimensions: Array<{ name: string; values: string[] }>;
  status: 'on_sale' | 'off_sale';
}

export async function shopProduct(ctx: Ctx, id: number): Promise<ShopProductDetail> {
  const listing = await repo.findListing(ctx, id);
  if (!listing) throw notFound('Product');
  const [product, { skus, promotions }] = await Promise.all([findProduct(ctx, listing.productId), promotedSkus(ctx, [id])]);
  const own = skus.get(id) ?? [];
  return {
    id: listing.id,
    title: listing.title,
    price: listing.minPrice,
    image: listing.image,
    salesCount: listing.salesCount,
    status: listing.status,
    description: product?.description ?? null,
    images: product?.images ?? [],
    specDimensions: product?.specDimensions ?? [],
    skus: own,
    promoPrice: lowestPromo(own),
    activities: promotions.activities.get(id) ?? [],
  };
}
