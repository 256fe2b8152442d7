import { can } from '../../core/permissions.js';
import { routeGroup } from '../../core/http.js';
import { pageQuery } from '../../core/db/index.js';
import { notFound } from '../../core/errors.js';
import type { Ctx } from '../../core/context.js';
import * as repo from './repository.js';
import {
  adminCommissionQuery, applyReply, bindBody, bindReply, commissionPage, decisionReply, distributorPage, distributorQuery, distributorView, meReply, okReply, productRatesBody, productRatesReply,
  levelBody, levelsReply, levelView, rankingQuery, rankingReply, setLevelBody, setLevelReply, reasonBody, settingsBody, settingsReply, shopCommissionQuery, teamPage, teamQuery, uplineBody, uplineReply, withdrawalBody, withdrawalPage, withdrawalQuery, withdrawalView,
} from './schemas.js';
import * as service from './service.js';
import * as levels from './levels.js';
import { commissionList } from './views.js';
import { requestWithdrawal, reviewWithdrawal, withdrawalList } from './withdrawals.js';

const route = routeGroup();
export const distributionRoutes = route.list;

const tags = ['distribution'];
const manage = ['manage', 'Distribution'] as const;
const phones = (ctx: Ctx) => can(ctx, 'readPhone', 'Customer');
const example = { enabled: true, depth: 2 as const, rates: [1000, 500], becomeBy: 'apply' as const };

// ---- the shop's console ----

route({
  method: 'get', path: '/admin/distribution/settings', tags, summary: 'The distribution programme\'s settings', tenant: true, auth: 'merchant',
  permission: manage, response: settingsReply,
  handler: async (ctx) => service.settingsView(await service.settingsFor(ctx)),
});

route({
  method: 'put', path: '/admin/distribution/settings', tags, summary: 'Save the programme: on or off, depth 1..3, rates per level (basis points), how shoppers become distributors, self-purchase, lock period, withdrawal minimum and fee', tenant: true, auth: 'merchant',
  permission: manage, body: settingsBody, example, response: settingsReply,
  handler: (ctx, { body }) => service.saveSettings(ctx, body),
  audit: { action: 'distribution.settings.update', details: ({ body }) => body },
});

route({
  method: 'get', path: '/admin/distribution/distributors', tags, summary: 'Distributors (filter by status, name or phone) with team size, earnings, frozen and available commission', tenant: true, auth: 'merchant',
  permission: manage, query: distributorQuery, response: distributorPage,
  handler: (ctx, { query: { status, q, ...page } }) => service.distributorList(ctx, { ...(status ? { status } : {}), ...(q ? { q } : {}) }, page, phones(ctx)),
});

route({
  method: 'get', path: '/admin/distribution/applications', tags, summary: 'Applications waiting for a decision', tenant: true, auth: 'merchant',
  permission: manage, query: pageQuery, response: distributorPage,
  handler: (ctx, { query }) => service.distributorList(ctx, { status: 'pending' }, query, phones(ctx)),
});

route({
  method: 'get', path: '/admin/distribution/distributors/:customerId', tags, summary: 'One distributor', tenant: true, auth: 'merchant',
  permission: manage, resources: { customerId: 'distributor' }, response: distributorView,
  handler: async (ctx, { params }) => {
    const row = await repo.findDistributor(ctx, params.customerId);
    if (!row || row.status === 'none') throw notFound('Distributor');
    return (await service.distributorViews(ctx, [row], phones(ctx)))[0]!;
  },
});

route({
  method: 'post', path: '/admin/distribution/distributors/:customerId/approve', tags, summary: 'Approve an application (or re-enable a distributor)', tenant: true, auth: 'merchant',
  permission: manage, resources: { customerId: 'distributor' }, response: decisionReply,
  handler: (ctx, { params }) => service.decide(ctx, params.customerId, 'approve'),
  audit: { action: 'distribution.approve', target: ({ params }) => ({ type: 'customer', id: params.customerId }) },
});

route({
  method: 'post', path: '/admin/distribution/distributors/:customerId/reject', tags, summary: 'Reject an application (or disable an active distributor)', tenant: true, auth: 'merchant',
  permission: manage, resources: { customerId: 'distributor' }, body: reasonBody, example: { reason: '资料不全' }, response: decisionReply,
  handler: (ctx, { params, body }) => service.decide(ctx, params.customerId, 'reject', body?.reason),
  audit: { action: 'distribution.reject', target: ({ params }) => ({ type: 'customer', id: params.customerId }), details: ({ body }) => ({ reason: body?.reason ?? null }) },
});

route({
  method: 'get', path: '/admin/distribution/distributors/:customerId/team', tags, summary: 'A distributor\'s team, one level at a time', tenant: true, auth: 'merchant',
  permission: manage, resources: { customerId: 'distributor' }, query: teamQuery, response: teamPage,
  handler: async (ctx, { params, query: { level, ...page } }) => {
    const row = await repo.findDistributor(ctx, params.customerId);
    if (!row || row.status === 'none') throw notFound('Distributor');
    return service.teamPage(ctx, params.customerId, level, page, phones(ctx));
  },
});

