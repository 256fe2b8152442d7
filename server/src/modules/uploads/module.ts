import { defineModule } from '../../core/module.js';
import { uploadsRoutes } from './routes.js';
import { initModels } from './model.js';

export const uploadsModule = defineModule({
  name: 'uploads',
  models: [initModels],
  routes: uploadsRoutes,
});
