/** The finance module's public surface. */
export { orderShares, type OrderShares, bookPayment, holdRefund, holdRechargeRefund, holdUnmatchedPayment, payOutRefund, releaseRefund, settleOrder, feeOf, paymentPostings, refundPostings, orderMoneyOf, orderKindOf, kindTotal, type OrderMoney, type OrderLine, type RefundMoney, type RefundedLine } from './booking.js';
export { spendBalance, creditBalance, shopperBalance } from './balance.js';
export { balanceOf, post, PLATFORM, CLEARING, type Account, type Balance, type Posting } from './ledger.js';
export { moneySources, reconcile, type MoneyFlow } from './reconciliation.js';
export { listWithdrawals } from './withdrawals.js';
