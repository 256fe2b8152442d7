import { defineModule } from '../../core/module.js';
import { suppliersEvents } from './events.js';
import { initModels, associateModels } from './model.js';
import { suppliersPolicy, suppliersPlatformPermissions } from './policy.js';
import { supplierReset } from './resets.js';
import { suppliersRoutes } from './routes.js';
import { supplierLoader } from './service.js';

export const suppliersModule = defineModule({
  name: 'suppliers',
  dependsOn: ['accounts'],
  models: [initModels],
  associate: associateModels,
  policies: [suppliersPolicy],
  platformPermissions: suppliersPlatformPermissions,
  events: suppliersEvents,
  routes: suppliersRoutes,
  hooks: [supplierLoader, supplierReset],
});
