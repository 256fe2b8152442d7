import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { cache, RedisCache } from '../../server/src/core/cache.js';
import { clock } from '../../server/src/core/clock.js';
import { systemContext } from '../../server/src/core/context.js';
import { withTransaction } from '../../server/src/core/db/index.js';
import { nearCache } from '../../server/src/core/near-cache.js';
import { requireRedis } from '../support/engines.js';

/** A near cache of its own and a loader that counts its calls and returns the current value. */
function fixture(ttlSeconds = 60) {
  const c = nearCache<string>(`test-${Math.random()}`, { ttlSeconds, max: 3 });
  const source = { value: 'v1', loads: 0 };
  const load = async () => {
    source.loads += 1;
    return source.value;
  };
  return { c, source, load };
}

/** Waits until a condition holds (a message through Redis takes a moment). */
async function eventually(check: () => Promise<boolean> | boolean): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await sleep(20);
  }
  throw new Error('condition not reached');
}

describe('near cache', () => {
  const ctx = systemContext('test');

  it('keeps a loaded value until the key is invalidated, then loads again', async () => {
    const { c, source, load } = fixture();
    expect(await c.get(ctx, 'k', load)).to.equal('v1');
    source.value = 'v2';
    expect(await c.get(ctx, 'k', load)).to.equal('v1');
    expect(source.loads).to.equal(1);
    await c.invalidate(ctx, 'k');
    expect(await c.get(ctx, 'k', load)).to.equal('v2');
    expect(source.loads).to.equal(2);
  });

  it('invalidates when the change commits, not before, and not at all when it rolls back', async () => {
    const { c, source, load } = fixture();
    await c.get(ctx, 'k', load);
    source.value = 'v2';
    await withTransaction(ctx, async (tx) => {
      await c.invalidate(tx, 'k');
      expect(await c.get(ctx, 'k', load)).to.equal('v1');
    });
    expect(await c.get(ctx, 'k', load)).to.equal('v2');
    await withTransaction(ctx, async (tx) => {
      await c.invalidate(tx, 'k');
      throw new Error('rolled back');
    }).catch(() => undefined);
    source.value = 'v3';
    expect(await c.get(ctx, 'k', load)).to.equal('v2');
  });

  it('does not keep what a transaction loaded (its snapshot may be older than the last invalidation)', async () => {
    const { c, source, load } = fixture();
    await withTransaction(ctx, async (tx) => {
      expect(await c.get(tx, 'k', load)).to.equal('v1');
    });
    expect(await c.get(ctx, 'k', load)).to.equal('v1');
    expect(source.loads).to.equal(2);
  });

  it('does not keep a load that overlapped an invalidation', async () => {
    const { c, source } = fixture();
    let release!: () => void;
    const slow = c.get(ctx, 'k', async () => {
      source.loads += 1;
      await new Promise<void>((resolve) => (release = resolve));
      return 'old';
    });
    await eventually(() => source.loads === 1);
    await c.invalidate(ctx, 'k');
    release();
    expect(await slow).to.equal('old');
    source.value = 'new';
    expect(await c.get(ctx, 'k', async () => source.value)).to.equal('new');
  });

  it('does not keep a value its keep rule refuses ("not known yet"), and keeps the next', async () => {
    const c = nearCache<string | null>(`test-${Math.random()}`, { ttlSeconds: 60, max: 3, keep: (v) => v !== null });
    let loads = 0;
    let value: string | null = null;
    const load = async () => {
      loads += 1;
      return value;
    };
    expect(await c.get(ctx, 'k', load)).to.equal(null);
    value = 'known';
    expect(await c.get(ctx, 'k', load)).to.equal('known');
    expect(await c.get(ctx, 'k', load)).to.equal('known');
    expect(loads).to.equal(2);
  });

  it('expires entries and keeps at most max of them, dropping the oldest', async () => {
    const { c, source, load } = fixture(30);
    for (const k of ['a', 'b', 'c', 'd']) await c.get(ctx, k, load);
    expect(source.loads).to.equal(4);
    await c.get(ctx, 'd', load);
    expect(source.loads).to.equal(4);
    await c.get(ctx, 'a', load);
    expect(source.loads).to.equal(5);
    clock.travel(31_000);
    try {
      await c.get(ctx, 'a', load);
      expect(source.loads).to.equal(6);
    } finally {
      clock.reset();
    }
  });

  it('drops a key when another API node publishes its invalidation through Redis', async function () {
    requireRedis(this);
    const { c, source, load } = fixture();
    await c.get(ctx, 'k', load);
    const otherNode = new RedisCache(process.env.REDIS_URL!);
    try {
      await otherNode.publish('near-cache', `another-node\n${c.name}\nk`);
      source.value = 'v2';
      await eventually(async () => (await c.get(ctx, 'k', load)) === 'v2');
    } finally {
      await otherNode.close();
    }
  });

  it('forgets everything when its Redis subscriber reconnects (messages may have been lost)', async function () {
    requireRedis(this);
    const { c, source, load } = fixture();
    await c.get(ctx, 'k', load);
    source.value = 'v2';
    await cache().redis()!.client('KILL', 'TYPE', 'pubsub');
    await eventually(async () => (await c.get(ctx, 'k', load)) === 'v2');
  });
});
