import { routeGroup } from '../../core/http.js';
import * as counter from './counter.js';
import * as sale from './sale.js';
import * as coupons from './counter-coupons.js';
import { adminStoreList, adminStoreView, clerkBody, shopStoresQuery, clerkList, codeBody, codeQuery, couponCodeBody, couponCodeQuery, counterCouponReply, counterQuoteBody, counterQuoteReply, counterSaleBody, counterSaleReply, counterOrderPage, counterOrdersQuery, movePage, movesQuery, myStoreReply, pickupReply, shopStoreList, stockAdjustBody, stockSetBody, storeBody, storeStockList, storeUpdate } from './schemas.js';
import * as stock from './stock.js';
import * as stores from './stores.js';
import { orderViewSchema } from '../orders/index.js';

const route = routeGroup();
export const storesRoutes = route.list;

const tags = ['stores'];
const manage = ['manage', 'Store'] as const;
const atCounter = ['counter', 'Store'] as const;
const store = { id: 'store' } as const;
const example = { name: '西湖旗舰店', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 100 号', hours: '每天 10:00–21:00', phone: '0571-88886666', lat: 30.2741, lng: 120.1551, deliveryRadiusM: 3000, deliveryFee: 500 };

// ---- the shop's console: stores, stock, clerks ----

route({
  method: 'post', path: '/admin/stores', tags, summary: 'Add a store (门店): address, hours, phone, map position, same-city delivery radius and fee', tenant: true, auth: 'merchant', status: 201,
  permission: manage, body: storeBody, example, response: adminStoreView,
  handler: (ctx, { body }) => stores.createStore(ctx, body),
  audit: { action: 'stores.create', target: (_i, r) => ({ type: 'store', id: r.id }) },
});

route({
  method: 'get', path: '/admin/stores', tags, summary: 'The shop\'s stores', tenant: true, auth: 'merchant',
  permission: manage, response: adminStoreList,
  handler: (ctx) => stores.adminStores(ctx),
});

route({
  method: 'get', path: '/admin/stores/mine', tags, summary: 'The store the signed-in clerk works at (null for staff bound to none)', tenant: true, auth: 'merchant',
  permission: atCounter, response: myStoreReply,
  handler: (ctx) => counter.myStore(ctx),
});

route({
  method: 'get', path: '/admin/stores/:id', tags, summary: 'One store', tenant: true, auth: 'merchant',
  permission: manage, resources: store, response: adminStoreView,
  handler: async (ctx, { params }) => stores.adminStoreView(await stores.storeOf(ctx, params.id)),
});

route({
  method: 'patch', path: '/admin/stores/:id', tags, summary: 'Edit a store, or close it to orders (`active: false`)', tenant: true, auth: 'merchant',
  permission: manage, resources: store, body: storeUpdate, example: { hours: '每天 09:00–22:00' }, response: adminStoreView,
  handler: (ctx, { params, body }) => stores.updateStore(ctx, params.id, body),
  audit: { action: 'stores.update', target: ({ params }) => ({ type: 'store', id: params.id }) },
});

route({
  method: 'get', path: '/admin/stores/:id/stock', tags, summary: 'A store\'s stock of the shop\'s SKUs', tenant: true, auth: 'merchant',
  permission: atCounter, resources: store, response: storeStockList,
  handler: async (ctx, { params }) => (await counter.counterStore(ctx, params.id), stock.storeStock(ctx, params.id)),
});

route({
  method: 'put', path: '/admin/stores/:id/stock', tags, summary: 'Set a store\'s counts of some SKUs (a stocktake; each difference goes into the history)', tenant: true, auth: 'merchant',
  permission: manage, resources: store, body: stockSetBody, example: { items: [{ skuId: 1, stock: 20 }] }, response: storeStockList,
  handler: (ctx, { params, body }) => stock.setStock(ctx, params.id, body.items, body.note),
  audit: { action: 'stores.stock.set', target: ({ params }) => ({ type: 'store', id: params.id }), details: ({ body }) => ({ items: body.items }) },
});

route({
  method: 'post', path: '/admin/stores/:id/stock/adjust', tags, summary: 'Add or take units of one SKU at a store (409 store_stock_below_zero)', tenant: true, auth: 'merchant',
  permission: manage, resources: store, body: stockAdjustBody, example: { skuId: 1, delta: 5, note: '到货' }, response: storeStockList,
  handler: (ctx, { params, body }) => stock.adjustStock(ctx, params.id, body.skuId, body.delta, body.note),
  audit: { action: 'stores.stock.adjust', target: ({ params }) => ({ type: 'store', id: params.id }), details: ({ body }) => ({ skuId: body.skuId, delta: body.delta }) },
});

route({
  method: 'get', path: '/admin/stores/:id/stock/history', tags, summary: 'Every change to a store\'s stock, newest first', tenant: true, auth: 'merchant',
  permission: manage, resources: store, query: movesQuery, response: movePage,
  handler: (ctx, { params, query }) => stock.stockHistory(ctx, params.id, query),
});

route({
  method: 'get', path: '/admin/stores/:id/clerks', tags, summary: 'The store\'s clerks', tenant: true, auth: 'merchant',
  permission: manage, resources: store, response: clerkList,
  handler: (ctx, { params }) => counter.clerks(ctx, params.id),
});

route({
  method: 'post', path: '/admin/stores/:id/clerks', tags, summary: 'Make a staff member a clerk of this store (moving them from another); their role needs stores.counter', tenant: true, auth: 'merchant',
  permission: manage, resources: store, body: clerkBody, example: { staffId: 2 }, response: clerkList,
  handler: (ctx, { params, body }) => counter.bindClerk(ctx, params.id, body.staffId),
  audit: { action: 'stores.clerk.bind', target: ({ params }) => ({ type: 'store', id: params.id }), details: ({ body }) => ({ staffId: body.staffId }) },
});

route({
  method: 'delete', path: '/admin/stores/:id/clerks/:staffId', tags, summary: 'A staff member stops being a clerk of this store', tenant: true, auth: 'merchant',
  permission: manage, resources: { id: 'store', staffId: 'staff' }, response: clerkList,
  handler: (ctx, { params }) => counter.unbindClerk(ctx, params.id, params.staffId),
  audit: { action: 'stores.clerk.unbind', target: ({ params }) => ({ type: 'store', id: params.id }), details: ({ params }) => ({ staffId: params.staffId }) },
});

// ---- the counter (a clerk at their store, or a manager at any) ----

route({
  method: 'get', path: '/admin/stores/:id/orders', tags, summary: 'The orders this store serves (pickup, same-city, counter sales), newest first; `today=1` for today\'s', tenant: true, auth: 'merchant',
  permission: atCounter, resources: store, query: counterOrdersQuery, response: counterOrderPage,
  handler: (ctx, { params, query }) => counter.counterOrders(ctx, params.id, query),
});

route({
  method: 'get', path: '/admin/stores/:id/pickup', tags, summary: 'The order of this store behind a pickup code, before handing it over', tenant: true, openWhenPlanExpired: true, auth: 'merchant',
  permission: atCounter, resources: store, query: codeQuery, response: pickupReply,
  handler: (ctx, { params, query }) => counter.lookUpPickup(ctx, params.id, query.code),
});

route({
  method: 'post', path: '/admin/stores/:id/verify-pickup', tags, summary: 'Hand an order of this store over against its pickup code (404 for another store\'s code)', tenant: true, openWhenPlanExpired: true, auth: 'merchant',
  permission: atCounter, resources: store, body: codeBody, example: { code: '12345678' }, response: orderViewSchema,
  handler: (ctx, { params, body }) => counter.handOver(ctx, params.id, body.code),
  audit: { action: 'stores.pickup', target: (_i, r) => ({ type: 'order', id: r.id }), details: ({ params }) => ({ storeId: params.id }) },
});

route({
  method: 'post', path: '/admin/stores/:id/counter-quote', tags, summary: 'The counter\'s total before a sale: the ordinary quote at this store (a member\'s prices, a shown coupon)', tenant: true, auth: 'merchant',
  permission: atCounter, resources: store, body: counterQuoteBody, example: { items: [{ skuId: 1, quantity: 2 }] }, response: counterQuoteReply,
  handler: (ctx, { params, body }) => sale.quoteAtCounter(ctx, params.id, body),
});

route({
  method: 'post', path: '/admin/stores/:id/counter-orders', tags, summary: 'Sell at the counter: an in-store order paid at the till (cash, card, scanned code), taking the store\'s stock, handed over at once', tenant: true, auth: 'merchant', status: 201,
  permission: atCounter, resources: store, body: counterSaleBody, idempotent: 'transaction', example: { items: [{ skuId: 1, quantity: 2 }], payMethod: 'cash' }, response: counterSaleReply,
  handler: (ctx, { params, body }) => sale.sellAtCounter(ctx, params.id, body),
  audit: { action: 'stores.counter.sale', target: (_i, r) => ({ type: 'order', id: r.id }), details: ({ params, body }) => ({ storeId: params.id, payMethod: body.payMethod }) },
});

route({
  method: 'get', path: '/admin/stores/:id/coupon', tags, summary: 'The coupon behind a code a shopper shows at the counter (404 for a code of no coupon of this shop)', tenant: true, auth: 'merchant',
  permission: atCounter, resources: store, query: couponCodeQuery, response: counterCouponReply,
  handler: (ctx, { params, query }) => coupons.lookUpCoupon(ctx, params.id, query.code),
});

route({
  method: 'post', path: '/admin/stores/:id/verify-coupon', tags, summary: 'Mark a shown coupon used at the counter, once (409 coupon_code_used)', tenant: true, auth: 'merchant',
  permission: atCounter, resources: store, body: couponCodeBody, example: { code: 'K7QX2MHP9A' }, response: counterCouponReply,
  handler: (ctx, { params, body }) => coupons.verifyCoupon(ctx, params.id, body.code),
  audit: { action: 'stores.coupon.verify', target: ({ params }) => ({ type: 'store', id: params.id }), details: ({ body }) => ({ code: body.code }) },
});

// ---- the shop ----

route({
  method: 'get', path: '/shop/stores', tags, summary: 'The shop\'s stores, nearest first from `lat`/`lng`; with `items` (skuId:qty,...) whether each holds them all', tenant: true, auth: 'public',
  query: shopStoresQuery, response: shopStoreList,
  handler: (ctx, { query }) => stores.shopStores(ctx, query),
});
