import { z } from 'zod';
import type { Ctx } from '../../core/context.js';
import { requireTenantId } from '../../core/context.js';
import { pageOf, pageSchema } from '../../core/db/index.js';
import { routeGroup } from '../../core/http.js';
import { accessibleWhere } from '../../core/permissions.js';
import { carrierName, parcelRoutes } from '../fulfillment/index.js';
import { payerDetails } from '../payments/index.js';
import { cancelOrder, confirmReceipt, loadOrder, loadShopperOrder, payOrder } from './lifecycle.js';
import { pickupByCode, pickupPoints, verifyPickup } from './pickup.js';
import { refundOrder } from './refunds.js';
import { exportOrders, staffOrderList } from './order-list.js';
import { sendSheet } from '../catalog/index.js';
import type { OrderStatus } from './model.js';
import { orderPage, type OrderRow } from './repository/orders.js';
import { placeOrder, quoteFor } from './place.js';
import { adminOrderExportQuery, adminOrderListQuery, adminOrderPageSchema, fulfillmentQuery, orderListQuery, payBody, placeBody, refundBody, shipBody, adminFulfillmentsShipReply, adminOrdersRefundReply, orderPageSchema, ownerFulfillmentViewSchema, shopOrdersPayReply, shopOrdersQuoteReply, orderViewSchema, shopOrdersTrackingReply, adminPickupReply, pickupCodeBody, shopPickupPointsReply } from './schemas.js';
import { ownerFulfillments, ownerShip, type GoodsOwner } from './owner-queue.js';
import { AppError, ValidationError } from '../../core/errors.js';
import { shipFromSheet, writeShipTemplate } from './ship-sheet.js';
import { receiveSheet } from '../catalog/index.js';
import { orderViews, placedView, quoteView } from './views.js';

const route = routeGroup();
export const ordersRoutes = route.list;

const tags = ['orders'];

async function one(ctx: Ctx, order: OrderRow, audience: 'shopper' | 'staff') {
  return (await orderViews(ctx, [order], audience))[0]!;
}

/** The orders the actor may read (a shopper: their own; staff: the shop's), by the ability's rules. */
async function listOrders(ctx: Ctx, q: z.infer<typeof orderListQuery>, audience: 'shopper' | 'staff') {
  const filter = { accessible: accessibleWhere(ctx, 'read', 'Order'), status: q.status as OrderStatus | undefined, orderNoPrefix: q.q };
  const { rows, count } = await orderPage(ctx, filter, q);
  return pageOf(q, await orderViews(ctx, rows, audience), count);
}

// ---- shoppers ----

route({
  method: 'post', path: '/shop/orders/quote', tags, summary: 'Price items for an address: lines, freight, savings, total', tenant: true, auth: 'shopper',
  body: placeBody,
  response: shopOrdersQuoteReply,
  handler: async (ctx, { body }) => quoteView(await quoteFor(ctx, body)),
});

route({
  method: 'post', path: '/shop/orders', tags, summary: 'Place an order (server-priced; stock reserved; honours Idempotency-Key)', tenant: true, auth: 'shopper', status: 201,
  body: placeBody, idempotent: 'transaction',
  response: orderViewSchema,
  handler: async (ctx, { body }) => placedView(await placeOrder(ctx, body)),
});

route({
  method: 'get', path: '/shop/orders', tags, summary: 'My orders', tenant: true, auth: 'shopper',
  query: orderListQuery,
  response: orderPageSchema,
  handler: (ctx, { query }) => listOrders(ctx, query, 'shopper'),
});

route({
  method: 'get', path: '/shop/orders/:id', tags, summary: 'One of my orders with its fulfilments', tenant: true, auth: 'shopper',
  resources: { id: 'order' },
  response: orderViewSchema,
  handler: async (ctx, { params }) => one(ctx, await loadShopperOrder(ctx, params.id), 'shopper'),
});

route({
  method: 'post', path: '/shop/orders/:id/cancel', tags, summary: 'Cancel an unpaid order (stock returns)', tenant: true, auth: 'shopper',
  resources: { id: 'order' },
  response: orderViewSchema,
  handler: async (ctx, { params }) => {
    await loadShopperOrder(ctx, params.id);
    return one(ctx, await cancelOrder(ctx, params.id, 'cancelled by the shopper'), 'shopper');
  },
});

route({
  method: 'post', path: '/shop/orders/:id/pay', tags, summary: 'Pay: sandbox gateway, stored balance, WeChat Pay (JSAPI params, H5 redirect, Native QR) or Alipay (wap or page redirect); honours Idempotency-Key', tenant: true, auth: 'shopper',
  body: payBody, resources: { id: 'order' },
  // a balance payment is one transaction (payments' startPayment binds the key there); a gateway's is not
  idempotent: ({ body }) => (body.method === 'balance' ? 'transaction' : 'lease'), example: { method: 'sandbox' },
  response: shopOrdersPayReply,
  handler: async (ctx, { params, body }, { req }) => payOrder(ctx, params.id, body.method, await payerDetails(ctx, req, body)),
});

