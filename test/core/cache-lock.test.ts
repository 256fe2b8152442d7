import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { cache, MemoryCache, RedisCache } from '../../server/src/core/cache.js';
import { withLock } from '../../server/src/core/lock.js';
import { requireRedis, usingRedis } from '../support/engines.js';

describe('cache and locks', () => {
  it(`uses ${usingRedis ? 'Redis' : 'the in-process cache'} in this run`, () => {
    expect(cache().kind).to.equal(usingRedis ? 'redis' : 'memory');
  });

  it('counts with a time to live and sets a key only when absent', async () => {
    const key = `t:${Math.random()}`;
    expect(await cache().incr(key, 60)).to.equal(1);
    expect(await cache().incr(key, 60, 4)).to.equal(5);
    expect(await cache().ttlSeconds(key)).to.be.within(1, 60);
    expect(await cache().setIfAbsent(`${key}:nx`, 'a', 10_000)).to.equal(true);
    expect(await cache().setIfAbsent(`${key}:nx`, 'b', 10_000)).to.equal(false);
    expect(await cache().delIfEquals(`${key}:nx`, 'b')).to.equal(false);
    expect(await cache().delIfEquals(`${key}:nx`, 'a')).to.equal(true);
  });

  it('expires entries in the in-process cache', async () => {
    let now = 1_000;
    const c = new MemoryCache(() => now);
    await c.set('k', 'v', 1);
    expect(await c.get('k')).to.equal('v');
    now += 1_001;
    expect(await c.get('k')).to.equal(null);
    await c.close();
  });

  it('lets one holder at a time run under a lock', async () => {
    const name = `l:${Math.random()}`;
    let inside = 0;
    let maxInside = 0;
    await Promise.all(
      Array.from({ length: 8 }, () =>
        withLock(name, async () => {
          inside += 1;
          maxInside = Math.max(maxInside, inside);
          await sleep(5);
          inside -= 1;
        }),
      ),
    );
    expect(maxInside).to.equal(1);
  });

  it('shares counters between two Redis clients (two API nodes)', async function () {
    requireRedis(this);
    const other = new RedisCache(process.env.REDIS_URL!);
    const key = `shared:${Math.random()}`;
    await cache().incr(key, 60);
    expect(await other.incr(key, 60)).to.equal(2);
    await other.close();
  });
});
