import { clock } from '../../core/clock.js';
import type { Ctx } from '../../core/context.js';
import { pageOf, withTransaction, type Page, type PageQuery } from '../../core/db/index.js';
import { notFound } from '../../core/errors.js';
import { emit, type PayloadOf } from '../../core/events.js';
import { MARKET_SCOPE, search } from '../../core/search.js';
import { sanitizeRichText } from '../../core/rich-text.js';
import { isOwnTemplate } from '../fulfillment/index.js';
import { assertApproved, assertNotSuspended, supplierNames } from '../suppliers/index.js';
import { catalogErrors } from './errors.js';
import { productApproved, productChanged, productRejected, productSubmitted } from './events.js';
import type { ProductStatus, Revision, SpecDimension, Specs } from './model.js';
import { sameOwner, type Owner } from '../../core/owner.js';
import * as repo from './repository/products.js';
import type { ProductChanges, ProductFilter, ProductRow, SkuRow } from './repository/products.js';
import * as stockRepo from './repository/stock.js';
import type { SkuStockRow } from './repository/stock.js';
import type { ProductInput, ProductUpdate, SkuInput } from './schemas.js';
import { assertBrand, assertCategory, brandNames, categoryName } from './taxonomy-service.js';
import { listWarehouses } from './warehouse-service.js';

export type ChangeReason = PayloadOf<typeof productChanged>['reasons'][number];

export interface SkuView {
  id: number;
  code: string | null;
  specs: Specs;
  supplyPrice: number;
  suggestedPrice: number;
  minRetailPrice: number | null;
  weightGrams: number;
  stock: number;
  stocks?: Array<{ warehouseId: number; stock: number }>;
}

export interface ProductView {
  id: number;
  owner: { kind: string; id: number };
  title: string;
  description: string | null;
  images: string[];
  categoryId: number | null;
  brandId: number | null;
  specDimensions: SpecDimension[];
  status: ProductStatus;
  rejectReason: string | null;
  revision: (Revision & { status: string | null; reason: string | null }) | null;
  sharedWithDistributors: boolean;
  /** The owner's freight template chosen for it, if any. */
  freightTemplateId: number | null;
  minSupplyPrice: number;
  totalStock: number;
  salesCount: number;
  approvedAt: string | null;
  createdAt: string;
  updatedAt: string;
  skus: SkuView[];
}

export function skuView(s: SkuRow, stocks?: SkuStockRow[]): SkuView {
  return {
    id: s.id,
    code: s.code,
    specs: s.specs,
    supplyPrice: s.supplyPrice,
    suggestedPrice: s.suggestedPrice,
    minRetailPrice: s.minRetailPrice,
    weightGrams: s.weightGrams,
    stock: s.stock,
    ...(stocks ? { stocks: stocks.filter((x) => x.skuId === s.id).map((x) => ({ warehouseId: x.warehouseId, stock: x.stock })) } : {}),
  };
}

export function productView(p: ProductRow, skus: SkuRow[], stocks?: SkuStockRow[]): ProductView {
  return {
    id: p.id,
    owner: { kind: p.ownerKind, id: p.ownerId },
    title: p.title,
    description: p.descriptionHtml,
    images: p.images,
    categoryId: p.categoryId,
    brandId: p.brandId,
    specDimensions: p.specDimensions,
    status: p.status,
    rejectReason: p.rejectReason,
    revision: p.revision ? { ...p.revision, status: p.revisionStatus, reason: p.revisionReason } : null,
    sharedWithDistributors: p.sharedWithDistributors,
    freightTemplateId: p.freightTemplateId,
    minSupplyPrice: p.minSupplyPrice,
    totalStock: p.totalStock,
    salesCount: p.salesCount,
    approvedAt: p.approvedAt ? p.approvedAt.toISOString() : null,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    skus: skus.map((s) => skuView(s, stocks)),
  };
}

