/** The finance module's public surface. */
import './policy.js';
import './routes.js';

export { bookPayment, holdRefund, holdRechargeRefund, holdUnmatchedPayment, payOutRefund, releaseRefund, settleOrder, feeOf, paymentPostings, refundPostings, type OrderMoney, type OrderLine, type RefundMoney, type RefundedLine } from './booking.js';
export { spendBalance, creditBalance, shopperBalance } from './balance.js';
export { balanceOf, post, PLATFORM, CLEARING, type Account, type Balance } from './ledger.js';
export { registerMoneySource, reconcile, type MoneyFlow } from './reconciliation.js';
