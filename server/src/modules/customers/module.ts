import { defineModule } from '../../core/module.js';
import { initModels } from './model.js';
import { customersPolicy, customersPermissions } from './policy.js';
import { customersRoutes } from './routes.js';
import { shopperLoader } from './service.js';

export const customersModule = defineModule({
  name: 'customers',
  dependsOn: ['tenants', 'accounts'],
  models: [initModels],
  policies: [customersPolicy],
  permissions: customersPermissions,
  routes: customersRoutes,
  hooks: [shopperLoader],
});
