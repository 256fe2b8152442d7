import { z } from 'zod';
import { routeGroup } from '../../core/http.js';
import { signUpLimits } from '../../core/rate-limit.js';
import { distributors } from './features.js';
import { distributorBody, distributorListQuery, signupBody, adminDistributorsReply, getAdminDistributorsReply } from './schemas.js';
import { listDistributors, onboardDistributor, signUp } from './service.js';

const route = routeGroup();
export const merchantsRoutes = route.list;

route({
  method: 'post', path: '/merchants/signup', tags: ['merchants'], summary: 'Open a shop: tenant, owner and storefront in one step', tenant: false, auth: 'public', status: 201,
  body: signupBody, rateLimits: signUpLimits('merchant-signup'),
  response: z.object({ tenant: z.object({ id: z.number(), slug: z.string(), name: z.string(), host: z.string() }), token: z.string(), expiresAt: z.string(), /** One-time, two minutes: the shop's console exchanges it at POST /admin/auth/ticket. */ ticket: z.string() }),
  handler: (ctx, { body }) => signUp(ctx, body),
});

route({
  method: 'post', path: '/admin/distributors', tags: ['merchants'], summary: 'Brand owners: onboard a distributor as a child tenant and invite its owner', tenant: true, auth: 'merchant', status: 201,
  permission: ['manage', 'Distributor'], body: distributorBody, feature: distributors.key,
  response: adminDistributorsReply,
  handler: (ctx, { body }) => onboardDistributor(ctx, body),
  audit: { action: 'distributor.onboard', target: (_i, r) => ({ type: 'tenant', id: r.id }), details: ({ body }) => ({ slug: body.slug, ownerEmail: body.ownerEmail }) },
});

route({
  method: 'get', path: '/admin/distributors', tags: ['merchants'], summary: 'Brand owners: the distributors\' tenants and their status', tenant: true, auth: 'merchant',
  permission: ['read', 'Distributor'], query: distributorListQuery,
  response: getAdminDistributorsReply,
  handler: (ctx, { query }) => listDistributors(ctx, query),
});
