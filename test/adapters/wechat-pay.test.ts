import { expect } from 'chai';
import { createVerify, generateKeyPairSync, randomBytes } from 'node:crypto';
import { InvalidNotification } from '../../server/src/modules/payments/providers/types.js';
import { WechatPay, WechatPayError, type WechatPayConfig } from '../../server/src/modules/payments/providers/wechat-pay.js';
import { fakeHttp } from './fake-servers.js';
import { fakeWechatPay, type FakeWechatPay } from './fake-wechat-pay.js';

describe('WeChat Pay v3 adapter against a gateway speaking its protocol', () => {
  const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const merchantSerialNo = '3775B6A45ACD588826D15E583A95F5DD3A4E5C66';
  const mchid = '1900000109';
  const subMchid = '1900000200';
  const apiV3Key = randomBytes(16).toString('hex');
  const appid = 'wxd678efh567hg6787';
  let fake: FakeWechatPay;

  before(async () => {
    fake = await fakeWechatPay({ mchid, merchantSerialNo, merchantPublicKey: merchant.publicKey, apiV3Key });
  });
  after(() => fake.close());
  beforeEach(() => {
    fake.signing = 'genuine';
  });

  const config = (overrides: Partial<WechatPayConfig> = {}): WechatPayConfig => ({
    mode: 'direct',
    mchid,
    appid,
    serialNo: merchantSerialNo,
    privateKeyPem: merchant.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    apiV3Key,
    platformCertificates: [{ serialNo: fake.platform.serialNo, publicKeyPem: fake.platform.publicKeyPem }],
    baseUrl: fake.url,
    ...overrides,
  });
  const partner = (overrides: Partial<WechatPayConfig> = {}) => config({ mode: 'partner', subMchid, spAppid: 'wx8888888888888888', ...overrides });
  const payment = (outTradeNo = `P${randomBytes(8).toString('hex')}`) => ({
    outTradeNo,
    amount: 12_900,
    description: '山楂条 x3',
    notifyUrl: 'https://shop.example.com/pay/wechat/notify',
    expiresAt: new Date('2026-11-24T10:30:00Z'),
    openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
  });
  const paySignVerifies = (p: Record<string, string>) =>
    createVerify('RSA-SHA256').update(`${p.appId}\n${p.timeStamp}\n${p.nonceStr}\n${p.package}\n`).verify(merchant.publicKey, p.paySign!, 'base64');
  const lastBody = () => JSON.parse(fake.requests.at(-1)!.body) as Record<string, unknown>;
  const rejection = async (promise: Promise<unknown>): Promise<Error> => {
    try {
      await promise;
    } catch (err) {
      return err as Error;
    }
    throw new Error('expected a rejection');
  };
  const transaction = (overrides: Record<string, unknown> = {}) => ({
    appid,
    mchid,
    out_trade_no: 'P20261124000001',
    transaction_id: '4200001234202611240123456789',
    trade_type: 'JSAPI',
    trade_state: 'SUCCESS',
    trade_state_desc: '支付成功',
    success_time: '2026-11-24T18:05:00+08:00',
    payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' },
    amount: { total: 12_900, payer_total: 11_900, currency: 'CNY', payer_currency: 'CNY' },
    ...overrides,
  });

  describe('prepay', () => {
    it('starts a direct-mode JSAPI payment whose wx.requestPayment params the mini-program can use', async () => {
      const start = await new WechatPay(config()).createPayment(payment('P20261124000001'));
      const req = fake.requests.at(-1)!;
      expect(req.url.pathname).to.equal('/v3/pay/transactions/jsapi');
      expect(lastBody()).to.deep.equal({
        appid,
        mchid,
        description: '山楂条 x3',
        out_trade_no: 'P20261124000001',
        time_expire: '2026-11-24T18:30:00+08:00',
        notify_url: 'https://shop.example.com/pay/wechat/notify',
        amount: { total: 12_900, currency: 'CNY' },
        payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' },
      });
      const params = start.params!;
      expect(params.package).to.equal(`prepay_id=${fake.prepayIds.at(-1)}`);
      expect(start.providerRef).to.equal(fake.prepayIds.at(-1));
      expect(params).to.include({ appId: appid, signType: 'RSA' });
      expect(params.timeStamp).to.match(/^\d{10}$/);
      expect(params.nonceStr).to.match(/^\w{1,32}$/);
      expect(paySignVerifies(params)).to.equal(true);
    });

    it('starts a partner-mode payment as the service provider for the tenant sub-merchant, paid from the tenant mini-program', async () => {
      const start = await new WechatPay(partner()).createPayment(payment('P20261124000002'));
      expect(fake.requests.at(-1)!.url.pathname).to.equal('/v3/pay/partner/transactions/jsapi');
      expect(lastBody()).to.deep.include({ sp_appid: 'wx8888888888888888', sp_mchid: mchid, sub_appid: appid, sub_mchid: subMchid, payer: { sub_openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' } });
      expect(lastBody()).to.not.have.any.keys('appid', 'mchid');
      expect(start.params).to.include({ appId: appid, package: `prepay_id=${fake.prepayIds.at(-1)}` });
      expect(paySignVerifies(start.params!)).to.equal(true);
    });

    it('surfaces WeChat Pay\'s SIGN_ERROR when the request is signed with a key WeChat does not know', async () => {
      const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      const err = await rejection(new WechatPay(config({ privateKeyPem: stranger })).createPayment(payment()));
      expect(err).to.be.instanceOf(WechatPayError);
      expect((err as WechatPayError).wechatCode).to.equal('SIGN_ERROR');
      // WeChat does not sign this answer, so its words are anyone's: kept for us, not shown
      expect(err.message).to.match(/HTTP 401, unsigned/).and.not.contain('SIGN_ERROR');
      expect((err as WechatPayError).details).to.deep.equal({ wechatCode: null, httpStatus: 401 });
      expect(fake.answers.at(-1)!.status).to.equal(401);
    });

    it('throws WeChat\'s code and message when it refuses the order, or fails', async () => {
      fake.script('/v3/pay/transactions/jsapi', 400, { code: 'INVALID_REQUEST', message: '201 商户订单号重复' });
      const refused = await rejection(new WechatPay(config()).createPayment(payment()));
      expect(refused.message).to.equal('WeChat Pay refused the prepay (HTTP 400 INVALID_REQUEST: 201 商户订单号重复)');
      fake.script('/v3/pay/transactions/jsapi', 500, { code: 'SYSTEM_ERROR', message: '系统异常' });
      const failed = await rejection(new WechatPay(config()).createPayment(payment()));
      expect(failed).to.be.instanceOf(WechatPayError);
      expect((failed as WechatPayError).httpStatus).to.equal(500);
      expect((failed as WechatPayError).wechatCode).to.equal('SYSTEM_ERROR');
    });

    for (const signing of ['forged', 'unsigned', 'unknown-serial'] as const) {
      it(`refuses a prepay answer that is ${signing === 'forged' ? 'signed by another key' : signing === 'unsigned' ? 'not signed' : 'signed under an unknown serial'}`, async () => {
        fake.signing = signing;
        const err = await rejection(new WechatPay(config()).createPayment(payment()));
        expect(err).to.be.instanceOf(WechatPayError);
        expect(err.message).to.match(/not genuine/);
        expect(fake.answers.at(-1)!.status).to.equal(200);
      });
    }

    it('gives up on a gateway that does not answer in time, or cannot be reached', async () => {
      const silent = await fakeHttp(() => undefined);
      try {
        const started = Date.now();
        const err = await rejection(new WechatPay(config({ baseUrl: silent.url }), { timeoutMs: 300 }).createPayment(payment()));
        expect(err).to.be.instanceOf(WechatPayError);
        expect(err.message).to.match(/did not answer/);
        expect(Date.now() - started).to.be.below(5_000);
      } finally {
        await silent.close();
      }
      const unreachable = await rejection(new WechatPay(config({ baseUrl: 'http://127.0.0.1:9' })).createPayment(payment()));
      expect(unreachable.message).to.match(/did not answer/);
    });
  });

  describe('notifications', () => {
    it('verifies and decodes a genuine payment notification, counting the order amount rather than what coupons left the payer', async () => {
      const n = fake.notification(transaction());
      const verified = await new WechatPay(config()).verifyNotification(n.headers, n.body);
      expect(verified).to.deep.include({ outTradeNo: 'P20261124000001', providerTradeNo: '4200001234202611240123456789', amount: 12_900, succeeded: true });
      expect(verified.raw).to.deep.include({ trade_state: 'SUCCESS', mchid });
    });

    it('accepts headers in any case and as arrays, as node may hand them over', async () => {
      const n = fake.notification(transaction({ trade_state: 'PAYERROR' }));
      const headers = Object.fromEntries(Object.entries(n.headers).map(([k, v]) => [k.replace(/\b\w/g, (c) => c.toUpperCase()), [v]]));
      expect(await new WechatPay(config()).verifyNotification(headers, n.body)).to.deep.include({ kind: 'payment', succeeded: false });
    });

    it('in partner mode accepts only the tenant\'s own sub-merchant payments, though every tenant shares the platform keys', async () => {
      const mine = fake.notification(transaction({ mchid: undefined, appid: undefined, sp_mchid: mchid, sp_appid: 'wx8888888888888888', sub_mchid: subMchid, sub_appid: appid }));
      expect(await new WechatPay(partner()).verifyNotification(mine.headers, mine.body)).to.deep.include({ outTradeNo: 'P20261124000001' });
      const anotherTenant = fake.notification(transaction({ mchid: undefined, sp_mchid: mchid, sub_mchid: '1900000999' }));
      const err = await rejection(new WechatPay(partner()).verifyNotification(anotherTenant.headers, anotherTenant.body));
      expect(err).to.be.instanceOf(InvalidNotification);
      expect(err.message).to.match(/for merchant 1900000999/);
    });

    const refundResult = (fields: Record<string, unknown> = {}) => ({
      mchid, out_trade_no: 'P20261124000001', transaction_id: '4200001234202611240123456789', out_refund_no: 'R20261124000001', refund_id: '50300000001',
      refund_status: 'SUCCESS', success_time: '2026-11-24T10:00:00+08:00', user_received_account: '支付用户零钱', amount: { total: 12_900, refund: 4_300, payer_total: 12_900, payer_refund: 4_300 }, ...fields,
    });

    it('verifies and decodes how a refund ended: succeeded, or closed and failed', async () => {
      const done = fake.notification(refundResult(), { originalType: 'refund' });
      expect(await new WechatPay(config()).verifyNotification(done.headers, done.body)).to.deep.include({ kind: 'refund', outRefundNo: 'R20261124000001', providerRefundId: '50300000001', amount: 4_300, status: 'succeeded' });
      const closed = fake.notification(refundResult({ refund_status: 'CLOSED' }), { originalType: 'refund' });
      expect(await new WechatPay(config()).verifyNotification(closed.headers, closed.body)).to.deep.include({ kind: 'refund', status: 'failed' });
    });

    const refusals: Array<[string, RegExp, () => { headers: Record<string, string>; body: string }]> = [
      ['a signature by another key', /signature does not verify/, () => fake.notification(transaction(), { forge: true })],
      ['an unknown platform serial', /unknown WeChat Pay platform serial/, () => fake.notification(transaction(), { serialNo: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1' })],
      ['a timestamp six minutes old', /more than 5 minutes/, () => fake.notification(transaction(), { timestamp: Date.now() - 6 * 60_000 })],
      ['a ciphertext altered after sealing', /does not decrypt/, () => fake.notification(transaction(), { tamperCiphertext: true })],
      ['a payment for another merchant', /for merchant 1900000999/, () => fake.notification(transaction({ mchid: '1900000999' }))],
      ['a resource that is neither a payment nor a refund', /neither a payment nor a refund/, () => fake.notification(transaction(), { originalType: 'profitsharing' })],
      ['a refund of another merchant', /refund is for merchant 1900000999/, () => fake.notification(refundResult({ mchid: '1900000999' }), { originalType: 'refund' })],
      ['a refund without its number', /refund lacks out_refund_no/, () => fake.notification(refundResult({ out_refund_no: undefined }), { originalType: 'refund' })],
      ['a refund still processing', /not PROCESSING/, () => fake.notification(refundResult({ refund_status: 'PROCESSING' }), { originalType: 'refund' })],
      ['a body altered after signing', /signature does not verify/, () => {
        const n = fake.notification(transaction());
        return { headers: n.headers, body: n.body.replace('"TRANSACTION.SUCCESS"', '"TRANSACTION.SUCCESS" ') };
      }],
      ['no signature headers', /unsigned/, () => ({ headers: {}, body: fake.notification(transaction()).body })],
    ];
    for (const [what, reason, build] of refusals) {
      it(`refuses a notification with ${what}`, async () => {
        const n = build();
        const err = await rejection(new WechatPay(config()).verifyNotification(n.headers, n.body));
        expect(err).to.be.instanceOf(InvalidNotification);
        expect(err.message).to.match(reason);
      });
    }

    it('acknowledges as WeChat Pay expects', () => {
      expect(new WechatPay(config()).ack()).to.deep.equal({ status: 200, body: { code: 'SUCCESS', message: 'OK' } });
    });
  });

  describe('refunds', () => {
    const refund = { outTradeNo: 'P20261124000001', outRefundNo: 'R20261124000001', refund: 4_300, total: 12_900, reason: '少发一件', notifyUrl: 'https://shop.example.com/pay/wechat/refund-notify' };

    it('refunds part of a payment and reports it succeeded', async () => {
      const result = await new WechatPay(config()).refund(refund);
      expect(result.status).to.equal('succeeded');
      expect(result.providerRefundId).to.match(/^50/);
      expect(fake.requests.at(-1)!.url.pathname).to.equal('/v3/refund/domestic/refunds');
      expect(lastBody()).to.deep.equal({
        out_trade_no: 'P20261124000001',
        out_refund_no: 'R20261124000001',
        reason: '少发一件',
        notify_url: 'https://shop.example.com/pay/wechat/refund-notify',
        amount: { refund: 4_300, total: 12_900, currency: 'CNY' },
      });
    });

    it('names the sub-merchant in partner mode', async () => {
      await new WechatPay(partner()).refund(refund);
      expect(lastBody()).to.include({ sub_mchid: subMchid });
    });

    it('reports a refund WeChat is still processing, and one it closed, as such', async () => {
      fake.script('/v3/refund/domestic/refunds', 200, { refund_id: '50300000001', out_refund_no: 'R20261124000001', status: 'PROCESSING' });
      expect(await new WechatPay(config()).refund(refund)).to.deep.equal({ status: 'processing', providerRefundId: '50300000001' });
      fake.script('/v3/refund/domestic/refunds', 200, { refund_id: '50300000002', out_refund_no: 'R20261124000001', status: 'CLOSED' });
      expect(await new WechatPay(config()).refund(refund)).to.deep.equal({ status: 'failed', providerRefundId: '50300000002', error: 'refund CLOSED' });
    });

    it('reports a refused refund as failed with WeChat\'s reason', async () => {
      fake.script('/v3/refund/domestic/refunds', 403, { code: 'NOT_ENOUGH', message: '基本账户余额不足，请充值后重新发起' });
      expect(await new WechatPay(config()).refund(refund)).to.deep.equal({ status: 'failed', error: 'NOT_ENOUGH: 基本账户余额不足，请充值后重新发起' });
    });

    it('throws rather than report failed when WeChat fails, so the same refund number is retried', async () => {
      fake.script('/v3/refund/domestic/refunds', 500, { code: 'SYSTEM_ERROR', message: '系统超时' });
      expect(await rejection(new WechatPay(config()).refund(refund))).to.be.instanceOf(WechatPayError);
    });

    it('takes a refund query\'s 404 as "never taken, failed" only when WeChat Pay signed it', async () => {
      const unknown = `R${randomBytes(6).toString('hex')}`;
      expect(await new WechatPay(config()).refundStatus(unknown)).to.deep.equal({ status: 'failed', error: 'RESOURCE_NOT_EXISTS: 退款单不存在' });
      for (const signing of ['unsigned', 'forged'] as const) {
        fake.signing = signing;
        // anyone's 404 says nothing: the follow-up job must ask again rather than refund anew
        expect(await rejection(new WechatPay(config()).refundStatus(unknown)), signing).to.be.instanceOf(WechatPayError);
      }
    });

    it('refuses a refund answer that is not signed by WeChat Pay', async () => {
      fake.signing = 'forged';
      expect((await rejection(new WechatPay(config()).refund(refund))).message).to.match(/not genuine/);
    });
  });
});
