import { z } from 'zod';
import { routeGroup } from '../../core/http.js';
import { ownerOf } from '../../core/owner.js';
import {
  browseBrandRange,
  browseMarket,
  createWarehouse,
  findProduct,
  getOwnedProduct,
  listWarehouses,
  productUpdate,
  setSkuPrices,
  setStock,
  updateProduct,
  warehouseInput,
  withSupplierNames,
  type ProductView,
} from '../catalog/index.js';
import { marketErrors } from './errors.js';
import * as listings from './listing-service.js';
import { importBody, listingQuery, listingUpdate, marketQuery, ownGoodsBody, shopQuery, storeCategoryBody, storeCategoryUpdate, adminMarketProductsImportReply, adminMarketProductsReply, ownProductSchema, adminOwnProductsSkusPricesReply, adminProductsReply, adminStoreCategoriesReply, adminWarehousesReply, deleteAdminStoreCategoriesReply, marketProductSchema, listingViewSchema, postAdminWarehousesReply, shopProductDetailSchema, shopProductSchema, storeCategoryNodeSchema, hotWordsSchema } from './schemas.js';
import { hotWords } from './hot-words.js';
import { shopProduct, shopProducts } from './shop-catalog.js';
import * as storeCategories from './store-category-service.js';
import { pageSchema } from '../../core/db/index.js';

const route = routeGroup();
export const marketRoutes = route.list;

const tags = ['market'];
const skuParams = z.object({ id: z.coerce.number().int().positive(), skuId: z.coerce.number().int().positive() });
const ownPrices = z.object({ distributorPrice: z.number().int().min(1).optional(), minRetailPrice: z.number().int().min(0).nullable().optional() }).strict();
const stockBody = z.object({ warehouseId: z.number().int().positive(), stock: z.number().int().min(0).max(10_000_000) }).strict();

async function withListedFlags(ctx: Parameters<typeof listings.listedProducts>[0], items: ProductView[]) {
  const [listed, named] = await Promise.all([listings.listedProducts(ctx, items.map((p) => p.id)), withSupplierNames(ctx, items)]);
  return named.map((p) => ({ ...p, listingId: listed.get(p.id) ?? null, imported: listed.has(p.id) }));
}

const importReply = (l: listings.ListingView) => ({ product: { ...l, skus: l.skus.map(({ id, supplierSkuId, price, specs, stock }) => ({ id, supplierSkuId, price, specs, stock })) } });

// ---- the supplier market, as merchants see it ----

route({
  method: 'get', path: '/admin/market/products', tags, summary: 'Browse and search approved supplier products', tenant: true, auth: 'merchant',
  permission: ['read', 'Market'], query: marketQuery,
  response: adminMarketProductsReply,
  handler: async (ctx, { query }) => {
    const page = await browseMarket(ctx, query);
    return { ...page, items: await withListedFlags(ctx, page.items) };
  },
});

route({
  method: 'get', path: '/admin/market/products/:id', tags, summary: 'One market product with its SKUs', tenant: true, auth: 'merchant',
  permission: ['read', 'Market'], resources: { id: 'platform' },
  response: marketProductSchema,
  handler: async (ctx, { params }) => {
    const product = await findProduct(ctx, params.id);
    if (!product || product.owner.kind !== 'supplier' || product.status !== 'approved') throw marketErrors.notInMarket();
    return (await withListedFlags(ctx, [product]))[0]!;
  },
});

route({
  method: 'post', path: '/admin/market/products/:id/import', tags, summary: 'Add a market product to the shop with a markup or explicit prices', tenant: true, auth: 'merchant', status: 201,
  permission: ['manage', 'Listing'], body: importBody, resources: { id: 'platform' }, example: { markupPercent: 30 },
  response: adminMarketProductsImportReply,
  handler: async (ctx, { params, body }) => importReply(await listings.importFromMarket(ctx, params.id, body.prices ? { prices: body.prices } : { markupPercent: body.markupPercent! })),
  audit: { action: 'listing.import', target: (_i, r) => ({ type: 'listing', id: r.product.id }), details: ({ params, body }) => ({ productId: params.id, ...body }) },
});

route({
  method: 'get', path: '/admin/market/brand-products', tags, summary: 'Distributors: the brand owner\'s shared range', tenant: true, auth: 'merchant',
  permission: ['read', 'Market'], query: marketQuery,
  response: adminMarketProductsReply,
  handler: async (ctx, { query }) => {
    const parentId = ctx.tenant?.parentId;
    if (!parentId) throw marketErrors.noParent();
    const page = await browseBrandRange(ctx, parentId, query);
    return { ...page, items: await withListedFlags(ctx, page.items) };
  },
});

