import { defineModule } from '../../core/module.js';
import { initModels } from './model.js';
import { financePermissions, financePlatformPermissions } from './policy.js';
import { financeRoutes } from './routes.js';

export const financeModule = defineModule({
  name: 'finance',
  dependsOn: ['tenants', 'suppliers'],
  models: [initModels],
  permissions: financePermissions,
  platformPermissions: financePlatformPermissions,
  routes: financeRoutes,
});