route({
  method: 'get', path: '/shop/orders/:id/tracking', tags, summary: 'Where my parcels are', tenant: true, auth: 'shopper',
  resources: { id: 'order' },
  response: shopOrdersTrackingReply,
  handler: async (ctx, { params }) => {
    const order = await loadShopperOrder(ctx, params.id);
    const view = (await orderViews(ctx, [order], 'shopper'))[0]!;
    const shipments = view.fulfillments.flatMap((f) => f.shipments.map((s) => ({ fulfillmentId: f.id, shipmentId: s.id, carrier: s.carrier, trackingNo: s.trackingNo })));
    const routes = await parcelRoutes(ctx, shipments.map((s) => ({ carrier: s.carrier, trackingNo: s.trackingNo, phone: order.address?.phone })));
    return { items: shipments.map((s, i) => ({ ...s, carrierName: carrierName(s.carrier), state: routes[i]!.state, events: routes[i]!.events, updatedAt: routes[i]!.updatedAt })) };
  },
});

route({
  method: 'post', path: '/shop/orders/:id/receive', tags, summary: 'Confirm receipt', tenant: true, auth: 'shopper',
  resources: { id: 'order' },
  response: orderViewSchema,
  handler: async (ctx, { params }) => one(ctx, await confirmReceipt(ctx, params.id), 'shopper'),
});

route({
  method: 'get', path: '/shop/pickup-points', tags, summary: 'Where this shop hands self-pickup orders over (none: no self-pickup)', tenant: true, auth: 'public',
  response: shopPickupPointsReply,
  handler: async (ctx) => ({ items: await pickupPoints(ctx) }),
});

// ---- the shop's staff ----

route({
  method: 'get', path: '/admin/orders', tags, summary: 'The shop\'s orders (filters: status, order number, time, payment, shopper, goods), with counts per status', tenant: true, auth: 'merchant',
  permission: ['read', 'Order'], query: adminOrderListQuery,
  response: adminOrderPageSchema,
  handler: (ctx, { query }) => staffOrderList(ctx, query),
});

route({
  method: 'get', path: '/admin/orders/export', tags, tenant: true, auth: 'merchant', raw: true,
  permission: ['read', 'Order'],
  produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv'],
  summary: 'The orders under the list\'s filters as a sheet, newest first (?format=xlsx|csv)',
  query: adminOrderExportQuery,
  handler: (ctx, { query }, { res }) => sendSheet(res, query.format, 'orders', () => exportOrders(ctx, query, res)),
  audit: { action: 'order.export', details: ({ query }) => query },
});

route({
  method: 'get', path: '/admin/orders/:id', tags, summary: 'One order', tenant: true, auth: 'merchant',
  permission: ['read', 'Order'], resources: { id: 'order' },
  response: orderViewSchema,
  handler: async (ctx, { params }) => one(ctx, await loadOrder(ctx, params.id), 'staff'),
});

route({
  method: 'post', path: '/admin/orders/:id/cancel', tags, summary: 'Cancel an unpaid order', tenant: true, openWhenPlanExpired: true, auth: 'merchant',
  permission: ['manage', 'Order'], resources: { id: 'order' },
  response: orderViewSchema,
  handler: async (ctx, { params }) => one(ctx, await cancelOrder(ctx, params.id, 'cancelled by the shop'), 'staff'),
  audit: { action: 'order.cancel', target: ({ params }) => ({ type: 'order', id: params.id }) },
});

route({
  method: 'post', path: '/admin/orders/:id/refund', tags, summary: 'Refund an order, whole or in part, through its payment', tenant: true, openWhenPlanExpired: true, auth: 'merchant',
  permission: ['refund', 'Order'], body: refundBody, resources: { id: 'order' }, example: { reason: 'goodwill' },
  response: adminOrdersRefundReply,
  handler: (ctx, { params, body }) => refundOrder(ctx, params.id, body),
  audit: { action: 'order.refund', target: ({ params }) => ({ type: 'order', id: params.id }), details: ({ body }) => body },
});

route({
  method: 'get', path: '/admin/orders/pickup', tags, summary: 'The order behind a pickup code, before handing it over: items, shopper, amount, and why it cannot go if it cannot', tenant: true, openWhenPlanExpired: true, auth: 'merchant',
  permission: ['manage', 'Order'], query: pickupCodeBody,
  response: adminPickupReply,
  handler: async (ctx, { query }) => {
    const found = await pickupByCode(ctx, query.code);
    return { order: await one(ctx, found.order, 'staff'), customer: found.customer, refusal: found.refusal };
  },
});

route({
  method: 'post', path: '/admin/orders/verify-pickup', tags, summary: 'Hand a self-pickup order over against its code', tenant: true, openWhenPlanExpired: true, auth: 'merchant',
  permission: ['manage', 'Order'], body: pickupCodeBody,
  response: orderViewSchema,
  handler: async (ctx, { body }) => one(ctx, await verifyPickup(ctx, body.code), 'staff'),
  audit: { action: 'order.pickup', target: (_i, r) => ({ type: 'order', id: r.id }) },
});

