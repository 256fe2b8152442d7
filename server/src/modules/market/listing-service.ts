import { UniqueConstraintError } from 'sequelize';
import type { Ctx } from '../../core/context.js';
import { requireTenantId } from '../../core/context.js';
import { pageOf, withTransaction, type Page, type PageQuery } from '../../core/db/index.js';
import { notFound } from '../../core/errors.js';
import { search } from '../../core/search.js';
import { createProduct, createWarehouse, findProduct, listWarehouses, liveSkus, productBrief, type LiveSku, type ProductView } from '../catalog/index.js';
import { recordAudit } from '../../core/audit.js';
import { runAll } from '../../core/hooks.js';
import { mayRemoveListing } from './hooks.js';
import { marketErrors } from './errors.js';
import type { ListingSource, OffReason } from './model.js';
import * as repo from './repository.js';
import type { ListingChanges, ListingRow } from './repository.js';

/** ceil(supply × (100 + m) / 100) in integers: no float ever touches money. */
export function markup(supplyPrice: number, percent: number): number {
  return Math.floor((supplyPrice * (100 + percent) + 99) / 100);
}

/**
 * The lowest price a shop may ask for a SKU it resells: its supply price, and the minimum retail
 * price its owner (a supplier, or a brand for its distributors) may set above that. Own goods have none.
 */
export function floorOf(sku: { supplyPrice: number; minRetailPrice: number | null }, source: ListingSource): number {
  return source === 'own' ? 0 : Math.max(sku.supplyPrice, sku.minRetailPrice ?? 0);
}

/** The smallest whole markup percent that takes a supply price to at least the floor. */
function markupReaching(supplyPrice: number, floor: number): number {
  return Math.max(0, Math.ceil(((floor - supplyPrice) * 100) / supplyPrice));
}

export type PriceInput = { markupPercent: number } | { prices: Array<{ supplierSkuId: number; price: number }> };

export interface ListingView {
  id: number;
  productId: number;
  source: ListingSource;
  title: string;
  image: string | null;
  storeCategoryId: number | null;
  status: 'on_sale' | 'off_sale';
  offReason: OffReason | null;
  minPrice: number;
  salesCount: number;
  skus: Array<{ id: number; supplierSkuId: number; specs: Record<string, string>; price: number; floor: number; stock: number }>;
  createdAt: string;
}

async function indexListing(ctx: Ctx, listing: Pick<ListingRow, 'id' | 'title'>, specs: string[]): Promise<void> {
  await search().index(ctx, requireTenantId(ctx), 'listing', listing.id, [
    { text: listing.title, weight: 3 },
    { text: specs.join(' '), weight: 1 },
  ]);
}

async function viewsOf(ctx: Ctx, listings: ListingRow[]): Promise<ListingView[]> {
  if (!listings.length) return [];
  const rows = await repo.skusOfListings(ctx, listings.map((l) => l.id));
  const skus = new Map((await liveSkus(ctx, [...new Set(listings.map((l) => l.productId))])).map((s) => [s.id, s]));
  return listings.map(({ tenantId, createdAt, ...l }) => ({
    ...l,
    skus: rows
      .filter((r) => r.listingId === l.id)
      .map((r) => {
        const live = skus.get(r.skuId);
        return { id: r.id, supplierSkuId: r.skuId, specs: live?.specs ?? {}, price: r.price, floor: live ? floorOf(live, l.source) : 0, stock: live?.stock ?? 0 };
      }),
    createdAt: createdAt.toISOString(),
  }));
}

export async function getListing(ctx: Ctx, id: number): Promise<ListingView> {
  return (await viewsOf(ctx, [await loadListing(ctx, id)]))[0]!;
}