route({
  method: 'post', path: '/admin/market/brand-products/:id/import', tags, summary: 'Distributors: add a product of the brand range at or above its minimum retail price', tenant: true, auth: 'merchant', status: 201,
  permission: ['manage', 'Listing'], body: importBody, resources: { id: 'platform' }, example: { markupPercent: 30 },
  response: adminMarketProductsImportReply,
  handler: async (ctx, { params, body }) => importReply(await listings.importFromBrand(ctx, params.id, body.prices ? { prices: body.prices } : { markupPercent: body.markupPercent! })),
  audit: { action: 'listing.import-brand', target: (_i, r) => ({ type: 'listing', id: r.product.id }), details: ({ params }) => ({ productId: params.id }) },
});

// ---- the shop's own products (listings) ----

route({
  method: 'get', path: '/admin/products', tags, summary: 'The shop\'s products: market, own and brand listings', tenant: true, auth: 'merchant',
  permission: ['read', 'Listing'], query: listingQuery,
  response: pageSchema(listingViewSchema),
  handler: (ctx, { query }) => listings.listListings(ctx, query),
});

route({
  method: 'get', path: '/admin/products/:id', tags, summary: 'One listing with prices, floors and live stock', tenant: true, auth: 'merchant',
  permission: ['read', 'Listing'], resources: { id: 'listing' },
  response: listingViewSchema,
  handler: (ctx, { params }) => listings.getListing(ctx, params.id),
});

route({
  method: 'patch', path: '/admin/products/:id', tags, summary: 'Reprice SKUs (never below their floor) or file under a store category', tenant: true, auth: 'merchant',
  permission: ['manage', 'Listing'], body: listingUpdate, resources: { id: 'listing' }, example: { storeCategoryId: null },
  response: listingViewSchema,
  handler: (ctx, { params, body }) => listings.updateListing(ctx, params.id, body),
  audit: { action: 'listing.update', target: ({ params }) => ({ type: 'listing', id: params.id }), details: ({ body }) => body },
});

for (const [verb, onSale] of [['on-sale', true], ['off-sale', false]] as const) {
  route({
    method: 'post', path: `/admin/products/:id/${verb}`, tags, summary: onSale ? 'Put a listing on sale' : 'Take a listing off sale', tenant: true, auth: 'merchant',
    permission: ['manage', 'Listing'], resources: { id: 'listing' },
    response: listingViewSchema,
    handler: (ctx, { params }) => listings.setOnSale(ctx, params.id, onSale),
    audit: { action: `listing.${verb}`, target: ({ params }) => ({ type: 'listing', id: params.id }) },
  });
}

route({
  method: 'delete', path: '/admin/products/:id', tags, summary: 'Remove a listing from the shop', tenant: true, auth: 'merchant',
  permission: ['manage', 'Listing'], resources: { id: 'listing' },
  response: adminProductsReply,
  handler: (ctx, { params }) => listings.removeListing(ctx, params.id),
  audit: { action: 'listing.remove', target: ({ params }) => ({ type: 'listing', id: params.id }) },
});

// ---- own goods (self-operated) ----

route({
  method: 'post', path: '/admin/own-products', tags, summary: 'Create own goods, on sale at once (brand owners may share them with distributors)', tenant: true, auth: 'merchant', status: 201,
  permission: ['manage', 'Product'], body: ownGoodsBody,
  response: adminMarketProductsImportReply,
  handler: async (ctx, { body }) => importReply(await listings.createOwnGoods(ctx, body)),
  audit: { action: 'own-product.create', target: (_i, r) => ({ type: 'listing', id: r.product.id }) },
});

route({
  method: 'get', path: '/admin/own-products/:id', tags, summary: 'One own product with stock per warehouse', tenant: true, auth: 'merchant',
  permission: ['read', 'Product'], resources: { id: 'ownProduct' },
  response: ownProductSchema,
  handler: (ctx, { params }) => getOwnedProduct(ctx, ownerOf(ctx), params.id),
});

route({
  method: 'put', path: '/admin/own-products/:id', tags, summary: 'Edit own goods (listings follow)', tenant: true, auth: 'merchant',
  permission: ['manage', 'Product'], body: productUpdate, resources: { id: 'ownProduct' }, example: { title: 'Renamed product' },
  response: ownProductSchema,
  handler: (ctx, { params, body }) => updateProduct(ctx, ownerOf(ctx), params.id, body),
  audit: { action: 'own-product.update', target: ({ params }) => ({ type: 'product', id: params.id }) },
});

