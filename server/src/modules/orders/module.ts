import { defineModule } from '../../core/module.js';
import { ordersEvents } from './events.js';
import { autoReceiveJob, completeJob, orderPurpose, countSalesWhenPaid, refundsInFlightBlockCompletion } from './lifecycle.js';
import { unfinishedOrdersKeepListing } from './listing-use.js';
import { initModels, associateModels } from './model.js';
import { fulfillmentReaders, livePushes, orderReaders } from './notifications.js';
import { ordersPolicy, ordersPermissions } from './policy.js';
import { ordersRoutes } from './routes.js';
import { ordersSettings } from './settings.js';
import { cancelUnpaidJob, cancelUnpaidOrders } from './unpaid.js';

export const ordersModule = defineModule({
  name: 'orders',
  dependsOn: ['tenants', 'customers', 'fulfillment', 'catalog', 'market', 'cart', 'finance', 'payments'],
  models: [initModels],
  associate: associateModels,
  policies: [ordersPolicy],
  permissions: ordersPermissions,
  events: ordersEvents,
  routes: ordersRoutes,
  jobs: { 'orders.cancel-unpaid': cancelUnpaidJob, 'orders.auto-receive': autoReceiveJob, 'orders.complete': completeJob },
  sweeps: [cancelUnpaidOrders],
  hooks: [orderPurpose, refundsInFlightBlockCompletion, unfinishedOrdersKeepListing],
  subscriptions: [countSalesWhenPaid, ...livePushes],
  feeds: [orderReaders, fulfillmentReaders],
  settings: ordersSettings,
});
