import { contribute } from '../../core/hooks.js';
import { defineModule } from '../../core/module.js';
import { shopIdentity } from '../../core/static-web.js';
import { initModels } from './model.js';
import { storefrontRoutes } from './routes.js';
import { storeView } from './service.js';

export const storefrontModule = defineModule({
  name: 'storefront',
  dependsOn: ['tenants'],
  models: [initModels],
  routes: storefrontRoutes,
  hooks: [
    // the shop's name, logo and colour for its favicon, home-screen icons and web manifest
    contribute(shopIdentity, 'identity', async (ctx) => {
      const { name, branding } = await storeView(ctx);
      return { name, logoUrl: branding.logoUrl, primaryColor: branding.primaryColor };
    }),
  ],
});
