import { expect } from 'chai';
import { contribute, contributionsTo, defineHook, installHooks, namedContribution, runAll, runEach, runSequence, type Verdict } from '../../server/src/core/hooks.js';

// each test owns its hook names: contributions are process-wide, as the modules' are
let n = 0;
const unique = (what: string) => `test.${what}.${++n}`;

describe('hooks: extension points with an order and a meaning', () => {
  it('runs a sequence by order, ties by name, whatever order the contributions were listed in', async () => {
    const price = defineHook<(total: number, label: string) => number>(unique('price'), 'sequence');
    const seen: string[] = [];
    installHooks([
      contribute(price, 'zeta', (t) => (seen.push('zeta'), t - 1), 20),
      contribute(price, 'alpha', (t) => (seen.push('alpha'), t - 2), 20),
      contribute(price, 'first', (t) => (seen.push('first'), t * 10), 10),
    ]);
    expect(await runSequence(price, 5, 'x')).to.equal(47);
    expect(seen).to.deep.equal(['first', 'alpha', 'zeta']);
  });

  it('agrees only when every contribution agrees, and names the first that refuses', async () => {
    const mayComplete = defineHook<(orderId: number) => Verdict | Promise<Verdict>>(unique('complete'), 'all');
    let asked = 0;
    installHooks([
      contribute(mayComplete, 'aftersales.open-cases', async (id) => (asked++, id === 7 ? { refused: 'an after-sales case is open' } : true), 10),
      contribute(mayComplete, 'refunds.in-flight', () => (asked++, true), 20),
    ]);
    expect(await runAll(mayComplete, 1)).to.deep.equal({ ok: true });
    asked = 0;
    expect(await runAll(mayComplete, 7)).to.deep.equal({ ok: false, by: 'aftersales.open-cases', reason: 'an after-sales case is open' });
    expect(asked, 'stops at the first refusal').to.equal(1);
  });

  it('agrees when nobody contributes', async () => {
    expect(await runAll(defineHook<() => Verdict>(unique('empty'), 'all'))).to.deep.equal({ ok: true });
  });

  it('runs each contribution and stops at a throw, so a transaction around it rolls all back', async () => {
    const react = defineHook<(log: string[]) => void>(unique('react'), 'each');
    installHooks([
      contribute(react, 'a', (log) => void log.push('a'), 1),
      contribute(react, 'b', () => { throw new Error('b failed'); }, 2),
      contribute(react, 'c', (log) => void log.push('c'), 3),
    ]);
    const log: string[] = [];
    let thrown: unknown;
    await runEach(react, log).catch((e: unknown) => (thrown = e));
    expect((thrown as Error).message).to.equal('b failed');
    expect(log).to.deep.equal(['a']);
  });

  it('looks a named contribution up by its name and refuses a second of the same name', () => {
    const purposes = defineHook<{ label: string }>(unique('purpose'), 'named');
    installHooks([contribute(purposes, 'order', { label: 'Order' }), contribute(purposes, 'recharge', { label: 'Top-up' })]);
    expect(namedContribution(purposes, 'recharge')).to.deep.equal({ label: 'Top-up' });
    expect(namedContribution(purposes, 'nothing')).to.equal(undefined);
    expect(() => installHooks([contribute(purposes, 'order', { label: 'again' })])).to.throw(/order contributes twice/);
    expect(contributionsTo(purposes).map((c) => c.name)).to.deep.equal(['order', 'recharge']);
  });

  it('refuses one hook name used with two kinds', () => {
    const name = unique('kind');
    installHooks([contribute(defineHook<() => void>(name, 'each'), 'a', () => undefined)]);
    expect(() => installHooks([contribute(defineHook<() => Verdict>(name, 'all'), 'b', () => true)])).to.throw(/both each and all/);
  });
});
