import { defineModule } from '../../core/module.js';
import { initModels, associateModels } from './model.js';
import { platformStaffRoutes } from './platform-routes.js';
import { platformUserLoader } from './platform-service.js';
import { accountsPolicy, accountsPermissions, accountsPlatformPermissions } from './policy.js';
import { accountResets } from './resets.js';
import { accountsRoutes } from './routes.js';
import { staffLoader } from './staff-service.js';

export const accountsModule = defineModule({
  name: 'accounts',
  models: [initModels],
  associate: associateModels,
  policies: [accountsPolicy],
  permissions: accountsPermissions,
  platformPermissions: accountsPlatformPermissions,
  routes: [...accountsRoutes, ...platformStaffRoutes],
  hooks: [platformUserLoader, staffLoader, ...accountResets],
});
