import { routeGroup } from '../../core/http.js';
import { sendSheet } from '../catalog/index.js';
import { listFloors, setFloors } from './floors.js';
import { assertBrandOwner } from './network.js';
import { brandSales, exportBrandSales } from './sales.js';
import { floorsBody, floorsPage, floorsQuery, floorsReply, salesQuery, salesReply } from './schemas.js';

const route = routeGroup();
export const brandsRoutes = route.list;
const tags = ['brands'];

route({
  method: 'get', path: '/admin/brand/sales', tags, tenant: true, auth: 'merchant',
  summary: 'Brand owners: what the distributors sold of the brand range (orders, units, GMV, refunds), per day, distributor or product; figures only, no shopper data (403 not_brand_owner)',
  permission: ['read', 'BrandSales'], query: salesQuery, response: salesReply,
  handler: (ctx, { query }) => brandSales(ctx, query),
});

route({
  method: 'get', path: '/admin/brand/sales/export', tags, tenant: true, auth: 'merchant', raw: true,
  produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  summary: 'Brand owners: the same sales figures as an XLSX sheet',
  permission: ['read', 'BrandSales'], query: salesQuery,
  handler: async (ctx, { query }, { res }) => {
    await assertBrandOwner(ctx);
    await sendSheet(res, 'xlsx', `brand-sales-${query.groupBy}`, () => exportBrandSales(ctx, query, res));
  },
  audit: { action: 'brand.sales.export', details: ({ query }) => query },
});

route({
  method: 'get', path: '/admin/brand/price-floors', tags, tenant: true, auth: 'merchant',
  summary: 'Brand owners: the range\'s SKUs with distributor price, minimum and suggested retail price',
  permission: ['read', 'BrandPriceFloor'], query: floorsQuery, response: floorsPage,
  handler: (ctx, { query }) => listFloors(ctx, query),
});

route({
  method: 'put', path: '/admin/brand/price-floors', tags, tenant: true, auth: 'merchant',
  summary: 'Brand owners: set minimum (and suggested) retail prices of SKUs of the range, all or none; distributors\' listings below a raised floor are lifted to it',
  permission: ['manage', 'BrandPriceFloor'], body: floorsBody, example: { items: [{ skuId: 1, minRetailPrice: 15900, suggestedPrice: 19900 }] }, response: floorsReply,
  handler: (ctx, { body }) => setFloors(ctx, body.items),
  audit: { action: 'brand.price-floors.set', details: ({ body }) => ({ items: body.items }) },
});
