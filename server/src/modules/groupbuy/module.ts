import { defineModule } from '../../core/module.js';
import { groupPrice, waitForGroup } from './buying.js';
import { closeExpiredGroups, countPaidMember } from './closing.js';
import { initModels } from './model.js';
import { groupbuyPermissions } from './policy.js';
import { groupBuyLinks } from './promotions.js';
import { groupbuyRoutes } from './routes.js';

/** 拼团: group-buy activities, their groups and members (see CONTEXT.md). */
export const groupbuyModule = defineModule({
  name: 'groupbuy',
  dependsOn: ['customers', 'market', 'payments', 'orders'],
  models: [initModels],
  permissions: groupbuyPermissions,
  routes: groupbuyRoutes,
  sweeps: [closeExpiredGroups],
  subscriptions: [countPaidMember],
  hooks: [groupPrice, waitForGroup, groupBuyLinks],
});
