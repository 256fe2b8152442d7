import { z } from 'zod';
import { pageQuery, pageSchema } from '../../core/db/index.js';
import { routeGroup } from '../../core/http.js';
import { inTenant } from '../../core/context.js';
import { acrossTenants } from '../../core/db/index.js';
import { notFound } from '../../core/errors.js';
import { tenantRef } from '../tenants/index.js';
import { tenantOfCase } from './repository.js';
import * as aftersales from './service.js';
import { aftersaleViewSchema, caseQuoteSchema, crossShopAftersaleSchema, imageUrlSchema, reasonCodeSchema, supplierAftersalesReply } from './schemas.js';

const route = routeGroup();
export const aftersalesRoutes = route.list;

const tags = ['aftersales'];
const statusQuery = pageQuery.extend({ status: aftersaleViewSchema.shape.status.optional() });
const parcelBody = z.object({ carrier: z.string().trim().min(2).max(32), trackingNo: z.string().trim().regex(/^[A-Za-z0-9-]{6,40}$/, '6 to 40 letters, digits or hyphens') }).strict();
const returnAddress = z.object({ name: z.string().trim().min(1).max(32), phone: z.string().trim().min(5).max(20), address: z.string().trim().min(4).max(255) }).strict();
const approveBody = z.object({ returnAddress: returnAddress.optional() }).strict();
const refuseBody = z.object({ reason: z.string().trim().min(2).max(255) }).strict();
const caseType = z.enum(['refund_only', 'return_refund', 'exchange', 'repair']);
const caseLines = z.array(z.object({ orderItemId: z.number().int().positive(), quantity: z.number().int().min(1) }).strict()).max(50).optional();
const images = z.array(imageUrlSchema).max(6, 'at most 6 photos').optional();
const openBody = z
  .object({
    type: caseType,
    // the type's preset reasons are checked by the service (REASON_CODES)
    reasonCode: reasonCodeSchema.optional(),
    reason: z.string().trim().min(2).max(255).optional(),
    images,
    items: caseLines,
    amount: z.number().int().min(1).optional(),
  })
  .strict();
const quoteBody = z.object({ type: caseType, items: caseLines, amount: z.number().int().min(1).optional() }).strict();
const messageBody = z.object({ text: z.string().trim().min(1).max(500).optional(), images }).strict();

// ---- shoppers ----

route({
  method: 'post', path: '/shop/orders/:id/aftersales', tags, summary: 'Ask for a refund, a return, an exchange or a repair (whole order or some items)', tenant: true, auth: 'shopper', status: 201,
  body: openBody, resources: { id: 'order' }, example: { type: 'refund_only', reason: 'changed my mind' },
  response: aftersaleViewSchema,
  handler: (ctx, { params, body }) => aftersales.openCase(ctx, params.id, body),
});

route({
  method: 'post', path: '/shop/orders/:id/aftersales/quote', tags, summary: 'What a case would give back (the refund it would be decided on), before asking', tenant: true, auth: 'shopper',
  body: quoteBody, resources: { id: 'order' }, example: { type: 'refund_only' },
  response: caseQuoteSchema,
  handler: (ctx, { params, body }) => aftersales.quoteCase(ctx, params.id, body),
});

route({
  method: 'post', path: '/shop/aftersales/:id/messages', tags, summary: 'Add a message or photos to my case', tenant: true, auth: 'shopper', status: 201,
  body: messageBody, resources: { id: 'aftersale' }, example: { text: '补充照片' },
  response: aftersaleViewSchema,
  handler: (ctx, { params, body }) => aftersales.addMessage(ctx, params.id, body, { customerId: ctx.actor.id }),
});

route({
  method: 'get', path: '/shop/aftersales', tags, summary: 'My after-sales cases', tenant: true, auth: 'shopper',
  query: statusQuery,
  response: pageSchema(aftersaleViewSchema),
  handler: (ctx, { query }) => aftersales.listCases(ctx, query, ctx.actor.id),
});

route({
  method: 'get', path: '/shop/aftersales/:id', tags, summary: 'One of my cases', tenant: true, auth: 'shopper',
  resources: { id: 'aftersale' },
  response: aftersaleViewSchema,
  handler: (ctx, { params }) => aftersales.getCase(ctx, params.id, ctx.actor.id),
});

route({
  method: 'post', path: '/shop/aftersales/:id/return', tags, summary: 'Tell the shop how the goods were sent back', tenant: true, auth: 'shopper',
  body: parcelBody,
  resources: { id: 'aftersale' }, example: { carrier: 'yuantong', trackingNo: 'YT1234567890' },
  response: aftersaleViewSchema,
  handler: (ctx, { params, body }) => aftersales.sendBack(ctx, params.id, body.carrier, body.trackingNo),
});

route({
  method: 'post', path: '/shop/aftersales/:id/confirm-receipt', tags, summary: 'I received the replacement or the repaired item (closes the case)', tenant: true, auth: 'shopper',
  resources: { id: 'aftersale' },
  response: aftersaleViewSchema,
  handler: (ctx, { params }) => aftersales.confirmReshipment(ctx, params.id),
});

