/** Full reductions' arithmetic and the adjusters' stacking guard (promotions/tiers.ts, adjusters.ts). No database. */
import { expect } from 'chai';
import type { Ctx } from '../../../server/src/core/context.js';
import { fullReductionAdjuster, limitedPriceAdjuster } from '../../../server/src/modules/promotions/adjusters.js';
import { bestTier, chooseReductions, nextTier, tierLabel, tierSaving, yuan } from '../../../server/src/modules/promotions/tiers.js';

const tiers = [
  { threshold: 19_900, amountOff: 3_000 },
  { threshold: 29_900, amountOff: 6_000 },
];

describe('full reduction tiers', () => {
  it('words tiers as the shop does', () => {
    expect([yuan(19_900), yuan(19_950), yuan(1_999), yuan(100)]).to.deep.equal(['199', '199.5', '19.99', '1']);
    expect(tiers.map(tierLabel)).to.deep.equal(['满199减30', '满299减60']);
    expect(tierLabel({ threshold: 20_000, percentOff: 15 })).to.equal('满200打8.5折');
  });

  it('applies the best reached tier, and a percentage rounded down to the fen', () => {
    expect(bestTier(tiers, 19_899)).to.equal(null);
    expect(bestTier(tiers, 19_900)?.saving).to.equal(3_000);
    expect(bestTier(tiers, 40_000)?.saving).to.equal(6_000);
    expect(tierSaving({ threshold: 100, percentOff: 15 }, 999)).to.equal(149);
    // a percent tier below a bigger amount tier: the one that saves more wins
    expect(bestTier([{ threshold: 10_000, amountOff: 3_000 }, { threshold: 12_000, percentOff: 10 }], 13_000)?.saving).to.equal(3_000);
  });

  it('names the next tier and what is missing', () => {
    expect(nextTier(tiers, 17_040)).to.deep.equal({ tier: tiers[0], missing: 2_860 });
    expect(nextTier(tiers, 23_000)).to.deep.equal({ tier: tiers[1], missing: 6_900 });
    expect(nextTier(tiers, 30_000)).to.equal(null);
  });

  it('counts each line for one reduction: the larger saving first, a tie to the older reduction', () => {
    const net = [20_000, 10_000, 10_000];
    const chosen = chooseReductions(
      [
        { id: 3, tiers: [{ threshold: 40_000, amountOff: 5_000 }], lines: [0, 1, 2] },
        { id: 2, tiers: [{ threshold: 10_000, amountOff: 1_000 }], lines: [2] },
        { id: 1, tiers: [{ threshold: 20_000, percentOff: 20 }], lines: [0, 1] },
      ],
      net,
    );
    expect(chosen.map((c) => [c.id, c.saving, c.lines])).to.deep.equal([
      [1, 6_000, [0, 1]],
      [2, 1_000, [2]],
    ]);
    const tie = chooseReductions(
      [
        { id: 9, tiers: [{ threshold: 100, amountOff: 50 }], lines: [0] },
        { id: 4, tiers: [{ threshold: 100, amountOff: 50 }], lines: [0] },
      ],
      [1_000],
    );
    expect(tie.map((c) => c.id)).to.deep.equal([4]);
  });

  it('stays out of an order bought through an activity, before reading anything', async () => {
    const ctx = {} as Ctx;
    const quote = { lines: [], goodsAmount: 0, freightAmount: 0, adjustments: [] };
    const input = { items: [], address: null, delivery: 'express' as const, customerId: 1, activity: { kind: 'flash_sale', id: 1 } };
    expect(await limitedPriceAdjuster.adjust(ctx, quote, input)).to.deep.equal([]);
    expect(await fullReductionAdjuster.adjust(ctx, quote, input)).to.deep.equal([]);
  });
});
