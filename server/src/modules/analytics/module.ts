import { defineModule } from '../../core/module.js';
import { initModels } from './model.js';
import { analyticsRoutes } from './routes.js';

export const analyticsModule = defineModule({
  name: 'analytics',
  dependsOn: ['tenants', 'storefront', 'suppliers', 'catalog', 'market', 'finance', 'payments', 'orders', 'aftersales', 'reviews', 'pages'],
  models: [initModels],
  routes: analyticsRoutes,
});
