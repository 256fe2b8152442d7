import { z } from 'zod';
import { notFound } from '../../core/errors.js';
import { routeGroup } from '../../core/http.js';
import { actorKey } from '../../core/rate-limit.js';
import { ownerOf } from '../../core/owner.js';
import {
  brandInput,
  categoryInput,
  categoryUpdate,
  productInput,
  productListQuery,
  productUpdate,
  reasonBody,
  reviewQuery,
  skuMatrixBody,
  skuPriceInput,
  stockInput,
  warehouseInput,
  brandsReply,
  catalogSkuMatrixReply,
  categoriesReply,
  categoryNodeSchema,
  platformBrandsReply,
  platformCategoriesReply,
  productViewSchema,
  namedProductViewSchema,
  supplierProductsSkusPricesReply,
  supplierWarehousesReply,
  warehouseViewSchema,
} from './schemas.js';
import * as products from './product-service.js';
import * as taxonomy from './taxonomy-service.js';
import * as warehouses from './warehouse-service.js';
import { pageSchema } from '../../core/db/index.js';

const route = routeGroup();
export const catalogRoutes = route.list;

const tags = ['catalog'];
const skuParams = z.object({ id: z.coerce.number().int().positive(), skuId: z.coerce.number().int().positive() });

// ---- taxonomy (read by everyone, edited by the platform) ----

route({
  method: 'get', path: '/categories', tags, summary: 'The platform category tree', tenant: false, auth: 'public',
  response: categoriesReply,
  handler: async (ctx) => ({ items: await taxonomy.categoryTree(ctx) }),
});

route({
  method: 'get', path: '/brands', tags, summary: 'Brands', tenant: false, auth: 'public',
  response: brandsReply,
  handler: async (ctx) => ({ items: await taxonomy.listBrands(ctx) }),
});

route({
  method: 'post', path: '/catalog/sku-matrix', tags, summary: 'Every SKU specs combination of some spec dimensions (at most a product\'s 300 SKUs)', tenant: false, auth: ['supplier', 'merchant'],
  body: skuMatrixBody,
  // a product form asks again on each edit; a console has no reason to ask faster
  rateLimits: [{ rule: { name: 'sku-matrix', limit: 120, windowSeconds: 60 }, key: actorKey }],
  response: catalogSkuMatrixReply,
  handler: async (_ctx, { body }) => ({ items: products.skuMatrix(body.specDimensions) }),
});

route({
  method: 'post', path: '/platform/categories', tags, summary: 'Add a category (3 levels at most)', tenant: false, auth: 'platform', status: 201,
  permission: ['manage', 'Category'], body: categoryInput,
  response: categoryNodeSchema,
  handler: (ctx, { body }) => taxonomy.createCategory(ctx, body),
  audit: { action: 'category.create', target: (_i, r) => ({ type: 'category', id: r.id }), details: ({ body }) => body },
});

route({
  method: 'put', path: '/platform/categories/:id', tags, summary: 'Rename or reorder a category', tenant: false, auth: 'platform',
  permission: ['manage', 'Category'], body: categoryUpdate, example: { name: 'Renamed' },
  response: categoryNodeSchema,
  handler: (ctx, { params, body }) => taxonomy.updateCategory(ctx, params.id, body),
  audit: { action: 'category.update', target: ({ params }) => ({ type: 'category', id: params.id }), details: ({ body }) => body },
});

route({
  method: 'delete', path: '/platform/categories/:id', tags, summary: 'Delete an empty category', tenant: false, auth: 'platform',
  permission: ['manage', 'Category'],
  response: platformCategoriesReply,
  handler: (ctx, { params }) => taxonomy.deleteCategory(ctx, params.id),
  audit: { action: 'category.delete', target: ({ params }) => ({ type: 'category', id: params.id }) },
});

route({
  method: 'post', path: '/platform/brands', tags, summary: 'Add a brand', tenant: false, auth: 'platform', status: 201,
  permission: ['manage', 'Brand'], body: brandInput,
  response: platformBrandsReply,
  handler: (ctx, { body }) => taxonomy.createBrand(ctx, body),
  audit: { action: 'brand.create', target: (_i, r) => ({ type: 'brand', id: r.id }), details: ({ body }) => body },
});

// ---- product review (platform) ----

route({
  method: 'get', path: '/platform/products', tags, summary: 'Supplier products by status, and revisions waiting for review', tenant: false, auth: 'platform',
  permission: ['read', 'Product'], query: reviewQuery,
  response: pageSchema(namedProductViewSchema),
  handler: (ctx, { query }) => products.listForReview(ctx, query),
});

route({
  method: 'get', path: '/platform/products/:id', tags, summary: 'One product with its SKUs and pending revision', tenant: false, auth: 'platform',
  permission: ['read', 'Product'],
  response: namedProductViewSchema,
  handler: async (ctx, { params }) => {
    const product = await products.findProduct(ctx, params.id);
    if (!product) throw notFound('Product');
    return (await products.withSupplierNames(ctx, [product]))[0]!;
  },
});

