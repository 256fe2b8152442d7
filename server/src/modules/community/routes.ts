import { routeGroup } from '../../core/http.js';
import { settingsOf } from '../../core/settings.js';
import { SHEET_MIME } from '../catalog/index.js';
import { createActivity, getActivity, listActivities, loadActivity, runningActivityViews } from './activities.js';
import { buy } from './buying.js';
import { communityEarnings } from './commission.js';
import { applyAsLeader, approvedPoint, decide, leaderView, listLeaders, myPoint, nearestPoints, pointView } from './leaders.js';
import { confirmArrival, listBatches, pickList, pointOrders, sendPickSheet, shipBatches, verifyAtPoint } from './picking.js';
import * as repo from './repository.js';
import {
  activityBody, activityListQuery, activityPageReply, activityView, applyBody, applyReply, batchesQuery, batchesReply, batchView, buyBody, codeBody, leaderListQuery, leaderMeReply, leaderPageReply,
  leaderView as leaderViewSchema, orderViewSchema, pickListQuery, pickListReply, pointOrdersQuery, pointOrdersReply, pointsQuery, pointsReply, pointView as pointViewSchema, rejectBody, shipBody, shopActivitiesReply, verifyReply,
} from './schemas.js';
import { communitySettings } from './settings.js';

const route = routeGroup();
export const communityRoutes = route.list;

const tags = ['community'];
const manage = ['manage', 'Community'] as const;
const activityExample = { name: '周末鲜果团', startsAt: '2026-12-01T00:00:00Z', cutoffAt: '2026-12-05T14:00:00Z', deliverAt: '2026-12-06T00:00:00Z', items: [{ skuId: 1, price: 990 }] };

// ---- the console ----

route({
  method: 'get', path: '/admin/community/leaders', tags, summary: 'Community leaders and their pickup points (?status=pending|approved|rejected)', tenant: true, auth: 'merchant',
  permission: manage, query: leaderListQuery, response: leaderPageReply,
  handler: (ctx, { query }) => listLeaders(ctx, query),
});

route({
  method: 'post', path: '/admin/community/leaders/:id/approve', tags, summary: 'Approve a leader: their pickup point is offered at checkout (409 leader_decided)', tenant: true, auth: 'merchant',
  permission: manage, resources: { id: 'communityLeader' }, response: leaderViewSchema,
  handler: (ctx, { params }) => decide(ctx, params.id, 'approved'),
  audit: { action: 'community.leader.approve', target: ({ params }) => ({ type: 'community_leader', id: params.id }) },
});

route({
  method: 'post', path: '/admin/community/leaders/:id/reject', tags, summary: 'Reject a leader\'s application, saying why (409 leader_decided)', tenant: true, auth: 'merchant',
  permission: manage, resources: { id: 'communityLeader' }, body: rejectBody, example: { reason: '地址不清楚' }, response: leaderViewSchema,
  handler: (ctx, { params, body }) => decide(ctx, params.id, 'rejected', body.reason ?? null),
  audit: { action: 'community.leader.reject', target: ({ params }) => ({ type: 'community_leader', id: params.id }) },
});

route({
  method: 'get', path: '/admin/community/activities', tags, summary: 'The shop\'s community group buys, newest first', tenant: true, auth: 'merchant',
  permission: manage, query: activityListQuery, response: activityPageReply,
  handler: (ctx, { query }) => listActivities(ctx, query),
});

route({
  method: 'post', path: '/admin/community/activities', tags, summary: 'Set up a community group buy: a window to the cut-off, a delivery date, a price per SKU (not above the shop price nor below what the shop owes)', tenant: true, auth: 'merchant', status: 201,
  permission: manage, body: activityBody, example: activityExample, response: applyReply.pick({ id: true }),
  handler: (ctx, { body }) => createActivity(ctx, body),
  audit: { action: 'community.activity.create', target: (_i, r) => ({ type: 'community_activity', id: r.id }) },
});

route({
  method: 'get', path: '/admin/community/activities/:id', tags, summary: 'One community group buy', tenant: true, auth: 'merchant',
  permission: manage, resources: { id: 'communityActivity' }, response: activityView,
  handler: (ctx, { params }) => getActivity(ctx, params.id),
});