route({
  method: 'get', path: '/admin/fulfillments', tags, summary: 'The shop\'s own goods to ship, in its own orders and (brand owners) its distributors\'', tenant: true, auth: 'merchant',
  permission: ['read', 'Fulfillment'], query: fulfillmentQuery,
  response: pageSchema(ownerFulfillmentViewSchema),
  handler: (ctx, { query }) => ownerFulfillments(ctx, { kind: 'tenant', id: requireTenantId(ctx) }, query),
});

route({
  method: 'post', path: '/admin/fulfillments/:id/ship', tags, summary: 'Ship the shop\'s own goods (all, or some items)', tenant: true, openWhenPlanExpired: true, auth: 'merchant',
  permission: ['ship', 'Fulfillment'], body: shipBody, resources: { id: 'fulfillment' }, example: { carrier: 'shunfeng', trackingNo: 'SF1234567890' },
  response: adminFulfillmentsShipReply,
  handler: (ctx, { params, body }) => ownerShip(ctx, { kind: 'tenant', id: requireTenantId(ctx) }, params.id, body),
  audit: { action: 'fulfillment.ship', target: ({ params }) => ({ type: 'fulfillment', id: params.id }), details: ({ body }) => body },
});

// ---- suppliers ----

route({
  method: 'get', path: '/supplier/fulfillments', tags, summary: 'What to ship, across every shop (paid orders only)', tenant: false, auth: 'supplier',
  query: fulfillmentQuery,
  response: pageSchema(ownerFulfillmentViewSchema),
  handler: (ctx, { query }) => ownerFulfillments(ctx, { kind: 'supplier', id: ctx.actor.supplierId }, query),
});

route({
  method: 'post', path: '/supplier/fulfillments/:id/ship', tags, summary: 'Ship with carrier and tracking number (all, or some items)', tenant: false, auth: 'supplier', allowReadOnly: true,
  body: shipBody, resources: { id: 'fulfillment' }, example: { carrier: 'shunfeng', trackingNo: 'SF1234567890' },
  response: adminFulfillmentsShipReply,
  handler: (ctx, { params, body }) => ownerShip(ctx, { kind: 'supplier', id: ctx.actor.supplierId }, params.id, body),
  audit: { action: 'fulfillment.ship', target: ({ params }) => ({ type: 'fulfillment', id: params.id }), details: ({ body }) => body },
});

// ---- shipping from a sheet (suppliers, and shops for their own goods) ----

const shipSheetReply = z.object({
  shipped: z.number(),
  skipped: z.number(),
  failed: z.number(),
  rows: z.array(
    z.object({
      row: z.number(),
      orderNo: z.string(),
      status: z.enum(['shipped', 'skipped', 'failed']),
      code: z.string().nullable(),
      carrier: z.string().nullable(),
      trackingNo: z.string().nullable(),
    }),
  ),
});

async function sheetOf(req: Parameters<typeof receiveSheet>[0], res: Parameters<typeof receiveSheet>[1]): Promise<Buffer> {
  if (!req.is('multipart/form-data')) throw new AppError(415, 'unsupported_media_type', 'Send the sheet as multipart/form-data');
  const file = await receiveSheet(req, res);
  if (!file) throw ValidationError.field('file', 'a sheet is required');
  return file.buffer;
}

for (const side of [
  { base: '/supplier/fulfillments', tenant: false, auth: 'supplier', owner: (ctx: Ctx): GoodsOwner => ({ kind: 'supplier', id: (ctx.actor as { supplierId: number }).supplierId }) },
  { base: '/admin/fulfillments', tenant: true, auth: 'merchant', owner: (ctx: Ctx): GoodsOwner => ({ kind: 'tenant', id: requireTenantId(ctx) }) },
] as const) {
  const merchant = side.auth === 'merchant';
  route({
    method: 'get', path: `${side.base}/ship-sheet`, tags, tenant: side.tenant, auth: side.auth, raw: true,
    produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ...(merchant ? { permission: ['read', 'Fulfillment'] as const } : {}),
    summary: 'The orders waiting to ship as a sheet to fill in with carrier and tracking number',
    handler: (ctx, _input, { res }) => sendSheet(res, 'xlsx', 'ship-orders', () => writeShipTemplate(ctx, side.owner(ctx), res)),
  });
  route({
    method: 'post', path: `${side.base}/ship-sheet`, tags, tenant: side.tenant, auth: side.auth,
    ...(merchant ? { permission: ['ship', 'Fulfillment'] as const, openWhenPlanExpired: true } : { allowReadOnly: true }),
    summary: 'Ship the orders of a filled-in sheet (multipart field "file"): a result per row; a row already shipped is skipped',
    response: shipSheetReply,
    handler: async (ctx, _input, { req, res }) => shipFromSheet(ctx, side.owner(ctx), await sheetOf(req, res)),
    audit: { action: 'fulfillment.ship-sheet', target: () => ({ type: 'fulfillment', id: 0 }), details: (_i, r) => ({ shipped: r.shipped, skipped: r.skipped, failed: r.failed }) },
  });
}
