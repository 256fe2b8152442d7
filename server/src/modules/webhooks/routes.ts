import { z } from 'zod';
import { routeGroup } from '../../core/http.js';
import { declaredEvents } from '../../core/events.js';
import * as delivery from './delivery.js';
import { webhookEndpoints } from './features.js';
import * as repo from './repository.js';
import { receiveInSandbox, SANDBOX_PATH } from './sandbox.js';
import {
  deletedReply,
  deliveriesQuery,
  deliveriesReply,
  deliverySchema,
  endpointBody,
  endpointCreatedReply,
  endpointSchema,
  endpointsReply,
  endpointUpdate,
  eventTypesReply,
  replayBody,
  replayReply,
  secretReply,
} from './schemas.js';
import * as service from './service.js';

const route = routeGroup();
export const webhooksRoutes = route.list;

const tags = ['webhooks'];
const manage = ['manage', 'Webhook'] as const;
const read = ['read', 'Webhook'] as const;
const endpoint = { id: 'webhookEndpoint' } as const;

/** The row as the merchant sees it: the secret never leaves, the body is theirs to fetch from their receiver. */
const deliveryView = ({ body: _body, ...d }: repo.DeliveryRow) => d;

route({
  method: 'get', path: '/admin/webhooks/event-types', tags, summary: 'The event types an endpoint may subscribe to', tenant: true, auth: 'merchant',
  permission: read, response: eventTypesReply,
  handler: async () => ({ items: declaredEvents().map((e) => ({ type: e.type })) }),
});

route({
  method: 'get', path: '/admin/webhooks', tags, summary: 'The shop\'s webhook endpoints', tenant: true, auth: 'merchant',
  permission: read, response: endpointsReply,
  handler: async (ctx) => ({ items: await repo.listEndpoints(ctx) }),
});

route({
  method: 'post', path: '/admin/webhooks', tags, summary: 'Add an endpoint; its signing secret is in this answer only', tenant: true, auth: 'merchant', status: 201,
  permission: manage, feature: webhookEndpoints.key, body: endpointBody, example: { url: 'https://example.com/hooks/shop', types: ['order.created'] },
  response: endpointCreatedReply,
  handler: (ctx, { body }) => service.createEndpoint(ctx, body),
  audit: { action: 'webhook.create', target: (_i, r) => ({ type: 'webhook_endpoint', id: r.endpoint.id }), details: ({ body }) => ({ url: body.url, types: body.types }) },
});

route({
  method: 'patch', path: '/admin/webhooks/:id', tags, summary: 'Change an endpoint\'s URL, event types or whether it is enabled', tenant: true, auth: 'merchant',
  permission: manage, body: endpointUpdate, resources: endpoint, example: { enabled: false },
  response: endpointSchema,
  handler: (ctx, { params, body }) => service.updateEndpoint(ctx, params.id, body),
  audit: { action: 'webhook.update', target: ({ params }) => ({ type: 'webhook_endpoint', id: params.id }), details: ({ body }) => body },
});

route({
  method: 'delete', path: '/admin/webhooks/:id', tags, summary: 'Remove an endpoint and its deliveries', tenant: true, auth: 'merchant',
  permission: manage, resources: endpoint, response: deletedReply,
  handler: async (ctx, { params }) => {
    await service.deleteEndpoint(ctx, params.id);
    return { deleted: true as const };
  },
  audit: { action: 'webhook.delete', target: ({ params }) => ({ type: 'webhook_endpoint', id: params.id }) },
});

route({
  method: 'post', path: '/admin/webhooks/:id/rotate-secret', tags, summary: 'A new signing secret, shown once; the old one stops at once', tenant: true, auth: 'merchant',
  permission: manage, resources: endpoint, response: secretReply,
  handler: async (ctx, { params }) => ({ secret: await service.rotateSecret(ctx, params.id) }),
  audit: { action: 'webhook.rotate-secret', target: ({ params }) => ({ type: 'webhook_endpoint', id: params.id }) },
});

route({
  method: 'get', path: '/admin/webhooks/:id/deliveries', tags, summary: 'An endpoint\'s deliveries, newest first', tenant: true, auth: 'merchant',
  permission: read, query: deliveriesQuery, resources: endpoint, response: deliveriesReply,
  handler: async (ctx, { params, query }) => {
    await service.getEndpoint(ctx, params.id);
    const page = await repo.listDeliveries(ctx, params.id, query);
    return { ...page, items: page.items.map(deliveryView) };
  },
});

route({
  method: 'post', path: '/admin/webhooks/:id/replay', tags, summary: 'Send the shop\'s events of a past range again to this endpoint', tenant: true, auth: 'merchant',
  permission: manage, body: replayBody, resources: endpoint, example: { from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' },
  response: replayReply,
  handler: async (ctx, { params, body }) => ({ scheduled: await delivery.replay(ctx, params.id, body) }),
  audit: { action: 'webhook.replay', target: ({ params }) => ({ type: 'webhook_endpoint', id: params.id }), details: ({ body }) => ({ from: body.from.toISOString(), to: body.to.toISOString() }) },
});

route({
  method: 'post', path: '/admin/webhooks/deliveries/:id/redeliver', tags, summary: 'Send one delivery again, same id and body', tenant: true, auth: 'merchant',
  permission: manage, resources: { id: 'webhookDelivery' }, response: deliverySchema,
  handler: async (ctx, { params }) => deliveryView(await delivery.redeliver(ctx, params.id)),
  audit: { action: 'webhook.redeliver', target: ({ params }) => ({ type: 'webhook_delivery', id: params.id }) },
});

route({
  method: 'post', path: SANDBOX_PATH, tags, summary: 'A receiver that checks a delivery\'s signature as yours must (embedded mode and tests only)', tenant: false, auth: 'public',
  params: z.object({ tenantId: z.coerce.number().int().positive() }),
  raw: true, rawBody: true, produces: ['application/json'], response: z.object({ received: z.boolean() }),
  handler: async (_ctx, { params }, { req, res }) => {
    const received = await receiveInSandbox(params.tenantId, req.headers, (req as typeof req & { rawBody?: string }).rawBody ?? '');
    res.status(received ? 200 : 401).json({ received });
  },
});
