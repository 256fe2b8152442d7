/** Quote adjusters (orders/quote.ts runAdjusters over the quoteAdjusters hook): order, what each sees, what each may give. No database. */
import { expect } from 'chai';
import type { Ctx } from '../../../server/src/core/context.js';
import { contribute, contributionsTo, defineHook, installHooks } from '../../../server/src/core/hooks.js';
import type { QuoteAdjuster } from '../../../server/src/modules/orders/hooks.js';
import { runAdjusters, type QuoteInput, type QuoteSoFar } from '../../../server/src/modules/orders/quote.js';

const ctx = {} as Ctx;
const input = { items: [], address: null, delivery: 'express', customerId: 1 } as QuoteInput;
const priced: Omit<QuoteSoFar, 'adjustments'> = { lines: [], goodsAmount: 10_000, freightAmount: 800 };

let n = 0;
/** A hook of its own per test, shaped like quoteAdjusters: contributions are process-wide. */
const adjusterHook = () => defineHook<QuoteAdjuster>(`test.adjusters.${++n}`, 'sequence');

/** An adjuster that takes a fixed amount off and notes what it saw before it. */
function takesOff(amount: number, seen: string[][]): QuoteAdjuster {
  return {
    async adjust(_ctx, soFar) {
      seen.push(soFar.adjustments.map((a) => `${a.source}:${a.amount}`));
      return [{ type: 'test', label: `-${amount}`, amount: -amount }];
    },
  };
}

describe('quote adjusters', () => {
  it('run by their order, ties by name, whatever order they were installed in, each seeing the ones before it', async () => {
    const hook = adjusterHook();
    const seen: string[][] = [];
    installHooks([contribute(hook, 'points', takesOff(100, seen), 30), contribute(hook, 'member-price', takesOff(500, seen), 10), contribute(hook, 'coupon', takesOff(200, seen), 30)]);
    const adjustments = await runAdjusters(contributionsTo(hook), ctx, priced, input);
    expect(adjustments.map((a) => [a.source, a.amount])).to.deep.equal([
      ['member-price', -500],
      ['coupon', -200],
      ['points', -100],
    ]);
    expect(seen).to.deep.equal([[], ['member-price:-500'], ['member-price:-500', 'coupon:-200']]);
  });

  it('cannot change what an earlier adjuster gave', async () => {
    const hook = adjusterHook();
    const meddler: QuoteAdjuster = {
      async adjust(_ctx, soFar) {
        (soFar.adjustments as unknown as unknown[]).length = 0;
        return [];
      },
    };
    installHooks([contribute(hook, 'first', takesOff(300, []), 10), contribute(hook, 'meddler', meddler, 20)]);
    expect((await runAdjusters(contributionsTo(hook), ctx, priced, input)).map((a) => a.amount)).to.deep.equal([-300]);
  });

  it('refuses an adjuster that charges more or gives part of a fen', async () => {
    const charges: QuoteAdjuster = { adjust: async () => [{ type: 'test', label: 'surcharge', amount: 100 }] };
    const fraction: QuoteAdjuster = { adjust: async () => [{ type: 'test', label: 'half', amount: -0.5 }] };
    for (const [name, adjuster] of [['charges', charges], ['fraction', fraction]] as const) {
      const hook = adjusterHook();
      installHooks([contribute(hook, name, adjuster)]);
      let error: Error | undefined;
      await runAdjusters(contributionsTo(hook), ctx, priced, input).catch((err: Error) => (error = err));
      expect(error?.message).to.contain(`adjuster ${name}`);
    }
  });
});
