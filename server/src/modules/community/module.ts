import { defineModule } from '../../core/module.js';
import { communityPickup, communityPrice, waitForBatch } from './buying.js';
import { leaderEarns } from './commission.js';
import { initModels } from './model.js';
import { communityPermissions } from './policy.js';
import { communityRoutes } from './routes.js';
import { communitySettings } from './settings.js';

/** 社区团购: leaders and their pickup points, activities with a cut-off, pick lists, batches, pickup (see CONTEXT.md). */
export const communityModule = defineModule({
  name: 'community',
  dependsOn: ['customers', 'suppliers', 'catalog', 'market', 'finance', 'orders', 'distribution'],
  models: [initModels],
  permissions: communityPermissions,
  routes: communityRoutes,
  settings: communitySettings,
  hooks: [communityPickup, communityPrice, waitForBatch, leaderEarns],
});
