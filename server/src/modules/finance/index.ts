/** The finance module's public surface. */
import './policy.js';
import './routes.js';

export { bookPayment, bookRefund, settleOrder, feeOf, paymentPostings, refundPostings, type OrderMoney, type OrderLine, type RefundMoney, type RefundedLine } from './booking.js';
export { balanceLock, spendBalance, creditBalance, shopperBalance } from './balance.js';
export { balanceOf, post, PLATFORM, type Account } from './ledger.js';
export { registerMoneySource, reconcile, type MoneyFlow } from './reconciliation.js';
