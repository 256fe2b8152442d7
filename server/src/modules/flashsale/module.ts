import { contribute } from '../../core/hooks.js';
import { defineModule } from '../../core/module.js';
import { listingPromotions } from '../market/index.js';
import { quoteAdjusters, STEP } from '../orders/index.js';
import { initModels } from './model.js';
import { flashSalePermissions } from './policy.js';
import { countPaidFlashOrders, flashSaleAdjuster, flashSalePromotions } from './pricing.js';
import { flashSaleRoutes } from './routes.js';

/** Flash sales (秒杀): sessions with items at a sale price, decided by the allocator, written as orders (see CONTEXT.md). */
export const flashsaleModule = defineModule({
  name: 'flashsale',
  dependsOn: ['market', 'orders'],
  models: [initModels],
  permissions: flashSalePermissions,
  routes: flashSaleRoutes,
  subscriptions: [countPaidFlashOrders],
  hooks: [contribute(quoteAdjusters, 'flashsale.price', flashSaleAdjuster, STEP.activity), contribute(listingPromotions, 'flashsale.sessions', flashSalePromotions)],
});
