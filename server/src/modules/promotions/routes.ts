import { routeGroup } from '../../core/http.js';
import { cartHint } from './cart-hint.js';
import { cartHintQuery, cartHintReply, createdReply, fullReductionBody, fullReductionPage, fullReductionView, limitedPriceBody, limitedPricePage, limitedPriceView, listQuery } from './schemas.js';
import * as service from './service.js';
import { ValidationError } from '../../core/errors.js';

const route = routeGroup();
export const promotionsRoutes = route.list;

const tags = ['promotions'];
const manage = ['manage', 'Promotion'] as const;
const fullReduction = { id: 'fullReduction' } as const;
const limitedPrice = { id: 'limitedPrice' } as const;
const later = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const reductionExample = { name: '双12满减', startsAt: later(0), endsAt: later(7), tiers: [{ threshold: 19900, amountOff: 3000 }, { threshold: 29900, amountOff: 6000 }] };
const limitedExample = { name: '限时折扣', startsAt: later(0), endsAt: later(3), items: [{ skuId: 1, price: 9900 }] };

// ---- full reductions (满减/满折) ----

route({
  method: 'post', path: '/admin/marketing/full-reductions', tags, summary: 'Set a full reduction: tiers of {threshold, amountOff | percentOff} on the whole shop or chosen products and store categories, in a window', tenant: true, auth: 'merchant', status: 201,
  permission: manage, body: fullReductionBody, example: reductionExample, response: createdReply,
  handler: (ctx, { body }) => service.createFullReduction(ctx, body),
  audit: { action: 'promotions.full_reduction.create', target: (_i, r) => ({ type: 'full_reduction', id: r.id }), details: ({ body }) => ({ name: body.name }) },
});

route({
  method: 'get', path: '/admin/marketing/full-reductions', tags, summary: 'The shop\'s full reductions, newest first, with status and figures', tenant: true, auth: 'merchant',
  permission: manage, query: listQuery, response: fullReductionPage,
  handler: (ctx, { query }) => service.listFullReductions(ctx, query),
});

route({
  method: 'get', path: '/admin/marketing/full-reductions/:id', tags, summary: 'One full reduction with its scope and figures', tenant: true, auth: 'merchant',
  permission: manage, resources: fullReduction, response: fullReductionView,
  handler: (ctx, { params }) => service.getFullReduction(ctx, params.id),
});

route({
  method: 'put', path: '/admin/marketing/full-reductions/:id', tags, summary: 'Edit a full reduction that has not ended (409 promotion_ended)', tenant: true, auth: 'merchant',
  permission: manage, resources: fullReduction, body: fullReductionBody, example: reductionExample, response: fullReductionView,
  handler: (ctx, { params, body }) => service.updateFullReduction(ctx, params.id, body),
  audit: { action: 'promotions.full_reduction.update', target: ({ params }) => ({ type: 'full_reduction', id: params.id }) },
});

route({
  method: 'post', path: '/admin/marketing/full-reductions/:id/end', tags, summary: 'End a full reduction now (409 promotion_ended when it has ended)', tenant: true, auth: 'merchant',
  permission: manage, resources: fullReduction, response: fullReductionView,
  handler: (ctx, { params }) => service.endFullReduction(ctx, params.id),
  audit: { action: 'promotions.full_reduction.end', target: ({ params }) => ({ type: 'full_reduction', id: params.id }) },
});

// ---- limited prices (限时折扣) ----

route({
  method: 'post', path: '/admin/marketing/limited-prices', tags, summary: 'Set limited-time prices per SKU in a window (a SKU in one at a time: 409 limited_price_overlap)', tenant: true, auth: 'merchant', status: 201,
  permission: manage, body: limitedPriceBody, example: limitedExample, response: createdReply,
  handler: (ctx, { body }) => service.createLimitedPrice(ctx, body),
  audit: { action: 'promotions.limited_price.create', target: (_i, r) => ({ type: 'limited_price', id: r.id }), details: ({ body }) => ({ name: body.name }) },
});

route({
  method: 'get', path: '/admin/marketing/limited-prices', tags, summary: 'The shop\'s limited prices, newest first, with status and figures', tenant: true, auth: 'merchant',
  permission: manage, query: listQuery, response: limitedPricePage,
  handler: (ctx, { query }) => service.listLimitedPrices(ctx, query),
});

route({
  method: 'get', path: '/admin/marketing/limited-prices/:id', tags, summary: 'One limited price with its SKUs (original and promo price) and figures', tenant: true, auth: 'merchant',
  permission: manage, resources: limitedPrice, response: limitedPriceView,
  handler: (ctx, { params }) => service.getLimitedPrice(ctx, params.id),
});

route({
  method: 'put', path: '/admin/marketing/limited-prices/:id', tags, summary: 'Edit a limited price that has not ended (409 promotion_ended, limited_price_overlap)', tenant: true, auth: 'merchant',
  permission: manage, resources: limitedPrice, body: limitedPriceBody, example: limitedExample, response: limitedPriceView,
  handler: (ctx, { params, body }) => service.updateLimitedPrice(ctx, params.id, body),
  audit: { action: 'promotions.limited_price.update', target: ({ params }) => ({ type: 'limited_price', id: params.id }) },
});

route({
  method: 'post', path: '/admin/marketing/limited-prices/:id/end', tags, summary: 'End a limited price now: its SKUs go back to the shop\'s price (409 promotion_ended)', tenant: true, auth: 'merchant',
  permission: manage, resources: limitedPrice, response: limitedPriceView,
  handler: (ctx, { params }) => service.endLimitedPrice(ctx, params.id),
  audit: { action: 'promotions.limited_price.end', target: ({ params }) => ({ type: 'limited_price', id: params.id }) },
});

// ---- the shopper's cart ----

route({
  method: 'get', path: '/shop/promotions/cart-hint', tags, summary: 'The cart\'s "再买¥X减¥Y": the next full-reduction tier the smallest amount more reaches, priced as checkout prices', tenant: true, auth: 'shopper',
  query: cartHintQuery, response: cartHintReply,
  handler: async (ctx, { query }) => {
    if (query.quantities && query.quantities.length !== query.skuIds.length) throw ValidationError.field('quantities', 'one quantity per SKU');
    return { hint: await cartHint(ctx, query.skuIds.map((skuId, i) => ({ skuId, quantity: query.quantities?.[i] ?? 1 }))) };
  },
});
