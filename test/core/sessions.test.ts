import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { RedisCache } from '../../server/src/core/cache.js';
import { verifyToken } from '../../server/src/core/auth/tokens.js';
import { merchant, shopper } from '../factories/index.js';
import { requireRedis } from '../support/engines.js';
import { shopApi } from '../support/http.js';

/** Asks /shop/me until it answers `status` (a message through Redis takes a moment). */
async function eventuallyStatus(slug: string, token: string, status: number): Promise<void> {
  let last = 0;
  for (let i = 0; i < 100; i++) {
    last = (await shopApi(slug, token).get('/shop/me')).status;
    if (last === status) return;
    await sleep(20);
  }
  expect(last).to.equal(status);
}

describe('sign-in sessions cached in the process', () => {
  it('refuses a token at once after its sign-out, though the session was cached with the shopper', async () => {
    const m = await merchant();
    const s = await shopper(m.slug);
    // twice: the second answer comes from this process's cache
    expect((await shopApi(m.slug, s.token).get('/shop/me')).status).to.equal(200);
    expect((await shopApi(m.slug, s.token).get('/shop/me')).status).to.equal(200);
    expect((await shopApi(m.slug, s.token).post('/shop/auth/logout')).status).to.equal(200);
    expect((await shopApi(m.slug, s.token).get('/shop/me')).status).to.equal(401);
  });

  it('refuses a token revoked by another API node, told through Redis', async function () {
    requireRedis(this);
    const m = await merchant();
    const s = await shopper(m.slug);
    expect((await shopApi(m.slug, s.token).get('/shop/me')).status).to.equal(200);
    const sid = verifyToken(s.token)!.sid;
    // what another node's revocation does once it commits: the shared entry, then the near caches' channel
    const otherNode = new RedisCache(process.env.REDIS_URL!);
    try {
      await otherNode.set(`sess:${sid}`, 'revoked', 60);
      await otherNode.publish('near-cache', `another-node\nsessions\n${sid}`);
      await eventuallyStatus(m.slug, s.token, 401);
    } finally {
      await otherNode.close();
    }
  });
});
