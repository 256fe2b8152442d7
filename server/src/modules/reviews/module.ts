import { defineModule } from '../../core/module.js';
import { reviewsEvents } from './events.js';
import { initModels } from './model.js';
import { reviewsPermissions } from './policy.js';
import { reviewsRoutes } from './routes.js';

export const reviewsModule = defineModule({
  name: 'reviews',
  dependsOn: ['customers', 'catalog', 'market', 'orders'],
  models: [initModels],
  permissions: reviewsPermissions,
  routes: reviewsRoutes,
  events: reviewsEvents,
});
