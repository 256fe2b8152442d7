import { defineModule } from '../../core/module.js';
import { merchantsEvents } from './events.js';
import { merchantFeatures } from './features.js';
import { merchantsPermissions } from './policy.js';
import { merchantsRoutes } from './routes.js';

export const merchantsModule = defineModule({
  name: 'merchants',
  dependsOn: ['tenants', 'accounts', 'customers', 'storefront'],
  permissions: merchantsPermissions,
  events: merchantsEvents,
  routes: merchantsRoutes,
  features: merchantFeatures,
});