/** Rich descriptions keep formatting and pictures (the allow-list shop pages use), never scripts, handlers or foreign schemes. */
export function sanitizeDescription(html: string | undefined | null): string | null {
  if (!html) return null;
  return sanitizeRichText(html) || null;
}

/** The spec dimensions the SKUs use, checked: every SKU names every dimension, no two SKUs alike. */
export function specMatrix(skus: Array<{ specs: Specs }>, declared?: SpecDimension[]): { dimensions: SpecDimension[]; keys: string[] } {
  const names = declared?.map((d) => d.name) ?? [...new Set(skus.flatMap((s) => Object.keys(s.specs)))];
  const dimensions: SpecDimension[] = names.map((name) => ({ name, values: declared?.find((d) => d.name === name)?.values ?? [] }));
  const keys: string[] = [];
  skus.forEach((sku, i) => {
    const given = Object.keys(sku.specs);
    if (given.length !== names.length || !names.every((n) => sku.specs[n] !== undefined)) {
      throw catalogErrors.specsMismatch(`skus[${i}].specs`, `name exactly the dimensions ${names.join(' × ') || '(none)'}`);
    }
    for (const dim of dimensions) {
      const value = sku.specs[dim.name]!;
      if (declared && !dim.values.includes(value)) throw catalogErrors.specsMismatch(`skus[${i}].specs`, `${value} is not a value of ${dim.name}`);
      if (!declared && !dim.values.includes(value)) dim.values.push(value);
    }
    const key = names.map((n) => `${n}:${sku.specs[n]}`).join('|');
    if (keys.includes(key)) throw catalogErrors.specsMismatch(`skus[${i}].specs`, 'two SKUs with the same specs');
    keys.push(key);
  });
  return { dimensions, keys };
}

/** Every combination of the dimensions' values: the SKU matrix a form starts from. */
export function skuMatrix(dimensions: SpecDimension[]): Specs[] {
  return dimensions.reduce<Specs[]>((rows, dim) => rows.flatMap((row) => dim.values.map((v) => ({ ...row, [dim.name]: v }))), [{}]);
}

function checkPrices(skus: Array<Pick<SkuInput, 'supplyPrice' | 'suggestedPrice' | 'minRetailPrice'>>): void {
  skus.forEach((sku, i) => {
    if (sku.suggestedPrice < sku.supplyPrice) throw catalogErrors.specsMismatch(`skus[${i}].suggestedPrice`, 'must not be below the supply price');
    if (sku.minRetailPrice !== undefined && sku.minRetailPrice < sku.supplyPrice) throw catalogErrors.specsMismatch(`skus[${i}].minRetailPrice`, 'must not be below the supply price');
  });
}

/** A product names a freight template of its own owner, or none: another owner's would apply their rules and leak their ids. */
async function assertFreightTemplate(ctx: Ctx, owner: Owner, id: number | null | undefined): Promise<void> {
  if (id != null && !(await isOwnTemplate(ctx, owner, id))) throw catalogErrors.unknownFreightTemplate();
}

async function loadOwned(ctx: Ctx, owner: Owner, id: number): Promise<ProductRow> {
  const p = await repo.findProduct(ctx, id);
  if (!p || !sameOwner(owner, p)) throw notFound('Product');
  return p;
}

const skusOfProduct = (ctx: Ctx, productId: number): Promise<SkuRow[]> => repo.skusOfProducts(ctx, productId);

/** Recomputes the copies on the product (price range, total stock) from its SKUs; the product as it now is. */
async function refreshTotals(ctx: Ctx, product: ProductRow): Promise<{ product: ProductRow; stockCrossedZero: boolean }> {
  const skus = (await skusOfProduct(ctx, product.id)).filter((s) => s.status === 'active');
  const before = product.totalStock;
  const totalStock = skus.reduce((n, s) => n + s.stock, 0);
  const prices = skus.map((s) => s.supplyPrice);
  const updated = await repo.updateProduct(ctx, product, {
    totalStock,
    minSupplyPrice: prices.length ? Math.min(...prices) : 0,
    maxSupplyPrice: prices.length ? Math.max(...prices) : 0,
  });
  return { product: updated, stockCrossedZero: (before === 0) !== (totalStock === 0) };
}

