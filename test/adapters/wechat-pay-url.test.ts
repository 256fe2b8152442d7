import { expect } from 'chai';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { config } from '../../server/src/core/config.js';
import { api, shopApi } from '../support/http.js';
import { addressOf, merchant, staffWith, type TestMerchant } from '../factories/index.js';
import { fakeHttp, json, type FakeHttp } from './fake-servers.js';

/**
 * A shop's staff member with the payments permission sets the WeChat Pay gateway URL. Pointed at
 * an internal service, the server would send it signed requests and hand its answers back.
 */
describe('a shop\'s WeChat Pay gateway URL, set by its staff', () => {
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let internal: FakeHttp;
  let m: TestMerchant;
  let allowPrivate: boolean;
  let env: string;

  const account = (baseUrl: string) => ({
    mode: 'direct',
    mchid: '1900000109',
    appid: undefined as string | undefined,
    serialNo: randomBytes(20).toString('hex').toUpperCase(),
    privateKeyPem: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    apiV3Key: randomBytes(16).toString('hex'),
    baseUrl,
  });

  before(async () => {
    // an internal admin service: it answers whatever it is sent, unsigned, with words of its own
    internal = await fakeHttp((_req, res) => json(res, 400, { code: 'INTERNAL_ADMIN_CODE', message: 'db password is hunter2' }));
    m = await merchant();
  });
  after(() => internal.close());
  beforeEach(() => {
    allowPrivate = config().outbound.allowPrivate;
    env = config().env;
    config().outbound.allowPrivate = false;
    internal.requests.length = 0;
  });
  afterEach(() => {
    config().outbound.allowPrivate = allowPrivate;
    (config() as { env: string }).env = env;
  });

  it('refuses loopback, private and link-local gateway addresses with a 400 naming baseUrl', async () => {
    const staff = await staffWith(m, ['payments.configure']);
    const port = new URL(internal.url).port;
    for (const baseUrl of [internal.url, `http://localhost:${port}`, `http://[::ffff:127.0.0.1]:${port}`, 'http://169.254.169.254/latest/meta-data', 'http://10.0.0.5/']) {
      const res = await shopApi(m.slug, staff.token).put('/admin/payment-accounts/wechat').send(account(baseUrl));
      expect(res.status, `${baseUrl}: ${JSON.stringify(res.body)}`).to.equal(400);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).to.deep.equal(['baseUrl']);
    }
    expect(internal.requests).to.deep.equal([]);
  });

  it('takes only WeChat Pay\'s documented hosts in production', async () => {
    (config() as { env: string }).env = 'production';
    const refused = await shopApi(m.slug, m.token).put('/admin/payment-accounts/wechat').send(account('https://pay.example.com'));
    expect(refused.status).to.equal(400);
    expect(refused.body.error.details[0]).to.include({ field: 'baseUrl' });
    expect(refused.body.error.details[0].message).to.contain('api.mch.weixin.qq.com');
    const documented = await shopApi(m.slug, m.token).put('/admin/payment-accounts/wechat').send(account('https://api2.mch.weixin.qq.com'));
    expect(documented.status, JSON.stringify(documented.body)).to.equal(200);
  });

  it('never calls an internal address saved before, and never shows a shopper or the shop what an unsigned gateway said', async () => {
    const shop = await merchant();
    const owner = shopApi(shop.slug, shop.token);
    const appid = `wx${randomBytes(8).toString('hex')}`;
    await owner.post('/admin/store/apps').send({ appid, channel: 'wechat_mp', secret: 'a'.repeat(32) });
    // saved while the guard allowed local gateways (the embedded mode), then the guard is on
    config().outbound.allowPrivate = true;
    expect((await owner.put('/admin/payment-accounts/wechat').send({ ...account(internal.url), appid })).status).to.equal(200);
    const goods = await owner.post('/admin/own-products').send({ title: '网关测试品', skus: [{ specs: {}, price: 990, stock: 10 }] });
    const login = await api({ appId: appid }).post('/shop/auth/wechat').send({ code: 'gateway-url-code' });
    const shopper = api({ appId: appid, token: login.body.token });
    const addressId = await addressOf(shop.slug, login.body.token);
    const order = await shopper.post('/shop/orders').send({ items: [{ skuId: goods.body.product.skus[0].id, quantity: 1 }], addressId });

    // with local gateways allowed, the internal service answers, but its words stay in our log
    const echoed = await shopper.post(`/shop/orders/${order.body.id}/pay`).send({ method: 'wechat' });
    expect(echoed.status).to.equal(502);
    expect(internal.requests).to.have.length(1);
    expect(JSON.stringify(echoed.body)).to.not.contain('hunter2').and.not.contain('INTERNAL_ADMIN_CODE');

    config().outbound.allowPrivate = false;
    const guarded = await shopper.post(`/shop/orders/${order.body.id}/pay`).send({ method: 'wechat' });
    expect(guarded.status).to.equal(502);
    expect(guarded.body.error.code).to.equal('wechat_pay_error');
    expect(internal.requests, 'the internal service was not called again').to.have.length(1);
  });
});
