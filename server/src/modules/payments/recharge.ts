/** Topping up a shopper's balance through a gateway. */
import type { Ctx } from '../../core/context.js';
import { creditBalance, post, shopperBalance } from '../finance/index.js';
import { registerPurpose, startPayment, type PaymentView } from './service.js';
import type { PaymentMethod } from './model.js';
import type { PayerDetails } from './pay-request.js';

registerPurpose('recharge', {
  async onSucceeded(ctx, payment) {
    await creditBalance(ctx, payment.customerId, payment.amount, 'recharge', { type: 'payment', id: payment.id });
    return 'kept';
  },
  async onRefunded(ctx, refund, payment) {
    await post(ctx, [{ account: { type: 'shopper', id: payment.customerId }, bucket: 'available', amount: -refund.amount, kind: 'recharge_refund', refType: 'refund', refId: refund.id, dedupeKey: `refund:${refund.id}:recharge` }]);
  },
});

export async function recharge(ctx: Ctx, customerId: number, amount: number, method: Exclude<PaymentMethod, 'balance'>, payer: PayerDetails = {}): Promise<PaymentView> {
  return startPayment(ctx, { purpose: 'recharge', customerId, orderId: null, amount, method, description: '余额充值 Balance top-up', ...payer });
}

export { shopperBalance };