async function indexForMarket(ctx: Ctx, product: ProductRow): Promise<void> {
  if (product.ownerKind !== 'supplier') return;
  if (product.status !== 'approved') {
    await search().remove(ctx, MARKET_SCOPE, 'product', [product.id]);
    return;
  }
  const [skus, brands, category] = await Promise.all([
    skusOfProduct(ctx, product.id),
    brandNames(ctx, product.brandId ? [product.brandId] : []),
    categoryName(ctx, product.categoryId),
  ]);
  await search().index(ctx, MARKET_SCOPE, 'product', product.id, [
    { text: product.title, weight: 3 },
    { text: brands.get(product.brandId ?? 0), weight: 2 },
    { text: category, weight: 1 },
    { text: [...new Set(skus.flatMap((s) => Object.values(s.specs)))].join(' '), weight: 1 },
  ]);
}

async function changed(ctx: Ctx, product: ProductRow, reasons: ChangeReason[]): Promise<void> {
  if (reasons.length) await emit(ctx, productChanged, { productId: product.id, reasons });
}

async function writeSkus(ctx: Ctx, owner: Owner, productId: number, skus: SkuInput[], keys: string[]): Promise<void> {
  const warehouses = await listWarehouses(ctx, owner);
  for (const [i, sku] of skus.entries()) {
    const warehouseId = sku.warehouseId ?? warehouses[0]?.id;
    if (!warehouseId) throw catalogErrors.noWarehouse(`skus[${i}].warehouseId`);
    if (!warehouses.some((w) => w.id === warehouseId)) throw catalogErrors.unknownWarehouse(`skus[${i}].warehouseId`);
    const row = await repo.insertSku(ctx, {
      productId,
      code: sku.code ?? null,
      specs: sku.specs,
      specsKey: keys[i]!,
      supplyPrice: sku.supplyPrice,
      suggestedPrice: sku.suggestedPrice,
      minRetailPrice: sku.minRetailPrice ?? null,
      weightGrams: sku.weightGrams ?? 0,
      stock: sku.stock,
      status: 'active',
    });
    await stockRepo.insertSkuStock(ctx, { skuId: row.id, warehouseId, stock: sku.stock });
  }
}

export interface CreateOptions {
  /** Own goods of a tenant go on sale without platform review. */
  autoApprove?: boolean;
  sharedWithDistributors?: boolean;
}

export async function createProduct(ctx: Ctx, owner: Owner, input: ProductInput, options: CreateOptions = {}): Promise<ProductView> {
  const { dimensions, keys } = specMatrix(input.skus, input.specDimensions);
  checkPrices(input.skus);
  return withTransaction(ctx, async (tx) => {
    await assertCategory(tx, input.categoryId);
    await assertBrand(tx, input.brandId);
    await assertFreightTemplate(tx, owner, input.freightTemplateId);
    const submit = !input.draft;
    if (submit && owner.kind === 'supplier') await assertApproved(tx, owner.id);
    const now = clock.now();
    const status: ProductStatus = options.autoApprove ? 'approved' : submit ? 'pending_review' : 'draft';
    const product = await repo.insertProduct(tx, {
      ownerKind: owner.kind,
      ownerId: owner.id,
      title: input.title,
      descriptionHtml: sanitizeDescription(input.description),
      images: input.images ?? [],
      categoryId: input.categoryId ?? null,
      brandId: input.brandId ?? null,
      specDimensions: dimensions,
      status,
      rejectReason: null,
      revision: null,
      revisionStatus: null,
      revisionReason: null,
      sharedWithDistributors: options.sharedWithDistributors ?? false,
      freightTemplateId: input.freightTemplateId ?? null,
      minSupplyPrice: 0,
      maxSupplyPrice: 0,
      totalStock: 0,
      submittedAt: submit ? now : null,
      approvedAt: status === 'approved' ? now : null,
    });
    await writeSkus(tx, owner, product.id, input.skus, keys);
    await refreshTotals(tx, product);
    if (status === 'pending_review') await emit(tx, productSubmitted, { productId: product.id });
    return getOwnedProduct(tx, owner, product.id);
  });
}

