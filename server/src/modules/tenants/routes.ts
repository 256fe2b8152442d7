import { requireTenantId } from '../../core/context.js';
import { routeGroup } from '../../core/http.js';
import { settingsPatchBody } from '../../core/settings.js';
import { customDomains } from './features.js';
import { tenantListQuery, tenantUpdateBody, domainBody, appBody, appSecretBody, settingsViewSchema, adminStoreAppsReply, adminStoreDomainsReply, appViewSchema, deleteAdminStoreDomainsReply, domainViewSchema, tenantDetailSchema, tenantViewSchema } from './schemas.js';
import * as tenants from './service.js';
import { pageSchema } from '../../core/db/index.js';

const route = routeGroup();
export const tenantsRoutes = route.list;

const tags = ['tenants'];

// ---- platform ----

route({
  method: 'get', path: '/platform/tenants', tags, summary: 'List tenants', tenant: false, auth: 'platform',
  permission: ['read', 'Tenant'], query: tenantListQuery,
  response: pageSchema(tenantViewSchema),
  handler: (ctx, { query }) => tenants.listTenants(ctx, query),
});

route({
  method: 'get', path: '/platform/tenants/:id', tags, summary: 'One tenant with its domains and apps', tenant: false, auth: 'platform',
  permission: ['read', 'Tenant'],
  response: tenantDetailSchema,
  handler: async (ctx, { params }) => ({
    ...tenants.viewOf(await tenants.getTenant(ctx, params.id)),
    domains: await tenants.listDomains(ctx, params.id),
    apps: await tenants.listApps(ctx, params.id),
    settings: await tenants.settingsView(ctx, params.id),
  }),
});

route({
  method: 'patch', path: '/platform/tenants/:id', tags, summary: 'Change a tenant\'s plan, kind or settings', tenant: false, auth: 'platform',
  permission: ['update', 'Tenant'], body: tenantUpdateBody,
  response: tenantViewSchema,
  handler: (ctx, { params, body }) =>
    tenants.updateTenant(ctx, params.id, { ...body, planExpiresAt: body.planExpiresAt === undefined ? undefined : body.planExpiresAt === null ? null : new Date(body.planExpiresAt) }),
  audit: { action: 'tenant.update', target: ({ params }) => ({ type: 'tenant', id: params.id }), details: ({ body }) => body },
});

for (const [verb, status] of [['suspend', 'suspended'], ['resume', 'active']] as const) {
  route({
    method: 'post', path: `/platform/tenants/:id/${verb}`, tags, summary: `${verb === 'suspend' ? 'Suspend' : 'Resume'} a tenant`, tenant: false, auth: 'platform',
    permission: ['update', 'Tenant'],
    response: tenantViewSchema,
    handler: (ctx, { params }) => tenants.setStatus(ctx, params.id, status),
    audit: { action: `tenant.${verb}`, target: ({ params }) => ({ type: 'tenant', id: params.id }) },
  });
}

// ---- merchant console: domains, apps, business settings ----

route({
  method: 'get', path: '/admin/store/domains', tags, summary: 'Custom domains of this shop', tenant: true, auth: 'merchant',
  permission: ['read', 'StoreSettings'],
  response: adminStoreDomainsReply,
  handler: async (ctx) => ({ items: await tenants.listDomains(ctx, requireTenantId(ctx)), defaultHost: tenants.hostOf(ctx.tenant!.slug) }),
});

route({
  method: 'post', path: '/admin/store/domains', tags, summary: 'Add a custom domain', tenant: true, auth: 'merchant', status: 201,
  permission: ['manage', 'StoreSettings'], body: domainBody, feature: customDomains.key,
  response: domainViewSchema,
  handler: (ctx, { body }) => tenants.addDomain(ctx, requireTenantId(ctx), body.domain),
  audit: { action: 'store.domain.add', target: (_i, r) => ({ type: 'domain', id: r.id }), details: (_i, r) => ({ domain: r.domain }) },
});

route({
  method: 'delete', path: '/admin/store/domains/:id', tags, summary: 'Remove a custom domain', tenant: true, auth: 'merchant',
  permission: ['manage', 'StoreSettings'], resources: { id: 'domain' },
  response: deleteAdminStoreDomainsReply,
  handler: (ctx, { params }) => tenants.removeDomain(ctx, requireTenantId(ctx), params.id),
  audit: { action: 'store.domain.remove', target: ({ params }) => ({ type: 'domain', id: params.id }) },
});

route({
  method: 'get', path: '/admin/store/apps', tags, summary: 'Mini-program apps of this shop', tenant: true, auth: 'merchant',
  permission: ['read', 'StoreSettings'],
  response: adminStoreAppsReply,
  handler: async (ctx) => ({ items: await tenants.listApps(ctx, requireTenantId(ctx)) }),
});

route({
  method: 'post', path: '/admin/store/apps', tags, summary: 'Bind a WeChat mini-program', tenant: true, auth: 'merchant', status: 201,
  permission: ['manage', 'StoreSettings'], body: appBody,
  response: appViewSchema,
  handler: (ctx, { body }) => tenants.addApp(ctx, requireTenantId(ctx), body),
  audit: { action: 'store.app.add', target: (_i, r) => ({ type: 'app', id: r.id }), details: (_i, r) => ({ appid: r.appid }) },
});

route({
  method: 'put', path: '/admin/store/apps/:id', tags, summary: 'Replace a mini-program\'s app secret', tenant: true, auth: 'merchant',
  permission: ['manage', 'StoreSettings'], body: appSecretBody, resources: { id: 'app' }, example: { secret: 'abcdef0123456789abcdef0123456789' },
  response: appViewSchema,
  handler: (ctx, { params, body }) => tenants.updateAppSecret(ctx, requireTenantId(ctx), params.id, body.secret),
  audit: { action: 'store.app.secret', target: ({ params }) => ({ type: 'app', id: params.id }) },
});

route({
  method: 'delete', path: '/admin/store/apps/:id', tags, summary: 'Unbind a mini-program', tenant: true, auth: 'merchant',
  permission: ['manage', 'StoreSettings'], resources: { id: 'app' },
  response: deleteAdminStoreDomainsReply,
  handler: (ctx, { params }) => tenants.removeApp(ctx, requireTenantId(ctx), params.id),
  audit: { action: 'store.app.remove', target: ({ params }) => ({ type: 'app', id: params.id }) },
});

// ---- settings: every module's section of the tenant's settings document ----

route({
  method: 'get', path: '/admin/settings', tags, summary: 'Every settings section of this shop: values, JSON schema and labels', tenant: true, auth: 'merchant',
  permission: ['read', 'StoreSettings'], response: settingsViewSchema,
  handler: (ctx) => tenants.settingsView(ctx, requireTenantId(ctx)),
});

route({
  method: 'patch', path: '/admin/settings', tags, summary: 'Change some settings (`{ orders: { autoCancelMinutes: 15 } }`)', tenant: true, auth: 'merchant',
  permission: ['manage', 'StoreSettings'], body: settingsPatchBody, response: settingsViewSchema, openWhenPlanExpired: true,
  example: { orders: { autoCancelMinutes: 15 } },
  // audited by the service, in the transaction that saves the change
  handler: (ctx, { body }) => tenants.changeSettings(ctx, requireTenantId(ctx), body),
});