route({
  method: 'put', path: '/admin/distribution/bindings/:customerId', tags, summary: 'Move a shopper to another upline, or none (staff only, after the lock period; audited)', tenant: true, auth: 'merchant',
  permission: manage, resources: { customerId: 'customer' }, body: uplineBody, example: { inviterId: 1 }, response: uplineReply,
  handler: (ctx, { params, body }) => service.setUpline(ctx, params.customerId, body.inviterId, ctx.actor.id),
  audit: { action: 'distribution.rebind', target: ({ params }) => ({ type: 'customer', id: params.customerId }), details: ({ body }) => ({ inviterId: body.inviterId }) },
});

route({
  method: 'get', path: '/admin/distribution/levels', tags, summary: 'Distributor levels (分销等级), lowest rank first, with how many distributors hold each', tenant: true, auth: 'merchant',
  permission: manage, response: levelsReply,
  handler: (ctx) => levels.levelList(ctx),
});

const levelExample = { name: '金牌分销商', rank: 2, rates: [1500, 800], conditions: { teamSales: 100000, directDownlines: 5 }, match: 'any' as const };

route({
  method: 'post', path: '/admin/distribution/levels', tags, summary: 'A new level: name, rank (unique, higher is better), rates per depth level in basis points (empty: the shop\'s), upgrade conditions and whether any or all must be met', tenant: true, auth: 'merchant', status: 201,
  permission: manage, body: levelBody, example: levelExample, response: levelView,
  handler: (ctx, { body }) => levels.createLevel(ctx, body),
  audit: { action: 'distribution.level.create', target: (_i, r) => ({ type: 'distribution_level', id: r.id }), details: ({ body }) => body },
});

route({
  method: 'put', path: '/admin/distribution/levels/:id', tags, summary: 'Change a level (distributors holding it keep it; upgrades follow the new conditions)', tenant: true, auth: 'merchant',
  permission: manage, resources: { id: 'distributionLevel' }, body: levelBody, example: levelExample, response: levelView,
  handler: (ctx, { params, body }) => levels.updateLevel(ctx, params.id, body),
  audit: { action: 'distribution.level.update', target: ({ params }) => ({ type: 'distribution_level', id: params.id }), details: ({ body }) => body },
});

route({
  method: 'delete', path: '/admin/distribution/levels/:id', tags, summary: 'Remove a level nobody holds (409 level_in_use otherwise)', tenant: true, auth: 'merchant',
  permission: manage, resources: { id: 'distributionLevel' }, response: okReply,
  handler: async (ctx, { params }) => {
    await levels.deleteLevel(ctx, params.id);
    return { ok: true as const };
  },
  audit: { action: 'distribution.level.delete', target: ({ params }) => ({ type: 'distribution_level', id: params.id }) },
});

route({
  method: 'put', path: '/admin/distribution/distributors/:customerId/level', tags, summary: 'Put a distributor at a level (or none), up or down (audited; automatic upgrades go on from there)', tenant: true, auth: 'merchant',
  permission: manage, resources: { customerId: 'distributor' }, body: setLevelBody, example: { levelId: 1 }, response: setLevelReply,
  handler: (ctx, { params, body }) => levels.setLevel(ctx, params.customerId, body.levelId, ctx.actor.id),
  audit: { action: 'distribution.level.set', target: ({ params }) => ({ type: 'customer', id: params.customerId }), details: ({ body }) => ({ levelId: body.levelId }) },
});

route({
  method: 'get', path: '/admin/distribution/commissions', tags, summary: 'Commissions (filter by status, payee, order, source)', tenant: true, auth: 'merchant',
  permission: manage, query: adminCommissionQuery, response: commissionPage,
  handler: (ctx, { query: { status, customerId, orderId, source, ...page } }) => commissionList(ctx, { ...(status && status !== 'reversed' ? { status } : {}), ...(customerId ? { customerId } : {}), ...(orderId ? { orderId } : {}), ...(source ? { source } : {}) }, page, phones(ctx)),
});

route({
  method: 'get', path: '/admin/distribution/withdrawals', tags, summary: 'Distributors\' withdrawals (filter by status or shopper)', tenant: true, auth: 'merchant',
  permission: manage, query: withdrawalQuery, response: withdrawalPage,
  handler: (ctx, { query: { status, customerId, ...page } }) => withdrawalList(ctx, { ...(status ? { status } : {}), ...(customerId ? { customerId } : {}) }, page, phones(ctx)),
});

route({
  method: 'post', path: '/admin/distribution/withdrawals/:id/approve', tags, summary: 'Approve a withdrawal: paid into the shopper\'s balance (less the fee), or sent to their WeChat change (`paying` until WeChat answers; a failed transfer gives the money back)', tenant: true, auth: 'merchant',
  permission: manage, resources: { id: 'promoterWithdrawal' }, response: withdrawalView,
  handler: (ctx, { params }) => reviewWithdrawal(ctx, params.id, 'approve'),
  audit: { action: 'distribution.withdrawal.approve', target: ({ params }) => ({ type: 'promoter_withdrawal', id: params.id }) },
});

