/**
 * Every query of the market module, and the only file that touches its models: what leaves here
 * is plain typed data (ListingRow, ListingSkuRow, StoreCategoryRow), whether the statement went
 * through Sequelize or the row path. Each function takes ctx first and filters on the ctx's
 * tenant; the one cross-tenant read says why. No business rule lives here: floors, reasons and
 * prices are the services'. SKU facts come from catalog's read functions, never by a join to its
 * model.
 */
import { literal, Op, type WhereOptions } from 'sequelize';
import type { Ctx } from '../../core/context.js';
import { requireTenantId } from '../../core/context.js';
import { acrossTenants, addToCounters, inTx, paginate, tenantRows, type PageQuery } from '../../core/db/index.js';
import type { HitsQuery } from '../../core/search.js';
import { Listing, ListingSku, StoreCategory, type ListingSource, type ListingStatus, type OffReason } from './model.js';

export interface ListingRow {
  id: number;
  tenantId: number;
  productId: number;
  source: ListingSource;
  title: string;
  image: string | null;
  storeCategoryId: number | null;
  status: ListingStatus;
  offReason: OffReason | null;
  minPrice: number;
  salesCount: number;
  createdAt: Date;
}

export interface ListingSkuRow {
  id: number;
  listingId: number;
  skuId: number;
  price: number;
}

export interface StoreCategoryRow {
  id: number;
  parentId: number | null;
  name: string;
  sort: number;
  iconUrl: string | null;
}

const listingRow = (l: Listing): ListingRow => ({
  id: l.id,
  tenantId: l.tenantId,
  productId: l.productId,
  source: l.source,
  title: l.title,
  image: l.image,
  storeCategoryId: l.storeCategoryId,
  status: l.status,
  offReason: l.offReason,
  minPrice: l.minPrice,
  salesCount: l.salesCount,
  createdAt: l.createdAt,
});

const categoryRow = (c: StoreCategory): StoreCategoryRow => ({ id: c.id, parentId: c.parentId, name: c.name, sort: c.sort, iconUrl: c.iconUrl });

// ---- listings ----

export async function findListing(ctx: Ctx, id: number): Promise<ListingRow | null> {
  const l = await Listing.findOne({ where: { tenantId: requireTenantId(ctx), id }, ...inTx(ctx) });
  return l ? listingRow(l) : null;
}

export async function listingExists(ctx: Ctx, id: number): Promise<boolean> {
  return !!(await Listing.findOne({ where: { tenantId: requireTenantId(ctx), id }, attributes: ['id'], ...inTx(ctx) }));
}

/** This shop's listing of each of these products, by product id. */
export async function listingIdsOfProducts(ctx: Ctx, productIds: number[]): Promise<Map<number, number>> {
  if (!productIds.length) return new Map();
  const rows = await Listing.findAll({ where: { tenantId: requireTenantId(ctx), productId: productIds }, attributes: ['id', 'productId'], ...inTx(ctx) });
  return new Map(rows.map((r) => [r.productId, r.id]));
}

export type NewListing = Omit<ListingRow, 'id' | 'tenantId' | 'salesCount' | 'createdAt'>;

/** Inserts a listing and its SKUs; a second listing of one product is refused by the unique key (UniqueConstraintError). */
export async function insertListing(ctx: Ctx, fields: NewListing, skus: Array<Pick<ListingSkuRow, 'skuId' | 'price'>>): Promise<ListingRow> {
  const tenantId = requireTenantId(ctx);
  const listing = await Listing.create({ tenantId, ...fields }, inTx(ctx));
  await ListingSku.bulkCreate(
    skus.map((s) => ({ tenantId, listingId: listing.id, skuId: s.skuId, price: s.price })),
    inTx(ctx),
  );
  return listingRow(listing);
}

export interface ListingFilter {
  status?: ListingStatus;
  offReason?: OffReason;
  source?: ListingSource;
  titleContains?: string;
}

