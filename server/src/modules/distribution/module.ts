import { on } from '../../core/events.js';
import { contribute } from '../../core/hooks.js';
import { defineModule } from '../../core/module.js';
import { customerSignedUp } from '../customers/index.js';
import { loadOrder, orderRefunded, orderStatusChanged } from '../orders/index.js';
import { commissionShares, commissionsSettled, refundEnded } from './commissions.js';
import { levelsAfterCompletion } from './levels.js';
import { initModels } from './model.js';
import { distributionPermissions } from './policy.js';
import { posterRoutes } from './poster-routes.js';
import { distributionRoutes } from './routes.js';
import { bindOnSignup, countCompletedOrder, onSignup } from './service.js';
import { distributionSettings } from './settings.js';
import { CHECK_JOB, checkTransferJob, transferMoney, transferStep } from './withdrawals.js';

/** 分销: distributors, bindings, commissions through the ledger, withdrawals (see CONTEXT.md). */
export const distributionModule = defineModule({
  name: 'distribution',
  dependsOn: ['tenants', 'customers', 'finance', 'market', 'orders', 'payments', 'miniprogram'],
  jobs: { [CHECK_JOB]: checkTransferJob },
  steps: [transferStep],
  models: [initModels],
  permissions: distributionPermissions,
  routes: [...distributionRoutes, ...posterRoutes],
  settings: distributionSettings,
  subscriptions: [
    on(orderStatusChanged, 'distribution.completed', async (ctx, p) => {
      if (p.to !== 'completed') return;
      await commissionsSettled(ctx, p.orderId);
      const order = await loadOrder(ctx, p.orderId);
      await countCompletedOrder(ctx, { id: order.id, customerId: order.customerId, amount: Math.max(0, order.paidAmount - order.refundedAmount) });
      await levelsAfterCompletion(ctx, order.id, order.customerId);
    }),
  ],
  hooks: [
    commissionShares,
    transferMoney,
    contribute(orderRefunded, 'distribution.refund', refundEnded),
    contribute(customerSignedUp, 'distribution.signup', async (ctx, customer) => {
      await onSignup(ctx, customer.id);
      await bindOnSignup(ctx, customer.id, customer.inviteCode);
    }),
  ],
});
