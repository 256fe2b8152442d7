/**
 * WeChat Pay outside the mini-program: H5 (a phone browser is sent to WeChat's cashier and comes
 * back to the order) and Native (a desktop shows a QR code the shopper scans), through the same v3
 * adapter, signatures, notifications and refunds as JSAPI.
 */
import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { WechatPay, WechatPayError, type WechatPayConfig } from '../../server/src/modules/payments/providers/wechat-pay.js';
import { api, shopApi, tenantHost, testApp } from '../support/http.js';
import { readQrCode } from '../support/qr.js';
import { addressOf, merchant, shopper } from '../factories/index.js';
import { wechatPayGateway } from './fake-wechat-pay.js';

describe('WeChat Pay H5 and Native against a gateway speaking its protocol', () => {
  const gateway = wechatPayGateway();
  const { mchid, serialNo, apiV3Key } = gateway;
  const appid = 'wxd678efh567hg6787';

  afterEach(() => {
    gateway.fake.signing = 'genuine';
  });

  const { privateKeyPem } = gateway;
  const config = (overrides: Partial<WechatPayConfig> = {}): WechatPayConfig => ({
    mode: 'direct', mchid, appid, serialNo, privateKeyPem: privateKeyPem(), apiV3Key, platformCertificates: [gateway.fake.platform], baseUrl: gateway.fake.url, ...overrides,
  });
  const partner = () => config({ mode: 'partner', subMchid: '1900000200', spAppid: 'wx8888888888888888' });
  const order = (scene: 'h5' | 'native') => ({
    outTradeNo: `P${randomBytes(8).toString('hex')}`,
    amount: 4_990,
    description: '坚果礼盒',
    notifyUrl: 'https://platform.example.com/api/v1/payments/notify/wechat/7',
    expiresAt: new Date('2026-11-24T10:30:00Z'),
    scene,
    clientIp: '203.0.113.7',
    returnUrl: 'https://acme.example.com/api/v1/shop/payments/9/return',
  });
  const lastBody = () => JSON.parse(gateway.fake.requests.at(-1)!.body) as Record<string, unknown>;

  describe('adapter', () => {
    it('orders an H5 payment with the shopper\'s IP and sends the browser to h5_url, coming back to our page', async () => {
      const req = order('h5');
      const start = await new WechatPay(config()).createPayment(req);
      expect(gateway.fake.requests.at(-1)!.url.pathname).to.equal('/v3/pay/transactions/h5');
      expect(lastBody()).to.deep.equal({
        appid, mchid, description: '坚果礼盒', out_trade_no: req.outTradeNo, time_expire: '2026-11-24T18:30:00+08:00', notify_url: req.notifyUrl,
        amount: { total: 4_990, currency: 'CNY' }, scene_info: { payer_client_ip: '203.0.113.7', h5_info: { type: 'Wap' } },
      });
      expect(start.redirectUrl).to.equal(`${gateway.fake.h5Urls.at(-1)}&redirect_url=${encodeURIComponent(req.returnUrl)}`);
      expect(start.params).to.equal(undefined);
    });

    it('orders a Native payment whose code_url the desktop shows as a QR code', async () => {
      const req = order('native');
      const start = await new WechatPay(config()).createPayment(req);
      expect(gateway.fake.requests.at(-1)!.url.pathname).to.equal('/v3/pay/transactions/native');
      expect(lastBody()).to.deep.include({ appid, mchid, out_trade_no: req.outTradeNo, scene_info: { payer_client_ip: '203.0.113.7' } }).and.not.have.property('payer');
      expect(start).to.deep.equal({ codeUrl: gateway.fake.codeUrls.at(-1) });
    });

    it('orders both as the service provider for the tenant\'s sub-merchant in partner mode', async () => {
      await new WechatPay(partner()).createPayment(order('h5'));
      expect(gateway.fake.requests.at(-1)!.url.pathname).to.equal('/v3/pay/partner/transactions/h5');
      expect(lastBody()).to.deep.include({ sp_appid: 'wx8888888888888888', sp_mchid: mchid, sub_mchid: '1900000200', sub_appid: appid }).and.not.have.any.keys('appid', 'mchid');
      const native = await new WechatPay(partner()).createPayment(order('native'));
      expect(gateway.fake.requests.at(-1)!.url.pathname).to.equal('/v3/pay/partner/transactions/native');
      expect(native.codeUrl).to.match(/^weixin:\/\/wxpay\/bizpayurl\?pr=/);
    });

    it('throws WeChat\'s refusal, and refuses an answer WeChat Pay did not sign', async () => {
      gateway.fake.script('/v3/pay/transactions/h5', 403, { code: 'NO_AUTH', message: '商户号该产品权限未开通' });
      const refused = await new WechatPay(config()).createPayment(order('h5')).catch((e: Error) => e);
      expect(refused).to.be.instanceOf(WechatPayError);
      expect((refused as Error).message).to.equal('WeChat Pay refused the H5 order (HTTP 403 NO_AUTH: 商户号该产品权限未开通)');
      gateway.fake.signing = 'forged';
      const forged = await new WechatPay(config()).createPayment(order('native')).catch((e: Error) => e);
      expect((forged as Error).message).to.match(/not genuine/);
    });
  });

  describe('in the shop', () => {
    async function wechatShop() {
      const m = await merchant();
      const owner = shopApi(m.slug, m.token);
      const set = await owner.put('/admin/payment-accounts/wechat').send({ mode: 'direct', mchid, appid: `wx${randomBytes(8).toString('hex')}`, serialNo, privateKeyPem: privateKeyPem(), apiV3Key, platformCertificates: [gateway.fake.platform], baseUrl: gateway.fake.url });
      expect(set.status, JSON.stringify(set.body)).to.equal(200);
      const goods = await owner.post('/admin/own-products').send({ title: '扫码支付测试品', skus: [{ specs: {}, price: 2590, stock: 20 }] });
      const s = await shopper(m.slug);
      const addressId = await addressOf(m.slug, s.token);
      const place = async () => (await shopApi(m.slug, s.token).post('/shop/orders').send({ items: [{ skuId: goods.body.product.skus[0].id, quantity: 2 }], addressId })).body as { id: number };
      return { m, s, shop: shopApi(m.slug, s.token), place };
    }
    const notice = (outTradeNo: string, total: number) =>
      gateway.fake.notification({ mchid, appid, out_trade_no: outTradeNo, transaction_id: `42${randomBytes(12).toString('hex')}`, trade_type: 'NATIVE', trade_state: 'SUCCESS', amount: { total, payer_total: total, currency: 'CNY' } });
    const deliver = (tenantId: number, n: { headers: Record<string, string>; body: string }) =>
      request(testApp()).post(`/api/v1/payments/notify/wechat/${tenantId}`).set(n.headers).set('Content-Type', 'application/json').send(n.body);

    it('offers a shop with WeChat Pay its three scenes, and keeps JSAPI the default of method wechat', async () => {
      const { shop, place } = await wechatShop();
      expect((await shop.get('/shop/payment-methods')).body.methods).to.deep.include({ method: 'wechat', scenes: ['jsapi', 'h5', 'native'] });
      const order = await place();
      const jsapi = await shop.post(`/shop/orders/${order.id}/pay`).send({ method: 'wechat' });
      expect(jsapi.status).to.equal(409);
      expect(jsapi.body.error.code).to.equal('wechat_openid_required');
    });

    it('sends a phone browser to WeChat\'s H5 cashier, which returns it to the order', async () => {
      const { m, shop, place } = await wechatShop();
      const order = await place();
      const pay = await shop.post(`/shop/orders/${order.id}/pay`).send({ method: 'wechat', scene: 'h5' });
      expect(pay.status, JSON.stringify(pay.body)).to.equal(200);
      expect(pay.body).to.include({ status: 'pending', method: 'wechat', scene: 'h5', amount: 5180 });
      const body = lastBody();
      expect((body.scene_info as { payer_client_ip: string }).payer_client_ip).to.be.a('string').and.not.equal('');
      const back = `http://${tenantHost(m.slug)}/api/v1/shop/payments/${pay.body.paymentId}/return`;
      expect(pay.body.redirectUrl).to.equal(`${gateway.fake.h5Urls.at(-1)}&redirect_url=${encodeURIComponent(back)}`);
      const returned = await api({ slug: m.slug }).get(`/shop/payments/${pay.body.paymentId}/return`);
      expect(returned.headers.location).to.equal(`/#/orders/${order.id}?payment=${pay.body.paymentId}`);
      expect((await deliver(m.id, notice(body.out_trade_no as string, 5180))).body).to.deep.equal({ code: 'SUCCESS', message: 'OK' });
      expect((await shop.get(`/shop/orders/${order.id}`)).body.status).to.equal('paid');
    });

    it('shows a desktop a QR code that says the code_url; the order is paid once WeChat says so', async () => {
      const { m, shop, place } = await wechatShop();
      const order = await place();
      const pay = await shop.post(`/shop/orders/${order.id}/pay`).send({ method: 'wechat', scene: 'native' });
      expect(pay.status, JSON.stringify(pay.body)).to.equal(200);
      expect(pay.body).to.include({ scene: 'native', codeUrl: gateway.fake.codeUrls.at(-1) });
      expect(pay.body.qrCode).to.match(/^data:image\/png;base64,/);
      expect(readQrCode(pay.body.qrCode)).to.equal(gateway.fake.codeUrls.at(-1));
      const outTradeNo = lastBody().out_trade_no as string;
      expect((await deliver(m.id, notice(outTradeNo, 5179))).status, 'an amount that is not the payment\'s').to.equal(400);
      expect((await shop.get(`/shop/orders/${order.id}`)).body.status).to.equal('pending_payment');
      for (let i = 0; i < 2; i++) expect((await deliver(m.id, notice(outTradeNo, 5180))).status).to.equal(200);
      expect((await shop.get(`/shop/orders/${order.id}`)).body).to.include({ status: 'paid', paidAmount: 5180 });
      const refund = await shopApi(m.slug, m.token).post(`/admin/orders/${order.id}/refund`).send({ amount: 180, reason: '差价' });
      expect(refund.body).to.include({ status: 'succeeded', amount: 180 });
    });

    it('tops up the balance by scanning a QR code on a desktop', async () => {
      const { m, shop } = await wechatShop();
      const top = await shop.post('/shop/balance/recharge').send({ amount: 3000, method: 'wechat', scene: 'native' });
      expect(top.status, JSON.stringify(top.body)).to.equal(201);
      expect(readQrCode(top.body.qrCode)).to.equal(top.body.codeUrl);
      await deliver(m.id, notice(lastBody().out_trade_no as string, 3000));
      expect((await shop.get('/shop/balance')).body.balance).to.equal(3000);
      expect((await shop.get(`/shop/payments/${top.body.paymentId}`)).body.status).to.equal('succeeded');
    });
  });
});