/** A page of the shop's listings, newest first, with the total. */
export async function listingPage(ctx: Ctx, filter: ListingFilter, page: PageQuery): Promise<{ rows: ListingRow[]; count: number }> {
  const where: WhereOptions<Listing> = {
    tenantId: requireTenantId(ctx),
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.offReason ? { offReason: filter.offReason } : {}),
    ...(filter.source ? { source: filter.source } : {}),
    ...(filter.titleContains ? { title: { [Op.like]: `%${filter.titleContains}%` } } : {}),
  };
  const { rows, count } = await Listing.findAndCountAll({ where, order: [['id', 'DESC']], ...paginate(page), ...inTx(ctx) });
  return { rows: rows.map(listingRow), count };
}

export type ListingChanges = Partial<Pick<ListingRow, 'title' | 'image' | 'minPrice' | 'status' | 'offReason' | 'storeCategoryId'>>;

export async function updateListing(ctx: Ctx, id: number, changes: ListingChanges): Promise<void> {
  await Listing.update(changes, { where: { tenantId: requireTenantId(ctx), id }, ...inTx(ctx) });
}

export async function deleteListing(ctx: Ctx, id: number): Promise<void> {
  const tenantId = requireTenantId(ctx);
  await ListingSku.destroy({ where: { tenantId, listingId: id }, ...inTx(ctx) });
  await Listing.destroy({ where: { tenantId, id }, ...inTx(ctx) });
}

/** Sales feed the shop's best-selling sort: one conditional update, no read. */
export async function addListingSales(ctx: Ctx, listingId: number, qty: number): Promise<void> {
  await Listing.update({ salesCount: literal(`sales_count + ${Math.trunc(qty)}`) }, { where: { tenantId: requireTenantId(ctx), id: listingId }, ...inTx(ctx) });
}

/** Listings filed under a store category lose it (the category is going away). */
export async function unfileListings(ctx: Ctx, storeCategoryId: number): Promise<void> {
  await Listing.update({ storeCategoryId: null }, { where: { tenantId: requireTenantId(ctx), storeCategoryId }, ...inTx(ctx) });
}

/** Every shop's listing of a product: the catalog changed it, each shop's copy follows. */
export async function listingsOfProductInEveryShop(productId: number): Promise<Array<{ id: number; tenantId: number }>> {
  const rows = await acrossTenants('market: listings of a changed product, in every shop', () => Listing.findAll({ where: { productId }, attributes: ['id', 'tenantId'] }));
  return rows.map((r) => ({ id: r.id, tenantId: r.tenantId }));
}

// ---- listing SKUs ----

export async function skusOfListings(ctx: Ctx, listingIds: number[]): Promise<ListingSkuRow[]> {
  if (!listingIds.length) return [];
  // the row path: every shop page reads these, and an instance per row was most of the list's cost
  const rows = await tenantRows<{ id: number; listingId: number; skuId: number; price: number | string }>(
    ctx,
    'SELECT id, listing_id AS listingId, sku_id AS skuId, price FROM listing_skus WHERE tenant_id = :tenantId AND listing_id IN (:listingIds) ORDER BY id ASC',
    { listingIds },
  );
  return rows.map((r) => ({ id: r.id, listingId: r.listingId, skuId: r.skuId, price: Number(r.price) }));
}

export async function setListingSkuPrice(ctx: Ctx, listingSkuId: number, price: number): Promise<void> {
  await ListingSku.update({ price }, { where: { tenantId: requireTenantId(ctx), id: listingSkuId }, ...inTx(ctx) });
}

/** A listing SKU with its listing, as checkout and the cart read offers. */
export interface OfferRow {
  listingSkuId: number;
  skuId: number;
  price: number;
  listingId: number;
  source: ListingSource;
  title: string;
  image: string | null;
  status: ListingStatus;
}

export async function offerRows(ctx: Ctx, listingSkuIds: number[]): Promise<OfferRow[]> {
  if (!listingSkuIds.length) return [];
  const rows = await tenantRows<Omit<OfferRow, 'price'> & { price: number | string }>(
    ctx,
    `SELECT ls.id AS listingSkuId, ls.sku_id AS skuId, ls.price, l.id AS listingId, l.source, l.title, l.image, l.status
       FROM listing_skus ls
       JOIN listings l ON l.id = ls.listing_id AND l.tenant_id = :tenantId
      WHERE ls.tenant_id = :tenantId AND ls.id IN (:listingSkuIds)`,
    { listingSkuIds },
  );
  return rows.map((r) => ({ ...r, price: Number(r.price) }));
}

