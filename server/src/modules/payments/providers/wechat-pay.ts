/**
 * WeChat Pay API v3 for mini-program (JSAPI), phone-browser (H5) and desktop QR (Native) payments, in
 * either of WeChat's merchant shapes:
 * - direct: the tenant is an ordinary merchant (`mchid`) with its own API key;
 * - partner: the platform is the service provider (`sp_mchid`, `sp_appid`, the platform's API key
 *   and APIv3 key) and the tenant its sub-merchant (`sub_mchid`, `sub_appid`). Every tenant then
 *   shares the platform's keys, so a notification proves which tenant it is for only by its
 *   sub_mchid, which verifyNotification checks.
 * Requests are signed with the merchant API key; answers and notifications are believed only when
 * signed by one of the configured WeChat Pay platform keys (certificate or WeChat Pay public key,
 * matched by Wechatpay-Serial) within five minutes of now.
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { AppError } from '../../../core/errors.js';
import { logger } from '../../../core/logger.js';
import { outboundFetch, OutboundRefused, type OutboundInit, type OutboundPolicy } from '../../../core/outbound.js';
import {
  authorization,
  beijingTime,
  decryptResource,
  nonceStr,
  signMessage,
  signedLines,
  unixSeconds,
  verifyMessage,
  type EncryptedResource,
} from './wechat-pay-crypto.js';
import {
  InvalidNotification,
  type NotificationHeaders,
  type PayRequest,
  type PayStart,
  type PaymentProvider,
  type RefundRequest,
  type RefundResult,
  type VerifiedNotification,
  type VerifiedRefundNotification,
} from './types.js';

export interface WechatPayConfig {
  mode: 'direct' | 'partner';
  /** The merchant (direct) or the service provider's sp_mchid (partner). */
  mchid: string;
  /** Partner mode: the tenant's sub_mchid. */
  subMchid?: string;
  /** The mini-program's appid; in partner mode the sub_appid. */
  appid: string;
  /** Partner mode: the service provider's sp_appid. */
  spAppid?: string;
  /** Serial of the merchant API certificate whose private key signs requests. */
  serialNo: string;
  privateKeyPem: string;
  /** 32 bytes. */
  apiV3Key: string;
  /** WeChat Pay platform keys (certificate or public key PEM) by serial, e.g. `PUB_KEY_ID_...`. */
  platformCertificates: Array<{ serialNo: string; publicKeyPem: string }>;
  baseUrl?: string;
}

export interface WechatPayOptions {
  timeoutMs?: number;
  /** Where requests go instead of the network: the in-process sandbox (providers/sandbox-transfer.ts). */
  transport?: (url: URL, init: OutboundInit) => Promise<Response>;
}

/**
 * WeChat Pay refused, failed, or answered something we cannot believe. The message and details
 * reach the tenant, and a shop can point its gateway anywhere: they carry the answer's code only
 * when WeChat Pay signed it; `wechatCode` keeps it for our own decisions either way.
 */
export class WechatPayError extends AppError {
  constructor(
    message: string,
    readonly wechatCode: string | null = null,
    readonly httpStatus: number | null = null,
    shownCode: string | null = wechatCode,
  ) {
    super(502, 'wechat_pay_error', message, { wechatCode: shownCode, httpStatus });
    this.name = 'WechatPayError';
  }
}

const DEFAULT_BASE_URL = 'https://api.mch.weixin.qq.com';
/** A shop sets its gateway URL: in production only WeChat Pay's documented domains (main and backup). */
export const WECHAT_PAY_OUTBOUND: OutboundPolicy = { name: 'WeChat Pay', hosts: ['api.mch.weixin.qq.com', 'api2.mch.weixin.qq.com'] };
const MAX_SKEW_SECONDS = 300;
const USER_AGENT = `s2b2c-commerce-cloud/0.1 (node ${process.version})`;

