import { defineModule } from '../../core/module.js';
import { catalogEvents } from './events.js';
import { IMPORT_JOB, importProductsJob } from './bulk-import.js';
import { catalogBulkRoutes } from './bulk-routes.js';
import { initModels, associateModels } from './model.js';
import { catalogPolicy, catalogPermissions, catalogPlatformPermissions } from './policy.js';
import { catalogRoutes } from './routes.js';
import { refreshStockJob } from './stock-service.js';
import { supplierReactions } from './supplier-reactions.js';

export const catalogModule = defineModule({
  name: 'catalog',
  dependsOn: ['suppliers', 'fulfillment'],
  models: [initModels],
  associate: associateModels,
  policies: [catalogPolicy],
  permissions: catalogPermissions,
  platformPermissions: catalogPlatformPermissions,
  events: catalogEvents,
  routes: [...catalogRoutes, ...catalogBulkRoutes],
  jobs: { 'catalog.refresh-stock': refreshStockJob, [IMPORT_JOB]: importProductsJob },
  subscriptions: supplierReactions,
});
