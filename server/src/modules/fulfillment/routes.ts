import { routeGroup } from '../../core/http.js';
import { ownerOf } from '../../core/owner.js';
import { deleteTemplate, listTemplates, saveTemplate } from './freight.js';
import { templateBody, deleteFreightTemplatesReply, freightTemplatesReply, templateViewSchema, trackingCallbackAck } from './schemas.js';
import { receiveCallback } from './parcels.js';

const route = routeGroup();
export const fulfillmentRoutes = route.list;

const tags = ['freight'];
const example = { name: '全国包邮', mode: 'piece' as const, defaultRule: { first: 1, firstFee: 0, additional: 1, additionalFee: 0 } };

for (const [prefix, tenant, auth] of [['/supplier', false, 'supplier'], ['/admin', true, 'merchant']] as const) {
  const permission = auth === 'merchant' ? ({ read: ['read', 'Product'], manage: ['manage', 'Product'] } as const) : undefined;
  route({
    method: 'get', path: `${prefix}/freight-templates`, tags, summary: 'Freight templates', tenant, auth,
    ...(permission ? { permission: permission.read } : {}),
    response: freightTemplatesReply,
    handler: async (ctx) => ({ items: await listTemplates(ctx, ownerOf(ctx)) }),
  });
  route({
    method: 'post', path: `${prefix}/freight-templates`, tags, summary: 'Add a freight template (by piece or weight, per region, free above a threshold)', tenant, auth, status: 201,
    body: templateBody, ...(permission ? { permission: permission.manage } : {}),
    response: templateViewSchema,
    handler: (ctx, { body }) => saveTemplate(ctx, ownerOf(ctx), body),
  });
  route({
    method: 'put', path: `${prefix}/freight-templates/:id`, tags, summary: 'Replace a freight template', tenant, auth,
    body: templateBody, resources: { id: 'freightTemplate' }, example, ...(permission ? { permission: permission.manage } : {}),
    response: templateViewSchema,
    handler: (ctx, { params, body }) => saveTemplate(ctx, ownerOf(ctx), body, params.id),
  });
  route({
    method: 'delete', path: `${prefix}/freight-templates/:id`, tags, summary: 'Delete a freight template', tenant, auth,
    resources: { id: 'freightTemplate' }, ...(permission ? { permission: permission.manage } : {}),
    response: deleteFreightTemplatesReply,
    handler: (ctx, { params }) => deleteTemplate(ctx, ownerOf(ctx), params.id),
  });
}

route({
  method: 'post', path: '/logistics/kuaidi100/callback', tags: ['logistics'], summary: 'Kuaidi100 pushes parcel routes here (form fields param and sign)', tenant: false, auth: 'public',
  raw: true, produces: ['application/json'], response: trackingCallbackAck,
  handler: async (ctx, _input, { req, res }) => {
    const fields = Object.fromEntries(Object.entries((req.body ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
    const { ok, ack } = await receiveCallback(ctx, fields);
    res.status(ok ? 200 : 400).json(ack);
  },
});
