import { defineModule } from '../../core/module.js';
import { contribute } from '../../core/hooks.js';
import { WECHAT_COMPONENT, wechatComponent } from '../../core/wechat.js';
import { initModels } from './model.js';
import { miniprogramPermissions } from './policy.js';
import { miniprogramRoutes } from './routes.js';
import { SANDBOX_AUDIT_JOB, sandboxAuditJob, sandboxTicketSweep } from './sandbox/pushes.js';
import { componentCredentials, RELEASE_JOB, releaseJob } from './service.js';
import { renewAuthorizerTokens } from './tokens.js';

/** Each shop's WeChat mini-program, authorized to and published through the platform's third-party platform (see CONTEXT.md). */
export const miniprogramModule = defineModule({
  name: 'miniprogram',
  dependsOn: ['tenants', 'storefront', 'market'],
  models: [initModels],
  permissions: miniprogramPermissions,
  routes: miniprogramRoutes,
  jobs: { [RELEASE_JOB]: releaseJob, [SANDBOX_AUDIT_JOB]: sandboxAuditJob },
  sweeps: [renewAuthorizerTokens, sandboxTicketSweep],
  hooks: [contribute(wechatComponent, WECHAT_COMPONENT, { credentials: componentCredentials })],
});