export async function getOwnedProduct(ctx: Ctx, owner: Owner, id: number): Promise<ProductView> {
  const p = await loadOwned(ctx, owner, id);
  const skus = await skusOfProduct(ctx, id);
  return productView(p, skus, await stockRepo.stocksOfSkus(ctx, skus.map((s) => s.id)));
}

/** Any product by id (platform review, market detail); null when missing. */
export async function findProduct(ctx: Ctx, id: number): Promise<ProductView | null> {
  const p = await repo.findProduct(ctx, id);
  if (!p) return null;
  return productView(p, await skusOfProduct(ctx, id));
}

/** A page of products, each with its SKUs (all of them, or only those on sale): two statements. */
export async function productViewPage(ctx: Ctx, filter: ProductFilter, sort: repo.ProductSort, q: PageQuery, skus?: { status: 'active' }): Promise<Page<ProductView>> {
  const { rows, count } = await repo.productPage(ctx, filter, sort, q);
  const all = rows.length ? await repo.skusOfProducts(ctx, rows.map((r) => r.id), skus) : [];
  return pageOf(q, rows.map((p) => productView(p, all.filter((s) => s.productId === p.id))), count);
}

export async function listOwnedProducts(ctx: Ctx, owner: Owner, q: PageQuery & { status?: ProductStatus; q?: string }): Promise<Page<ProductView>> {
  return productViewPage(ctx, { ownerKind: owner.kind, ownerId: owner.id, status: q.status, titleContains: q.q }, 'newest', q);
}

const isBigMove = (from: number, to: number) => from > 0 && (to > from * 1.5 || to < from * 0.5);

/**
 * Edits a product. Drafts and rejected products change in place. An approved product keeps what
 * is on sale: content changes wait as a revision for review; SKU structure cannot change (delist
 * and create a new product instead); prices and stock go through the SKU endpoints.
 */
export async function updateProduct(ctx: Ctx, owner: Owner, id: number, input: ProductUpdate): Promise<ProductView> {
  return withTransaction(ctx, async (tx) => {
    let product = await loadOwned(tx, owner, id);
    await assertCategory(tx, input.categoryId);
    await assertBrand(tx, input.brandId);
    await assertFreightTemplate(tx, owner, input.freightTemplateId);
    const content: ProductChanges = {
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.description !== undefined ? { descriptionHtml: sanitizeDescription(input.description) } : {}),
      ...(input.images !== undefined ? { images: input.images } : {}),
      ...(input.categoryId !== undefined ? { categoryId: input.categoryId } : {}),
      ...(input.brandId !== undefined ? { brandId: input.brandId } : {}),
    };
    // which freight template applies is the owner's business, not a reviewed content change
    if (input.freightTemplateId !== undefined) product = await repo.updateProduct(tx, product, { freightTemplateId: input.freightTemplateId });
    const live = product.status === 'approved' || product.status === 'delisted';
    if (live && owner.kind === 'supplier') {
      if (input.skus || input.specDimensions) throw catalogErrors.specsMismatch('skus', 'the SKUs of a reviewed product cannot change; edit prices and stock per SKU, or create a new product');
      if (Object.keys(content).length) {
        await repo.updateProduct(tx, product, { revision: { ...(product.revision ?? {}), ...content }, revisionStatus: 'pending', revisionReason: null });
        await emit(tx, productSubmitted, { productId: product.id, revision: true });
      }
      return getOwnedProduct(tx, owner, id);
    }
    product = await repo.updateProduct(tx, product, content);
    if (input.skus) {
      const { dimensions, keys } = specMatrix(input.skus, input.specDimensions);
      checkPrices(input.skus);
      if (live) throw catalogErrors.specsMismatch('skus', 'the SKUs of a product on sale cannot change');
      await repo.deleteSkusOfProduct(tx, id);
      await writeSkus(tx, owner, id, input.skus, keys);
      product = await repo.updateProduct(tx, product, { specDimensions: dimensions });
      await refreshTotals(tx, product);
    }
    if (live) {
      // a tenant's own goods: no review, listings follow at once
      await changed(tx, product, ['content']);
    }
    return getOwnedProduct(tx, owner, id);
  });
}