route({
  method: 'post', path: '/platform/products/:id/approve', tags, summary: 'Approve a product, or its pending revision', tenant: false, auth: 'platform',
  permission: ['review', 'Product'],
  response: productViewSchema,
  handler: (ctx, { params }) => products.reviewProduct(ctx, params.id, 'approve'),
  audit: { action: 'product.approve', target: ({ params }) => ({ type: 'product', id: params.id }) },
});

route({
  method: 'post', path: '/platform/products/:id/reject', tags, summary: 'Reject a product, or its pending revision, with a reason', tenant: false, auth: 'platform',
  permission: ['review', 'Product'], body: reasonBody,
  response: productViewSchema,
  handler: (ctx, { params, body }) => products.reviewProduct(ctx, params.id, 'reject', body.reason),
  audit: { action: 'product.reject', target: ({ params }) => ({ type: 'product', id: params.id }), details: ({ body }) => body },
});

route({
  method: 'post', path: '/platform/products/:id/delist', tags, summary: 'Take a product off the market (violation)', tenant: false, auth: 'platform',
  permission: ['review', 'Product'], body: reasonBody,
  response: productViewSchema,
  handler: (ctx, { params, body }) => products.setListed(ctx, 'platform', params.id, false, body.reason),
  audit: { action: 'product.delist', target: ({ params }) => ({ type: 'product', id: params.id }), details: ({ body }) => body },
});

// ---- supplier: warehouses and products ----

route({
  method: 'post', path: '/supplier/warehouses', tags, summary: 'Add a warehouse', tenant: false, auth: 'supplier', status: 201,
  body: warehouseInput,
  response: warehouseViewSchema,
  handler: (ctx, { body }) => warehouses.createWarehouse(ctx, ownerOf(ctx), body),
});

route({
  method: 'get', path: '/supplier/warehouses', tags, summary: 'My warehouses', tenant: false, auth: 'supplier',
  response: supplierWarehousesReply,
  handler: async (ctx) => ({ items: await warehouses.listWarehouses(ctx, ownerOf(ctx)) }),
});

route({
  method: 'post', path: '/supplier/products', tags, summary: 'Create a product (draft, or submitted for review)', tenant: false, auth: 'supplier', status: 201,
  body: productInput,
  response: productViewSchema,
  handler: (ctx, { body }) => products.createProduct(ctx, ownerOf(ctx), body),
});

route({
  method: 'get', path: '/supplier/products', tags, summary: 'My products', tenant: false, auth: 'supplier',
  query: productListQuery,
  response: pageSchema(productViewSchema),
  handler: (ctx, { query }) => products.listOwnedProducts(ctx, ownerOf(ctx), query),
});

route({
  method: 'get', path: '/supplier/products/:id', tags, summary: 'One of my products with stock per warehouse', tenant: false, auth: 'supplier',
  resources: { id: 'supplierProduct' },
  response: productViewSchema,
  handler: (ctx, { params }) => products.getOwnedProduct(ctx, ownerOf(ctx), params.id),
});

route({
  method: 'put', path: '/supplier/products/:id', tags, summary: 'Edit a product (an approved one waits for review of the change)', tenant: false, auth: 'supplier',
  body: productUpdate, resources: { id: 'supplierProduct' }, example: { title: 'Renamed product' },
  response: productViewSchema,
  handler: (ctx, { params, body }) => products.updateProduct(ctx, ownerOf(ctx), params.id, body),
});

for (const [verb, summary] of [
  ['submit', 'Submit a draft or rejected product for review'],
  ['delist', 'Take my product off the market'],
  ['relist', 'Put my delisted product back on the market'],
] as const) {
  route({
    method: 'post', path: `/supplier/products/:id/${verb}`, tags, summary, tenant: false, auth: 'supplier', resources: { id: 'supplierProduct' },
    response: productViewSchema,
    handler: (ctx, { params }) =>
      verb === 'submit' ? products.submitProduct(ctx, ownerOf(ctx), params.id) : products.setListed(ctx, ownerOf(ctx), params.id, verb === 'relist'),
  });
}

route({
  method: 'put', path: '/supplier/products/:id/skus/:skuId/prices', tags, summary: 'Change a SKU\'s prices (moves over 50% wait for review)', tenant: false, auth: 'supplier',
  params: skuParams, body: skuPriceInput, resources: { id: 'supplierProduct', skuId: 'supplierSku' }, example: { suggestedPrice: 99_999 },
  response: supplierProductsSkusPricesReply,
  handler: (ctx, { params, body }) => products.setSkuPrices(ctx, ownerOf(ctx), params.id, params.skuId, body),
});

route({
  method: 'put', path: '/supplier/products/:id/skus/:skuId/stock', tags, summary: 'Set a SKU\'s stock in one warehouse', tenant: false, auth: 'supplier',
  params: skuParams, body: stockInput, resources: { id: 'supplierProduct', skuId: 'supplierSku' }, example: { warehouseId: 1, stock: 0 },
  response: productViewSchema,
  handler: (ctx, { params, body }) => products.setStock(ctx, ownerOf(ctx), params.id, params.skuId, body.warehouseId, body.stock),
});