route({
  method: 'put', path: '/admin/own-products/:id/skus/:skuId/stock', tags, summary: 'Set own goods stock in one warehouse', tenant: true, auth: 'merchant',
  permission: ['manage', 'Product'], params: skuParams, body: stockBody, resources: { id: 'ownProduct', skuId: 'ownSku' }, example: { warehouseId: 1, stock: 5 },
  response: ownProductSchema,
  handler: (ctx, { params, body }) => setStock(ctx, ownerOf(ctx), params.id, params.skuId, body.warehouseId, body.stock),
});

route({
  method: 'put', path: '/admin/own-products/:id/skus/:skuId/prices', tags, summary: 'Brand owners: the distributor price and minimum retail price of a SKU', tenant: true, auth: 'merchant',
  permission: ['manage', 'Product'], params: skuParams, body: ownPrices, resources: { id: 'ownProduct', skuId: 'ownSku' }, example: { minRetailPrice: null },
  response: adminOwnProductsSkusPricesReply,
  handler: (ctx, { params, body }) => setSkuPrices(ctx, ownerOf(ctx), params.id, params.skuId, { supplyPrice: body.distributorPrice, minRetailPrice: body.minRetailPrice }),
  audit: { action: 'own-product.prices', target: ({ params }) => ({ type: 'product', id: params.id }), details: ({ body }) => body },
});

route({
  method: 'get', path: '/admin/warehouses', tags, summary: 'The shop\'s own warehouses (own goods)', tenant: true, auth: 'merchant',
  permission: ['read', 'Product'],
  response: adminWarehousesReply,
  handler: async (ctx) => ({ items: await listWarehouses(ctx, ownerOf(ctx)) }),
});

route({
  method: 'post', path: '/admin/warehouses', tags, summary: 'Add a warehouse for own goods', tenant: true, auth: 'merchant', status: 201,
  permission: ['manage', 'Warehouse'], body: warehouseInput,
  response: postAdminWarehousesReply,
  handler: (ctx, { body }) => createWarehouse(ctx, ownerOf(ctx), body),
});

// ---- store categories ----

route({
  method: 'get', path: '/admin/store-categories', tags, summary: 'The shop\'s categories', tenant: true, auth: 'merchant',
  permission: ['read', 'Listing'],
  response: adminStoreCategoriesReply,
  handler: async (ctx) => ({ items: await storeCategories.storeCategoryTree(ctx) }),
});

route({
  method: 'post', path: '/admin/store-categories', tags, summary: 'Add a store category (two levels)', tenant: true, auth: 'merchant', status: 201,
  permission: ['manage', 'Listing'], body: storeCategoryBody,
  response: storeCategoryNodeSchema,
  handler: (ctx, { body }) => storeCategories.createStoreCategory(ctx, body),
});

route({
  method: 'put', path: '/admin/store-categories/:id', tags, summary: 'Rename, reorder or re-icon a store category', tenant: true, auth: 'merchant',
  permission: ['manage', 'Listing'], body: storeCategoryUpdate, resources: { id: 'storeCategory' }, example: { name: 'Renamed' },
  response: storeCategoryNodeSchema,
  handler: (ctx, { params, body }) => storeCategories.updateStoreCategory(ctx, params.id, body),
});

route({
  method: 'delete', path: '/admin/store-categories/:id', tags, summary: 'Delete a store category (its listings stay, uncategorised)', tenant: true, auth: 'merchant',
  permission: ['manage', 'Listing'], resources: { id: 'storeCategory' },
  response: deleteAdminStoreCategoriesReply,
  handler: (ctx, { params }) => storeCategories.deleteStoreCategory(ctx, params.id),
});

// ---- the shop ----

route({
  method: 'get', path: '/shop/categories', tags: ['shop catalog'], summary: 'The shop\'s categories', tenant: true, auth: 'public',
  response: adminStoreCategoriesReply,
  handler: async (ctx) => ({ items: await storeCategories.storeCategoryTree(ctx) }),
});

route({
  method: 'get', path: '/shop/products', tags: ['shop catalog'], summary: 'Products on sale: search (Chinese too), category, price range, sort', tenant: true, auth: 'public',
  query: shopQuery,
  response: pageSchema(shopProductSchema),
  handler: (ctx, { query }) => shopProducts(ctx, query),
});

route({
  method: 'get', path: '/shop/search/hot', tags: ['shop catalog'], summary: "The shop's hot searches (热门搜索): what its shoppers searched for and found over the last 30 days, most first", tenant: true, auth: 'public',
  response: hotWordsSchema,
  handler: async (ctx) => ({ words: await hotWords(ctx) }),
});

route({
  method: 'get', path: '/shop/products/:id', tags: ['shop catalog'], summary: 'One product with description, images, SKUs, prices and live stock', tenant: true, auth: 'public',
  resources: { id: 'listing' },
  response: shopProductDetailSchema,
  handler: (ctx, { params }) => shopProduct(ctx, params.id),
});
