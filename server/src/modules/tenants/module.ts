import { defineModule } from '../../core/module.js';
import { initModels, associateModels } from './model.js';
import { tenantsPolicy, tenantsPermissions, tenantsPlatformPermissions } from './policy.js';
import { tenantsRoutes } from './routes.js';
import { tenantFeatures } from './features.js';
import { plans } from './plans.js';
import { directory } from './service.js';

export const tenantsModule = defineModule({
  name: 'tenants',
  models: [initModels],
  associate: associateModels,
  policies: [tenantsPolicy],
  permissions: tenantsPermissions,
  platformPermissions: tenantsPlatformPermissions,
  routes: tenantsRoutes,
  hooks: [directory],
  features: tenantFeatures,
  plans,
});
