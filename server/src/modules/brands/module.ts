import { defineModule } from '../../core/module.js';
import { brandsPermissions } from './policy.js';
import { brandsRoutes } from './routes.js';

/** 品牌分销: a brand owner's view of its distributors' sales of its range, and its retail price floors (see CONTEXT.md). */
export const brandsModule = defineModule({
  name: 'brands',
  dependsOn: ['tenants', 'merchants', 'catalog', 'market', 'orders'],
  permissions: brandsPermissions,
  routes: brandsRoutes,
});
