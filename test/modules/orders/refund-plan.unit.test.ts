/** Refund planning (orders/refunds.ts planRefund): how a refund splits over lines and freight. Pure rules, no database. */
import { expect } from 'chai';
import { AppError } from '../../../server/src/core/errors.js';
import type { Fulfillment, Order, OrderItem } from '../../../server/src/modules/orders/model.js';
import { planRefund } from '../../../server/src/modules/orders/refunds.js';

const order = (status = 'paid') => ({ id: 1, status }) as Order;

/** A line of `quantity` units paid `paid` in all, nothing shipped or refunded unless said. */
function item(id: number, quantity: number, paid: number, more: Partial<OrderItem> = {}): OrderItem {
  return { id, quantity, paid, shippedQuantity: 0, refundedQuantity: 0, refundedAmount: 0, refundingQuantity: 0, refundingAmount: 0, cancelledQuantity: 0, cancellingQuantity: 0, ...more } as OrderItem;
}

const fulfillment = (id: number, freightAmount: number, freightRefunded = 0) => ({ id, freightAmount, freightRefunded }) as Fulfillment;

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('refund planning', () => {
  it('gives back every line and the freight when it takes everything before anything shipped', () => {
    const { plan, total } = planRefund(order(), [item(1, 2, 3000), item(2, 1, 1500)], [fulfillment(7, 800)], {});
    expect(plan.lines).to.deep.equal([
      { orderItemId: 1, quantity: 2, amount: 3000, cancel: 2 },
      { orderItemId: 2, quantity: 1, amount: 1500, cancel: 1 },
    ]);
    expect(plan.freight).to.deep.equal([{ fulfillmentId: 7, amount: 800 }]);
    expect(total).to.equal(5300);
  });

  it('keeps the freight once anything shipped, and cancels only units still to ship', () => {
    const { plan, total } = planRefund(order('shipped'), [item(1, 2, 3000, { shippedQuantity: 1 })], [fulfillment(7, 800)], {});
    expect(plan).to.deep.equal({ lines: [{ orderItemId: 1, quantity: 2, amount: 3000, cancel: 1 }], freight: [] });
    expect(total).to.equal(3000);
  });

  it('gives some units their share of the line, rounded down, and the last units what is left', () => {
    const items = [item(1, 3, 1000)];
    expect(planRefund(order(), items, [], { items: [{ orderItemId: 1, quantity: 1 }] }).total).to.equal(333);
    expect(planRefund(order(), [item(1, 3, 1000, { refundedQuantity: 2, refundedAmount: 666 })], [], { items: [{ orderItemId: 1, quantity: 1 }] }).total).to.equal(334);
  });

  it('counts a line listed twice twice, and refuses when the sum is more than is left, naming where the line first appears', () => {
    const { plan } = planRefund(order(), [item(1, 3, 3000)], [], { items: [{ orderItemId: 1, quantity: 1 }, { orderItemId: 1, quantity: 1 }] });
    expect(plan.lines).to.deep.equal([{ orderItemId: 1, quantity: 2, amount: 2000, cancel: 2 }]);
    const tooMany = refusal(() => planRefund(order(), [item(1, 3, 3000)], [], { items: [{ orderItemId: 1, quantity: 2 }, { orderItemId: 1, quantity: 2 }] }));
    expect(tooMany.status).to.equal(400);
    expect(JSON.stringify(tooMany.details)).to.contain('items[0].quantity');
  });

  it('leaves out what refunds in flight hold', () => {
    const held = item(1, 2, 3000, { refundingQuantity: 1, refundingAmount: 1500, cancellingQuantity: 1 });
    expect(planRefund(order(), [held], [], {}).plan.lines).to.deep.equal([{ orderItemId: 1, quantity: 1, amount: 1500, cancel: 1 }]);
  });

  it('spreads a smaller amount over the goods in proportion and counts no unit as refunded', () => {
    const { plan, total } = planRefund(order(), [item(1, 1, 3000), item(2, 1, 1000)], [fulfillment(7, 800)], { amount: 1000 });
    expect(total).to.equal(1000);
    expect(plan.lines).to.deep.equal([
      { orderItemId: 1, quantity: 0, amount: 750, cancel: 0 },
      { orderItemId: 2, quantity: 0, amount: 250, cancel: 0 },
    ]);
    expect(plan.freight, 'freight only once the goods are whole').to.deep.equal([]);
  });

  it('takes the freight only for what an amount leaves over after the goods', () => {
    const { plan } = planRefund(order(), [item(1, 1, 3000)], [fulfillment(7, 800)], { amount: 3500 });
    expect(plan.freight).to.deep.equal([{ fulfillmentId: 7, amount: 500 }]);
    expect(refusal(() => planRefund(order(), [item(1, 1, 3000)], [fulfillment(7, 800)], { amount: 3801 })).code).to.equal('refund_exceeds_payment');
  });

  it('gives money back without units for a shopper who keeps the goods, and units back without cancelling for a return', () => {
    expect(planRefund(order('received'), [item(1, 1, 3000, { shippedQuantity: 1 })], [], { moneyOnly: true }).plan.lines).to.deep.equal([{ orderItemId: 1, quantity: 0, amount: 3000, cancel: 0 }]);
    expect(planRefund(order('paid'), [item(1, 2, 3000)], [], { goodsBack: true, items: [{ orderItemId: 1, quantity: 1 }] }).plan.lines).to.deep.equal([{ orderItemId: 1, quantity: 1, amount: 1500, cancel: 0 }]);
  });

  it('refuses an order that was never paid, and one with nothing left to refund', () => {
    expect(refusal(() => planRefund(order('pending_payment'), [item(1, 1, 0)], [], {})).status).to.equal(409);
    expect(refusal(() => planRefund(order(), [item(1, 1, 3000, { refundedQuantity: 1, refundedAmount: 3000 })], [], {})).code).to.equal('refund_exceeds_payment');
  });
});
