import { pageQuery } from '../../core/db/index.js';
import { routeGroup } from '../../core/http.js';
import { z } from 'zod';
import { settingsOf } from '../../core/settings.js';
import { checkIn } from './checkin.js';
import { mallView, putMallItem, redeem, removeMallItem } from './mall.js';
import { adjustBody, adjustReply, mallItemBody, mallItemView, redeemBody, checkinReply, levelReply, memberDetailQuery, memberDetailReply, memberQuery, membersReply, pointsReply, settingsBody, settingsView } from './schemas.js';
import * as service from './service.js';
import { membershipSettings } from './settings.js';
import { orderViewSchema as placedOrderReply } from '../orders/index.js';

const mallListReply = z.object({ items: z.array(mallItemView) });
const mallCreatedReply = z.object({ id: z.number().int() });
const mallDeletedReply = z.object({ deleted: z.literal(true) });

const route = routeGroup();
export const membershipRoutes = route.list;

const tags = ['membership'];
const manage = ['manage', 'Membership'] as const;
const example = {
  pointsPerYuan: 1,
  pointValueFen: 1,
  maxPointsPercent: 50,
  checkinPoints: 5,
  levels: [
    { name: '普通会员', growth: 0, discountPercent: 0 },
    { name: '银卡会员', growth: 500, discountPercent: 5 },
    { name: '金卡会员', growth: 2000, discountPercent: 10, freeShipping: true },
  ],
};

// ---- the console ----

route({
  method: 'get', path: '/admin/membership/settings', tags, summary: 'Points rules and member levels', tenant: true, auth: 'merchant',
  permission: manage, response: settingsView,
  handler: (ctx) => service.getSettings(ctx),
});

route({
  method: 'put', path: '/admin/membership/settings', tags, summary: 'Save the points rules and the levels (turns membership on unless `enabled: false`)', tenant: true, auth: 'merchant',
  permission: manage, body: settingsBody, example, response: settingsView,
  handler: (ctx, { body }) => service.saveSettings(ctx, body),
  audit: { action: 'membership.settings.update', details: ({ body }) => body },
});

route({
  method: 'get', path: '/admin/membership/members', tags, summary: 'Find shoppers by nickname or phone, with their points and level', tenant: true, auth: 'merchant',
  permission: manage, query: memberQuery, response: membersReply,
  handler: async (ctx, { query }) => ({ items: await service.findMembers(ctx, query.q) }),
});

route({
  method: 'get', path: '/admin/membership/members/:customerId', tags, summary: 'A shopper\'s points, level and points history', tenant: true, auth: 'merchant',
  permission: manage, resources: { customerId: 'customer' }, query: memberDetailQuery, response: memberDetailReply,
  handler: (ctx, { params, query }) => service.memberDetail(ctx, params.customerId, query),
});

route({
  method: 'post', path: '/admin/membership/members/:customerId/points', tags, summary: 'Add or take points with a reason (409 insufficient_points below zero)', tenant: true, auth: 'merchant', status: 201,
  permission: manage, resources: { customerId: 'customer' }, body: adjustBody, example: { points: 100, reason: '客诉补偿' }, response: adjustReply,
  handler: (ctx, { params, body }) => service.adjustPoints(ctx, params.customerId, body.points, body.reason),
  audit: { action: 'membership.points.adjust', target: ({ params }) => ({ type: 'customer', id: params.customerId }), details: ({ body }) => body },
});

// ---- the shopper ----

route({
  method: 'get', path: '/shop/me/points', tags, summary: 'My points: balance, what expires at this year\'s end, history', tenant: true, auth: 'shopper',
  query: pageQuery, response: pointsReply,
  handler: (ctx, { query }) => service.myPoints(ctx, ctx.actor.id, query),
});

route({
  method: 'get', path: '/shop/me/level', tags, summary: 'My level, growth, the next level and what it needs, every level\'s benefits, today\'s check-in', tenant: true, auth: 'shopper',
  response: levelReply,
  handler: (ctx) => service.myLevel(ctx, ctx.actor.id),
});

route({
  method: 'post', path: '/shop/me/checkin', tags, summary: 'Daily check-in (409 already_checked_in the same day)', tenant: true, auth: 'shopper',
  response: checkinReply,
  handler: (ctx) => checkIn(ctx, ctx.actor.id),
});

// ---- the points mall ----

route({
  method: 'get', path: '/admin/membership/mall', tags, summary: 'The points mall: SKUs offered for points (+ cash)', tenant: true, auth: 'merchant',
  permission: manage, response: mallListReply,
  handler: async (ctx) => ({ items: await mallView(ctx, false) }),
});

route({
  method: 'post', path: '/admin/membership/mall', tags, summary: 'Offer a SKU for points (+ a cash part below its price); again for the same SKU changes it', tenant: true, auth: 'merchant', status: 201,
  permission: manage, body: mallItemBody, example: { skuId: 1, points: 500, cash: 990 }, response: mallCreatedReply,
  handler: (ctx, { body }) => putMallItem(ctx, body),
  audit: { action: 'membership.mall.put', target: (_i, r) => ({ type: 'member_mall_item', id: r.id }), details: ({ body }) => body },
});

route({
  method: 'delete', path: '/admin/membership/mall/:id', tags, summary: 'Stop offering a SKU for points', tenant: true, auth: 'merchant',
  permission: manage, resources: { id: 'memberMallItem' }, response: mallDeletedReply,
  handler: (ctx, { params }) => removeMallItem(ctx, params.id),
  audit: { action: 'membership.mall.delete', target: ({ params }) => ({ type: 'member_mall_item', id: params.id }) },
});

route({
  method: 'get', path: '/shop/points-mall', tags, summary: 'What the shop offers for points', tenant: true, auth: 'public',
  response: mallListReply,
  handler: async (ctx) => ({ items: (await settingsOf(ctx, membershipSettings)).enabled ? await mallView(ctx, true) : [] }),
});

route({
  method: 'post', path: '/shop/points-mall/:id/redeem', tags, summary: 'Redeem for points: an order of the cash part (as POST /shop/orders), 409 insufficient_points', tenant: true, auth: 'shopper', status: 201,
  resources: { id: 'memberMallItem' }, body: redeemBody, example: { addressId: 1, quantity: 1 }, response: placedOrderReply,
  handler: (ctx, { params, body }) => redeem(ctx, params.id, body),
});
