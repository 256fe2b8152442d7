/** The payments module's public surface. */
export { offeredMethods, startPayment, recordTillPayment, type TillMethod, refundPayment, reserveRefund, sendRefund, refundsOf, refundsOfCases, settleRefund, handleNotification, type PaymentView, type RefundView } from './service.js';
export { tillTotals, paymentsOfOrder, succeededPaymentOf, methodsOfOrders, ordersPaidWith, type PaymentRow as Payment, type RefundRow as Refund } from './repository.js';
export { paymentPurposes, paymentGateways, type PurposeHandler, type Gateway, type GatewayMethod } from './hooks.js';
export { sandboxNotification, signSandbox, SANDBOX_SIGNATURE_HEADER } from './providers/sandbox.js';
export type { PaymentMethod } from './model.js';
export type { PaymentProvider, PayScene } from './providers/types.js';
export { payChoice } from './schemas.js';
export { payerDetails, type PayerDetails } from './pay-request.js';
export { transferGateway, canTransfer, transferUnavailable } from './transfers.js';
export { sandboxTransferScript, type SandboxTransferFault } from './providers/sandbox-transfer.js';
export type { TransferProvider, TransferResult } from './providers/wechat-transfer.js';
