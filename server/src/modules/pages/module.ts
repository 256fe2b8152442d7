import { defineModule } from '../../core/module.js';
import { initModels } from './model.js';
import { pagesRoutes } from './routes.js';

/** The shop's DIY pages: blocks, drafts, published versions (see CONTEXT.md). */
export const pagesModule = defineModule({
  name: 'pages',
  dependsOn: ['accounts', 'storefront', 'catalog', 'market'],
  models: [initModels],
  routes: pagesRoutes,
});
