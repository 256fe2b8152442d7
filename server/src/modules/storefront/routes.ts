import { routeGroup } from '../../core/http.js';
import { brandingBody, storeViewSchema } from './schemas.js';
import { storeView, updateBranding } from './service.js';

const route = routeGroup();
export const storefrontRoutes = route.list;

route({
  method: 'get', path: '/shop/store', tags: ['storefront'], summary: 'The shop\'s name and branding', tenant: true, auth: 'public',
  response: storeViewSchema,
  handler: (ctx) => storeView(ctx),
});

route({
  method: 'get', path: '/admin/store/branding', tags: ['storefront'], summary: 'Branding as the shop shows it', tenant: true, auth: 'merchant',
  permission: ['read', 'StoreSettings'],
  response: storeViewSchema,
  handler: (ctx) => storeView(ctx),
});

route({
  method: 'put', path: '/admin/store/branding', tags: ['storefront'], summary: 'Change name, logo, colour or theme', tenant: true, auth: 'merchant',
  permission: ['manage', 'StoreSettings'], body: brandingBody,
  response: storeViewSchema,
  handler: (ctx, { body }) => updateBranding(ctx, body),
  audit: { action: 'store.branding.update', details: ({ body }) => body },
});
