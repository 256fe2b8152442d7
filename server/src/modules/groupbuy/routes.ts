import { routeGroup } from '../../core/http.js';
import { createActivity, endActivity, getActivity, listActivities, listGroups, updateActivity } from './activities.js';
import { joinGroup, openGroup } from './buying.js';
import { activityBody, activityListQuery, activityPageReply, activityUpdate, activityView, buyBody, buyReply, createdReply, groupListQuery, groupPageReply, groupView, shopActivityView } from './schemas.js';
import { shopActivity, shopGroup } from './shop.js';

const route = routeGroup();
export const groupbuyRoutes = route.list;

const tags = ['groupbuy'];
const manage = ['manage', 'GroupBuy'] as const;
const activity = { id: 'groupBuy' } as const;
const example = { productId: 1, groupSize: 3, hours: 24, startsAt: '2026-12-01T00:00:00Z', endsAt: '2026-12-31T00:00:00Z', prices: [{ skuId: 1, price: 990 }] };
const buyExample = { skuId: 1, addressId: 1 };

// ---- the console ----

route({
  method: 'get', path: '/admin/marketing/group-buys', tags, summary: 'The shop\'s group buys with their status and figures (groups opened, succeeded, failed, orders, GMV, refunds)', tenant: true, auth: 'merchant',
  permission: manage, query: activityListQuery, response: activityPageReply,
  handler: (ctx, { query }) => listActivities(ctx, query),
});

route({
  method: 'post', path: '/admin/marketing/group-buys', tags, summary: 'Set up a group buy on a product: a group price per SKU, a group size, hours to fill, a window, 模拟成团', tenant: true, auth: 'merchant', status: 201,
  permission: manage, body: activityBody, example, response: createdReply,
  handler: (ctx, { body }) => createActivity(ctx, body),
  audit: { action: 'groupbuy.create', target: (_i, r) => ({ type: 'group_buy', id: r.id }), details: ({ body }) => ({ productId: body.productId, groupSize: body.groupSize }) },
});

route({
  method: 'get', path: '/admin/marketing/group-buys/:id', tags, summary: 'One group buy with its figures', tenant: true, auth: 'merchant',
  permission: manage, resources: activity, response: activityView,
  handler: (ctx, { params }) => getActivity(ctx, params.id),
});

route({
  method: 'put', path: '/admin/marketing/group-buys/:id', tags, summary: 'Edit a group buy (groups already opened keep their size)', tenant: true, auth: 'merchant',
  permission: manage, resources: activity, body: activityUpdate, example: { hours: 12 }, response: activityView,
  handler: (ctx, { params, body }) => updateActivity(ctx, params.id, body),
  audit: { action: 'groupbuy.update', target: ({ params }) => ({ type: 'group_buy', id: params.id }) },
});

route({
  method: 'post', path: '/admin/marketing/group-buys/:id/end', tags, summary: 'End a group buy now: no new group opens; forming groups run to their deadline', tenant: true, auth: 'merchant',
  permission: manage, resources: activity, response: activityView,
  handler: (ctx, { params }) => endActivity(ctx, params.id),
  audit: { action: 'groupbuy.end', target: ({ params }) => ({ type: 'group_buy', id: params.id }) },
});

route({
  method: 'get', path: '/admin/marketing/group-buys/:id/groups', tags, summary: 'The groups of a group buy with their members and orders', tenant: true, auth: 'merchant',
  permission: manage, resources: activity, query: groupListQuery, response: groupPageReply,
  handler: (ctx, { params, query }) => listGroups(ctx, params.id, query),
});

// ---- the storefront ----

route({
  method: 'get', path: '/shop/group-buys/:id', tags, summary: 'A group buy: the product, group and single prices, open groups to join', tenant: true, auth: 'public',
  resources: activity, response: shopActivityView,
  handler: (ctx, { params }) => shopActivity(ctx, params.id),
});

route({
  method: 'post', path: '/shop/group-buys/:id/groups', tags, summary: '发起拼团: the leader\'s order at the group price; the group opens when it is paid', tenant: true, auth: 'shopper', status: 201,
  resources: activity, body: buyBody, example: buyExample, response: buyReply,
  handler: (ctx, { params, body }) => openGroup(ctx, params.id, body),
});

route({
  method: 'post', path: '/shop/groups/:groupId/join', tags, summary: '参团: a member\'s order at the group price (409 group_full, group_not_open, group_closed, group_expired, already_in_group)', tenant: true, auth: 'shopper', status: 201,
  resources: { groupId: 'groupBuyGroup' }, body: buyBody, example: buyExample, response: buyReply,
  handler: (ctx, { params, body }) => joinGroup(ctx, params.groupId, body),
});

route({
  method: 'get', path: '/shop/groups/:groupId', tags, summary: 'A group: its members, how many are still needed, its deadline', tenant: true, auth: 'public',
  resources: { groupId: 'groupBuyGroup' }, response: groupView,
  handler: (ctx, { params }) => shopGroup(ctx, params.groupId),
});