export interface Answer {
  status: number;
  body: Record<string, unknown>;
  /** Signed by a WeChat Pay platform key: only then is what it says WeChat's word. */
  signed: boolean;
}

type RefundResource = {
  mchid?: string;
  sp_mchid?: string;
  sub_mchid?: string;
  out_refund_no?: string;
  refund_id?: string;
  refund_status?: string;
  amount?: { refund?: number; total?: number };
};

type Transaction = {
  mchid?: string;
  sp_mchid?: string;
  sub_mchid?: string;
  out_trade_no?: string;
  transaction_id?: string;
  trade_state?: string;
  amount?: { total?: number; payer_total?: number };
};

function header(headers: NotificationHeaders | Headers, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? undefined : headers[key];
  return Array.isArray(value) ? value[0] : value;
}

export class WechatPay implements PaymentProvider {
  readonly name = 'wechat' as const;
  private readonly privateKey: KeyObject;
  private readonly platformKeys: Map<string, KeyObject>;
  private readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(
    protected readonly config: WechatPayConfig,
    private readonly options: WechatPayOptions = {},
  ) {
    if (Buffer.byteLength(config.apiV3Key, 'utf8') !== 32) throw new Error('WeChat Pay apiV3Key must be 32 bytes');
    if (config.mode === 'partner' && (!config.subMchid || !config.spAppid)) throw new Error('WeChat Pay partner mode needs subMchid and spAppid');
    this.privateKey = createPrivateKey(config.privateKeyPem);
    this.platformKeys = new Map(config.platformCertificates.map((c) => [c.serialNo, createPublicKey(c.publicKeyPem)]));
    this.baseUrl = config.baseUrl ?? DEFAULT_BASE_URL;
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  async createPayment(req: PayRequest): Promise<PayStart> {
    if (!Number.isInteger(req.amount) || req.amount <= 0) throw new Error(`WeChat Pay amount must be a positive integer of fen, not ${req.amount}`);
    const scene = req.scene ?? 'jsapi';
    if (scene === 'h5') return this.h5(req);
    if (scene === 'native') return this.native(req);
    if (scene !== 'jsapi') throw new Error(`WeChat Pay has no ${scene} payments`);
    if (!req.openid) throw new AppError(400, 'wechat_payer_required', 'WeChat Pay needs the shopper\'s mini-program openid');
    // The openid belongs to one mini-program, so the appid paid from is the one the shopper is in.
    const appid = req.appid ?? this.config.appid;
    const { path, body } = this.order('jsapi', req, appid, this.config.mode === 'partner' ? { payer: { sub_openid: req.openid } } : { payer: { openid: req.openid } });
    const answer = await this.call('POST', path, body);
    const prepayId = answer.body.prepay_id;
    if (answer.status >= 300 || typeof prepayId !== 'string') throw this.refusal('prepay', answer);

    const timeStamp = unixSeconds();
    const nonce = nonceStr();
    const pkg = `prepay_id=${prepayId}`;
    return {
      providerRef: prepayId,
      params: {
        appId: appid,
        timeStamp,
        nonceStr: nonce,
        package: pkg,
        signType: 'RSA',
        paySign: signMessage(this.privateKey, signedLines(appid, timeStamp, nonce, pkg)),
      },
    };
  }

  /** A phone browser outside WeChat: WeChat's cashier page (h5_url), which returns the shopper to returnUrl. */
  private async h5(req: PayRequest): Promise<PayStart> {
    if (!req.clientIp) throw new Error('WeChat Pay H5 needs the shopper\'s IP');
    const { path, body } = this.order('h5', req, req.appid ?? this.config.appid, { scene_info: { payer_client_ip: req.clientIp, h5_info: { type: 'Wap' } } });
    const answer = await this.call('POST', path, body);
    const h5Url = answer.body.h5_url;
    if (answer.status >= 300 || typeof h5Url !== 'string') throw this.refusal('H5 order', answer);
    const redirectUrl = req.returnUrl ? `${h5Url}${h5Url.includes('?') ? '&' : '?'}redirect_url=${encodeURIComponent(req.returnUrl)}` : h5Url;
    return { redirectUrl };
  }

  /** A desktop browser: the code_url the shopper scans with WeChat. */
  private async native(req: PayRequest): Promise<PayStart> {
    const { path, body } = this.order('native', req, req.appid ?? this.config.appid, req.clientIp ? { scene_info: { payer_client_ip: req.clientIp } } : {});
    const answer = await this.call('POST', path, body);
    const codeUrl = answer.body.code_url;
    if (answer.status >= 300 || typeof codeUrl !== 'string') throw this.refusal('Native order', answer);
    return { codeUrl };
  }

  /** The order as every payment API takes it, for the direct merchant or the partner's sub-merchant. */
  private order(kind: 'jsapi' | 'h5' | 'native', req: PayRequest, appid: string, extra: Record<string, unknown>): { path: string; body: Record<string, unknown> } {
    const order = {
      description: req.description.slice(0, 127),
      out_trade_no: req.outTradeNo,
      time_expire: beijingTime(req.expiresAt),
      notify_url: req.notifyUrl,
      amount: { total: req.amount, currency: 'CNY' },
      ...extra,
    };
    return this.config.mode === 'partner'
      ? { path: `/v3/pay/partner/transactions/${kind}`, body: { sp_appid: this.config.spAppid, sp_mchid: this.config.mchid, sub_appid: appid, sub_mchid: this.config.subMchid, ...order } }
      : { path: `/v3/pay/transactions/${kind}`, body: { appid, mchid: this.config.mchid, ...order } };
  }

  async verifyNotification(headers: NotificationHeaders, rawBody: string): Promise<VerifiedNotification | VerifiedRefundNotification> {
    const problem = this.signatureProblem(headers, rawBody);
    if (problem) throw new InvalidNotification(problem);

    let resource: EncryptedResource;
    try {
      resource = (JSON.parse(rawBody) as { resource: EncryptedResource }).resource;
    } catch {
      throw new InvalidNotification('body is not JSON');
    }
    if (!resource || typeof resource.ciphertext !== 'string' || typeof resource.nonce !== 'string') throw new InvalidNotification('no encrypted resource');
    const kind = resource.original_type ?? 'transaction';
    if (kind !== 'transaction' && kind !== 'refund') throw new InvalidNotification(`neither a payment nor a refund notification (${kind})`);

    let decrypted: Transaction & RefundResource;
    try {
      decrypted = JSON.parse(decryptResource(this.config.apiV3Key, resource)) as Transaction & RefundResource;
    } catch {
      throw new InvalidNotification('resource does not decrypt with the APIv3 key');
    }
    const { mode, mchid, subMchid } = this.config;
    if (mode === 'direct' ? decrypted.mchid !== mchid : decrypted.sp_mchid !== mchid || decrypted.sub_mchid !== subMchid) {
      throw new InvalidNotification(`${kind} is for merchant ${decrypted.sub_mchid ?? decrypted.mchid ?? decrypted.sp_mchid ?? '?'}, not this one`);
    }
    return kind === 'refund' ? refundNotice(decrypted) : paymentNotice(decrypted);
  }

  async refund(req: RefundRequest): Promise<RefundResult> {
    if (!Number.isInteger(req.refund) || !Number.isInteger(req.total) || req.refund <= 0 || req.refund > req.total) {
      throw new Error(`WeChat Pay refund must be a positive integer of fen within the payment's ${req.total}, not ${req.refund}`);
    }
    const answer = await this.call('POST', '/v3/refund/domestic/refunds', {
      ...(this.config.mode === 'partner' ? { sub_mchid: this.config.subMchid } : {}),
      out_trade_no: req.outTradeNo,
      out_refund_no: req.outRefundNo,
      ...(req.reason ? { reason: req.reason } : {}),
      ...(req.notifyUrl ? { notify_url: req.notifyUrl } : {}),
      amount: { refund: req.refund, total: req.total, currency: 'CNY' },
    });
    // A 5xx leaves the refund's fate unknown: throw, so it is retried with the same out_refund_no
    // (WeChat refunds an out_refund_no once) rather than reported failed and re-requested anew.
    if (answer.status >= 500) throw this.refusal('refund', answer);
    if (answer.status >= 400) return { status: 'failed', error: answer.signed ? `${answer.body.code ?? answer.status}: ${answer.body.message ?? 'refund refused'}` : `HTTP ${answer.status}: refund refused` };
    return refundOutcome(answer.body);
  }

  /** Queries a refund by our out_refund_no (partner mode names the sub-merchant). */
  async refundStatus(outRefundNo: string): Promise<RefundResult> {
    const query = this.config.mode === 'partner' ? `?sub_mchid=${encodeURIComponent(this.config.subMchid ?? '')}` : '';
    const answer = await this.call('GET', `/v3/refund/domestic/refunds/${encodeURIComponent(outRefundNo)}${query}`);
    // WeChat never took the refund: it failed, and the amount may be refunded anew. Only WeChat's
    // signed word says so; an unsigned 404 may be anyone's, and "failed" would pay the shopper twice
    if (answer.status === 404 && answer.signed) return { status: 'failed', error: `${answer.body.code ?? 404}: ${answer.body.message ?? 'no such refund'}` };
    if (answer.status >= 400) throw this.refusal('refund query', answer);
    return refundOutcome(answer.body);
  }

  ack(): { status: number; body: unknown } {
    return { status: 200, body: { code: 'SUCCESS', message: 'OK' } };
  }

  /** Why a signed message is not genuine, or null when it is. */
  private signatureProblem(headers: NotificationHeaders | Headers, body: string): string | null {
    const timestamp = header(headers, 'Wechatpay-Timestamp');
    const nonce = header(headers, 'Wechatpay-Nonce');
    const signature = header(headers, 'Wechatpay-Signature');
    const serial = header(headers, 'Wechatpay-Serial');
    if (!timestamp || !nonce || !signature || !serial) return 'unsigned (Wechatpay-* headers missing)';
    const key = this.platformKeys.get(serial);
    if (!key) return `unknown WeChat Pay platform serial ${serial}`;
    if (!verifyMessage(key, signedLines(timestamp, nonce, body), signature)) return 'signature does not verify';
    if (!/^\d{1,12}$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS) return `timestamp ${timestamp} is more than 5 minutes away`;
    return null;
  }

  /**
   * Sends a signed request and returns an answer we can believe. A 2xx must be signed by WeChat
   * Pay; so must any answer carrying a signature. An unsigned error is returned marked unsigned:
   * WeChat does not sign answers to requests whose own signature failed (401), but such an answer
   * proves nothing. The URL passes the outbound guard (a shop may set it).
   */
  protected async call(method: 'GET' | 'POST', path: string, payload?: object): Promise<Answer> {
    const url = new URL(path, this.baseUrl);
    // a GET signs an empty body
    const body = payload === undefined ? '' : JSON.stringify(payload);
    let res: Response;
    let text: string;
    try {
      const send = this.options.transport ?? ((u: URL, init: OutboundInit) => outboundFetch(u, init, WECHAT_PAY_OUTBOUND));
      res = await send(url, {
        method,
        headers: {
          Authorization: authorization({ mchid: this.config.mchid, serialNo: this.config.serialNo, privateKey: this.privateKey, method, pathAndQuery: url.pathname + url.search, body }),
          Accept: 'application/json',
          ...(payload === undefined ? {} : { 'Content-Type': 'application/json' }),
          'User-Agent': USER_AGENT,
        },
        ...(payload === undefined ? {} : { body }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await res.text();
    } catch (err) {
      if (err instanceof OutboundRefused) throw new WechatPayError(`WeChat Pay was not called: ${err.message}`);
      // the socket's words (refused, reset, unknown host) would tell a shop what lives where
      logger().warn({ err, path }, 'WeChat Pay did not answer');
      throw new WechatPayError(`WeChat Pay did not answer ${path}`);
    }
    const signed = res.ok || res.headers.has('Wechatpay-Signature');
    if (signed) {
      const problem = this.signatureProblem(res.headers, text);
      if (problem) throw new WechatPayError(`WeChat Pay's answer to ${path} is not genuine: ${problem}`, null, res.status);
    }
    let parsed: unknown = {};
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new WechatPayError(`WeChat Pay answered ${path} with ${res.status} and a body that is not JSON`, null, res.status);
      }
    }
    return { status: res.status, body: parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {}, signed };
  }

  /** An unsigned answer's words stay in our log: they may be any server's a shop pointed us at. */
  protected refusal(what: string, answer: Answer): WechatPayError {
    const code = typeof answer.body.code === 'string' ? answer.body.code : null;
    const message = typeof answer.body.message === 'string' ? answer.body.message : 'no message';
    if (!answer.signed) {
      logger().warn({ what, status: answer.status, code, message }, 'WeChat Pay refused with an unsigned answer');
      return new WechatPayError(`WeChat Pay refused the ${what} (HTTP ${answer.status}, unsigned answer)`, code, answer.status, null);
    }
    return new WechatPayError(`WeChat Pay refused the ${what} (HTTP ${answer.status} ${code ?? 'no code'}: ${message})`, code, answer.status);
  }
}

/** A refund's state as WeChat Pay reports it (refund answer or query): SUCCESS, PROCESSING, or over (CLOSED, ABNORMAL). */
function refundOutcome(body: Record<string, unknown>): RefundResult {
  const providerRefundId = typeof body.refund_id === 'string' ? body.refund_id : undefined;
  const status = body.status;
  if (status === 'SUCCESS') return { status: 'succeeded', providerRefundId };
  if (status === 'PROCESSING') return { status: 'processing', providerRefundId };
  return { status: 'failed', providerRefundId, error: `refund ${String(status ?? 'without status')}` };
}

function paymentNotice(tx: Transaction): VerifiedNotification {
  const total = tx.amount?.total;
  if (typeof tx.out_trade_no !== 'string' || typeof tx.transaction_id !== 'string' || !Number.isInteger(total)) {
    throw new InvalidNotification('transaction lacks out_trade_no, transaction_id or amount.total');
  }
  return {
    kind: 'payment',
    outTradeNo: tx.out_trade_no,
    providerTradeNo: tx.transaction_id,
    // amount.total, not payer_total: the payer's share drops by whatever a WeChat coupon paid,
    // yet the coupon is settled to the merchant, so the order is paid in full at amount.total.
    amount: total as number,
    succeeded: tx.trade_state === 'SUCCESS',
    raw: tx,
  };
}

/** REFUND.SUCCESS, REFUND.CLOSED and REFUND.ABNORMAL: only a success gives the shopper the money. */
function refundNotice(r: RefundResource): VerifiedRefundNotification {
  const refunded = r.amount?.refund;
  if (typeof r.out_refund_no !== 'string' || typeof r.refund_id !== 'string' || typeof r.refund_status !== 'string' || !Number.isInteger(refunded)) {
    throw new InvalidNotification('refund lacks out_refund_no, refund_id, refund_status or amount.refund');
  }
  if (r.refund_status === 'PROCESSING') throw new InvalidNotification('a refund notification reports an end, not PROCESSING');
  return { kind: 'refund', outRefundNo: r.out_refund_no, providerRefundId: r.refund_id, amount: refunded as number, status: r.refund_status === 'SUCCESS' ? 'succeeded' : 'failed', raw: r };
}
