import { defineModule } from '../../core/module.js';
import { defaultHomeFirstScreen } from './first-screen.js';
import { initModels, associateModels } from './model.js';
import { marketRoutes } from './routes.js';
import { followChangedProduct } from './sync.js';

export const marketModule = defineModule({
  name: 'market',
  dependsOn: ['tenants', 'catalog'],
  models: [initModels],
  associate: associateModels,
  routes: marketRoutes,
  subscriptions: [followChangedProduct],
  hooks: [defaultHomeFirstScreen],
});
