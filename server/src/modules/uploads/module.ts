import { defineModule } from '../../core/module.js';
import { uploadsRoutes } from './routes.js';
import { initUploads } from './service.js';

export const uploadsModule = defineModule({
  name: 'uploads',
  models: [initUploads],
  routes: uploadsRoutes,
});
