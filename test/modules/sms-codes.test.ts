import { expect } from 'chai';
import { clock } from '../../server/src/core/clock.js';
import { config } from '../../server/src/core/config.js';
import { shopApi } from '../support/http.js';
import { lastSmsCode, merchant, shopper, uniqPhone, type TestMerchant } from '../factories/index.js';

const wrongFor = (code: string, i: number) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0');

describe('SMS codes under racing guesses', function () {
  this.timeout(60_000);
  let m: TestMerchant;

  before(async () => {
    m = await merchant();
  });

  it('gives 25 racing wrong guesses five tries between them, and then refuses the right code too', async () => {
    const s = await shopper(m.slug);
    await shopApi(m.slug).post('/shop/auth/sms-code').send({ phone: s.phone, purpose: 'reset' });
    const code = await lastSmsCode(s.phone);
    const guesses = await Promise.all(
      Array.from({ length: 25 }, (_, i) => shopApi(m.slug).post('/shop/auth/password-reset').send({ phone: s.phone, code: wrongFor(code, i), password: 'Taken#2026' })),
    );
    expect(guesses.map((g) => g.status)).to.deep.equal(Array(25).fill(400));
    const right = await shopApi(m.slug).post('/shop/auth/password-reset').send({ phone: s.phone, code, password: 'Taken#2026' });
    expect(right.status, 'the right code after the tries ran out').to.equal(400);
    expect(right.body.error.code).to.equal('sms_code_invalid');
    expect((await shopApi(m.slug).post('/shop/auth/login').send({ phone: s.phone, password: s.password })).status, 'the password did not change').to.equal(200);
  });

  it('refuses the right phone-binding code after 20 racing wrong ones, and binds nothing', async () => {
    const s = await shopper(m.slug);
    const phone = uniqPhone();
    await shopApi(m.slug).post('/shop/auth/sms-code').send({ phone, purpose: 'bind' });
    const code = await lastSmsCode(phone);
    const guesses = await Promise.all(Array.from({ length: 20 }, (_, i) => shopApi(m.slug, s.token).put('/shop/me/phone').send({ phone, code: wrongFor(code, i) })));
    expect(guesses.every((g) => g.status === 400)).to.equal(true);
    expect((await shopApi(m.slug, s.token).put('/shop/me/phone').send({ phone, code })).status).to.equal(400);
    expect((await shopApi(m.slug, s.token).get('/shop/me')).body.phone).to.equal(s.phone);
  });

  it('lets a right code work once, even sent twice at the same moment', async () => {
    const s = await shopper(m.slug);
    await shopApi(m.slug).post('/shop/auth/sms-code').send({ phone: s.phone, purpose: 'reset' });
    const code = await lastSmsCode(s.phone);
    const both = await Promise.all(['Newer#2026a', 'Newer#2026b'].map((password) => shopApi(m.slug).post('/shop/auth/password-reset').send({ phone: s.phone, code, password })));
    expect(both.map((r) => r.status).sort()).to.deep.equal([200, 400]);
  });

  it('limits phone-binding tries per shopper', async () => {
    const saved = config().rateLimits.enabled;
    config().rateLimits.enabled = true;
    clock.freeze(new Date(Date.UTC(2031, 0, 1 + Math.floor(Math.random() * 3000))));
    try {
      const s = await shopper(m.slug);
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) statuses.push((await shopApi(m.slug, s.token).put('/shop/me/phone').send({ phone: uniqPhone(), code: '123456' })).status);
      expect(statuses).to.deep.equal([...Array(10).fill(400), 429]);
    } finally {
      config().rateLimits.enabled = saved;
    }
  });
});
