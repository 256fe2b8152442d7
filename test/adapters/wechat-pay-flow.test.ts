import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { clock, minutes } from '../../server/src/core/clock.js';
import { runDueJobs } from '../../server/src/core/jobs.js';
import { api, shopApi, testApp } from '../support/http.js';
import { addressOf, merchant } from '../factories/index.js';
import { wechatPayGateway } from './fake-wechat-pay.js';

describe('paying an order with WeChat Pay (direct merchant), end to end against a gateway that checks signatures', () => {
  const gateway = wechatPayGateway();
  const { mchid } = gateway;

  it('prepays, is paid by a genuine notification, ignores replays, and refunds through the gateway', async () => {
    const m = await merchant();
    const owner = shopApi(m.slug, m.token);
    const appid = `wx${randomBytes(8).toString('hex')}`;
    await owner.post('/admin/store/apps').send({ appid, channel: 'wechat_mp', secret: 'a'.repeat(32) });
    const notSet = await owner.get('/admin/payment-accounts/wechat');
    expect(notSet.body.mode).to.equal(null);
    const configured = await owner.put('/admin/payment-accounts/wechat').send(gateway.directAccount(appid));
    expect(configured.status, JSON.stringify(configured.body)).to.equal(200);
    expect(configured.body).to.include({ mode: 'direct', hasKeys: true });
    expect(JSON.stringify(configured.body)).to.not.contain('PRIVATE');

    const goods = await owner.post('/admin/own-products').send({ title: '微信支付测试品', skus: [{ specs: {}, price: 2590, stock: 10 }] });
    const login = await api({ appId: appid }).post('/shop/auth/wechat').send({ code: 'mini-program-code' });
    const shopper = api({ appId: appid, token: login.body.token });
    const addressId = await addressOf(m.slug, login.body.token);
    const placed = await shopper.post('/shop/orders').send({ items: [{ skuId: goods.body.product.skus[0].id, quantity: 2 }], addressId });
    expect(placed.status, JSON.stringify(placed.body)).to.equal(201);

    const pay = await shopper.post(`/shop/orders/${placed.body.id}/pay`).send({ method: 'wechat' });
    expect(pay.status, JSON.stringify(pay.body)).to.equal(200);
    expect(pay.body.params).to.include({ appId: appid, signType: 'RSA', package: `prepay_id=${gateway.fake.prepayIds[0]}` });
    const prepay = JSON.parse(gateway.fake.requests[0]!.body);
    expect(prepay).to.deep.include({ mchid, appid, notify_url: `http://localhost:${process.env.PORT ?? 3000}/api/v1/payments/notify/wechat/${m.id}` });
    expect(prepay.amount).to.deep.equal({ total: 5180, currency: 'CNY' });

    const transaction = {
      mchid,
      appid,
      out_trade_no: prepay.out_trade_no,
      transaction_id: '4200000000202611240000000001',
      trade_type: 'JSAPI',
      trade_state: 'SUCCESS',
      trade_state_desc: '支付成功',
      success_time: new Date().toISOString(),
      payer: { openid: prepay.payer.openid },
      amount: { total: 5180, payer_total: 5180, currency: 'CNY', payer_currency: 'CNY' },
    };
    const notice = gateway.fake.notification(transaction);
    for (let i = 0; i < 3; i++) {
      const delivered = await request(testApp()).post(`/api/v1/payments/notify/wechat/${m.id}`).set(notice.headers).set('Content-Type', 'application/json').send(notice.body);
      expect(delivered.status, JSON.stringify(delivered.body)).to.equal(200);
      expect(delivered.body).to.deep.equal({ code: 'SUCCESS', message: 'OK' });
    }
    const forged = gateway.fake.notification(transaction, { forge: true });
    expect((await request(testApp()).post(`/api/v1/payments/notify/wechat/${m.id}`).set(forged.headers).set('Content-Type', 'application/json').send(forged.body)).status).to.equal(400);
    const paid = await shopper.get(`/shop/orders/${placed.body.id}`);
    expect(paid.body).to.include({ status: 'paid', paidAmount: 5180 });

    const refund = await owner.post(`/admin/orders/${placed.body.id}/refund`).send({ amount: 1000, reason: '补偿' });
    expect(refund.status, JSON.stringify(refund.body)).to.equal(200);
    expect(refund.body).to.include({ status: 'succeeded', amount: 1000 });
    const refundCall = gateway.fake.requests.find((r) => r.url.pathname === '/v3/refund/domestic/refunds');
    expect(JSON.parse(refundCall!.body).amount).to.deep.include({ refund: 1000, total: 5180 });
    expect((await shopper.get(`/shop/orders/${placed.body.id}`)).body.refundedAmount).to.equal(1000);

    // WeChat answers 500 twice: the refund stays pending, and its step's job sends the same
    // out_refund_no again until WeChat takes it; it is applied once
    const systemError = { code: 'SYSTEM_ERROR', message: '系统超时' };
    gateway.fake.script('/v3/refund/domestic/refunds', 500, systemError);
    gateway.fake.script('/v3/refund/domestic/refunds', 500, systemError);
    const flaky = await owner.post(`/admin/orders/${placed.body.id}/refund`).send({ amount: 300, reason: '网关抖动' });
    expect(flaky.body).to.include({ status: 'pending', amount: 300 });
    try {
      for (let i = 0; i < 3; i++) {
        clock.travel(minutes(3));
        await runDueJobs();
      }
    } finally {
      clock.reset();
    }
    const sent = gateway.fake.requests.filter((r) => r.url.pathname === '/v3/refund/domestic/refunds').slice(-3).map((r) => JSON.parse(r.body).out_refund_no as string);
    expect(new Set(sent).size, 'three calls, one out_refund_no').to.equal(1);
    expect(gateway.fake.answers.filter((a) => a.path === '/v3/refund/domestic/refunds').slice(-3).map((a) => a.status)).to.deep.equal([500, 500, 200]);
    expect((await shopper.get(`/shop/orders/${placed.body.id}`)).body.refundedAmount).to.equal(1300);

    // a refund WeChat is still processing stays pending, and is asked about until it settles
    const processing = { refund_id: '50300000000000000000000001', status: 'PROCESSING' };
    gateway.fake.script('/v3/refund/domestic/refunds', 200, processing);
    const slow = await owner.post(`/admin/orders/${placed.body.id}/refund`).send({ amount: 500, reason: '运费补偿' });
    expect(slow.body).to.include({ status: 'pending', amount: 500 });
    const slowNo = JSON.parse(gateway.fake.requests.filter((r) => r.url.pathname === '/v3/refund/domestic/refunds').at(-1)!.body).out_refund_no as string;
    gateway.fake.script(`/v3/refund/domestic/refunds/${slowNo}`, 200, processing);
    try {
      clock.travel(minutes(1) + 1000);
      await runDueJobs();
      expect((await shopper.get(`/shop/orders/${placed.body.id}`)).body.refundedAmount, 'still processing').to.equal(1300);
      clock.travel(minutes(5) + 1000);
      await runDueJobs();
      expect((await shopper.get(`/shop/orders/${placed.body.id}`)).body.refundedAmount, 'settled on the second check').to.equal(1800);
      const queries = gateway.fake.requests.filter((r) => r.url.pathname === `/v3/refund/domestic/refunds/${slowNo}`);
      expect(queries.map((q) => q.method)).to.deep.equal(['GET', 'GET']);

      // or WeChat says so itself: a genuine refund notification settles it at once, and only once
      gateway.fake.script('/v3/refund/domestic/refunds', 200, processing);
      const notified = await owner.post(`/admin/orders/${placed.body.id}/refund`).send({ amount: 200, reason: '差价' });
      expect(notified.body.status).to.equal('pending');
      const notifiedCall = JSON.parse(gateway.fake.requests.filter((r) => r.url.pathname === '/v3/refund/domestic/refunds').at(-1)!.body);
      expect(notifiedCall.notify_url).to.equal(prepay.notify_url);
      const refundResult = (refund: number) => ({ mchid, out_trade_no: prepay.out_trade_no, transaction_id: transaction.transaction_id, out_refund_no: notifiedCall.out_refund_no, refund_id: '50300000000000000000000003', refund_status: 'SUCCESS', amount: { total: 5180, refund, payer_total: 5180, payer_refund: refund } });
      const deliver = (n: { headers: Record<string, string>; body: string }) => request(testApp()).post(`/api/v1/payments/notify/wechat/${m.id}`).set(n.headers).set('Content-Type', 'application/json').send(n.body);
      expect((await deliver(gateway.fake.notification(refundResult(300), { originalType: 'refund' }))).status, 'an amount that is not the refund\'s').to.equal(400);
      for (let i = 0; i < 2; i++) expect((await deliver(gateway.fake.notification(refundResult(200), { originalType: 'refund' }))).body).to.deep.equal({ code: 'SUCCESS', message: 'OK' });
      expect((await shopper.get(`/shop/orders/${placed.body.id}`)).body.refundedAmount).to.equal(2000);

      // one WeChat closes instead: it fails, and the amount can be refunded again
      gateway.fake.script('/v3/refund/domestic/refunds', 200, processing);
      const closing = await owner.post(`/admin/orders/${placed.body.id}/refund`).send({ amount: 3180, reason: '全额退' });
      expect(closing.body.status).to.equal('pending');
      const closingNo = JSON.parse(gateway.fake.requests.filter((r) => r.url.pathname === '/v3/refund/domestic/refunds').at(-1)!.body).out_refund_no as string;
      gateway.fake.script(`/v3/refund/domestic/refunds/${closingNo}`, 200, { refund_id: '50300000000000000000000002', status: 'CLOSED' });
      clock.travel(minutes(1) + 1000);
      await runDueJobs();
      expect((await shopper.get(`/shop/orders/${placed.body.id}`)).body.refundedAmount).to.equal(2000);
      const again = await owner.post(`/admin/orders/${placed.body.id}/refund`).send({ amount: 3180, reason: '全额退' });
      expect(again.body).to.include({ status: 'succeeded', amount: 3180 });
    } finally {
      clock.reset();
    }
  });

  it('asks for a WeChat sign-in before paying with WeChat, and for a set-up before prepaying', async () => {
    const m = await merchant();
    const owner = shopApi(m.slug, m.token);
    const goods = await owner.post('/admin/own-products').send({ title: '无配置', skus: [{ specs: {}, price: 100, stock: 10 }] });
    const phoneShopper = await shopApi(m.slug).post('/shop/auth/register').send({ phone: '13511112222', password: 'Shop#2026' });
    const addressId = await addressOf(m.slug, phoneShopper.body.token);
    const placed = await shopApi(m.slug, phoneShopper.body.token).post('/shop/orders').send({ items: [{ skuId: goods.body.product.skus[0].id, quantity: 1 }], addressId });
    const noOpenid = await shopApi(m.slug, phoneShopper.body.token).post(`/shop/orders/${placed.body.id}/pay`).send({ method: 'wechat' });
    expect(noOpenid.status).to.equal(409);
    expect(noOpenid.body.error.code).to.equal('wechat_openid_required');
    const appid = `wx${randomBytes(8).toString('hex')}`;
    await owner.post('/admin/store/apps').send({ appid, channel: 'wechat_mp', secret: 'b'.repeat(32) });
    const login = await api({ appId: appid }).post('/shop/auth/wechat').send({ code: 'another-code' });
    const addr = await addressOf(m.slug, login.body.token);
    const order = await api({ appId: appid, token: login.body.token }).post('/shop/orders').send({ items: [{ skuId: goods.body.product.skus[0].id, quantity: 1 }], addressId: addr });
    const unset = await api({ appId: appid, token: login.body.token }).post(`/shop/orders/${order.body.id}/pay`).send({ method: 'wechat' });
    expect(unset.status).to.equal(409);
    expect(unset.body.error.code).to.equal('method_unavailable');
  });
});
