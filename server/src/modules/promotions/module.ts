import { contribute } from '../../core/hooks.js';
import { defineModule } from '../../core/module.js';
import { listingPromotions } from '../market/index.js';
import { quoteAdjusters, STEP } from '../orders/index.js';
import { fullReductionAdjuster, limitedPriceAdjuster } from './adjusters.js';
import { usagesPaid } from './figures.js';
import { promotionsOfListings } from './listing-promotions.js';
import { initModels } from './model.js';
import { promotionsPermissions } from './policy.js';
import { promotionsRoutes } from './routes.js';

/** A shop's full reductions (满减/满折) and limited-time prices (限时折扣) (see CONTEXT.md). */
export const promotionsModule = defineModule({
  name: 'promotions',
  dependsOn: ['market', 'orders'],
  models: [initModels],
  permissions: promotionsPermissions,
  routes: promotionsRoutes,
  subscriptions: [usagesPaid],
  hooks: [
    contribute(quoteAdjusters, 'promotions.limited-price', limitedPriceAdjuster, STEP.limitedPrice),
    contribute(quoteAdjusters, 'promotions.full-reduction', fullReductionAdjuster, STEP.fullReduction),
    contribute(listingPromotions, 'promotions.listings', promotionsOfListings),
  ],
});
