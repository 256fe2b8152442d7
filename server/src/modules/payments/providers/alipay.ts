/**
 * Alipay's open API (the `gateway.do` protocol, RSA2) for paying in a browser:
 * - mobile website pay (`alipay.trade.wap.pay`) and desktop page pay (`alipay.trade.page.pay`) are a
 *   signed redirect: every parameter rides in the query string of Alipay's gateway, signed by the
 *   app's private key over the sorted `key=value&...` of the non-empty parameters except `sign`;
 * - Alipay posts its asynchronous notification as a form, signed by Alipay's key over the sorted
 *   parameters except `sign` and `sign_type`; we answer the plain text `success`;
 * - refunds (`alipay.trade.refund`, one `out_request_no` per refund) and refund queries
 *   (`alipay.trade.fastpay.refund.query`) are signed form posts whose JSON answer is believed only
 *   when Alipay signed it: the signature covers the raw text of the `<method>_response` object.
 * An answer we cannot believe, or none at all, leaves a refund's fate unknown: it is reported as
 * still processing, so it is asked about again rather than refunded anew or given up.
 *
 * Written against node:crypto rather than Ant Group's SDK: the protocol is a page of rules, and
 * owning them lets "unsigned error answer" mean "unknown" here instead of whatever the SDK throws.
 */
import type { KeyObject } from 'node:crypto';
import { fenToYuan, yuanToFen } from '../../../core/money.js';
import { beijingClock } from './beijing-time.js';
import type { OutboundPolicy } from '../../../core/outbound.js';
import { exchange, GatewayUnreachable } from './gateway-http.js';
import { privateKeyOf, publicKeyOf, rsaSign, rsaVerify } from './rsa.js';
import {
  InvalidNotification,
  type NotificationAck,
  type NotificationHeaders,
  type PayRequest,
  type PayStart,
  type PaymentProvider,
  type RefundRequest,
  type RefundResult,
  type VerifiedNotification,
} from './types.js';

export interface AlipayConfig {
  /** The open-platform app (16 digits). */
  appId: string;
  /** The app's private key: PEM, or the bare base64 Alipay's key tool writes. */
  privateKey: string;
  /** Alipay's public key for this app (not the app's own public key). */
  alipayPublicKey: string;
  /** The merchant's partner id (2088...): when set, a notification must be for it. */
  sellerId?: string;
  gateway?: string;
}

export interface AlipayOptions {
  timeoutMs?: number;
  /** The refund query names the payment as well as the refund: finds our out_trade_no for an out_request_no. */
  tradeOfRefund?: (outRefundNo: string) => Promise<string | null>;
}

export const ALIPAY_GATEWAY = 'https://openapi.alipay.com/gateway.do';
/** Alipay's documented gateways: production and its sandbox. */
export const ALIPAY_OUTBOUND: OutboundPolicy = { name: 'Alipay', hosts: ['openapi.alipay.com', 'openapi-sandbox.dl.alipaydev.com'] };

const PAGES = {
  wap: { method: 'alipay.trade.wap.pay', productCode: 'QUICK_WAP_WAY' },
  page: { method: 'alipay.trade.page.pay', productCode: 'FAST_INSTANT_TRADE_PAY' },
} as const;

/** Sorted `key=value&...` of the non-empty parameters, leaving out those named. */
export function alipaySignContent(params: Record<string, string | undefined>, leaveOut: readonly string[]): string {
  return Object.keys(params)
    .filter((key) => !leaveOut.includes(key) && params[key] !== undefined && params[key] !== '')
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join('&');
}

/**
 * The raw text of the JSON object at `"key":` in text, as Alipay signed it (re-serialising a parsed
 * object would change escapes such as `\/`), or null when there is none.
 */
export function rawObjectAt(text: string, key: string): string | null {
  const at = text.indexOf(`"${key}"`);
  if (at < 0) return null;
  const start = text.indexOf('{', at + key.length + 2);
  if (start < 0 || !/^\s*:\s*$/.test(text.slice(at + key.length + 2, start))) return null;
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return text.slice(start, i + 1);
  }
  return null;
}

