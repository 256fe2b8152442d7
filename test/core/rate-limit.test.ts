import { expect } from 'chai';
import { clock } from '../../server/src/core/clock.js';
import { config } from '../../server/src/core/config.js';
import { api, shopApi } from '../support/http.js';
import { merchant, uniq } from '../factories/index.js';

describe('rate limits', () => {
  let saved: ReturnType<typeof config>['rateLimits'];
  beforeEach(() => {
    saved = { ...config().rateLimits };
    Object.assign(config().rateLimits, { enabled: true, signInPerIpPerMinute: 3, signUpPerIpPerHour: 2 });
    // a fresh fixed window for every test: counters of earlier tests stay in theirs
    clock.freeze(new Date(Date.UTC(2030, 0, 1 + Math.floor(Math.random() * 3000), 0, 0, 0)));
  });
  afterEach(() => {
    Object.assign(config().rateLimits, saved);
  });

  it('answers 429 rate_limited with Retry-After after too many sign-ins from one address', async () => {
    const m = await merchant();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await shopApi(m.slug).post('/admin/auth/login').send({ email: `${uniq('n')}@x.cn`, password: 'wrong' });
      statuses.push(res.status);
      if (i === 3) {
        expect(res.body.error.code).to.equal('rate_limited');
        expect(Number(res.headers['retry-after'])).to.be.within(1, 60);
      }
    }
    expect(statuses).to.deep.equal([401, 401, 401, 429]);
    clock.travel(61_000);
    const later = await shopApi(m.slug).post('/admin/auth/login').send({ email: m.email, password: m.password });
    expect(later.status).to.equal(200);
  });

  it('limits merchant sign-ups per client address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const slug = uniq('rl');
      statuses.push((await api().post('/merchants/signup').send({ storeName: 'x', slug, email: `${slug}@x.cn`, password: 'Owner#2026' })).status);
    }
    expect(statuses).to.deep.equal([201, 201, 429]);
  });

  it('is off when RATE_LIMITS=off', async () => {
    config().rateLimits.enabled = false;
    const m = await merchant();
    for (let i = 0; i < 5; i++) expect((await shopApi(m.slug).post('/admin/auth/login').send({ email: `${uniq('n')}@x.cn`, password: 'wrong' })).status).to.equal(401);
  });
});
