import { expect } from 'chai';
import { generateKeyPairSync } from 'node:crypto';
import request from 'supertest';
import { clock, minutes } from '../../server/src/core/clock.js';
import { config } from '../../server/src/core/config.js';
import { runDueJobs } from '../../server/src/core/jobs.js';
import { api, shopApi, tenantHost, testApp } from '../support/http.js';
import { startServer } from '../support/server.js';
import { addressOf, merchant, shopper, type TestMerchant } from '../factories/index.js';
import { fakeAlipay, type FakeAlipay, type Notification } from './fake-alipay.js';

describe('paying with Alipay in a browser, end to end against a gateway that checks signatures', () => {
  const app = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const appId = '2021004100000002';
  const sellerId = '2088102100000002';
  let fake: FakeAlipay;

  before(async () => {
    fake = await fakeAlipay({ appId, appPublicKey: app.publicKey, sellerId });
  });
  after(() => fake.close());
  afterEach(() => {
    fake.signing = 'genuine';
    clock.reset();
  });

  const privateKey = () => app.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const notify = (tenantId: number, n: Notification) => request(testApp()).post(`/api/v1/payments/notify/alipay/${tenantId}`).set('Content-Type', n.contentType).send(n.body);
  const outTradeNoOf = (redirectUrl: string) => JSON.parse(new URL(redirectUrl).searchParams.get('biz_content')!).out_trade_no as string;

  async function shopWithAlipay(): Promise<TestMerchant> {
    const m = await merchant();
    const set = await shopApi(m.slug, m.token).put('/admin/payment-accounts/alipay').send({ appId, sellerId, privateKey: privateKey(), alipayPublicKey: fake.alipayPublicKey, gateway: fake.gateway });
    expect(set.status, JSON.stringify(set.body)).to.equal(200);
    return m;
  }

  async function orderOf(m: TestMerchant, price = 2590, quantity = 2) {
    const goods = await shopApi(m.slug, m.token).post('/admin/own-products').send({ title: '支付宝测试品', skus: [{ specs: {}, price, stock: 50 }] });
    const s = await shopper(m.slug);
    const addressId = await addressOf(m.slug, s.token);
    const placed = await shopApi(m.slug, s.token).post('/shop/orders').send({ items: [{ skuId: goods.body.product.skus[0].id, quantity }], addressId });
    expect(placed.status, JSON.stringify(placed.body)).to.equal(201);
    return { s, order: placed.body as { id: number; payAmount: number } };
  }

  it('keeps the shop\'s Alipay keys to itself and refuses keys that are not keys, naming the field', async () => {
    const m = await merchant();
    const owner = shopApi(m.slug, m.token);
    expect((await owner.get('/admin/payment-accounts/alipay')).body).to.deep.equal({ source: null, appId: null, sellerId: null, hasKeys: false });
    const noKeys = await owner.put('/admin/payment-accounts/alipay').send({ appId });
    expect(noKeys.status).to.equal(400);
    expect(noKeys.body.error.details[0].field).to.equal('privateKey');
    const badKey = await owner.put('/admin/payment-accounts/alipay').send({ appId, privateKey: 'x'.repeat(200), alipayPublicKey: fake.alipayPublicKey });
    expect(badKey.status).to.equal(400);
    expect(badKey.body.error.details).to.deep.equal([{ field: 'privateKey', message: 'not an RSA private key (PEM or base64)', code: 'invalid_format' }]);
    const badAppId = await owner.put('/admin/payment-accounts/alipay').send({ appId: 'wx123', privateKey: privateKey(), alipayPublicKey: fake.alipayPublicKey });
    expect(badAppId.body.error.details[0].field).to.equal('appId');

    const set = await owner.put('/admin/payment-accounts/alipay').send({ appId, privateKey: privateKey(), alipayPublicKey: fake.alipayPublicKey, gateway: fake.gateway });
    expect(set.body).to.deep.equal({ source: 'shop', appId, sellerId: null, hasKeys: true });
    // a new seller id keeps the keys already stored
    const again = await owner.put('/admin/payment-accounts/alipay').send({ appId, sellerId });
    expect(again.body).to.deep.equal({ source: 'shop', appId, sellerId, hasKeys: true });
    const read = await owner.get('/admin/payment-accounts/alipay');
    expect(JSON.stringify(read.body)).to.not.match(/PRIVATE|MII/);
    const s = await shopper(m.slug);
    expect((await shopApi(m.slug, s.token).get('/admin/payment-accounts/alipay')).status, 'not for shoppers').to.equal(401);
  });

  it('takes a gateway URL only where the outbound guard allows it: no private address, and in production only Alipay\'s hosts', async () => {
    const m = await merchant();
    const saved = { allowPrivate: config().outbound.allowPrivate, env: config().env };
    const put = (gateway: string) => shopApi(m.slug, m.token).put('/admin/payment-accounts/alipay').send({ appId, privateKey: privateKey(), alipayPublicKey: fake.alipayPublicKey, gateway });
    try {
      config().outbound.allowPrivate = false;
      for (const gateway of [fake.gateway, 'http://169.254.169.254/gateway.do', 'http://10.0.0.5/gateway.do']) {
        const refused = await put(gateway);
        expect(refused.status, gateway).to.equal(400);
        expect(refused.body.error.details.map((d: { field: string }) => d.field)).to.deep.equal(['gateway']);
      }
      (config() as { env: string }).env = 'production';
      expect((await put('https://pay.example.com/gateway.do')).status).to.equal(400);
      expect((await put('https://openapi-sandbox.dl.alipaydev.com/gateway.do')).status).to.equal(200);
    } finally {
      config().outbound.allowPrivate = saved.allowPrivate;
      (config() as { env: string }).env = saved.env;
    }
  });

  it('offers each shop only what it can take: its own gateways, the balance, the sandbox while it is on', async () => {
    const withAlipay = await shopWithAlipay();
    const plain = await merchant();
    const a = await shopper(withAlipay.slug);
    const b = await shopper(plain.slug);
    const offered = await shopApi(withAlipay.slug, a.token).get('/shop/payment-methods');
    expect(offered.status, JSON.stringify(offered.body)).to.equal(200);
    expect(offered.body).to.deep.equal({
      methods: [{ method: 'sandbox', scenes: [] }, { method: 'alipay', scenes: ['wap', 'page'] }, { method: 'balance', scenes: [] }],
      balance: 0,
      sandbox: true,
    });
    expect((await shopApi(plain.slug, b.token).get('/shop/payment-methods')).body.methods.map((x: { method: string }) => x.method)).to.deep.equal(['sandbox', 'balance']);

    const { s, order } = await orderOf(plain);
    const refused = await shopApi(plain.slug, s.token).post(`/shop/orders/${order.id}/pay`).send({ method: 'alipay', scene: 'wap' });
    expect(refused.status).to.equal(409);
    expect(refused.body.error.code).to.equal('method_unavailable');
    for (const [body, field] of [[{ method: 'alipay', scene: 'h5' }, 'scene'], [{ method: 'balance', scene: 'wap' }, 'scene'], [{ method: 'unionpay' }, 'method']] as const) {
      const bad = await shopApi(plain.slug, s.token).post(`/shop/orders/${order.id}/pay`).send(body);
      expect(bad.status, JSON.stringify(body)).to.equal(400);
      expect(bad.body.error.details[0].field).to.equal(field);
    }
  });

  it('falls back to the platform\'s default Alipay app from ALIPAY_* for a shop without its own', async () => {
    const m = await merchant();
    const s = await shopper(m.slug);
    const env = { ALIPAY_APP_ID: appId, ALIPAY_PRIVATE_KEY: privateKey(), ALIPAY_PUBLIC_KEY: fake.alipayPublicKey, ALIPAY_GATEWAY: fake.gateway };
    Object.assign(process.env, env);
    try {
      expect((await shopApi(m.slug, m.token).get('/admin/payment-accounts/alipay')).body).to.include({ source: 'platform', appId });
      const { order, s: buyer } = await orderOf(m);
      const pay = await shopApi(m.slug, buyer.token).post(`/shop/orders/${order.id}/pay`).send({ method: 'alipay', scene: 'page' });
      expect(pay.status, JSON.stringify(pay.body)).to.equal(200);
      expect(new URL(pay.body.redirectUrl).searchParams.get('app_id')).to.equal(appId);
      expect((await shopApi(m.slug, s.token).get('/shop/payment-methods')).body.methods.map((x: { method: string }) => x.method)).to.include('alipay');
    } finally {
      for (const key of Object.keys(env)) delete process.env[key];
    }
    expect((await shopApi(m.slug, s.token).get('/shop/payment-methods')).body.methods.map((x: { method: string }) => x.method)).to.not.include('alipay');
  });

  it('sends the phone shopper to Alipay, back to the order, and marks it paid once on a genuine notification', async () => {
    const m = await shopWithAlipay();
    const { s, order } = await orderOf(m);
    const shop = shopApi(m.slug, s.token);
    const pay = await shop.post(`/shop/orders/${order.id}/pay`).set('Idempotency-Key', 'alipay-wap-1').send({ method: 'alipay', scene: 'wap' });
    expect(pay.status, JSON.stringify(pay.body)).to.equal(200);
    expect(pay.body).to.include({ status: 'pending', method: 'alipay', scene: 'wap', amount: 5180 });
    const sent = new URL(pay.body.redirectUrl);
    expect(`${sent.origin}${sent.pathname}`).to.equal(fake.gateway);
    expect(sent.searchParams.get('notify_url')).to.equal(`http://localhost:${process.env.PORT ?? 3000}/api/v1/payments/notify/alipay/${m.id}`);
    const back = `http://${tenantHost(m.slug)}/api/v1/shop/payments/${pay.body.paymentId}/return`;
    expect(sent.searchParams.get('return_url')).to.equal(back);
    expect(JSON.parse(sent.searchParams.get('biz_content')!)).to.include({ total_amount: '51.80', product_code: 'QUICK_WAP_WAY', quit_url: back });
    const cashier = await fetch(pay.body.redirectUrl);
    expect(cashier.status, await cashier.text()).to.equal(200);

    // back from Alipay before the notification: the order page, still waiting
    const returned = await api({ slug: m.slug }).get(`/shop/payments/${pay.body.paymentId}/return?charset=utf-8&out_trade_no=x&sign=y`);
    expect(returned.status).to.equal(302);
    expect(returned.headers.location).to.equal(`/#/orders/${order.id}?payment=${pay.body.paymentId}`);
    expect((await shop.get(`/shop/payments/${pay.body.paymentId}`)).body).to.include({ status: 'pending', purpose: 'order', orderId: order.id });
    expect((await shop.get(`/shop/orders/${order.id}`)).body.status).to.equal('pending_payment');

    const outTradeNo = outTradeNoOf(pay.body.redirectUrl);
    const forged = await notify(m.id, fake.paid(outTradeNo, {}, { forge: true }));
    expect(forged.status).to.equal(400);
    const short = await notify(m.id, fake.paid(outTradeNo, { total_amount: '51.79' }));
    expect(short.status, 'an amount that is not the payment\'s').to.equal(400);
    const elsewhere = await shopWithAlipay();
    expect((await notify(elsewhere.id, fake.paid(outTradeNo))).status, 'another shop\'s notification address, same app').to.equal(400);
    expect((await shop.get(`/shop/orders/${order.id}`)).body.status).to.equal('pending_payment');

    // Alipay posts over the wire to a listening server; it answers the plain text `success`
    const server = await startServer();
    try {
      const genuine = fake.paid(outTradeNo);
      for (let i = 0; i < 3; i++) {
        const delivered = await fake.deliver(server.url('127.0.0.1', `/api/v1/payments/notify/alipay/${m.id}`), genuine);
        expect(delivered, `delivery ${i + 1}`).to.deep.equal({ status: 200, text: 'success' });
      }
    } finally {
      await server.close();
    }
    const paid = await shop.get(`/shop/orders/${order.id}`);
    expect(paid.body).to.include({ status: 'paid', paidAmount: 5180 });
    expect((await shop.get(`/shop/payments/${pay.body.paymentId}`)).body.status).to.equal('succeeded');
    const history = await shopApi(m.slug, m.token).get(`/admin/orders/${order.id}`);
    expect(history.status).to.equal(200);
    // the same Idempotency-Key gives the first answer and starts nothing new
    const replay = await shop.post(`/shop/orders/${order.id}/pay`).set('Idempotency-Key', 'alipay-wap-1').send({ method: 'alipay', scene: 'wap' });
    expect(replay.body.paymentId).to.equal(pay.body.paymentId);
  });

  it('refunds through Alipay: at once, after asking again when unsure (an unsigned answer is no answer), or refused', async () => {
    const m = await shopWithAlipay();
    const { s, order } = await orderOf(m, 5000, 1);
    const shop = shopApi(m.slug, s.token);
    const owner = shopApi(m.slug, m.token);
    const pay = await shop.post(`/shop/orders/${order.id}/pay`).send({ method: 'alipay', scene: 'page' });
    await fetch(pay.body.redirectUrl);
    const outTradeNo = outTradeNoOf(pay.body.redirectUrl);
    expect((await notify(m.id, fake.paid(outTradeNo))).text).to.equal('success');
    const refunded = async () => (await shop.get(`/shop/orders/${order.id}`)).body.refundedAmount as number;
    const lastRefundCall = () => {
      const call = fake.requests.filter((r) => r.method === 'POST' && new URLSearchParams(r.body).get('method') === 'alipay.trade.refund').at(-1)!;
      return JSON.parse(new URLSearchParams(call.body).get('biz_content')!) as Record<string, string>;
    };

    const first = await owner.post(`/admin/orders/${order.id}/refund`).send({ amount: 1000, reason: '补偿' });
    expect(first.status, JSON.stringify(first.body)).to.equal(200);
    expect(first.body).to.include({ status: 'succeeded', amount: 1000 });
    expect(lastRefundCall()).to.include({ out_trade_no: outTradeNo, refund_amount: '10.00' });
    expect(await refunded()).to.equal(1000);

    // no money moved on this call, then an unsigned answer to the first query: still unknown, asked again
    fake.script('alipay.trade.refund', { code: '10000', msg: 'Success', trade_no: '2026x', fund_change: 'N' });
    const unsure = await owner.post(`/admin/orders/${order.id}/refund`).send({ amount: 500, reason: '运费' });
    expect(unsure.body).to.include({ status: 'pending', amount: 500 });
    fake.signing = 'unsigned';
    fake.script('alipay.trade.fastpay.refund.query', { code: '40004', msg: 'Business Failed', sub_code: 'ACQ.TRADE_NOT_EXIST', sub_msg: '交易不存在' });
    clock.travel(minutes(1) + 1000);
    await runDueJobs();
    expect(await refunded(), 'an unsigned error answer settles nothing').to.equal(1000);
    fake.signing = 'genuine';
    clock.travel(minutes(5) + 1000);
    await runDueJobs();
    expect(await refunded(), 'the genuine answer to the next query').to.equal(1500);

    // a refusal Alipay signs is final: the amount can be refunded anew
    fake.script('alipay.trade.refund', { code: '40004', msg: 'Business Failed', sub_code: 'ACQ.SELLER_BALANCE_NOT_ENOUGH', sub_msg: '卖家余额不足' });
    const refused = await owner.post(`/admin/orders/${order.id}/refund`).send({ amount: 3500, reason: '全额退' });
    expect(refused.body).to.include({ status: 'failed' });
    expect(refused.body.error).to.contain('ACQ.SELLER_BALANCE_NOT_ENOUGH');
    expect(await refunded()).to.equal(1500);
  });

  it('tops up the balance from a desktop through Alipay page pay and comes back to the balance', async () => {
    const m = await shopWithAlipay();
    const s = await shopper(m.slug);
    const shop = shopApi(m.slug, s.token);
    const top = await shop.post('/shop/balance/recharge').send({ amount: 5000, method: 'alipay', scene: 'page' });
    expect(top.status, JSON.stringify(top.body)).to.equal(201);
    expect(top.body).to.include({ method: 'alipay', scene: 'page', amount: 5000 });
    expect(JSON.parse(new URL(top.body.redirectUrl).searchParams.get('biz_content')!)).to.include({ product_code: 'FAST_INSTANT_TRADE_PAY', total_amount: '50.00' });
    await fetch(top.body.redirectUrl);
    const returned = await api({ slug: m.slug }).get(`/shop/payments/${top.body.paymentId}/return`);
    expect(returned.headers.location).to.equal(`/#/me?payment=${top.body.paymentId}`);
    expect((await notify(m.id, fake.paid(outTradeNoOf(top.body.redirectUrl)))).text).to.equal('success');
    expect((await shop.get('/shop/balance')).body.balance).to.equal(5000);
    expect((await shop.get(`/shop/payments/${top.body.paymentId}`)).body).to.include({ status: 'succeeded', purpose: 'recharge', orderId: null });
    const bad = await shop.post('/shop/balance/recharge').send({ amount: 5000, method: 'alipay', scene: 'native' });
    expect(bad.status).to.equal(400);
    expect(bad.body.error.details[0].field).to.equal('scene');
  });
});
