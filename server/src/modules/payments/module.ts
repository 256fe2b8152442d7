import { defineModule } from '../../core/module.js';
import { alipayGateway } from './alipay-account.js';
import { initModels } from './model.js';
import { gatewayMoney } from './money-flow.js';
import { paymentsPermissions } from './policy.js';
import { rechargePurpose } from './recharge.js';
import { paymentsRoutes, sandboxRedeliverJob } from './routes.js';
import { sandboxGateway, refundOrphanJob, sendRefundJob, checkRefundJob, refundStep } from './service.js';
import { wechatGateway } from './wechat-account.js';

export const paymentsModule = defineModule({
  name: 'payments',
  dependsOn: ['tenants', 'customers', 'finance'],
  models: [initModels],
  permissions: paymentsPermissions,
  routes: paymentsRoutes,
  jobs: {
    'payments.refund-orphan': refundOrphanJob,
    'payments.send-refund': sendRefundJob,
    'payments.check-refund': checkRefundJob,
    'payments.sandbox-redeliver': sandboxRedeliverJob,
  },
  hooks: [sandboxGateway, wechatGateway, alipayGateway, rechargePurpose, gatewayMoney],
  steps: [refundStep],
});