route({
  method: 'get', path: '/admin/community/pick-lists', tags, tenant: true, auth: 'merchant',
  raw: true, produces: ['application/json', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  summary: 'An activity\'s pick list per pickup point, per supplier and in total (JSON; XLSX with Accept: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet or ?format=xlsx)',
  permission: manage, query: pickListQuery, response: pickListReply,
  handler: async (ctx, { query }, { req, res }) => {
    await loadActivity(ctx, query.activityId);
    if (query.format === 'xlsx' || (query.format === undefined && req.accepts(['application/json', SHEET_MIME.xlsx]) === SHEET_MIME.xlsx)) return sendPickSheet(ctx, query.activityId, res);
    res.status(200).json(await pickList(ctx, query.activityId));
  },
});

route({
  method: 'get', path: '/admin/community/batches', tags, summary: 'Batches sent to pickup points (?activityId=)', tenant: true, auth: 'merchant',
  permission: manage, query: batchesQuery, response: batchesReply,
  handler: async (ctx, { query }) => ({ items: await listBatches(ctx, { activityId: query.activityId }) }),
});

route({
  method: 'post', path: '/admin/community/batches', tags, summary: 'After the cut-off, ship the paid orders to their pickup points: one batch per point (409 not_cut_off, nothing_to_ship)', tenant: true, auth: 'merchant', status: 201,
  permission: manage, body: shipBody, example: { activityId: 1 }, response: batchesReply,
  handler: async (ctx, { body }) => ({ items: await shipBatches(ctx, body.activityId, body.pointId) }),
  audit: { action: 'community.batch.ship', target: ({ body }) => ({ type: 'community_activity', id: body.activityId }) },
});

route({
  method: 'post', path: '/admin/community/batches/:id/arrive', tags, summary: 'Confirm a batch reached its point (for the leader): its orders are ready for pickup', tenant: true, auth: 'merchant',
  permission: manage, resources: { id: 'communityBatch' }, response: batchView,
  handler: (ctx, { params }) => confirmArrival(ctx, params.id),
  audit: { action: 'community.batch.arrive', target: ({ params }) => ({ type: 'community_batch', id: params.id }) },
});

route({
  method: 'post', path: '/admin/community/pickups/verify', tags, summary: 'Hand a community order over against its 8-digit code (404 pickup_code_unknown; 409 pickup_code_used, not_arrived)', tenant: true, auth: 'merchant',
  permission: manage, body: codeBody, response: verifyReply,
  handler: (ctx, { body }) => verifyAtPoint(ctx, body.code),
  audit: { action: 'community.pickup', target: (_i, r) => ({ type: 'order', id: r.orderId }) },
});

// ---- the storefront ----

route({
  method: 'post', path: '/shop/community/leaders/apply', tags, summary: 'Apply to be a community leader with a pickup point (409 already_applied; a rejected application may be made again)', tenant: true, auth: 'shopper', status: 201,
  body: applyBody, response: applyReply,
  handler: (ctx, { body }) => applyAsLeader(ctx, body),
});

route({
  method: 'get', path: '/shop/community/pickup-points', tags, summary: 'Approved pickup points, nearest first with the distance in metres when lat and lng are given', tenant: true, auth: 'public',
  query: pointsQuery, response: pointsReply,
  handler: async (ctx, { query }) => ({ items: await nearestPoints(ctx, query) }),
});

route({
  method: 'get', path: '/shop/community/pickup-points/:id', tags, summary: 'One approved pickup point', tenant: true, auth: 'public',
  resources: { id: 'pickupPoint' }, response: pointViewSchema,
  handler: async (ctx, { params }) => pointView(await approvedPoint(ctx, params.id)),
});

route({
  method: 'get', path: '/shop/community/activities', tags, summary: 'Community group buys taking orders now', tenant: true, auth: 'public',
  response: shopActivitiesReply,
  handler: async (ctx) => ({ items: await runningActivityViews(ctx) }),
});

route({
  method: 'get', path: '/shop/community/activities/:id', tags, summary: 'A community group buy: its goods at its prices, its cut-off and delivery date', tenant: true, auth: 'public',
  resources: { id: 'communityActivity' }, response: activityView,
  handler: (ctx, { params }) => getActivity(ctx, params.id),
});

route({
  method: 'post', path: '/shop/community/activities/:id/orders', tags, summary: 'Order at the activity\'s prices for pickup at a point (409 community_cut_off, community_not_started, not_in_activity)', tenant: true, auth: 'shopper', status: 201,
  resources: { id: 'communityActivity' }, body: buyBody, example: { items: [{ skuId: 1, quantity: 1 }], pickupPointId: 1 }, response: orderViewSchema,
  handler: (ctx, { params, body }) => buy(ctx, params.id, body),
});

// ---- the leader's centre ----

route({
  method: 'get', path: '/shop/community/leader', tags, summary: 'My leader application or point, my commission rate and earnings', tenant: true, auth: 'shopper',
  response: leaderMeReply,
  handler: async (ctx) => {
    const leader = await repo.leaderOfCustomer(ctx, ctx.actor.id);
    const { leaderCommissionBps } = await settingsOf(ctx, communitySettings);
    return { leader: leader ? leaderView(leader) : null, earnings: leader?.status === 'approved' ? await communityEarnings(ctx, leader) : null, commissionBps: leaderCommissionBps };
  },
});

route({
  method: 'get', path: '/shop/community/leader/orders', tags, summary: 'The orders of my point with their pickup state', tenant: true, auth: 'shopper',
  query: pointOrdersQuery, response: pointOrdersReply,
  handler: async (ctx, { query }) => pointOrders(ctx, (await myPoint(ctx)).id, query),
});

route({
  method: 'get', path: '/shop/community/leader/batches', tags, summary: 'Batches sent to my point', tenant: true, auth: 'shopper',
  response: batchesReply,
  handler: async (ctx) => ({ items: await listBatches(ctx, { pointId: (await myPoint(ctx)).id }) }),
});

route({
  method: 'post', path: '/shop/community/leader/batches/:id/arrive', tags, summary: 'Confirm a batch reached my point: its orders are ready for pickup', tenant: true, auth: 'shopper',
  resources: { id: 'communityBatch' }, response: batchView,
  handler: async (ctx, { params }) => {
    const mine = await repo.leaderOfCustomer(ctx, ctx.actor.id);
    return confirmArrival(ctx, params.id, mine?.status === 'approved' ? mine.id : 0);
  },
});

route({
  method: 'post', path: '/shop/community/leader/pickups/verify', tags, summary: 'Hand an order of my point over against its 8-digit code (another point\'s code: 404)', tenant: true, auth: 'shopper',
  body: codeBody, response: verifyReply,
  handler: async (ctx, { body }) => verifyAtPoint(ctx, body.code, (await myPoint(ctx)).id),
});
