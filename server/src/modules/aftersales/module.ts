import { defineModule } from '../../core/module.js';
import { aftersalesEvents } from './events.js';
import { initModels } from './model.js';
import { aftersalesPermissions, aftersalesPlatformPermissions } from './policy.js';
import { aftersalesRoutes } from './routes.js';
import { autoReceiveReturnJob, openCasesBlockCompletion, refundClosesCase } from './service.js';

export const aftersalesModule = defineModule({
  name: 'aftersales',
  dependsOn: ['tenants', 'suppliers', 'fulfillment', 'payments', 'orders'],
  models: [initModels],
  permissions: aftersalesPermissions,
  platformPermissions: aftersalesPlatformPermissions,
  events: aftersalesEvents,
  routes: aftersalesRoutes,
  jobs: { 'aftersales.auto-receive': autoReceiveReturnJob },
  hooks: [openCasesBlockCompletion, refundClosesCase],
});