route({
  method: 'post', path: '/shop/aftersales/:id/escalate', tags, summary: 'Ask the platform to arbitrate a refused case', tenant: true, auth: 'shopper',
  resources: { id: 'aftersale' },
  response: aftersaleViewSchema,
  handler: (ctx, { params }) => aftersales.escalate(ctx, params.id),
});

route({
  method: 'post', path: '/shop/aftersales/:id/withdraw', tags, summary: 'Withdraw a pending case', tenant: true, auth: 'shopper',
  resources: { id: 'aftersale' },
  response: aftersaleViewSchema,
  handler: (ctx, { params }) => aftersales.withdraw(ctx, params.id),
});

// ---- the shop ----

const staff = (ctx: { actor: { email: string } }) => ({ label: `staff:${ctx.actor.email}`.slice(0, 32) });

route({
  method: 'get', path: '/admin/aftersales', tags, summary: 'After-sales cases of the shop', tenant: true, auth: 'merchant',
  permission: ['read', 'Aftersale'], query: statusQuery,
  response: pageSchema(aftersaleViewSchema),
  handler: (ctx, { query }) => aftersales.listCases(ctx, query),
});

route({
  method: 'get', path: '/admin/aftersales/:id', tags, summary: 'One case', tenant: true, auth: 'merchant',
  permission: ['read', 'Aftersale'], resources: { id: 'aftersale' },
  response: aftersaleViewSchema,
  handler: (ctx, { params }) => aftersales.getCase(ctx, params.id),
});

route({
  method: 'post', path: '/admin/aftersales/:id/messages', tags, summary: 'Add a message or photos to a case (the shop may on every case, the supplier\'s too)', tenant: true, openWhenPlanExpired: true, auth: 'merchant', status: 201,
  permission: ['read', 'Aftersale'], body: messageBody, resources: { id: 'aftersale' }, example: { text: '已联系供应商' },
  response: aftersaleViewSchema,
  handler: (ctx, { params, body }) => aftersales.addMessage(ctx, params.id, body),
});

route({
  method: 'post', path: '/admin/aftersales/:id/approve', tags, summary: 'Approve: refund now, or give the return address', tenant: true, openWhenPlanExpired: true, auth: 'merchant',
  permission: ['decide', 'Aftersale'], body: approveBody, resources: { id: 'aftersale' }, example: {},
  response: aftersaleViewSchema,
  handler: (ctx, { params, body }) => aftersales.approve(ctx, params.id, staff(ctx), body.returnAddress),
  audit: { action: 'aftersale.approve', target: ({ params }) => ({ type: 'aftersale', id: params.id }) },
});

route({
  method: 'post', path: '/admin/aftersales/:id/refuse', tags, summary: 'Refuse with a reason', tenant: true, openWhenPlanExpired: true, auth: 'merchant',
  permission: ['decide', 'Aftersale'], body: refuseBody, resources: { id: 'aftersale' }, example: { reason: 'outside the policy' },
  response: aftersaleViewSchema,
  handler: (ctx, { params, body }) => aftersales.refuse(ctx, params.id, staff(ctx), body.reason),
  audit: { action: 'aftersale.refuse', target: ({ params }) => ({ type: 'aftersale', id: params.id }), details: ({ body }) => body },
});

route({
  method: 'post', path: '/admin/aftersales/:id/confirm-return', tags, summary: 'The goods came back: refund (returns) or close (exchanges, repairs)', tenant: true, openWhenPlanExpired: true, auth: 'merchant',
  permission: ['decide', 'Aftersale'], resources: { id: 'aftersale' },
  response: aftersaleViewSchema,
  handler: (ctx, { params }) => aftersales.confirmReturn(ctx, params.id, staff(ctx)),
  audit: { action: 'aftersale.return-received', target: ({ params }) => ({ type: 'aftersale', id: params.id }) },
});

route({
  method: 'post', path: '/admin/aftersales/:id/reship', tags, summary: 'Ship the replacement (exchange) or the repaired item (repair) back to the shopper', tenant: true, openWhenPlanExpired: true, auth: 'merchant',
  permission: ['decide', 'Aftersale'], body: parcelBody, resources: { id: 'aftersale' }, example: { carrier: 'shunfeng', trackingNo: 'SF1234567890' },
  response: aftersaleViewSchema,
  handler: (ctx, { params, body }) => aftersales.reship(ctx, params.id, staff(ctx), body.carrier, body.trackingNo),
  audit: { action: 'aftersale.reship', target: ({ params }) => ({ type: 'aftersale', id: params.id }), details: ({ body }) => body },
});

// ---- suppliers (cases about their goods only) ----

async function inCaseTenant<T>(ctx: Parameters<typeof tenantRef>[0], id: number, fn: (tc: typeof ctx) => Promise<T>): Promise<T> {
  const tenantId = await acrossTenants('aftersales: a supplier decides cases about its goods in any shop', () => tenantOfCase(id));
  if (tenantId === null) throw notFound('After-sales case');
  return inTenant(ctx, await tenantRef(ctx, tenantId), fn);
}

