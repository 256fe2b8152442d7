import { on } from '../../core/events.js';
import { contribute } from '../../core/hooks.js';
import { defineModule } from '../../core/module.js';
import { profileExtras } from '../customers/index.js';
import { orderRefunded, orderStatusChanged } from '../orders/index.js';
import { reviewCreated } from '../reviews/index.js';
import { levelFreeShipping, memberDiscount, pointsDeduction } from './adjusters.js';
import { creditReview } from './checkin.js';
import { creditCompletedOrder, reverseForRefund } from './earning.js';
import { expirePoints } from './expiry.js';
import { mallPrice } from './mall.js';
import { initModels } from './model.js';
import { membershipPermissions } from './policy.js';
import { membershipRoutes } from './routes.js';
import { withLevel } from './service.js';
import { membershipSettings } from './settings.js';

/** Points (earned, spent, expiring) and member levels by growth (see CONTEXT.md). */
export const membershipModule = defineModule({
  name: 'membership',
  dependsOn: ['tenants', 'customers', 'market', 'orders', 'reviews'],
  models: [initModels],
  permissions: membershipPermissions,
  routes: membershipRoutes,
  settings: membershipSettings,
  sweeps: [expirePoints],
  subscriptions: [
    on(orderStatusChanged, 'membership.earn', async (ctx, p) => {
      if (p.to === 'completed') await creditCompletedOrder(ctx, p.orderId);
    }),
    on(reviewCreated, 'membership.review', (ctx, p) => creditReview(ctx, p.customerId, p.reviewId)),
  ],
  hooks: [
    mallPrice,
    memberDiscount,
    pointsDeduction,
    levelFreeShipping,
    contribute(orderRefunded, 'membership.refund', reverseForRefund),
    contribute(profileExtras, 'membership.level', withLevel),
  ],
});
