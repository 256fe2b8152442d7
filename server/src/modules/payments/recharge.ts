/** Topping up a shopper's balance through a gateway. */
import type { Ctx } from '../../core/context.js';
import { creditBalance, holdRechargeRefund, shopperBalance } from '../finance/index.js';
import { contribute } from '../../core/hooks.js';
import { paymentPurposes } from './hooks.js';
import { startPayment, type PaymentView } from './service.js';
import type { PaymentMethod } from './model.js';
import type { PayerDetails } from './pay-request.js';

export const rechargePurpose = contribute(paymentPurposes, 'recharge', {
  async onSucceeded(ctx, payment) {
    await creditBalance(ctx, payment.customerId, payment.amount, 'recharge', { type: 'payment', id: payment.id });
    return 'kept';
  },
  /** A recharge comes back only while the balance still holds it. */
  async onRefundRequested(ctx, refund, payment) {
    await holdRechargeRefund(ctx, payment.customerId, refund.id, refund.amount);
  },
  async onRefunded() {},
  async onRefundFailed() {},
});

export async function recharge(ctx: Ctx, customerId: number, amount: number, method: Exclude<PaymentMethod, 'balance' | 'till'>, payer: PayerDetails = {}): Promise<PaymentView> {
  return startPayment(ctx, { purpose: 'recharge', customerId, orderId: null, amount, method, description: '余额充值 Balance top-up', ...payer });
}

export { shopperBalance };