export async function submitProduct(ctx: Ctx, owner: Owner, id: number): Promise<ProductView> {
  return withTransaction(ctx, async (tx) => {
    const product = await loadOwned(tx, owner, id);
    if (product.status !== 'draft' && product.status !== 'rejected') throw catalogErrors.wrongStatus(product.status, 'submitted');
    if (owner.kind === 'supplier') await assertApproved(tx, owner.id);
    await repo.updateProduct(tx, product, { status: 'pending_review', rejectReason: null, submittedAt: clock.now() });
    await emit(tx, productSubmitted, { productId: product.id });
    return getOwnedProduct(tx, owner, id);
  });
}

/** Platform review of a submitted product, or of a pending revision of an approved one. */
export async function reviewProduct(ctx: Ctx, id: number, decision: 'approve' | 'reject', reason?: string): Promise<ProductView> {
  return withTransaction(ctx, async (tx) => {
    let product = await repo.findProduct(tx, id);
    if (!product) throw notFound('Product');
    if (product.status === 'pending_review') {
      if (decision === 'approve' && product.ownerKind === 'supplier') await assertNotSuspended(tx, product.ownerId);
      if (decision === 'approve') product = await repo.updateProduct(tx, product, { status: 'approved', approvedAt: clock.now(), rejectReason: null });
      else product = await repo.updateProduct(tx, product, { status: 'rejected', rejectReason: reason ?? null });
      await indexForMarket(tx, product);
    } else if (product.revisionStatus === 'pending' && product.revision) {
      if (decision === 'approve') product = await applyRevision(tx, product);
      else product = await repo.updateProduct(tx, product, { revisionStatus: 'rejected', revisionReason: reason ?? null });
    } else {
      throw catalogErrors.wrongStatus(product.status, decision === 'approve' ? 'approved' : 'rejected');
    }
    await emit(tx, decision === 'approve' ? productApproved : productRejected, { productId: id, reason: reason ?? null });
    return productView(product, await skusOfProduct(tx, id));
  });
}

/** Puts a pending revision on sale; the product as it now is. */
async function applyRevision(ctx: Ctx, pending: ProductRow): Promise<ProductRow> {
  const { skuPrices, ...content } = pending.revision ?? {};
  const reasons: ChangeReason[] = [];
  if (Object.keys(content).length) reasons.push('content');
  for (const change of skuPrices ?? []) {
    await repo.setSkuPricesOfProduct(ctx, pending.id, change.skuId, { supplyPrice: change.supplyPrice, suggestedPrice: change.suggestedPrice });
    if (!reasons.includes('price')) reasons.push('price');
  }
  const revised = await repo.updateProduct(ctx, pending, { ...content, revision: null, revisionStatus: null, revisionReason: null });
  const { product } = await refreshTotals(ctx, revised);
  await indexForMarket(ctx, product);
  await changed(ctx, product, reasons);
  return product;
}