// ---- the shop's pages ----

export type ShopSort = 'newest' | 'price_asc' | 'price_desc' | 'sales';

export interface ShopFilter {
  /** Only these listings, in this order when no sort is asked (search hits, best first). */
  ranked: number[] | null;
  /** Only the listings this search subquery finds (`doc_id`, `score`), best first when no sort is asked. */
  hits?: HitsQuery | null;
  categoryId?: number;
  minPrice?: number;
  maxPrice?: number;
  sort?: ShopSort;
}

export interface ShopListingRow {
  id: number;
  title: string;
  image: string | null;
  minPrice: number;
  salesCount: number;
}

const int = (n: number) => Math.trunc(Number(n));

function shopOrder(sort: ShopSort | undefined, ranked: number[] | null, hits: HitsQuery | null | undefined): string {
  switch (sort) {
    case 'price_asc':
      return 'min_price ASC, id DESC';
    case 'price_desc':
      return 'min_price DESC, id DESC';
    case 'sales':
      return 'sales_count DESC, id DESC';
    case 'newest':
      return 'id DESC';
    default:
      if (hits) return 'h.score DESC, id DESC';
      return ranked ? `CASE id ${ranked.map((id, i) => `WHEN ${int(id)} THEN ${i}`).join(' ')} END ASC` : 'id DESC';
  }
}

function shopWhere(filter: ShopFilter): string {
  return [
    `tenant_id = :tenantId AND status = 'on_sale'`,
    filter.ranked ? 'id IN (:ranked)' : '',
    filter.minPrice !== undefined ? 'min_price >= :minPrice' : '',
    filter.maxPrice !== undefined ? 'min_price <= :maxPrice' : '',
    filter.categoryId !== undefined ? 'store_category_id IN (SELECT id FROM store_categories WHERE tenant_id = :tenantId AND (id = :categoryId OR parent_id = :categoryId))' : '',
  ]
    .filter(Boolean)
    .join(' AND ');
}

const shopReplacements = (filter: ShopFilter) => ({ ...filter.hits?.replacements, ranked: filter.ranked, minPrice: filter.minPrice, maxPrice: filter.maxPrice, categoryId: filter.categoryId });

/** The listings, or only those a search finds (the hits joined as `h`). */
const shopFrom = (filter: ShopFilter): string => (filter.hits ? `(${filter.hits.sql}) h JOIN listings ON listings.id = h.doc_id` : 'listings');

/** One page of the listings on sale and the total, in one statement (a window count). */
export async function shopListingPage(ctx: Ctx, filter: ShopFilter, page: PageQuery): Promise<{ rows: ShopListingRow[]; total: number }> {
  const { limit, offset } = paginate(page);
  const rows = await tenantRows<{ id: number; title: string; image: string | null; minPrice: number | string; salesCount: number | string; total: number | string }>(
    ctx,
    `SELECT id, title, image, min_price AS minPrice, sales_count AS salesCount, COUNT(*) OVER() AS total
       FROM ${shopFrom(filter)} WHERE ${shopWhere(filter)}
      ORDER BY ${shopOrder(filter.sort, filter.ranked, filter.hits)} LIMIT ${int(limit)} OFFSET ${int(offset)}`,
    shopReplacements(filter),
  );
  // past the last page the window count has no row to ride on
  const total = rows.length ? Number(rows[0]!.total) : page.page > 1 ? await countShopListings(ctx, filter) : 0;
  return { rows: rows.map((r) => ({ id: r.id, title: r.title, image: r.image, minPrice: Number(r.minPrice), salesCount: Number(r.salesCount) })), total };
}

