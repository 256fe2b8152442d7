import { defineModule } from '../../core/module.js';
import { initModels } from './model.js';
import { contentPermissions, contentPlatformPermissions } from './policy.js';
import { contentRoutes } from './routes.js';

/** A shop's articles, videos and FAQ with categories, and the platform's help (see CONTEXT.md). */
export const contentModule = defineModule({
  name: 'content',
  dependsOn: ['catalog'],
  models: [initModels],
  permissions: contentPermissions,
  platformPermissions: contentPlatformPermissions,
  routes: contentRoutes,
});
