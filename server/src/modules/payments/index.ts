/** The payments module's public surface. */
import './recharge.js';
import './money-flow.js';
import './wechat-account.js';
import './alipay-account.js';
import { definePermission } from '../../core/permissions.js';

definePermission({ key: 'payments.configure', label: 'Set up the shop\'s payment accounts', grants: [['configure', 'Payments']] });
import './routes.js';

export { startPayment, refundPayment, reserveRefund, sendRefund, refundsOf, refundsOfCases, settleRefund, registerPurpose, registerGateway, paymentsOfOrder, succeededPaymentOf, handleNotification, type PaymentView, type RefundView, type PurposeHandler } from './service.js';
export { sandboxNotification, signSandbox, SANDBOX_SIGNATURE_HEADER } from './providers/sandbox.js';
export type { Payment, Refund, PaymentMethod } from './model.js';
export type { PaymentProvider, PayScene } from './providers/types.js';
export { payChoice } from './schemas.js';
export { payerDetails, type PayerDetails } from './pay-request.js';
