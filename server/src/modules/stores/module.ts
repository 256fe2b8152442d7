import { defineModule } from '../../core/module.js';
import { initModels } from './model.js';
import { storeOrdering } from './ordering.js';
import { storesPermissions } from './policy.js';
import { storesRoutes } from './routes.js';
import { tillMoney, tillShares } from './sale.js';

/** 门店: a shop's offline stores, their own stock, clerks and counters (see CONTEXT.md). */
export const storesModule = defineModule({
  name: 'stores',
  dependsOn: ['accounts', 'customers', 'market', 'orders', 'payments', 'finance', 'coupons'],
  models: [initModels],
  permissions: storesPermissions,
  routes: storesRoutes,
  hooks: [...storeOrdering, tillShares, tillMoney],
});
