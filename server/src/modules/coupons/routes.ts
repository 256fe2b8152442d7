import { routeGroup } from '../../core/http.js';
import { adminCouponPage, adminCouponView, claimBody, claimedReply, couponBody, couponUpdate, createdReply, adminListQuery, heldPageReply, heldQuery, issueBody, issueReply, shareQuery, shopCouponList, shopCouponView, usableBody, usableReply } from './schemas.js';
import * as service from './service.js';
import { usableCoupons } from './usable.js';

const route = routeGroup();
export const couponsRoutes = route.list;

const tags = ['coupons'];
const manage = ['manage', 'Coupon'] as const;
const coupon = { id: 'coupon' } as const;
const example = { name: '新人券', kind: 'amount' as const, value: 1000, threshold: 9900, total: 1000, perShopper: 1, startsAt: '2026-12-01T00:00:00Z', endsAt: '2027-01-01T00:00:00Z' };

// ---- the shop's console ----

route({
  method: 'post', path: '/admin/marketing/coupons', tags, summary: 'Make a coupon: amount off, percent off or free shipping; threshold, window or days after claiming, stock, per-shopper limit, scope', tenant: true, auth: 'merchant', status: 201,
  permission: manage, body: couponBody, example, response: createdReply,
  handler: (ctx, { body }) => service.createCoupon(ctx, body),
  audit: { action: 'coupons.create', target: (_i, r) => ({ type: 'coupon', id: r.id }), details: ({ body }) => ({ name: body.name, kind: body.kind, value: body.value, total: body.total }) },
});

route({
  method: 'get', path: '/admin/marketing/coupons', tags, summary: 'The shop\'s coupons with their status (not started, running, ended) and figures (claimed, used, orders, GMV, discount)', tenant: true, auth: 'merchant',
  permission: manage, query: adminListQuery, response: adminCouponPage,
  handler: (ctx, { query: { status, q, ...page } }) => service.adminCouponPage(ctx, { status, q }, page),
});

route({
  method: 'get', path: '/admin/marketing/coupons/:id', tags, summary: 'One coupon with its figures and share code', tenant: true, auth: 'merchant',
  permission: manage, resources: coupon, response: adminCouponView,
  handler: (ctx, { params }) => service.adminCoupon(ctx, params.id),
});

route({
  method: 'patch', path: '/admin/marketing/coupons/:id', tags, summary: 'Edit a coupon; once shoppers hold it only its name, stock, limit, end, visibility and sign-up issuing change (409 coupon_terms_fixed)', tenant: true, auth: 'merchant',
  permission: manage, resources: coupon, body: couponUpdate, example: { name: '新人专享券' }, response: adminCouponView,
  handler: (ctx, { params, body }) => service.updateCoupon(ctx, params.id, body),
  audit: { action: 'coupons.update', target: ({ params }) => ({ type: 'coupon', id: params.id }) },
});

route({
  method: 'post', path: '/admin/marketing/coupons/:id/end', tags, summary: 'End a coupon now: no more claims, unused ones expire (409 coupon_ended)', tenant: true, auth: 'merchant',
  permission: manage, resources: coupon, response: adminCouponView,
  handler: (ctx, { params }) => service.endCoupon(ctx, params.id),
  audit: { action: 'coupons.end', target: ({ params }) => ({ type: 'coupon', id: params.id }) },
});

route({
  method: 'post', path: '/admin/marketing/coupons/:id/issue', tags, summary: 'Give the coupon to chosen shoppers (each against the stock and the per-shopper limit)', tenant: true, auth: 'merchant',
  permission: manage, resources: coupon, body: issueBody, example: { customerIds: [1] }, response: issueReply,
  handler: (ctx, { params, body }) => service.issueToShoppers(ctx, params.id, body.customerIds),
  audit: { action: 'coupons.issue', target: ({ params }) => ({ type: 'coupon', id: params.id }), details: ({ body }, r) => ({ customers: body.customerIds.length, issued: r.issued }) },
});

// ---- the shop ----

route({
  method: 'get', path: '/shop/coupons', tags, summary: 'The coupon centre: coupons to claim now (with how many the signed-in shopper holds)', tenant: true, auth: 'public',
  response: shopCouponList,
  handler: (ctx) => service.centre(ctx),
});

route({
  method: 'get', path: '/shop/coupons/:id', tags, summary: 'One coupon (a share link: ?code= shows a coupon kept out of the centre)', tenant: true, auth: 'public',
  resources: coupon, query: shareQuery, response: shopCouponView,
  handler: (ctx, { params, query }) => service.shopCoupon(ctx, params.id, query.code),
});

route({
  method: 'post', path: '/shop/coupons/:id/claim', tags, summary: 'Claim a coupon (409 coupon_exhausted, claim_limit_reached, coupon_not_started, coupon_ended)', tenant: true, auth: 'shopper', status: 201,
  resources: coupon, body: claimBody, example: {}, response: claimedReply,
  handler: (ctx, { params, body }) => service.claim(ctx, params.id, body?.shareCode),
});

route({
  method: 'get', path: '/shop/me/coupons', tags, summary: 'My coupons: unused, used or expired', tenant: true, auth: 'shopper',
  query: heldQuery, response: heldPageReply,
  handler: (ctx, { query: { status, ...page } }) => service.myCoupons(ctx, status, page),
});

route({
  method: 'post', path: '/shop/me/coupons/usable', tags, summary: 'My unused coupons against a cart: usable with the saving, or not with the reason; the best one suggested', tenant: true, auth: 'shopper',
  body: usableBody, example: { items: [{ skuId: 1, quantity: 1 }] }, response: usableReply,
  handler: (ctx, { body }) => usableCoupons(ctx, body),
});