/** Prices for every SKU of a product from a markup or an explicit list, checked against floors. */
function pricesFor(product: ProductView, input: PriceInput, source: ListingSource): Map<number, number> {
  const skus = product.skus;
  const out = new Map<number, number>();
  if ('markupPercent' in input) {
    for (const sku of skus) {
      const price = markup(sku.supplyPrice, input.markupPercent);
      const floor = floorOf(sku, source);
      // a brand's distributors were promised their markup lifted to the brand's floor; a supplier's
      // floor is the merchant's to meet knowingly
      if (price < floor && source !== 'brand') throw marketErrors.markupBelowFloor(floor, markupReaching(sku.supplyPrice, floor));
      out.set(sku.id, Math.max(price, floor));
    }
    return out;
  }
  input.prices.forEach((p, i) => {
    const sku = skus.find((s) => s.id === p.supplierSkuId);
    if (!sku) throw marketErrors.unknownSku(`prices[${i}].supplierSkuId`);
    const floor = floorOf(sku, source);
    if (p.price < floor) throw marketErrors.belowFloor(`prices[${i}].price`, floor, sku.id);
    out.set(sku.id, p.price);
  });
  const missing = skus.filter((s) => !out.has(s.id)).map((s) => s.id);
  if (missing.length) throw marketErrors.pricesIncomplete(missing);
  return out;
}

async function createListing(ctx: Ctx, product: ProductView, source: ListingSource, prices: Map<number, number>): Promise<ListingView> {
  const existing = (await repo.listingIdsOfProducts(ctx, [product.id])).get(product.id);
  if (existing) throw marketErrors.alreadyImported(existing);
  const listing = await repo.insertListing(
    ctx,
    {
      productId: product.id,
      source,
      title: product.title,
      image: product.images[0] ?? null,
      storeCategoryId: null,
      status: product.totalStock > 0 || source === 'own' ? 'on_sale' : 'off_sale',
      offReason: product.totalStock > 0 || source === 'own' ? null : 'out_of_stock',
      minPrice: Math.min(...prices.values()),
    },
    product.skus.map((s) => ({ skuId: s.id, price: prices.get(s.id)! })),
  ).catch((err: Error) => {
    if (err instanceof UniqueConstraintError) throw marketErrors.alreadyImported(0);
    throw err;
  });
  await indexListing(ctx, listing, product.skus.flatMap((s) => Object.values(s.specs)));
  return (await viewsOf(ctx, [listing]))[0]!;
}

/**
 * Holds the product's SKU rows (and so their floors) until the transaction ends: a floor raised
 * meanwhile waits, then finds the new listing or price and lifts it or takes it off sale.
 */
async function lockFloors(tx: Ctx, productId: number): Promise<LiveSku[]> {
  return liveSkus(tx, [productId], { lock: true });
}

/** A supplier product from the market into this shop. */
export async function importFromMarket(ctx: Ctx, productId: number, input: PriceInput): Promise<ListingView> {
  return withTransaction(ctx, async (tx) => {
    await lockFloors(tx, productId);
    const product = await findProduct(tx, productId);
    if (!product || product.owner.kind !== 'supplier' || product.status !== 'approved') throw marketErrors.notInMarket();
    return createListing(tx, product, 'supplier', pricesFor(product, input, 'supplier'));
  });
}

/** A product of the brand owner's shared range into its distributor's shop. */
export async function importFromBrand(ctx: Ctx, productId: number, input: PriceInput): Promise<ListingView> {
  const parentId = ctx.tenant?.parentId;
  if (!parentId) throw marketErrors.noParent();
  return withTransaction(ctx, async (tx) => {
    await lockFloors(tx, productId);
    const product = await findProduct(tx, productId);
    if (!product || product.owner.kind !== 'tenant' || product.owner.id !== parentId || !product.sharedWithDistributors || product.status !== 'approved') {
      throw marketErrors.notInMarket();
    }
    return createListing(tx, product, 'brand', pricesFor(product, input, 'brand'));
  });
}

export interface OwnGoodsInput {
  title: string;
  description?: string;
  images?: string[];
  categoryId?: number;
  shareWithDistributors?: boolean;
  skus: Array<{ specs: Record<string, string>; code?: string; price: number; stock: number; weightGrams?: number; distributorPrice?: number; minRetailPrice?: number; warehouseId?: number }>;
}