export async function setListed(ctx: Ctx, owner: Owner | 'platform', id: number, listed: boolean, reason?: string): Promise<ProductView> {
  return withTransaction(ctx, async (tx) => {
    const found = owner === 'platform' ? await repo.findProduct(tx, id) : await loadOwned(tx, owner, id);
    if (!found) throw notFound('Product');
    const from: ProductStatus = listed ? 'delisted' : 'approved';
    if (found.status !== from) throw catalogErrors.wrongStatus(found.status, listed ? 'relisted' : 'delisted');
    const product = await repo.updateProduct(tx, found, { status: listed ? 'approved' : 'delisted', rejectReason: listed ? null : (reason ?? null) });
    await indexForMarket(tx, product);
    await changed(tx, product, ['status']);
    return productView(product, await skusOfProduct(tx, id));
  });
}

async function loadOwnedSku(ctx: Ctx, owner: Owner, productId: number, skuId: number): Promise<{ product: ProductRow; sku: SkuRow }> {
  const product = await loadOwned(ctx, owner, productId);
  const sku = await repo.findSkuOfProduct(ctx, productId, skuId);
  if (!sku) throw notFound('SKU');
  return { product, sku };
}

/**
 * New prices for one SKU. Moves of more than half on a reviewed supplier product wait for review
 * (a slip of the keyboard should not reprice a whole market); others apply at once and every
 * listing re-checks its price floor.
 */
export async function setSkuPrices(ctx: Ctx, owner: Owner, productId: number, skuId: number, input: { supplyPrice?: number; suggestedPrice?: number; minRetailPrice?: number | null }): Promise<ProductView & { pendingReview: boolean }> {
  return withTransaction(ctx, async (tx) => {
    const { product, sku } = await loadOwnedSku(tx, owner, productId, skuId);
    const supplyPrice = input.supplyPrice ?? sku.supplyPrice;
    const suggestedPrice = input.suggestedPrice ?? Math.max(sku.suggestedPrice, supplyPrice);
    const minRetailPrice = input.minRetailPrice === undefined ? sku.minRetailPrice : input.minRetailPrice;
    if (suggestedPrice < supplyPrice) throw catalogErrors.specsMismatch('suggestedPrice', 'must not be below the supply price');
    if (minRetailPrice !== null && minRetailPrice < supplyPrice) throw catalogErrors.specsMismatch('minRetailPrice', 'must not be below the supply price');
    const reviewed = owner.kind === 'supplier' && (product.status === 'approved' || product.status === 'delisted');
    if (reviewed && isBigMove(sku.supplyPrice, supplyPrice)) {
      const others = (product.revision?.skuPrices ?? []).filter((c) => c.skuId !== skuId);
      const revised = await repo.updateProduct(tx, product, { revision: { ...(product.revision ?? {}), skuPrices: [...others, { skuId, supplyPrice, suggestedPrice }] }, revisionStatus: 'pending', revisionReason: null });
      await emit(tx, productSubmitted, { productId, revision: true });
      return { ...productView(revised, await skusOfProduct(tx, productId)), pendingReview: true };
    }
    await repo.updateSku(tx, sku, { supplyPrice, suggestedPrice, minRetailPrice });
    const totals = await refreshTotals(tx, product);
    await changed(tx, totals.product, ['price']);
    return { ...productView(totals.product, await skusOfProduct(tx, productId)), pendingReview: false };
  });
}

/** Sets the stock of one SKU in one warehouse; the SKU's and product's totals follow. */
export async function setStock(ctx: Ctx, owner: Owner, productId: number, skuId: number, warehouseId: number, stock: number): Promise<ProductView> {
  return withTransaction(ctx, async (tx) => {
    const { product, sku } = await loadOwnedSku(tx, owner, productId, skuId);
    const warehouses = await listWarehouses(tx, owner);
    if (!warehouses.some((w) => w.id === warehouseId)) throw catalogErrors.unknownWarehouse('warehouseId');
    await stockRepo.putSkuStock(tx, { skuId, warehouseId, stock });
    await repo.updateSku(tx, sku, { stock: await stockRepo.stockInWarehouses(tx, skuId) });
    const { stockCrossedZero } = await refreshTotals(tx, product);
    if (stockCrossedZero) await changed(tx, product, ['stock']);
    return getOwnedProduct(tx, owner, productId);
  });
}

