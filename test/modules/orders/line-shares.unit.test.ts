/** How the quote spreads savings over lines (orders/quote.ts netLines, lineDiscounts) and what stacks (orders/stacking.ts). No database. */
import { expect } from 'chai';
import { lineDiscounts, netLines, type Adjustment } from '../../../server/src/modules/orders/quote.js';
import { linesTaken, stepApplies } from '../../../server/src/modules/orders/stacking.js';

const lines = [{ subtotal: 10_000 }, { subtotal: 5_000 }, { subtotal: 5_000 }];
const limited: Adjustment = { type: 'limited_price', label: '限时折扣', amount: -2_000, lines: [{ index: 0, amount: -2_000 }] };
const reduction: Adjustment = { type: 'full_reduction', label: '满100减30', amount: -3_000 };
const shipping: Adjustment = { type: 'free_shipping', label: '包邮券', amount: -800, onFreight: true };

describe('line shares of savings', () => {
  it('keeps a line-priced saving on its line and spreads an order saving over what each line still costs', () => {
    expect(netLines(lines, [limited])).to.deep.equal([8_000, 5_000, 5_000]);
    const net = netLines(lines, [limited, reduction]);
    expect(net.reduce((a, b) => a + b, 0)).to.equal(15_000);
    expect(net).to.deep.equal([6_667, 4_167, 4_166]);
  });

  it('leaves the goods alone for a saving on the freight, and still gives every fen of it to some line', () => {
    expect(netLines(lines, [shipping])).to.deep.equal([10_000, 5_000, 5_000]);
    const shares = lineDiscounts(lines, [limited, reduction, shipping], 5_800);
    expect(shares.reduce((a, b) => a + b, 0)).to.equal(5_800);
    expect(shares[0]).to.be.greaterThan(2_000);
  });

  it('never takes a line below zero when the savings are capped at the goods', () => {
    const huge: Adjustment = { type: 'coupon', label: 'big', amount: -30_000 };
    expect(netLines(lines, [huge])).to.deep.equal([0, 0, 0]);
    const shares = lineDiscounts(lines, [huge], 20_000);
    expect(shares).to.deep.equal([10_000, 5_000, 5_000]);
  });
});

describe('stacking', () => {
  it('gives an activity order its activity price only, and a normal order never the activity price', () => {
    expect(stepApplies('activity', { activity: { kind: 'flash_sale', id: 1 } })).to.equal(true);
    for (const step of ['limitedPrice', 'member', 'fullReduction', 'coupon', 'points', 'freeShipping'] as const) {
      expect(stepApplies(step, { activity: { kind: 'flash_sale', id: 1 } })).to.equal(false);
      expect(stepApplies(step, {})).to.equal(true);
    }
    expect(stepApplies('activity', {})).to.equal(false);
  });

  it('keeps the member discount off lines a limited price took', () => {
    expect([...linesTaken('member', [limited, reduction])]).to.deep.equal([0]);
    expect([...linesTaken('coupon', [limited])]).to.deep.equal([]);
  });
});