/** The shop's own warehouse, made on first use from what the shop knows. */
async function ensureOwnWarehouse(ctx: Ctx): Promise<void> {
  const owner = { kind: 'tenant' as const, id: requireTenantId(ctx) };
  if ((await listWarehouses(ctx, owner)).length) return;
  await createWarehouse(ctx, owner, { name: `${ctx.tenant?.name ?? 'Shop'} 仓`, province: '未设置', city: '未设置', address: '未设置' });
}

/**
 * The merchant's own goods (self-operated): a product owned by the tenant, on sale at once.
 * A brand owner may share it with its distributors at a distributor price, with a minimum retail price.
 */
export async function createOwnGoods(ctx: Ctx, input: OwnGoodsInput): Promise<ListingView> {
  return withTransaction(ctx, async (tx) => {
    await ensureOwnWarehouse(tx);
    const product = await createProduct(
      tx,
      { kind: 'tenant', id: requireTenantId(tx) },
      {
        title: input.title,
        description: input.description,
        images: input.images,
        categoryId: input.categoryId,
        skus: input.skus.map((s) => ({
          specs: s.specs,
          code: s.code,
          supplyPrice: s.distributorPrice ?? s.price,
          suggestedPrice: s.price,
          minRetailPrice: s.minRetailPrice,
          stock: s.stock,
          weightGrams: s.weightGrams,
          warehouseId: s.warehouseId,
        })),
      },
      { autoApprove: true, sharedWithDistributors: input.shareWithDistributors ?? false },
    );
    return createListing(tx, product, 'own', new Map(product.skus.map((s, i) => [s.id, input.skus[i]!.price])));
  });
}

export interface ListingQuery extends PageQuery {
  status?: 'on_sale' | 'off_sale';
  offReason?: OffReason;
  source?: ListingSource;
  q?: string;
}

export async function listListings(ctx: Ctx, q: ListingQuery): Promise<Page<ListingView>> {
  const { rows, count } = await repo.listingPage(ctx, { status: q.status, offReason: q.offReason, source: q.source, titleContains: q.q }, q);
  return pageOf(q, await viewsOf(ctx, rows), count);
}

async function loadListing(ctx: Ctx, id: number): Promise<ListingRow> {
  const listing = await repo.findListing(ctx, id);
  if (!listing) throw notFound('Product');
  return listing;
}

/** Reprices SKUs (never below their floor) and files the listing under a store category. */
export async function updateListing(ctx: Ctx, id: number, input: { storeCategoryId?: number | null; prices?: Array<{ skuId: number; price: number }> }): Promise<ListingView> {
  return withTransaction(ctx, async (tx) => {
    const listing = await loadListing(tx, id);
    if (input.storeCategoryId && !(await repo.findStoreCategory(tx, input.storeCategoryId))) throw marketErrors.unknownStoreCategory();
    if (input.storeCategoryId !== undefined) {
      await repo.updateListing(tx, id, { storeCategoryId: input.storeCategoryId });
      listing.storeCategoryId = input.storeCategoryId;
    }
    if (input.prices?.length) {
      const rows = await repo.skusOfListings(tx, [id]);
      const live = new Map((await lockFloors(tx, listing.productId)).map((s) => [s.id, s]));
      for (const [i, p] of input.prices.entries()) {
        const row = rows.find((r) => r.id === p.skuId);
        if (!row) throw marketErrors.unknownSku(`prices[${i}].skuId`);
        const floor = floorOf(live.get(row.skuId) ?? { supplyPrice: 0, minRetailPrice: null }, listing.source);
        if (p.price < floor) throw marketErrors.belowFloor(`prices[${i}].price`, floor, row.id);
        await repo.setListingSkuPrice(tx, row.id, p.price);
      }
      await reconcile(tx, listing);
    }
    return getListing(tx, id);
  });
}

/**
 * Brings one listing in line with its product: copies, lowest price, and the off-sale reasons that
 * come from the catalog (delisted, below floor, out of stock), lifting a reason once it is gone.
 * A listing the merchant took off stays off.
 */
