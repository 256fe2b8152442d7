import { defineModule } from '../../core/module.js';
import { initModels } from './model.js';
import { fulfillmentRoutes } from './routes.js';

export const fulfillmentModule = defineModule({
  name: 'fulfillment',
  models: [initModels],
  routes: fulfillmentRoutes,
});