route({
  method: 'get', path: '/supplier/aftersales', tags, summary: 'Cases about my goods, in every shop that sells them (newest first)', tenant: false, auth: 'supplier',
  query: statusQuery,
  response: supplierAftersalesReply,
  handler: (ctx, { query }) => aftersales.supplierCases(ctx, ctx.actor.supplierId, query),
});

route({
  method: 'get', path: '/supplier/aftersales/:id', tags, summary: 'One case about my goods', tenant: false, auth: 'supplier', resources: { id: 'aftersale' },
  response: crossShopAftersaleSchema,
  handler: (ctx, { params }) => aftersales.supplierCase(ctx, ctx.actor.supplierId, params.id),
});

const supplierDecider = (ctx: { actor: { supplierId: number } }) => ({ label: `supplier:${ctx.actor.supplierId}`, supplierId: ctx.actor.supplierId });

route({
  method: 'post', path: '/supplier/aftersales/:id/approve', tags, summary: 'Approve a case about my goods', tenant: false, auth: 'supplier', allowReadOnly: true,
  body: approveBody, resources: { id: 'aftersale' }, example: {},
  response: aftersaleViewSchema,
  handler: (ctx, { params, body }) => inCaseTenant(ctx, params.id, (tc) => aftersales.approve(tc, params.id, supplierDecider(ctx), body.returnAddress)),
});

route({
  method: 'post', path: '/supplier/aftersales/:id/refuse', tags, summary: 'Refuse a case about my goods', tenant: false, auth: 'supplier', allowReadOnly: true,
  body: refuseBody, resources: { id: 'aftersale' }, example: { reason: 'outside the policy' },
  response: aftersaleViewSchema,
  handler: (ctx, { params, body }) => inCaseTenant(ctx, params.id, (tc) => aftersales.refuse(tc, params.id, supplierDecider(ctx), body.reason)),
});

route({
  method: 'post', path: '/supplier/aftersales/:id/messages', tags, summary: 'Add a message or photos to a case about my goods', tenant: false, auth: 'supplier', allowReadOnly: true, status: 201,
  body: messageBody, resources: { id: 'aftersale' }, example: { text: '请补充外包装照片' },
  response: aftersaleViewSchema,
  handler: (ctx, { params, body }) => inCaseTenant(ctx, params.id, (tc) => aftersales.addMessage(tc, params.id, body, { supplierId: ctx.actor.supplierId })),
});

route({
  method: 'post', path: '/supplier/aftersales/:id/confirm-return', tags, summary: 'My goods came back', tenant: false, auth: 'supplier', allowReadOnly: true,
  resources: { id: 'aftersale' },
  response: aftersaleViewSchema,
  handler: (ctx, { params }) => inCaseTenant(ctx, params.id, (tc) => aftersales.confirmReturn(tc, params.id, supplierDecider(ctx))),
});

route({
  method: 'post', path: '/supplier/aftersales/:id/reship', tags, summary: 'Ship the replacement or the repaired item back to the shopper', tenant: false, auth: 'supplier', allowReadOnly: true,
  body: parcelBody, resources: { id: 'aftersale' }, example: { carrier: 'shunfeng', trackingNo: 'SF1234567890' },
  response: aftersaleViewSchema,
  handler: (ctx, { params, body }) => inCaseTenant(ctx, params.id, (tc) => aftersales.reship(tc, params.id, supplierDecider(ctx), body.carrier, body.trackingNo)),
});

// ---- the platform ----

route({
  method: 'get', path: '/platform/aftersales', tags, summary: 'Escalated cases to arbitrate (or another status)', tenant: false, auth: 'platform',
  permission: ['read', 'Aftersale'], query: statusQuery,
  response: supplierAftersalesReply,
  handler: (ctx, { query }) => aftersales.escalatedCases(ctx, query),
});

route({
  method: 'post', path: '/platform/aftersales/:id/arbitrate', tags, summary: 'Decide an escalated case: refund (all or an amount) or reject', tenant: false, auth: 'platform',
  permission: ['arbitrate', 'Aftersale'],
  body: z
    .object({
      // refuse is accepted as another word for reject
      decision: z.enum(['refund', 'reject', 'approve', 'refuse']).transform((d) => (d === 'refuse' ? 'reject' : d)),
      reason: z.string().trim().min(2).max(255),
      amount: z.number().int().min(1).optional(),
      returnAddress: returnAddress.optional(),
    })
    .strict(),
  response: aftersaleViewSchema,
  handler: (ctx, { params, body }) => aftersales.arbitrate(ctx, params.id, body.decision, body.reason, { amount: body.amount, returnAddress: body.returnAddress }),
  audit: { action: 'aftersale.arbitrate', target: ({ params }) => ({ type: 'aftersale', id: params.id }), details: ({ body }) => body },
});