export async function listForReview(ctx: Ctx, q: PageQuery & { status?: ProductStatus; revision?: 'pending'; supplierId?: number }): Promise<Page<ProductView & { supplierName: string | null }>> {
  const page = await productViewPage(ctx, { ownerKind: 'supplier', status: q.status, revisionPending: q.revision === 'pending', ownerId: q.supplierId || undefined }, 'submitted_asc', q);
  return { ...page, items: await withSupplierNames(ctx, page.items) };
}

/** Products with their supplier's company name (null for a shop's own goods): lists name who supplies each. */
export async function withSupplierNames<P extends ProductView>(ctx: Ctx, products: P[]): Promise<Array<P & { supplierName: string | null }>> {
  const names = await supplierNames(ctx, products.filter((p) => p.owner.kind === 'supplier').map((p) => p.owner.id));
  return products.map((p) => ({ ...p, supplierName: p.owner.kind === 'supplier' ? (names.get(p.owner.id) ?? null) : null }));
}

/** Status, owner and copies of a product that listings need; null when missing. */
export async function productBrief(ctx: Ctx, id: number) {
  const p = await repo.productBriefRow(ctx, id);
  return p ? { id: p.id, ownerKind: p.ownerKind, ownerId: p.ownerId, title: p.title, image: p.images[0] ?? null, status: p.status, sharedWithDistributors: p.sharedWithDistributors, totalStock: p.totalStock } : null;
}

/** What selling a SKU needs to know: owner, supply price, weight, freight template, fee rate. */
export interface SkuFacts {
  skuId: number;
  productId: number;
  ownerKind: 'supplier' | 'tenant';
  ownerId: number;
  productStatus: ProductStatus;
  specs: Specs;
  stock: number;
  supplyPrice: number;
  minRetailPrice: number | null;
  weightGrams: number;
  freightTemplateId: number | null;
  /** The category's platform fee in basis points, when the category sets one. */
  feeBps: number | null;
  /** Its owner's warehouses holding some of it: where checkout may take it from. */
  warehouses: SkuWarehouse[];
}

export interface SkuWarehouse {
  warehouseId: number;
  stock: number;
  province: string;
  city: string;
}

/** One statement, a row per SKU and stocked warehouse: checkout reads these for every line of every quote. */
export async function skuFacts(ctx: Ctx, skuIds: number[]): Promise<Map<number, SkuFacts>> {
  if (!skuIds.length) return new Map();
  const rows = await repo.skuFactRows(ctx, skuIds);
  const facts = new Map<number, SkuFacts>();
  for (const r of rows) {
    let fact = facts.get(r.skuId);
    if (!fact) {
      fact = {
        skuId: r.skuId,
        productId: r.productId,
        ownerKind: r.ownerKind,
        ownerId: r.ownerId,
        productStatus: r.productStatus,
        specs: r.specs,
        // a disabled SKU is not for sale, whatever it holds
        stock: r.skuStatus === 'active' ? r.stock : 0,
        supplyPrice: r.supplyPrice,
        minRetailPrice: r.minRetailPrice,
        weightGrams: r.weightGrams,
        freightTemplateId: r.freightTemplateId,
        feeBps: r.feeBps,
        warehouses: [],
      };
      facts.set(r.skuId, fact);
    }
    if (r.warehouseId !== null && r.province !== null) fact.warehouses.push({ warehouseId: r.warehouseId, stock: r.warehouseStock!, province: r.province, city: r.city! });
  }
  return facts;
}
