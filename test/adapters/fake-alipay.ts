/**
 * A local Alipay open-API gateway (`/gateway.do`). It holds its own RSA key pair acting as
 * Alipay's, knows the app's public key, and checks each request the way Alipay does, with its own
 * code (nothing here is imported from the adapter): app_id, RSA2, the signature over the sorted
 * non-empty parameters except `sign`, then the business content of wap and page pay (the shopper's
 * browser arrives with a GET, as after a redirect), refunds and refund queries (signed form posts).
 * Its JSON answers are signed over the raw `<method>_response` text, slashes escaped as Alipay
 * writes them; a request whose signature fails gets Alipay's unsigned `error_response`. It builds
 * notifications as Alipay posts them: a form signed over the sorted fields except `sign` and
 * `sign_type`, and can deliver them.
 */
import { createSign, createVerify, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { fakeHttp, type FakeHttp } from './fake-servers.js';

export interface FakeAlipayOptions {
  appId: string;
  /** The app's public key, which the merchant uploaded to Alipay. */
  appPublicKey: KeyObject;
  sellerId: string;
}

/** How the fake signs its next answers: genuinely, with a key Alipay does not hold, or not at all. */
export type AnswerSigning = 'genuine' | 'forged' | 'unsigned';

export interface Trade {
  method: string;
  outTradeNo: string;
  totalAmount: string;
  subject: string;
  notifyUrl: string;
  returnUrl: string | null;
  tradeNo: string;
  refunds: Map<string, string>;
}

export interface FakeAlipay {
  /** The gateway address a shop is configured with. */
  gateway: string;
  requests: FakeHttp['requests'];
  /** Each answer to a signed post: the method and its business fields. */
  answers: Array<{ method: string; fields: Record<string, unknown> }>;
  /** Alipay's public key as its console shows it: bare base64, no PEM armour. */
  alipayPublicKey: string;
  trades: Map<string, Trade>;
  signing: AnswerSigning;
  /** Answers the next call of this method with these fields instead of the usual ones. */
  script(method: string, fields: Record<string, unknown>): void;
  /** The notification Alipay posts once the shopper paid this trade. */
  paid(outTradeNo: string, overrides?: Record<string, string | undefined>, options?: { forge?: boolean }): Notification;
  notification(fields: Record<string, string | undefined>, options?: { forge?: boolean }): Notification;
  /** Posts a notification to a URL, as Alipay does; its answer. */
  deliver(url: string, n: Notification): Promise<{ status: number; text: string }>;
  close(): Promise<void>;
}

export interface Notification {
  body: string;
  contentType: string;
}

const sorted = (params: Record<string, string | undefined>, leaveOut: string[]) =>
  Object.entries(params)
    .filter(([k, v]) => !leaveOut.includes(k) && v !== undefined && v !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
const sign = (key: KeyObject, text: string) => createSign('sha256WithRSAEncryption').update(text, 'utf8').sign(key).toString('base64');
const beijingNow = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

const PAGE_PRODUCTS: Record<string, string> = { 'alipay.trade.wap.pay': 'QUICK_WAP_WAY', 'alipay.trade.page.pay': 'FAST_INSTANT_TRADE_PAY' };

/** Yuan with exactly two decimals, as Alipay wants amounts; fen by string arithmetic. */
const fenOf = (yuan: string) => (/^\d+\.\d{2}$/.test(yuan) ? Number(yuan.replace('.', '')) : NaN);
const yuanOf = (fen: number) => `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

export async function fakeAlipay(options: FakeAlipayOptions): Promise<FakeAlipay> {
  const alipay = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const impostor = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const trades = new Map<string, Trade>();
  const scripted = new Map<string, Array<Record<string, unknown>>>();
  const answers: FakeAlipay['answers'] = [];

  /** Why Alipay would refuse the request's common parameters or signature, or null. */
  const refusal = (params: Record<string, string>): string | null => {
    if (params.app_id !== options.appId) return `app_id ${params.app_id} unknown`;
    if (params.sign_type !== 'RSA2' || params.charset !== 'utf-8' || params.version !== '1.0' || params.format !== 'JSON') return 'sign_type, charset, version or format';
    if (!/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(params.timestamp ?? '')) return 'timestamp';
    if (!params.sign || !createVerify('sha256WithRSAEncryption').update(sorted(params, ['sign']), 'utf8').verify(options.appPublicKey, Buffer.from(params.sign, 'base64'))) return '验签出错';
    return null;
  };

  const answer = (res: ServerResponse, method: string, fields: Record<string, unknown>) => {
    answers.push({ method, fields });
    const key = `${method.replace(/\./g, '_')}_response`;
    const raw = JSON.stringify(fields).replace(/\//g, '\\/');
    const signature = fake.signing === 'unsigned' ? '' : `,"sign":"${sign(fake.signing === 'forged' ? impostor.privateKey : alipay.privateKey, raw)}"`;
    res.writeHead(200, { 'Content-Type': 'text/html;charset=utf-8' });
    res.end(`{"${key}":${raw}${signature}}`);
  };

  const page = (res: ServerResponse, status: number, text: string) => {
    res.writeHead(status, { 'Content-Type': 'text/html;charset=utf-8' });
    res.end(`<!doctype html><title>支付宝</title><p>${text}</p>`);
  };

  const refund = (biz: Record<string, string>): Record<string, unknown> => {
    const trade = trades.get(biz.out_trade_no ?? '');
    if (!trade) return { code: '40004', msg: 'Business Failed', sub_code: 'ACQ.TRADE_NOT_EXIST', sub_msg: '交易不存在' };
    const refundFee = () => yuanOf([...trade.refunds.values()].reduce((sum, y) => sum + fenOf(y), 0));
    const base = { code: '10000', msg: 'Success', trade_no: trade.tradeNo, out_trade_no: trade.outTradeNo, buyer_logon_id: '159****5620' };
    if (!biz.out_request_no || Number.isNaN(fenOf(biz.refund_amount ?? ''))) return { code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.invalid-parameter', sub_msg: '参数无效' };
    if (trade.refunds.has(biz.out_request_no)) return { ...base, fund_change: 'N', refund_fee: refundFee() };
    if (fenOf(refundFee()) + fenOf(biz.refund_amount!) > fenOf(trade.totalAmount)) return { code: '40004', msg: 'Business Failed', sub_code: 'ACQ.REFUND_AMT_NOT_EQUAL_TOTAL', sub_msg: '退款金额超限' };
    trade.refunds.set(biz.out_request_no, biz.refund_amount!);
    return { ...base, fund_change: 'Y', refund_fee: refundFee(), gmt_refund_pay: beijingNow() };
  };

  const refundQuery = (biz: Record<string, string>): Record<string, unknown> => {
    const trade = trades.get(biz.out_trade_no ?? '');
    const amount = trade?.refunds.get(biz.out_request_no ?? '');
    // Alipay answers an unknown refund with success and no data
    if (!trade || !amount) return { code: '10000', msg: 'Success' };
    return { code: '10000', msg: 'Success', trade_no: trade.tradeNo, out_trade_no: trade.outTradeNo, out_request_no: biz.out_request_no, total_amount: trade.totalAmount, refund_amount: amount, refund_status: 'REFUND_SUCCESS' };
  };

  const http = await fakeHttp((req, res) => {
    if (req.url.pathname !== '/gateway.do') return page(res, 404, 'not found');
    const params: Record<string, string> = Object.fromEntries(req.method === 'GET' ? req.url.searchParams : new URLSearchParams(req.body));
    const method = params.method ?? '';
    const problem = refusal(params);
    let biz: Record<string, string> = {};
    try {
      biz = JSON.parse(params.biz_content ?? '{}') as Record<string, string>;
    } catch {
      if (!problem) return page(res, 400, 'biz_content 不是 JSON');
    }
    if (req.method === 'GET') {
      // the shopper's browser, sent to the cashier
      const product = PAGE_PRODUCTS[method];
      if (problem) return page(res, 400, `错误代码 invalid-signature: ${problem}`);
      if (!product || biz.product_code !== product || !biz.out_trade_no || !biz.subject || Number.isNaN(fenOf(biz.total_amount ?? '')) || !params.notify_url) return page(res, 400, '错误代码 invalid-parameter');
      const known = trades.get(biz.out_trade_no);
      trades.set(biz.out_trade_no, known ?? { method, outTradeNo: biz.out_trade_no, totalAmount: biz.total_amount!, subject: biz.subject, notifyUrl: params.notify_url, returnUrl: params.return_url ?? null, tradeNo: `2026${randomBytes(12).toString('hex')}`, refunds: new Map() });
      return page(res, 200, `支付宝收银台：${biz.subject} ¥${biz.total_amount}`);
    }
    if (problem) {
      // Alipay cannot tell whose request this is: it answers without signing
      answers.push({ method, fields: { code: '40002', sub_code: 'isv.invalid-signature' } });
      res.writeHead(200, { 'Content-Type': 'text/html;charset=utf-8' });
      return res.end(JSON.stringify({ error_response: { code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.invalid-signature', sub_msg: `验签出错: ${problem}` } }));
    }
    // a refund is on record however it is answered, so that a query later finds it
    const usual = method === 'alipay.trade.refund' ? refund(biz) : method === 'alipay.trade.fastpay.refund.query' ? refundQuery(biz) : { code: '40004', msg: 'Business Failed', sub_code: 'isv.invalid-method' };
    return answer(res, method, scripted.get(method)?.shift() ?? usual);
  });

  const fake: FakeAlipay = {
    gateway: `${http.url}/gateway.do`,
    requests: http.requests,
    answers,
    alipayPublicKey: alipay.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    trades,
    signing: 'genuine',
    script(method, fields) {
      scripted.set(method, [...(scripted.get(method) ?? []), fields]);
    },
    paid(outTradeNo, overrides = {}, opts = {}) {
      const trade = trades.get(outTradeNo);
      if (!trade) throw new Error(`the fake gateway never showed its cashier for ${outTradeNo}`);
      return fake.notification(
        {
          notify_time: beijingNow(),
          notify_type: 'trade_status_sync',
          notify_id: randomBytes(16).toString('hex'),
          charset: 'utf-8',
          version: '1.0',
          app_id: options.appId,
          auth_app_id: options.appId,
          seller_id: options.sellerId,
          buyer_id: '2088102177846880',
          trade_no: trade.tradeNo,
          out_trade_no: trade.outTradeNo,
          subject: trade.subject,
          trade_status: 'TRADE_SUCCESS',
          total_amount: trade.totalAmount,
          receipt_amount: trade.totalAmount,
          buyer_pay_amount: trade.totalAmount,
          invoice_amount: trade.totalAmount,
          point_amount: '0.00',
          fund_bill_list: JSON.stringify([{ amount: trade.totalAmount, fundChannel: 'ALIPAYACCOUNT' }]),
          gmt_create: beijingNow(),
          gmt_payment: beijingNow(),
          ...overrides,
        },
        opts,
      );
    },
    notification(fields, opts = {}) {
      const all = { ...fields, sign_type: 'RSA2' };
      const form = new URLSearchParams(Object.entries(all).filter((e): e is [string, string] => e[1] !== undefined));
      form.set('sign', sign(opts.forge ? impostor.privateKey : alipay.privateKey, sorted(all, ['sign', 'sign_type'])));
      return { body: form.toString(), contentType: 'application/x-www-form-urlencoded; charset=utf-8' };
    },
    async deliver(url, n) {
      const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': n.contentType }, body: n.body });
      return { status: res.status, text: await res.text() };
    },
    close: () => http.close(),
  };
  return fake;
}