route({
  method: 'post', path: '/admin/distribution/withdrawals/:id/reject', tags, summary: 'Reject a withdrawal: the amount goes back to available', tenant: true, auth: 'merchant',
  permission: manage, resources: { id: 'promoterWithdrawal' }, body: reasonBody, example: { reason: '信息有误' }, response: withdrawalView,
  handler: (ctx, { params, body }) => reviewWithdrawal(ctx, params.id, 'reject', body?.reason),
  audit: { action: 'distribution.withdrawal.reject', target: ({ params }) => ({ type: 'promoter_withdrawal', id: params.id }) },
});

route({
  method: 'get', path: '/admin/distribution/ranking', tags, summary: 'Active distributors ranked by earnings or team size', tenant: true, auth: 'merchant',
  permission: manage, query: rankingQuery, response: rankingReply,
  handler: async (ctx, { query }) => ({ items: await service.ranking(ctx, query.by, query.limit, phones(ctx)) }),
});

route({
  method: 'get', path: '/admin/distribution/product-rates', tags, summary: 'Products with their own rates', tenant: true, auth: 'merchant',
  permission: manage, response: productRatesReply,
  handler: async (ctx) => ({ items: await repo.allProductRates(ctx) }),
});

route({
  method: 'put', path: '/admin/distribution/product-rates/:productId', tags, summary: 'A product\'s own rates per level (basis points)', tenant: true, auth: 'merchant',
  permission: manage, resources: { productId: 'listing' }, body: productRatesBody, example: { rates: [1500, 800] }, response: okReply,
  handler: async (ctx, { params, body }) => {
    await service.setProductRates(ctx, params.productId, body.rates);
    return { ok: true as const };
  },
  audit: { action: 'distribution.product-rates', target: ({ params }) => ({ type: 'product', id: params.productId }), details: ({ body }) => body },
});

route({
  method: 'delete', path: '/admin/distribution/product-rates/:productId', tags, summary: 'Back to the shop\'s rates for this product', tenant: true, auth: 'merchant',
  permission: manage, resources: { productId: 'listing' }, response: okReply,
  handler: async (ctx, { params }) => {
    await service.clearProductRates(ctx, params.productId);
    return { ok: true as const };
  },
  audit: { action: 'distribution.product-rates.clear', target: ({ params }) => ({ type: 'product', id: params.productId }) },
});

// ---- the shopper ----

route({
  method: 'get', path: '/shop/distribution/me', tags, summary: 'My distributor standing: status, invite code, commission frozen and available, team size', tenant: true, auth: 'shopper',
  response: meReply,
  handler: (ctx) => service.me(ctx, ctx.actor.id),
});

route({
  method: 'post', path: '/shop/distribution/apply', tags, summary: 'Ask to become a distributor (approved at once, pending the merchant, or 409 spend_threshold_not_met)', tenant: true, auth: 'shopper',
  response: applyReply,
  handler: (ctx) => service.apply(ctx, ctx.actor.id),
});

route({
  method: 'post', path: '/shop/distribution/bind', tags, summary: 'Bind to the inviter of an invite code (first binding wins: 409 already_bound; another shop\'s code: 404)', tenant: true, auth: 'shopper',
  body: bindBody, example: { inviteCode: 'ABCD2345' }, response: bindReply,
  handler: (ctx, { body }) => service.bind(ctx, ctx.actor.id, body.inviteCode),
});

route({
  method: 'get', path: '/shop/distribution/commissions', tags, summary: 'My commissions, newest first', tenant: true, auth: 'shopper',
  query: shopCommissionQuery, response: commissionPage,
  handler: (ctx, { query: { status, ...page } }) => commissionList(ctx, { customerId: ctx.actor.id, ...(status && status !== 'reversed' ? { status } : {}) }, page, false),
});

route({
  method: 'get', path: '/shop/distribution/team', tags, summary: 'My team, one level at a time', tenant: true, auth: 'shopper',
  query: teamQuery, response: teamPage,
  handler: (ctx, { query: { level, ...page } }) => service.teamPage(ctx, ctx.actor.id, level, page, false),
});

route({
  method: 'post', path: '/shop/distribution/withdrawals', tags, summary: 'Withdraw available commission to my balance or, `method: wechat`, to my WeChat change (minimum and fee as the shop sets; 409 insufficient_balance, wechat_openid_required, wechat_transfer_unavailable)', tenant: true, auth: 'shopper', status: 201,
  body: withdrawalBody, example: { amount: 1000, method: 'balance' }, response: withdrawalView,
  handler: (ctx, { body }) => requestWithdrawal(ctx, ctx.actor.id, body.amount, body.method),
});

route({
  method: 'get', path: '/shop/distribution/withdrawals', tags, summary: 'My withdrawals', tenant: true, auth: 'shopper',
  query: withdrawalQuery.omit({ customerId: true }), response: withdrawalPage,
  handler: (ctx, { query: { status, ...page } }) => withdrawalList(ctx, { customerId: ctx.actor.id, ...(status ? { status } : {}) }, page, false),
});
