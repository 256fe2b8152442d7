import { defineModule } from '../../core/module.js';
import { initModels } from './model.js';
import { cartRoutes } from './routes.js';

export const cartModule = defineModule({
  name: 'cart',
  dependsOn: ['market'],
  models: [initModels],
  routes: cartRoutes,
});
