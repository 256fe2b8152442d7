import { config } from '../../core/config.js';
import { routeGroup } from '../../core/http.js';
import { actorKey } from '../../core/rate-limit.js';
import { z } from 'zod';
import { notFound } from '../../core/errors.js';
import { loadShopperOrder, orderViewSchema, orderViews, placedView } from '../orders/index.js';
import { adminListQuery, adminSalePage, adminSaleView, buyBody, createdReply, queuedReply, saleBody, shopSaleList, shopSaleView, ticketView } from './schemas.js';
import { readTicket } from './tickets.js';
import * as service from './service.js';

const route = routeGroup();
export const flashSaleRoutes = route.list;

const tags = ['flash sales'];
const manage = ['manage', 'FlashSale'] as const;
const sale = { id: 'flashSale' } as const;
const example = { name: '双十二秒杀', startsAt: '2030-12-12T02:00:00.000Z', endsAt: '2030-12-12T04:00:00.000Z', items: [{ skuId: 1, price: 990, stock: 100, perShopperLimit: 1 }] };

// ---- the shop's console ----

route({
  method: 'post', path: '/admin/marketing/flash-sales', tags, summary: 'Create a flash sale session: a window and items (sale price below the SKU\'s, stock within its live stock, a per-shopper limit)', tenant: true, auth: 'merchant', status: 201,
  permission: manage, body: saleBody, example, response: createdReply,
  handler: (ctx, { body }) => service.createSale(ctx, body),
  audit: { action: 'flashsale.create', target: (_i, r) => ({ type: 'flash_sale', id: r.id }), details: ({ body }) => ({ name: body.name }) },
});

route({
  method: 'get', path: '/admin/marketing/flash-sales', tags, summary: 'The shop\'s flash sales with status and figures (sold, orders, paid orders, GMV)', tenant: true, auth: 'merchant',
  permission: manage, query: adminListQuery, response: adminSalePage,
  handler: (ctx, { query: { status, ...page } }) => service.adminSales(ctx, status, page),
});

route({
  method: 'get', path: '/admin/marketing/flash-sales/:id', tags, summary: 'One flash sale with its items and figures', tenant: true, auth: 'merchant',
  permission: manage, resources: sale, response: adminSaleView,
  handler: (ctx, { params }) => service.adminSale(ctx, params.id),
});

route({
  method: 'put', path: '/admin/marketing/flash-sales/:id', tags, summary: 'Edit a flash sale before it starts (409 already_started)', tenant: true, auth: 'merchant',
  permission: manage, resources: sale, body: saleBody, example, response: adminSaleView,
  handler: async (ctx, { params, body }) => {
    await service.updateSale(ctx, params.id, body);
    return service.adminSale(ctx, params.id);
  },
  audit: { action: 'flashsale.update', target: ({ params }) => ({ type: 'flash_sale', id: params.id }) },
});

route({
  method: 'post', path: '/admin/marketing/flash-sales/:id/end', tags, summary: 'End a flash sale now (409 ended when it has)', tenant: true, auth: 'merchant',
  permission: manage, resources: sale, response: adminSaleView,
  handler: async (ctx, { params }) => {
    await service.endSale(ctx, params.id);
    return service.adminSale(ctx, params.id);
  },
  audit: { action: 'flashsale.end', target: ({ params }) => ({ type: 'flash_sale', id: params.id }) },
});

// ---- shoppers ----

route({
  method: 'get', path: '/shop/flash-sales', tags, summary: 'Flash sales running now or starting within a day', tenant: true, auth: 'public',
  response: shopSaleList,
  handler: (ctx) => service.shopSales(ctx),
});

route({
  method: 'get', path: '/shop/flash-sales/:id', tags, summary: 'A flash sale session: its window, the server\'s time, items with sale and original prices and what is sold', tenant: true, auth: 'public',
  resources: sale, response: shopSaleView,
  handler: (ctx, { params }) => service.shopSale(ctx, params.id),
});

route({
  method: 'post', path: '/shop/flash-sales/:id/items/:itemId/buy', tags, summary: 'Buy a flash sale item: an order in pending_payment at the sale price, or 409 sold_out, limit_reached, not_started, ended; 429 flash_buy_rate_limited; honours Idempotency-Key', tenant: true, auth: 'shopper', status: 201,
  resources: { id: 'flashSale', itemId: 'flashSaleItem' }, body: buyBody, example: { quantity: 1, addressId: 1 },
  // the allocator decides before the order's transaction: the key is held from the start (a lease),
  // so a duplicate tap waits for the first's answer instead of taking units of its own
  idempotent: 'lease',
  rateLimits: [
    { rule: { name: 'flash:buy:shopper', limit: () => config().rateLimits.flashBuyPerShopperPerMinute, windowSeconds: 60, code: 'flash_buy_rate_limited' }, key: (input, ctx) => actorKey(input, ctx) },
    { rule: { name: 'flash:buy:ip', limit: () => config().rateLimits.flashBuyPerIpPerMinute, windowSeconds: 60, code: 'flash_buy_rate_limited' } },
  ],
  // queued mode (config flashSale.orderWrite): 202 {status: 'queued', ticket}, the order placed by a job
  statusOf: (reply) => ((reply as { status?: string }).status === 'queued' ? 202 : undefined),
  response: z.union([orderViewSchema, queuedReply]),
  handler: async (ctx, { params, body }) => {
    const bought = await service.buy(ctx, params.id, params.itemId, body);
    return 'ticket' in bought ? { status: 'queued' as const, ticket: bought.ticket } : placedView(bought);
  },
});

route({
  method: 'get', path: '/shop/flash-sales/tickets/:ticket', tags, summary: 'A queued flash-sale buy: queued, placed {order}, or failed {code} (the units went back)', tenant: true, auth: 'shopper',
  resources: { ticket: 'flashTicket' }, params: z.object({ ticket: z.string().min(1).max(64) }),
  response: ticketView,
  handler: async (ctx, { params }) => {
    const ticket = await readTicket(ctx, ctx.actor.id, params.ticket);
    if (!ticket) throw notFound('Ticket');
    if (ticket.status === 'placed') return { status: 'placed' as const, order: (await orderViews(ctx, [await loadShopperOrder(ctx, ticket.orderId)], 'shopper'))[0]! };
    return ticket.status === 'failed' ? { status: 'failed' as const, code: ticket.code } : { status: 'queued' as const };
  },
});
