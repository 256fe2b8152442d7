/**
 * Products and their SKUs (server/README.md, "One door to the database"): plain rows in and out,
 * whether a statement goes through Sequelize or the row path. Products and SKUs are platform rows
 * keyed by their owner, not by tenant. No business rule lives here: which products a page shows
 * and in what order is the services' choice, expressed as a filter and a sort.
 */
import { literal, Op, type Order, type WhereOptions } from 'sequelize';
import type { Ctx } from '../../../core/context.js';
import { dialect, inTx, paginate, parseJson, platformRows, type PageQuery } from '../../../core/db/index.js';
import type { Owner, OwnerKind } from '../../../core/owner.js';
import { Product, ProductSku, type ProductStatus, type Revision, type RevisionStatus, type SkuStatus, type SpecDimension, type Specs } from '../model.js';
import { saveChanges } from './save.js';

export interface ProductRow {
  id: number;
  ownerKind: OwnerKind;
  ownerId: number;
  title: string;
  descriptionHtml: string | null;
  images: string[];
  categoryId: number | null;
  brandId: number | null;
  specDimensions: SpecDimension[];
  status: ProductStatus;
  rejectReason: string | null;
  revision: Revision | null;
  revisionStatus: RevisionStatus | null;
  revisionReason: string | null;
  sharedWithDistributors: boolean;
  freightTemplateId: number | null;
  minSupplyPrice: number;
  maxSupplyPrice: number;
  totalStock: number;
  salesCount: number;
  submittedAt: Date | null;
  approvedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface SkuRow {
  id: number;
  productId: number;
  code: string | null;
  specs: Specs;
  specsKey: string;
  supplyPrice: number;
  suggestedPrice: number;
  minRetailPrice: number | null;
  weightGrams: number;
  stock: number;
  status: SkuStatus;
  createdAt: Date;
  updatedAt: Date;
}

const productRow = (p: Product): ProductRow => ({
  id: p.id,
  ownerKind: p.ownerKind,
  ownerId: p.ownerId,
  title: p.title,
  descriptionHtml: p.descriptionHtml,
  images: p.images,
  categoryId: p.categoryId,
  brandId: p.brandId,
  specDimensions: p.specDimensions,
  status: p.status,
  rejectReason: p.rejectReason,
  revision: p.revision,
  revisionStatus: p.revisionStatus,
  revisionReason: p.revisionReason,
  sharedWithDistributors: p.sharedWithDistributors,
  freightTemplateId: p.freightTemplateId,
  minSupplyPrice: p.minSupplyPrice,
  maxSupplyPrice: p.maxSupplyPrice,
  totalStock: p.totalStock,
  salesCount: p.salesCount,
  submittedAt: p.submittedAt,
  approvedAt: p.approvedAt,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
});

const skuRow = (s: ProductSku): SkuRow => ({
  id: s.id,
  productId: s.productId,
  code: s.code,
  specs: s.specs,
  specsKey: s.specsKey,
  supplyPrice: s.supplyPrice,
  suggestedPrice: s.suggestedPrice,
  minRetailPrice: s.minRetailPrice,
  weightGrams: s.weightGrams,
  stock: s.stock,
  status: s.status,
  createdAt: s.createdAt,
  updatedAt: s.updatedAt,
});

// ---- products ----

export async function findProduct(ctx: Ctx, id: number): Promise<ProductRow | null> {
  const p = await Product.findByPk(id, inTx(ctx));
  return p ? productRow(p) : null;
}

export type NewProduct = Omit<ProductRow, 'id' | 'salesCount' | 'createdAt' | 'updatedAt'>;

export async function insertProduct(ctx: Ctx, fields: NewProduct): Promise<ProductRow> {
  return productRow(await Product.create(fields, inTx(ctx)));
}

export type ProductChanges = Partial<Omit<ProductRow, 'id' | 'ownerKind' | 'ownerId' | 'salesCount' | 'createdAt' | 'updatedAt'>>;

/** Writes changes to a product as read (repository/save.ts); returns it as it now is. */
export async function updateProduct(ctx: Ctx, product: ProductRow, changes: ProductChanges): Promise<ProductRow> {
  return productRow(await saveChanges(ctx, Product, product, changes));
}

/** Sales feed the market's best-selling sort: one conditional update, no read. */
export async function addProductSales(ctx: Ctx, productId: number, qty: number): Promise<void> {
  await Product.update({ salesCount: literal(`sales_count + ${Math.trunc(qty)}`) }, { where: { id: productId }, ...inTx(ctx) });
}

export async function countProductsInCategory(ctx: Ctx, categoryId: number): Promise<number> {
  return Product.count({ where: { categoryId }, ...inTx(ctx) });
}

export interface ProductFilter {
  ownerKind?: OwnerKind;
  ownerId?: number;
  status?: ProductStatus;
  rejectReason?: string;
  revisionPending?: boolean;
  sharedWithDistributors?: boolean;
  /** Only these products (search hits). */
  ids?: number[];
  categoryIds?: number[];
  minSupplyPrice?: number;
  maxSupplyPrice?: number;
  titleContains?: string;
}

function productWhere(f: ProductFilter): WhereOptions<Product> {
  const price = {
    ...(f.minSupplyPrice !== undefined ? { [Op.gte]: f.minSupplyPrice } : {}),
    ...(f.maxSupplyPrice !== undefined ? { [Op.lte]: f.maxSupplyPrice } : {}),
  };
  return {
    ...(f.ownerKind ? { ownerKind: f.ownerKind } : {}),
    ...(f.ownerId !== undefined ? { ownerId: f.ownerId } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.rejectReason !== undefined ? { rejectReason: f.rejectReason } : {}),
    ...(f.revisionPending ? { revisionStatus: 'pending' as const } : {}),
    ...(f.sharedWithDistributors !== undefined ? { sharedWithDistributors: f.sharedWithDistributors } : {}),
    ...(f.ids ? { id: f.ids } : {}),
    ...(f.categoryIds ? { categoryId: f.categoryIds } : {}),
    ...(Object.getOwnPropertySymbols(price).length ? { minSupplyPrice: price } : {}),
    ...(f.titleContains ? { title: { [Op.like]: `%${f.titleContains}%` } } : {}),
  };
}

/** Orders a page may take; `ranked` keeps the order of the ids given (search hits, best first). */
export type ProductSort = 'newest' | 'approved_desc' | 'sales_desc' | 'price_asc' | 'price_desc' | 'submitted_asc' | { ranked: number[] };

function productOrder(sort: ProductSort): Order {
  if (typeof sort === 'object') return [[literal(`CASE id ${sort.ranked.map((id, i) => `WHEN ${Number(id)} THEN ${i}`).join(' ')} END`), 'ASC']];
  switch (sort) {
    case 'newest':
      return [['id', 'DESC']];
    case 'approved_desc':
      return [['approvedAt', 'DESC'], ['id', 'DESC']];
    case 'sales_desc':
      return [['salesCount', 'DESC'], ['id', 'DESC']];
    case 'price_asc':
      return [['minSupplyPrice', 'ASC'], ['id', 'ASC']];
    case 'price_desc':
      return [['minSupplyPrice', 'DESC'], ['id', 'DESC']];
    case 'submitted_asc':
      return [['submittedAt', 'ASC'], ['id', 'ASC']];
  }
}

/** A page of products and the total. */
export async function productPage(ctx: Ctx, filter: ProductFilter, sort: ProductSort, page: PageQuery): Promise<{ rows: ProductRow[]; count: number }> {
  const { rows, count } = await Product.findAndCountAll({ where: productWhere(filter), order: productOrder(sort), ...paginate(page), ...inTx(ctx) });
  return { rows: rows.map(productRow), count };
}

/** An owner's products after `afterId`, by id: a sheet export walks the catalogue with these. */
export async function ownerProductsAfter(ctx: Ctx, owner: Owner, status: ProductStatus | undefined, afterId: number, limit: number): Promise<ProductRow[]> {
  const rows = await Product.findAll({
    where: { ownerKind: owner.kind, ownerId: owner.id, id: { [Op.gt]: afterId }, ...(status ? { status } : {}) },
    order: [['id', 'ASC']],
    limit,
    ...inTx(ctx),
  });
  return rows.map(productRow);
}

export async function productIdsWhere(ctx: Ctx, filter: ProductFilter): Promise<number[]> {
  const rows = await Product.findAll({ where: productWhere(filter), attributes: ['id'], raw: true, ...inTx(ctx) });
  return rows.map((r) => r.id);
}

export interface ProductBriefRow {
  id: number;
  ownerKind: OwnerKind;
  ownerId: number;
  title: string;
  images: string[];
  status: ProductStatus;
  sharedWithDistributors: boolean;
  totalStock: number;
}

export async function productBriefRow(ctx: Ctx, id: number): Promise<ProductBriefRow | null> {
  const p = await Product.findByPk(id, { attributes: ['id', 'ownerKind', 'ownerId', 'title', 'images', 'status', 'sharedWithDistributors', 'totalStock'], ...inTx(ctx) });
  return p ? { id: p.id, ownerKind: p.ownerKind, ownerId: p.ownerId, title: p.title, images: p.images, status: p.status, sharedWithDistributors: p.sharedWithDistributors, totalStock: p.totalStock } : null;
}

// ---- SKUs ----

/** Every SKU of one product or of some (all statuses, or only active ones), by id. */
export async function skusOfProducts(ctx: Ctx, productIds: number | number[], only?: { status: SkuStatus }): Promise<SkuRow[]> {
  const rows = await ProductSku.findAll({ where: { productId: productIds, ...(only ? { status: only.status } : {}) }, order: [['id', 'ASC']], ...inTx(ctx) });
  return rows.map(skuRow);
}

export async function findSkuOfProduct(ctx: Ctx, productId: number, skuId: number): Promise<SkuRow | null> {
  const s = await ProductSku.findOne({ where: { id: skuId, productId }, ...inTx(ctx) });
  return s ? skuRow(s) : null;
}

export type NewSku = Omit<SkuRow, 'id' | 'createdAt' | 'updatedAt'>;

export async function insertSku(ctx: Ctx, fields: NewSku): Promise<SkuRow> {
  return skuRow(await ProductSku.create(fields, inTx(ctx)));
}

export type SkuChanges = Partial<Pick<SkuRow, 'supplyPrice' | 'suggestedPrice' | 'minRetailPrice' | 'stock'>>;

/** Writes changes to a SKU as read (repository/save.ts). */
export async function updateSku(ctx: Ctx, sku: SkuRow, changes: SkuChanges): Promise<void> {
  await saveChanges(ctx, ProductSku, sku, changes);
}

/** New prices for a product's SKU by id, without reading it (a revision applied). */
export async function setSkuPricesOfProduct(ctx: Ctx, productId: number, skuId: number, prices: Pick<SkuRow, 'supplyPrice' | 'suggestedPrice'>): Promise<void> {
  await ProductSku.update(prices, { where: { id: skuId, productId }, ...inTx(ctx) });
}

export async function deleteSkusOfProduct(ctx: Ctx, productId: number): Promise<void> {
  await ProductSku.destroy({ where: { productId }, ...inTx(ctx) });
}

export async function productIdOfSku(ctx: Ctx, skuId: number): Promise<number | null> {
  const sku = await ProductSku.findByPk(skuId, { attributes: ['productId'], raw: true, ...inTx(ctx) });
  return sku ? sku.productId : null;
}

/** The stock of each active SKU of a product. */
export async function activeSkuStocks(ctx: Ctx, productId: number): Promise<number[]> {
  const rows = await ProductSku.findAll({ where: { productId, status: 'active' }, attributes: ['stock'], raw: true, ...inTx(ctx) });
  return rows.map((r) => r.stock);
}

// ---- what other modules read of SKUs (catalog's index) ----

export const LIVE_SKU_ATTRIBUTES = ['id', 'specs', 'stock', 'status', 'supplyPrice', 'minRetailPrice', 'productId'] as const;

/** A SKU as other modules see it: plain data, never the model (they reach SKUs only through these reads). */
export type LiveSku = Pick<SkuRow, (typeof LIVE_SKU_ATTRIBUTES)[number]>;

/** The row path's read of live SKUs: every shop page asks, and an instance per SKU was most of its cost. */
const LIVE_SKU_SELECT = 'SELECT id, product_id AS productId, specs, stock, status, supply_price AS supplyPrice, min_retail_price AS minRetailPrice FROM product_skus';
type LiveSkuColumns = Omit<LiveSku, 'specs' | 'supplyPrice' | 'minRetailPrice'> & { specs: unknown; supplyPrice: number | string; minRetailPrice: number | string | null };
const liveSkuOfColumns = (r: LiveSkuColumns): LiveSku => ({
  id: r.id,
  productId: r.productId,
  specs: parseJson<Specs>(r.specs, {}),
  stock: Number(r.stock),
  status: r.status,
  supplyPrice: Number(r.supplyPrice),
  minRetailPrice: r.minRetailPrice === null ? null : Number(r.minRetailPrice),
});

/**
 * Current SKUs of some products: specs, stock and price floors, for listings. One statement.
 * `lock`: inside a transaction, the rows stay locked until it ends, so a floor raised meanwhile
 * waits for the price set against the floor read here (SQLite runs one writer at a time anyway).
 */
export async function liveSkus(ctx: Ctx, productIds: number[], opts: { lock?: boolean } = {}): Promise<LiveSku[]> {
  if (!productIds.length) return [];
  const lock = opts.lock && ctx.transaction && dialect() !== 'sqlite' ? ' FOR UPDATE' : '';
  const rows = await platformRows<LiveSkuColumns>(ctx, `${LIVE_SKU_SELECT} WHERE product_id IN (:productIds) ORDER BY id ASC${lock}`, { productIds });
  return rows.map(liveSkuOfColumns);
}

/** Some SKUs by id (a shop page's), keyed by id; one statement whatever their number. */
export async function skusById(ctx: Ctx, skuIds: number[]): Promise<Map<number, LiveSku>> {
  if (!skuIds.length) return new Map();
  const rows = await platformRows<LiveSkuColumns>(ctx, `${LIVE_SKU_SELECT} WHERE id IN (:ids)`, { ids: [...new Set(skuIds)] });
  return new Map(rows.map((r) => [r.id, liveSkuOfColumns(r)]));
}

/** A SKU with its product, category fee and one warehouse that holds some of it (null when none does). */
export interface SkuFactRow {
  skuId: number;
  productId: number;
  ownerKind: OwnerKind;
  ownerId: number;
  productStatus: ProductStatus;
  specs: Specs;
  skuStatus: SkuStatus;
  stock: number;
  supplyPrice: number;
  minRetailPrice: number | null;
  weightGrams: number;
  freightTemplateId: number | null;
  feeBps: number | null;
  warehouseId: number | null;
  warehouseStock: number | null;
  province: string | null;
  city: string | null;
}

type Driver<T> = { [K in keyof T]: T[K] extends number ? number | string : T[K] extends number | null ? number | string | null : T[K] };

const num = (v: number | string) => Number(v);
const numOrNull = (v: number | string | null) => (v === null ? null : Number(v));

/** One statement, a row per SKU and stocked warehouse: checkout reads these for every line of every quote. */
export async function skuFactRows(ctx: Ctx, skuIds: number[]): Promise<SkuFactRow[]> {
  const rows = await platformRows<Omit<Driver<SkuFactRow>, 'specs'> & { specs: string | Specs }>(
    ctx,
    `SELECT s.id AS skuId, s.product_id AS productId, p.owner_kind AS ownerKind, p.owner_id AS ownerId, p.status AS productStatus,
            s.specs, s.status AS skuStatus, s.stock, s.supply_price AS supplyPrice, s.min_retail_price AS minRetailPrice,
            s.weight_grams AS weightGrams, p.freight_template_id AS freightTemplateId, c.fee_bps AS feeBps,
            ss.warehouse_id AS warehouseId, ss.stock AS warehouseStock, w.province, w.city
       FROM product_skus s
       JOIN products p ON p.id = s.product_id
       LEFT JOIN categories c ON c.id = p.category_id
       LEFT JOIN sku_stocks ss ON ss.sku_id = s.id AND ss.stock > 0
       LEFT JOIN warehouses w ON w.id = ss.warehouse_id
      WHERE s.id IN (:skuIds)`,
    { skuIds },
  );
  return rows.map((r) => ({
    skuId: num(r.skuId),
    productId: num(r.productId),
    ownerKind: r.ownerKind,
    ownerId: num(r.ownerId),
    productStatus: r.productStatus,
    specs: parseJson<Specs>(r.specs, {}),
    skuStatus: r.skuStatus,
    stock: num(r.stock),
    supplyPrice: num(r.supplyPrice),
    minRetailPrice: numOrNull(r.minRetailPrice),
    weightGrams: num(r.weightGrams),
    freightTemplateId: numOrNull(r.freightTemplateId),
    feeBps: numOrNull(r.feeBps),
    warehouseId: numOrNull(r.warehouseId),
    warehouseStock: numOrNull(r.warehouseStock),
    province: r.province,
    city: r.city,
  }));
}
