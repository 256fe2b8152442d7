import { defineModule } from '../../core/module.js';
import { initModels } from './model.js';
import { storefrontRoutes } from './routes.js';

export const storefrontModule = defineModule({
  name: 'storefront',
  dependsOn: ['tenants'],
  models: [initModels],
  routes: storefrontRoutes,
});
