import { expect } from 'chai';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { Alipay, type AlipayConfig } from '../../server/src/modules/payments/providers/alipay.js';
import { InvalidNotification } from '../../server/src/modules/payments/providers/types.js';
import { fakeHttp } from './fake-servers.js';
import { fakeAlipay, type FakeAlipay } from './fake-alipay.js';

describe('Alipay adapter against a gateway speaking its protocol', () => {
  const app = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const appId = '2021004100000001';
  const sellerId = '2088102100000001';
  let fake: FakeAlipay;
  const trades = new Map<string, string>();

  before(async () => {
    fake = await fakeAlipay({ appId, appPublicKey: app.publicKey, sellerId });
  });
  after(() => fake.close());
  beforeEach(() => {
    fake.signing = 'genuine';
  });

  const config = (overrides: Partial<AlipayConfig> = {}): AlipayConfig => ({
    appId,
    privateKey: app.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    alipayPublicKey: fake.alipayPublicKey,
    sellerId,
    gateway: fake.gateway,
    ...overrides,
  });
  const alipay = (overrides: Partial<AlipayConfig> = {}) => new Alipay(config(overrides), { tradeOfRefund: async (no) => trades.get(no) ?? null });
  const payment = (scene: 'wap' | 'page', outTradeNo = `P${randomBytes(8).toString('hex')}`) => ({
    outTradeNo,
    amount: 12_930,
    description: '山楂条 x3',
    notifyUrl: 'https://platform.example.com/api/v1/payments/notify/alipay/7',
    expiresAt: new Date('2026-11-24T10:30:00Z'),
    scene,
    returnUrl: 'https://acme.example.com/api/v1/shop/payments/9/return',
  });
  /** The shopper's browser follows the redirect to the cashier. */
  const visit = async (url: string) => {
    const res = await fetch(url);
    return { status: res.status, text: await res.text(), params: Object.fromEntries(new URL(url).searchParams) };
  };
  /** A trade the shopper paid, as the gateway knows it. */
  const paidTrade = async (outTradeNo = `P${randomBytes(8).toString('hex')}`) => {
    const start = await alipay().createPayment(payment('wap', outTradeNo));
    expect((await visit(start.redirectUrl!)).status).to.equal(200);
    return outTradeNo;
  };

  describe('paying in a browser', () => {
    it('sends a phone browser to the mobile cashier with a signed alipay.trade.wap.pay', async () => {
      const start = await alipay().createPayment(payment('wap', 'P20261124000001'));
      expect(start.redirectUrl).to.match(new RegExp(`^${fake.gateway}\\?`));
      const cashier = await visit(start.redirectUrl!);
      expect(cashier.status, cashier.text).to.equal(200);
      expect(cashier.text).to.contain('¥129.30');
      expect(cashier.params).to.include({ app_id: appId, method: 'alipay.trade.wap.pay', sign_type: 'RSA2', charset: 'utf-8', notify_url: payment('wap').notifyUrl, return_url: payment('wap').returnUrl });
      expect(JSON.parse(cashier.params.biz_content!)).to.deep.equal({
        out_trade_no: 'P20261124000001',
        total_amount: '129.30',
        subject: '山楂条 x3',
        product_code: 'QUICK_WAP_WAY',
        time_expire: '2026-11-24 18:30:00',
        quit_url: payment('wap').returnUrl,
      });
    });

    it('sends a desktop browser to the page cashier with alipay.trade.page.pay', async () => {
      const start = await alipay().createPayment(payment('page', 'P20261124000002'));
      const cashier = await visit(start.redirectUrl!);
      expect(cashier.status, cashier.text).to.equal(200);
      expect(cashier.params.method).to.equal('alipay.trade.page.pay');
      expect(JSON.parse(cashier.params.biz_content!)).to.include({ product_code: 'FAST_INSTANT_TRADE_PAY', total_amount: '129.30' }).and.not.have.property('quit_url');
    });

    it('takes keys as PEM or as the bare base64 Alipay\'s key tool writes (PKCS#8 and PKCS#1)', async () => {
      for (const type of ['pkcs8', 'pkcs1'] as const) {
        const bare = app.privateKey.export({ type, format: 'der' }).toString('base64');
        const cashier = await visit((await alipay({ privateKey: bare }).createPayment(payment('wap'))).redirectUrl!);
        expect(cashier.status, `${type}: ${cashier.text}`).to.equal(200);
      }
    });

    it('is turned away by the cashier when signed with a key the app did not upload', async () => {
      const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      const cashier = await visit((await alipay({ privateKey: stranger }).createPayment(payment('wap'))).redirectUrl!);
      expect(cashier.status).to.equal(400);
      expect(cashier.text).to.contain('invalid-signature');
    });
  });

  describe('notifications', () => {
    it('verifies a genuine notification and reads total_amount in yuan as fen', async () => {
      const outTradeNo = await paidTrade();
      const n = fake.paid(outTradeNo);
      const verified = await alipay().verifyNotification({ 'content-type': n.contentType }, n.body);
      expect(verified).to.deep.include({ kind: 'payment', outTradeNo, amount: 12_930, succeeded: true });
      expect(verified.providerTradeNo).to.equal(fake.trades.get(outTradeNo)!.tradeNo);
      const finished = fake.paid(outTradeNo, { trade_status: 'TRADE_FINISHED', total_amount: '0.01' });
      expect(await alipay().verifyNotification({}, finished.body)).to.deep.include({ amount: 1, succeeded: true });
      const closed = fake.paid(outTradeNo, { trade_status: 'TRADE_CLOSED' });
      expect(await alipay().verifyNotification({}, closed.body)).to.deep.include({ succeeded: false });
    });

    it('signs over the decoded values, so a subject with & = and Chinese verifies', async () => {
      const outTradeNo = await paidTrade();
      const n = fake.paid(outTradeNo, { subject: '果干 & 坚果 = 礼盒 100%', body: 'a+b c' });
      expect(await alipay().verifyNotification({}, n.body)).to.deep.include({ outTradeNo });
    });

    const refusals: Array<[string, RegExp, (outTradeNo: string) => string]> = [
      ['a signature by another key', /signature does not verify/, (no) => fake.paid(no, {}, { forge: true }).body],
      ['an amount changed after signing', /signature does not verify/, (no) => fake.paid(no).body.replace('total_amount=129.30', 'total_amount=1.30')],
      ['no signature', /unsigned/, (no) => fake.paid(no).body.replace(/&sign=[^&]*/, '')],
      ['RSA (SHA-1) instead of RSA2', /sign_type RSA is not RSA2/, (no) => fake.paid(no).body.replace('sign_type=RSA2', 'sign_type=RSA')],
      ['another app', /for app 2021004199999999/, (no) => fake.paid(no, { app_id: '2021004199999999' }).body],
      ['another seller', /for seller 2088109999999999/, (no) => fake.paid(no, { seller_id: '2088109999999999' }).body],
      ['an amount that is not yuan with at most two decimals', /total_amount in yuan/, (no) => fake.paid(no, { total_amount: '129.305' }).body],
      ['no out_trade_no', /lacks out_trade_no/, (no) => fake.paid(no, { out_trade_no: undefined }).body],
    ];
    for (const [what, reason, build] of refusals) {
      it(`refuses a notification with ${what}`, async () => {
        const body = build(await paidTrade());
        let err: unknown;
        try {
          await alipay().verifyNotification({}, body);
        } catch (e) {
          err = e;
        }
        expect(err).to.be.instanceOf(InvalidNotification);
        expect((err as Error).message).to.match(reason);
      });
    }

    it('acknowledges with the plain text Alipay expects', () => {
      expect(alipay().ack()).to.deep.equal({ status: 200, body: 'success' });
    });
  });

  describe('refunds', () => {
    const refundOf = async (amount: number, outTradeNo?: string) => {
      const paid = outTradeNo ?? (await paidTrade());
      const outRefundNo = `R${randomBytes(8).toString('hex')}`;
      trades.set(outRefundNo, paid);
      return { outTradeNo: paid, outRefundNo, refund: amount, total: 12_930, reason: '少发一件' };
    };
    const lastCall = () => {
      const params = Object.fromEntries(new URLSearchParams(fake.requests.at(-1)!.body));
      return { ...params, biz: JSON.parse(params.biz_content ?? '{}') as Record<string, string> };
    };

    it('refunds part of a payment in yuan, with our refund number as out_request_no, and reports it succeeded', async () => {
      const req = await refundOf(4_300);
      const result = await alipay().refund(req);
      expect(result).to.deep.equal({ status: 'succeeded', providerRefundId: fake.trades.get(req.outTradeNo)!.tradeNo });
      expect(lastCall()).to.include({ method: 'alipay.trade.refund', app_id: appId });
      expect(lastCall().biz).to.deep.equal({ out_trade_no: req.outTradeNo, refund_amount: '43.00', out_request_no: req.outRefundNo, refund_reason: '少发一件' });
    });

    it('asks again rather than succeed when no money moved (the same refund asked twice), and the query settles it', async () => {
      const req = await refundOf(1_000);
      await alipay().refund(req);
      expect((await alipay().refund(req)).status).to.equal('processing');
      expect(await alipay().refundStatus(req.outRefundNo)).to.deep.include({ status: 'succeeded' });
      expect(lastCall()).to.include({ method: 'alipay.trade.fastpay.refund.query' });
      expect(lastCall().biz).to.deep.equal({ out_trade_no: req.outTradeNo, out_request_no: req.outRefundNo });
    });

    it('reports a refused refund as failed with Alipay\'s sub-code', async () => {
      const first = await refundOf(8_000);
      await alipay().refund(first);
      const second = await refundOf(8_000, first.outTradeNo);
      expect(await alipay().refund(second)).to.deep.equal({ status: 'failed', error: 'ACQ.REFUND_AMT_NOT_EQUAL_TOTAL: 退款金额超限' });
    });

    it('believes the raw signed text of an answer, escaped slashes and all', async () => {
      const req = await refundOf(100);
      fake.script('alipay.trade.refund', { code: '10000', msg: 'Success', trade_no: '2026000001', fund_change: 'Y', refund_fee: '1.00', memo: 'https://example.com/a/b' });
      expect((await alipay().refund(req)).status).to.equal('succeeded');
    });

    const unknowns: Array<[string, () => void | Promise<void>]> = [
      ['Alipay fails on its side (ACQ.SYSTEM_ERROR)', () => fake.script('alipay.trade.refund', { code: '40004', msg: 'Business Failed', sub_code: 'ACQ.SYSTEM_ERROR', sub_msg: '系统错误' })],
      ['Alipay is unavailable (20000)', () => fake.script('alipay.trade.refund', { code: '20000', msg: 'Service Currently Unavailable', sub_code: 'isp.unknow-error' })],
      ['the answer is signed by another key', () => void (fake.signing = 'forged')],
      ['the answer is not signed', () => void (fake.signing = 'unsigned')],
    ];
    for (const [what, arrange] of unknowns) {
      it(`leaves the refund's fate unknown (processing, asked about again) when ${what}`, async () => {
        const req = await refundOf(500);
        await arrange();
        const result = await alipay().refund(req);
        expect(result.status).to.equal('processing');
        expect(result.error).to.match(/outcome unknown/);
      });
    }

    it('calls an unsigned error answer unknown: a request Alipay could not verify is no refusal of the refund', async () => {
      const req = await refundOf(500);
      const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      expect((await alipay({ privateKey: stranger }).refund(req)).status).to.equal('processing');
      expect(fake.answers.at(-1)!.fields).to.include({ sub_code: 'isv.invalid-signature' });
      expect((await alipay({ privateKey: stranger }).refundStatus(req.outRefundNo)).status).to.equal('processing');
    });

    it('queries a refund: done when Alipay answers with it, failed when it has none or no such trade', async () => {
      const done = await refundOf(700);
      await alipay().refund(done);
      expect(await alipay().refundStatus(done.outRefundNo)).to.deep.include({ status: 'succeeded' });
      const never = await refundOf(700);
      expect(await alipay().refundStatus(never.outRefundNo)).to.deep.include({ status: 'failed' });
      fake.script('alipay.trade.fastpay.refund.query', { code: '40004', msg: 'Business Failed', sub_code: 'ACQ.TRADE_NOT_EXIST', sub_msg: '交易不存在' });
      expect(await alipay().refundStatus(never.outRefundNo)).to.deep.include({ status: 'failed', error: 'ACQ.TRADE_NOT_EXIST: 交易不存在' });
    });

    it('treats an unsigned or forged answer to a refund query as unknown, never as failed', async () => {
      const req = await refundOf(800);
      await alipay().refund(req);
      fake.signing = 'unsigned';
      fake.script('alipay.trade.fastpay.refund.query', { code: '40004', msg: 'Business Failed', sub_code: 'ACQ.TRADE_NOT_EXIST', sub_msg: '交易不存在' });
      expect((await alipay().refundStatus(req.outRefundNo)).status).to.equal('processing');
      fake.signing = 'forged';
      expect((await alipay().refundStatus(req.outRefundNo)).status).to.equal('processing');
      fake.signing = 'genuine';
      expect((await alipay().refundStatus(req.outRefundNo)).status).to.equal('succeeded');
    });

    it('treats a gateway that does not answer in time, or cannot be reached, as unknown', async () => {
      const silent = await fakeHttp(() => undefined);
      try {
        const req = await refundOf(900);
        const started = Date.now();
        const result = await new Alipay(config({ gateway: `${silent.url}/gateway.do` }), { timeoutMs: 300, tradeOfRefund: async () => req.outTradeNo }).refund(req);
        expect(result.status).to.equal('processing');
        expect(Date.now() - started).to.be.below(5_000);
      } finally {
        await silent.close();
      }
      const unreachable = await alipay({ gateway: 'http://127.0.0.1:9/gateway.do' }).refundStatus((await refundOf(100)).outRefundNo);
      expect(unreachable.status).to.equal('processing');
    });
  });
});
