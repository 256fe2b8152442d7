/**
 * What shoppers browse: the shop's listings on sale, searched, filtered and sorted, each with its
 * SKUs, prices and live stock. The list is at most three statements whatever the page size:
 * search (when there is a query), one page of listings with the total (a window count), and the
 * SKUs of that page joined to their live stock.
 */
import { literal, Op, type Order, type WhereOptions } from 'sequelize';
import type { Ctx } from '../../core/context.js';
import { requireTenantId } from '../../core/context.js';
import { inTx, pageOf, paginate, parseJson, type Page, type PageQuery } from '../../core/db/index.js';
import { notFound } from '../../core/errors.js';
import { search } from '../../core/search.js';
import { findProduct } from '../catalog/index.js';
import { Listing, ListingSku } from './model.js';

export type ShopSort = 'newest' | 'price_asc' | 'price_desc' | 'sales';

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
}

export interface ShopProduct {
  id: number;
  title: string;
  price: number;
  image: string | null;
  salesCount: number;
  skus: ShopSku[];
}

const SEARCH_CANDIDATES = 500;
const int = (n: number) => Math.trunc(Number(n));

function orderOf(sort: ShopSort | undefined, ranked: number[] | null): Order {
  switch (sort) {
    case 'price_asc':
      return [['minPrice', 'ASC'], ['id', 'DESC']];
    case 'price_desc':
      return [['minPrice', 'DESC'], ['id', 'DESC']];
    case 'sales':
      return [['salesCount', 'DESC'], ['id', 'DESC']];
    case 'newest':
      return [['id', 'DESC']];
    default:
      return ranked ? [[literal(`CASE id ${ranked.map((id, i) => `WHEN ${int(id)} THEN ${i}`).join(' ')} END`), 'ASC']] : [['id', 'DESC']];
  }
}

interface SkuRow {
  id: number;
  listingId: number;
  price: number | string;
  'sku.specs': unknown;
  'sku.stock': number;
}

async function skusOf(ctx: Ctx, tenantId: number, listingIds: number[]): Promise<Map<number, ShopSku[]>> {
  const out = new Map<number, ShopSku[]>();
  if (!listingIds.length) return out;
  const rows = (await ListingSku.findAll({
    where: { tenantId, listingId: listingIds },
    attributes: ['id', 'listingId', 'price'],
    include: [{ association: 'sku', attributes: ['specs', 'stock'], required: true }],
    order: [['id', 'ASC']],
    raw: true,
    ...inTx(ctx),
  })) as unknown as SkuRow[];
  for (const r of rows) {
    const list = out.get(r.listingId) ?? [];
    list.push({ id: r.id, specs: parseJson(r['sku.specs'], {}), price: Number(r.price), stock: Number(r['sku.stock']) });
    out.set(r.listingId, list);
  }
  return out;
}

export async function shopProducts(ctx: Ctx, q: ShopQuery): Promise<Page<ShopProduct>> {
  const tenantId = requireTenantId(ctx);
  const ranked = q.q ? (await search().query(ctx, tenantId, 'listing', q.q, SEARCH_CANDIDATES)).map((h) => h.id) : null;
  if (ranked && !ranked.length) return pageOf(q, [], 0);
  const price = { ...(q.minPrice !== undefined ? { [Op.gte]: q.minPrice } : {}), ...(q.maxPrice !== undefined ? { [Op.lte]: q.maxPrice } : {}) };
  const where: WhereOptions<Listing> = {
    tenantId,
    status: 'on_sale',
    ...(ranked ? { id: ranked } : {}),
    ...(Object.getOwnPropertySymbols(price).length ? { minPrice: price } : {}),
    ...(q.categoryId
      ? {
          storeCategoryId: {
            [Op.in]: literal(`(SELECT id FROM store_categories WHERE tenant_id = ${int(tenantId)} AND (id = ${int(q.categoryId)} OR parent_id = ${int(q.categoryId)}))`),
          },
        }
      : {}),
  };
  const rows = (await Listing.findAll({
    where,
    attributes: ['id', 'title', 'image', 'minPrice', 'salesCount', [literal('COUNT(*) OVER()'), 'total']],
    order: orderOf(q.sort, ranked),
    ...paginate(q),
    raw: true,
    ...inTx(ctx),
  })) as unknown as Array<{ id: number; title: string; image: string | null; minPrice: number | string; salesCount: number; total: number | string }>;
  // past the last page the window count has no row to ride on
  const total = rows.length ? Number(rows[0]!.total) : q.page > 1 ? await Listing.count({ where, ...inTx(ctx) }) : 0;
  const skus = await skusOf(ctx, tenantId, rows.map((r) => r.id));
  return pageOf(
    q,
    rows.map((r) => ({ id: r.id, title: r.title, price: Number(r.minPrice), image: r.image, salesCount: r.salesCount, skus: skus.get(r.id) ?? [] })),
    total,
  );
}

export interface ShopProductDetail extends ShopProduct {
  description: string | null;
  images: string[];
  specDimensions: Array<{ name: string; values: string[] }>;
  status: 'on_sale' | 'off_sale';
}

export async function shopProduct(ctx: Ctx, id: number): Promise<ShopProductDetail> {
  const tenantId = requireTenantId(ctx);
  const listing = await Listing.findOne({ where: { tenantId, id }, ...inTx(ctx) });
  if (!listing) throw notFound('Product');
  const [product, skus] = await Promise.all([findProduct(ctx, listing.productId), skusOf(ctx, tenantId, [id])]);
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
    skus: skus.get(id) ?? [],
  };
}
