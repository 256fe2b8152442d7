import { contribute } from '../../core/hooks.js';
import { defineModule } from '../../core/module.js';
import { storefrontFirstScreen } from '../../core/static-web.js';
import { initModels } from './model.js';
import { pagesRoutes } from './routes.js';
import { publishedHome } from './service.js';

/** The shop's DIY pages: blocks, drafts, published versions (see CONTEXT.md). */
export const pagesModule = defineModule({
  name: 'pages',
  dependsOn: ['accounts', 'storefront', 'catalog', 'market'],
  models: [initModels],
  routes: pagesRoutes,
  // a published home is what the storefront's first screen shows (and warms the cache its read hits)
  hooks: [contribute(storefrontFirstScreen, 'pages.home', async (screen, ctx) => ((await publishedHome(ctx)) ? { ...screen, home: 'designed' as const } : screen), 10)],
});
