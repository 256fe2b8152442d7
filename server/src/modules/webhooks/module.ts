import { defineModule } from '../../core/module.js';
import { DELIVER_JOB, deliverJob, fanOut } from './delivery.js';
import { webhooksFeatures } from './features.js';
import { webhooksManifest } from './manifest.js';
import { initModels } from './model.js';
import { webhooksPermissions } from './policy.js';
import { webhooksRoutes } from './routes.js';
import { webhooksSettings } from './settings.js';

/** The shop's events, signed and sent to the merchant's own URLs (see CONTEXT.md). */
export const webhooksModule = defineModule({
  name: 'webhooks',
  dependsOn: ['merchants'],
  models: [initModels],
  permissions: webhooksPermissions,
  routes: webhooksRoutes,
  jobs: { [DELIVER_JOB]: deliverJob },
  subscriptions: [fanOut],
  settings: webhooksSettings,
  features: webhooksFeatures,
  hooks: [webhooksManifest],
});