/** A synchronous answer: its business fields, and whether Alipay's signature on them holds. */
interface Answer {
  genuine: boolean;
  fields: Record<string, unknown>;
  /** Why it is not believed, when it is not. */
  problem?: string;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Sub-codes that say Alipay itself failed: the request may or may not have been carried out. */
const UNKNOWN_OUTCOME = new Set(['ACQ.SYSTEM_ERROR', 'aop.ACQ.SYSTEM_ERROR']);
const REFUSED_CODES = new Set(['40001', '40002', '40003', '40004']);

export class Alipay implements PaymentProvider {
  readonly name = 'alipay' as const;
  private readonly privateKey: KeyObject;
  private readonly alipayKey: KeyObject;
  private readonly gateway: URL;
  private readonly timeoutMs: number;

  constructor(
    private readonly config: AlipayConfig,
    private readonly options: AlipayOptions = {},
  ) {
    this.privateKey = privateKeyOf(config.privateKey);
    this.alipayKey = publicKeyOf(config.alipayPublicKey);
    this.gateway = new URL(config.gateway ?? ALIPAY_GATEWAY);
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  async createPayment(req: PayRequest): Promise<PayStart> {
    if (!Number.isInteger(req.amount) || req.amount <= 0) throw new Error(`Alipay amount must be a positive integer of fen, not ${req.amount}`);
    const scene = req.scene ?? 'wap';
    if (scene !== 'wap' && scene !== 'page') throw new Error(`Alipay pays in a browser (wap or page), not ${scene}`);
    const page = PAGES[scene];
    const params = this.signed(page.method, {
      out_trade_no: req.outTradeNo,
      total_amount: fenToYuan(req.amount),
      subject: req.description.slice(0, 256),
      product_code: page.productCode,
      time_expire: beijingClock(req.expiresAt),
      // the phone cashier's "back" button leaves for quit_url
      ...(scene === 'wap' && req.returnUrl ? { quit_url: req.returnUrl } : {}),
    }, { notify_url: req.notifyUrl, return_url: req.returnUrl });
    const url = new URL(this.gateway);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    return { redirectUrl: url.toString() };
  }

  async verifyNotification(_headers: NotificationHeaders, rawBody: string): Promise<VerifiedNotification> {
    const fields: Record<string, string> = Object.fromEntries(new URLSearchParams(rawBody));
    if (!fields.sign) throw new InvalidNotification('unsigned (no sign)');
    if (fields.sign_type && fields.sign_type !== 'RSA2') throw new InvalidNotification(`sign_type ${fields.sign_type} is not RSA2`);
    if (!rsaVerify(this.alipayKey, alipaySignContent(fields, ['sign', 'sign_type']), fields.sign)) throw new InvalidNotification('signature does not verify');
    if (fields.app_id !== this.config.appId) throw new InvalidNotification(`for app ${fields.app_id ?? '?'}, not this one`);
    if (this.config.sellerId && fields.seller_id !== this.config.sellerId) throw new InvalidNotification(`for seller ${fields.seller_id ?? '?'}, not this one`);
    const amount = yuanToFen(fields.total_amount ?? '');
    if (!fields.out_trade_no || !fields.trade_no || amount === null) throw new InvalidNotification('lacks out_trade_no, trade_no or a total_amount in yuan');
    return {
      kind: 'payment',
      outTradeNo: fields.out_trade_no,
      providerTradeNo: fields.trade_no,
      // total_amount, not buyer_pay_amount: Alipay's own coupons pay part of it and are settled to us
      amount,
      succeeded: fields.trade_status === 'TRADE_SUCCESS' || fields.trade_status === 'TRADE_FINISHED',
      raw: fields,
    };
  }

  async refund(req: RefundRequest): Promise<RefundResult> {
    if (!Number.isInteger(req.refund) || !Number.isInteger(req.total) || req.refund <= 0 || req.refund > req.total) {
      throw new Error(`Alipay refund must be a positive integer of fen within the payment's ${req.total}, not ${req.refund}`);
    }
    const answer = await this.call('alipay.trade.refund', {
      out_trade_no: req.outTradeNo,
      refund_amount: fenToYuan(req.refund),
      out_request_no: req.outRefundNo,
      ...(req.reason ? { refund_reason: req.reason.slice(0, 256) } : {}),
    });
    if (!answer.genuine) return unknown(answer.problem);
    const { code, fund_change: fundChange, trade_no: tradeNo } = answer.fields;
    // fund_change N: no money moved by this call (e.g. the same refund asked twice): the query says whether it is done
    if (code === '10000') return fundChange === 'Y' ? { status: 'succeeded', providerRefundId: str(tradeNo) } : { status: 'processing', providerRefundId: str(tradeNo) };
    return refusedOrUnknown(answer.fields);
  }

  async refundStatus(outRefundNo: string): Promise<RefundResult> {
    const outTradeNo = await this.options.tradeOfRefund?.(outRefundNo);
    if (!outTradeNo) throw new Error(`no payment known for refund ${outRefundNo}`);
    const answer = await this.call('alipay.trade.fastpay.refund.query', { out_trade_no: outTradeNo, out_request_no: outRefundNo });
    if (!answer.genuine) return unknown(answer.problem);
    const f = answer.fields;
    if (f.code === '10000') {
      // Alipay's rule: a refund it answers with data (and no other status) is done; none means it was never carried out
      if (str(f.refund_amount) && (!str(f.refund_status) || f.refund_status === 'REFUND_SUCCESS')) return { status: 'succeeded', providerRefundId: str(f.trade_no) };
      if (str(f.refund_status)) return { status: 'processing', providerRefundId: str(f.trade_no) };
      return { status: 'failed', error: 'Alipay has no such refund: it was not carried out' };
    }
    if (f.sub_code === 'ACQ.TRADE_NOT_EXIST') return { status: 'failed', error: `${f.sub_code}: ${str(f.sub_msg) ?? 'no such trade'}` };
    return unknown(`${String(f.code)} ${String(f.sub_code ?? '')}`);
  }

  ack(): NotificationAck {
    return { status: 200, body: 'success' };
  }

  /** The common parameters plus these, signed. */
  private signed(method: string, biz: Record<string, string>, extra: Record<string, string | undefined> = {}): Record<string, string> {
    const params: Record<string, string> = {
      app_id: this.config.appId,
      method,
      format: 'JSON',
      charset: 'utf-8',
      sign_type: 'RSA2',
      timestamp: beijingClock(new Date()),
      version: '1.0',
      biz_content: JSON.stringify(biz),
    };
    for (const [key, value] of Object.entries(extra)) if (value) params[key] = value;
    params.sign = rsaSign(this.privateKey, alipaySignContent(params, ['sign']));
    return params;
  }

  /** A signed form post; the answer's business fields, and whether Alipay signed them. */
  private async call(method: string, biz: Record<string, string>): Promise<Answer> {
    let text: string;
    try {
      ({ text } = await exchange(
        this.gateway,
        { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=utf-8', Accept: 'application/json' }, body: new URLSearchParams(this.signed(method, biz)).toString() },
        this.timeoutMs,
        ALIPAY_OUTBOUND,
      ));
    } catch (err) {
      if (err instanceof GatewayUnreachable) return { genuine: false, fields: {}, problem: err.message };
      throw err;
    }
    const key = `${method.replace(/\./g, '_')}_response`;
    const raw = rawObjectAt(text, key) ?? rawObjectAt(text, 'error_response');
    let parsed: { sign?: unknown } & Record<string, unknown>;
    let fields: Record<string, unknown>;
    try {
      parsed = JSON.parse(text) as typeof parsed;
      fields = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      return { genuine: false, fields: {}, problem: 'the answer is not JSON' };
    }
    if (!raw) return { genuine: false, fields, problem: `no ${key} in the answer` };
    if (typeof parsed.sign !== 'string') return { genuine: false, fields, problem: `unsigned answer (${String(fields.code)} ${String(fields.sub_code ?? fields.msg ?? '')})` };
    if (!rsaVerify(this.alipayKey, raw, parsed.sign)) return { genuine: false, fields, problem: 'the answer\'s signature does not verify' };
    return { genuine: true, fields };
  }
}

const unknown = (why?: string): RefundResult => ({ status: 'processing', error: `outcome unknown: ${why ?? 'no answer'}` });

/** A signed business refusal is final; Alipay failing on its side leaves the refund to be asked about. */
function refusedOrUnknown(f: Record<string, unknown>): RefundResult {
  if (REFUSED_CODES.has(String(f.code)) && !UNKNOWN_OUTCOME.has(String(f.sub_code))) {
    return { status: 'failed', error: `${String(f.sub_code ?? f.code)}: ${str(f.sub_msg) ?? str(f.msg) ?? 'refused'}` };
  }
  return unknown(`${String(f.code)} ${String(f.sub_code ?? '')}`);
}