async function countShopListings(ctx: Ctx, filter: ShopFilter): Promise<number> {
  const [row] = await tenantRows<{ n: number | string }>(ctx, `SELECT COUNT(*) AS n FROM ${shopFrom(filter)} WHERE ${shopWhere(filter)}`, shopReplacements(filter));
  return Number(row?.n ?? 0);
}

// ---- store categories ----

export async function storeCategories(ctx: Ctx): Promise<StoreCategoryRow[]> {
  const rows = await StoreCategory.findAll({ where: { tenantId: requireTenantId(ctx) }, order: [['sort', 'ASC'], ['id', 'ASC']], ...inTx(ctx) });
  return rows.map(categoryRow);
}

export async function findStoreCategory(ctx: Ctx, id: number): Promise<StoreCategoryRow | null> {
  const c = await StoreCategory.findOne({ where: { tenantId: requireTenantId(ctx), id }, ...inTx(ctx) });
  return c ? categoryRow(c) : null;
}

export async function childCategoryIds(ctx: Ctx, parentId: number): Promise<number[]> {
  const rows = await StoreCategory.findAll({ where: { tenantId: requireTenantId(ctx), parentId }, attributes: ['id'], ...inTx(ctx) });
  return rows.map((r) => r.id);
}

export async function insertStoreCategory(ctx: Ctx, fields: Omit<StoreCategoryRow, 'id'>): Promise<StoreCategoryRow> {
  return categoryRow(await StoreCategory.create({ tenantId: requireTenantId(ctx), ...fields }, inTx(ctx)));
}

export async function updateStoreCategory(ctx: Ctx, id: number, changes: Partial<Pick<StoreCategoryRow, 'name' | 'sort' | 'iconUrl'>>): Promise<void> {
  await StoreCategory.update(changes, { where: { tenantId: requireTenantId(ctx), id }, ...inTx(ctx) });
}

export async function deleteStoreCategory(ctx: Ctx, id: number): Promise<void> {
  await StoreCategory.destroy({ where: { tenantId: requireTenantId(ctx), id }, ...inTx(ctx) });
}

// ---- search queries (hot words) ----

export interface SearchCount {
  tenantId: number;
  day: string;
  query: string;
  count: number;
}

/** Adds counted searches to their (shop, day, query) rows, creating the missing ones, in one statement. */
export async function addSearchCounts(counts: SearchCount[]): Promise<void> {
  await addToCounters('search_queries', ['tenant_id', 'day', 'query'], 'searches', counts.map((c) => ({ tenant_id: c.tenantId, day: c.day, query: c.query, searches: c.count })));
}

/** The shop's most searched queries since a day (inclusive), most first. */
export async function topSearches(ctx: Ctx, since: string, limit: number): Promise<string[]> {
  const rows = await tenantRows<{ query: string }>(
    ctx,
    `SELECT query, SUM(searches) AS n FROM search_queries WHERE tenant_id = :tenantId AND day >= :since GROUP BY query ORDER BY n DESC, query ASC LIMIT ${int(limit)}`,
    { since },
  );
  return rows.map((r) => r.query);
}

/**
 * Each listing's store category and that category's parent (a scope naming a parent covers its
 * children): one statement for a quote's lines, on the listings' primary keys.
 */
export async function listingCategoryRows(ctx: Ctx, listingIds: number[]): Promise<Array<{ listingId: number; categoryId: number | null; parentId: number | null }>> {
  if (!listingIds.length) return [];
  const rows = await tenantRows<{ listingId: number | string; categoryId: number | string | null; parentId: number | string | null }>(
    ctx,
    `SELECT l.id AS listingId, l.store_category_id AS categoryId, c.parent_id AS parentId
       FROM listings l LEFT JOIN store_categories c ON c.tenant_id = :tenantId AND c.id = l.store_category_id
      WHERE l.tenant_id = :tenantId AND l.id IN (:listingIds)`,
    { listingIds },
  );
  const n = (v: number | string | null) => (v === null ? null : Number(v));
  return rows.map((r) => ({ listingId: Number(r.listingId), categoryId: n(r.categoryId), parentId: n(r.parentId) }));
}