export async function reconcile(ctx: Ctx, listing: ListingRow): Promise<void> {
  const product = await productBrief(ctx, listing.productId);
  if (!product) return;
  const rows = await repo.skusOfListings(ctx, [listing.id]);
  const live = new Map((await liveSkus(ctx, [listing.productId])).map((s) => [s.id, s]));
  if (listing.source === 'brand') await liftToBrandFloor(ctx, listing.id, rows, live);
  const belowFloor = rows.some((r) => {
    const sku = live.get(r.skuId);
    return sku ? r.price < floorOf(sku, listing.source) : false;
  });
  const reason: OffReason | null =
    product.status !== 'approved' ? 'supplier_delisted' : belowFloor ? 'below_supply_price' : product.totalStock <= 0 && listing.source !== 'own' ? 'out_of_stock' : null;
  const changes: ListingChanges = {
    title: product.title,
    image: product.image,
    minPrice: rows.length ? Math.min(...rows.map((r) => r.price)) : 0,
  };
  if (listing.offReason !== 'merchant') {
    changes.status = reason ? 'off_sale' : 'on_sale';
    changes.offReason = reason;
  }
  await repo.updateListing(ctx, listing.id, changes);
  Object.assign(listing, changes);
  await indexListing(ctx, listing, [...new Set([...live.values()].flatMap((s) => Object.values(s.specs)))]);
}

/**
 * A brand that raises its retail price floor lifts its distributors' prices to it rather than
 * taking their listings off sale (brands module, CONTEXT.md); each lift is in the shop's audit log.
 */
async function liftToBrandFloor(ctx: Ctx, listingId: number, rows: Array<{ id: number; skuId: number; price: number }>, live: Map<number, { supplyPrice: number; minRetailPrice: number | null }>): Promise<void> {
  for (const r of rows) {
    const sku = live.get(r.skuId);
    const floor = sku ? floorOf(sku, 'brand') : 0;
    if (r.price >= floor) continue;
    await repo.setListingSkuPrice(ctx, r.id, floor);
    await recordAudit(ctx, { action: 'listing.price.lifted_to_floor', targetType: 'product', targetId: listingId, details: { skuId: r.id, from: r.price, to: floor } });
    r.price = floor;
  }
}

export async function setOnSale(ctx: Ctx, id: number, onSale: boolean): Promise<ListingView> {
  return withTransaction(ctx, async (tx) => {
    const listing = await loadListing(tx, id);
    if (!onSale) {
      await repo.updateListing(tx, id, { status: 'off_sale', offReason: 'merchant' });
      return getListing(tx, id);
    }
    await repo.updateListing(tx, id, { offReason: null });
    listing.offReason = null;
    await reconcile(tx, listing);
    if (listing.status !== 'on_sale') {
      const why = { supplier_delisted: 'the product is delisted by its owner', below_supply_price: 'a price is below its floor; reprice first', out_of_stock: 'the product is out of stock', merchant: '' }[listing.offReason!];
      throw marketErrors.cannotSell(`Cannot put this product on sale: ${why}`);
    }
    return getListing(tx, id);
  });
}

export async function removeListing(ctx: Ctx, id: number): Promise<{ id: number; removed: true }> {
  return withTransaction(ctx, async (tx) => {
    await loadListing(tx, id);
    const agreed = await runAll(mayRemoveListing, tx, id);
    if (!agreed.ok) throw marketErrors.listingInUse(agreed.reason, agreed.by);
    await repo.deleteListing(tx, id);
    await search().remove(tx, requireTenantId(tx), 'listing', [id]);
    return { id, removed: true as const };
  });
}

/** Which of these products this shop already lists (market pages mark them). */
export async function listedProducts(ctx: Ctx, productIds: number[]): Promise<Map<number, number>> {
  return repo.listingIdsOfProducts(ctx, productIds);
}

/** Sales feed the shop's best-selling sort. */
export async function countListingSales(ctx: Ctx, listingId: number, qty: number): Promise<void> {
  await repo.addListingSales(ctx, listingId, qty);
}

/** 404 unless the listing is this shop's. */
export async function assertListing(ctx: Ctx, id: number): Promise<void> {
  if (!(await repo.listingExists(ctx, id))) throw notFound('Product');
}
