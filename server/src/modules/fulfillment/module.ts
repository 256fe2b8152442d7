import { defineModule } from '../../core/module.js';
import { initFreightTemplates } from './freight.js';
import { initParcels } from './parcels.js';
import { fulfillmentRoutes } from './routes.js';

export const fulfillmentModule = defineModule({
  name: 'fulfillment',
  models: [initFreightTemplates, initParcels],
  routes: fulfillmentRoutes,
});
