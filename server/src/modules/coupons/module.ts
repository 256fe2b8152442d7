import { contribute } from '../../core/hooks.js';
import { defineModule } from '../../core/module.js';
import { customerSignedUp } from '../customers/index.js';
import { blockCoupons } from '../pages/index.js';
import { couponAdjusters, recordPaidOrder } from './adjuster.js';
import { initModels } from './model.js';
import { couponsPermissions } from './policy.js';
import { couponsRoutes } from './routes.js';
import { blockCouponsOf, giveSignupCoupons } from './service.js';

/** A shop's coupons: made, handed out, used through the quote, given back (see CONTEXT.md). */
export const couponsModule = defineModule({
  name: 'coupons',
  dependsOn: ['customers', 'market', 'orders', 'pages'],
  models: [initModels],
  permissions: couponsPermissions,
  routes: couponsRoutes,
  subscriptions: [recordPaidOrder],
  hooks: [
    ...couponAdjusters,
    contribute(customerSignedUp, 'coupons.signup', giveSignupCoupons),
    // a DIY page's coupons block shows the chosen coupons still to be claimed
    contribute(blockCoupons, 'coupons.block', (found, ctx, ids) => (found.length ? Promise.resolve(found) : blockCouponsOf(ctx, ids))),
  ],
});
