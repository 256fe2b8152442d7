/**
 * A local WeChat Pay API v3 gateway. It holds its own platform key pair, knows the merchant's API
 * public key, and checks each request the way WeChat Pay does, with its own code (nothing here is
 * imported from the adapter): the Authorization header's scheme, mchid, serial, timestamp and
 * signature, then the body of the JSAPI, H5 and Native orders (direct and partner) and refund calls. Its answers are
 * signed with the platform key, and it builds notifications as WeChat posts them (transaction
 * sealed with AES-256-GCM under the APIv3 key, body signed by the platform key).
 */
import { createCipheriv, createSign, createVerify, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { fakeHttp, type FakeHttp } from './fake-servers.js';

export interface FakeWechatPayOptions {
  /** The merchant (direct) or service provider (partner) mchid that signs requests. */
  mchid: string;
  merchantSerialNo: string;
  merchantPublicKey: KeyObject;
  apiV3Key: string;
}

export interface Notification {
  headers: Record<string, string>;
  body: string;
}

/** How the fake signs its next answers: genuinely, with a key WeChat does not hold, or not at all. */
export type AnswerSigning = 'genuine' | 'forged' | 'unsigned' | 'unknown-serial';

export interface FakeWechatPay {
  url: string;
  requests: FakeHttp['requests'];
  /** Status and body of each answer, in order. */
  answers: Array<{ path: string; status: number; body: unknown }>;
  platform: { serialNo: string; publicKeyPem: string };
  prepayIds: string[];
  /** h5_url and code_url handed out by the H5 and Native orders. */
  h5Urls: string[];
  codeUrls: string[];
  signing: AnswerSigning;
  /** Answers the next request to path with this status and body instead of the usual one. */
  script(path: string, status: number, body: unknown): void;
  notification(transaction: Record<string, unknown>, options?: { timestamp?: number; serialNo?: string; forge?: boolean; tamperCiphertext?: boolean; originalType?: string }): Notification;
  close(): Promise<void>;
}

/** The fields of the prepay and refund bodies the fake checks. */
interface WireBody {
  appid?: string;
  mchid?: string;
  sp_appid?: string;
  sp_mchid?: string;
  sub_appid?: string;
  sub_mchid?: string;
  description?: string;
  out_trade_no?: string;
  out_refund_no?: string;
  notify_url?: string;
  time_expire?: string;
  amount?: { total?: number; refund?: number; currency?: string };
  payer?: { openid?: string; sub_openid?: string };
  scene_info?: { payer_client_ip?: string; h5_info?: { type?: string } };
}

const lines = (...parts: string[]) => parts.map((p) => `${p}\n`).join('');
const rsaSign = (key: KeyObject, message: string) => createSign('sha256WithRSAEncryption').update(message).sign(key).toString('base64');

export async function fakeWechatPay(options: FakeWechatPayOptions): Promise<FakeWechatPay> {
  const platform = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const impostor = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const platformSerial = randomBytes(20).toString('hex').toUpperCase();
  const scripted = new Map<string, Array<{ status: number; body: unknown }>>();
  const answers: FakeWechatPay['answers'] = [];
  const prepayIds: string[] = [];
  const h5Urls: string[] = [];
  const codeUrls: string[] = [];
  const refunds = new Map<string, { out_trade_no?: string; amount?: WireBody['amount'] }>();

  const reply = (res: ServerResponse, path: string, status: number, body: unknown, sign = true) => {
    const text = JSON.stringify(body);
    const headers: Record<string, string> = { 'Content-Type': 'application/json', 'Request-ID': randomBytes(8).toString('hex') };
    if (sign && fake.signing !== 'unsigned') {
      const timestamp = Math.floor(Date.now() / 1000).toString();
      const nonce = randomBytes(16).toString('hex');
      headers['Wechatpay-Timestamp'] = timestamp;
      headers['Wechatpay-Nonce'] = nonce;
      headers['Wechatpay-Serial'] = fake.signing === 'unknown-serial' ? 'PUB_KEY_ID_0000000000000000000000000000000000' : platformSerial;
      headers['Wechatpay-Signature'] = rsaSign(fake.signing === 'forged' ? impostor.privateKey : platform.privateKey, lines(timestamp, nonce, text));
      headers['Wechatpay-Signature-Type'] = 'WECHATPAY2-SHA256-RSA2048';
    }
    answers.push({ path, status, body });
    res.writeHead(status, headers);
    res.end(text);
  };

  /** Why WeChat Pay would refuse the request's signature, or null. */
  const authProblem = (req: FakeHttp['requests'][number]): string | null => {
    const auth = String(req.headers.authorization ?? '');
    const scheme = 'WECHATPAY2-SHA256-RSA2048 ';
    if (!auth.startsWith(scheme)) return 'Authorization scheme is not WECHATPAY2-SHA256-RSA2048';
    const params = Object.fromEntries([...auth.slice(scheme.length).matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (params.mchid !== options.mchid) return `mchid ${params.mchid} is not the merchant`;
    if (params.serial_no !== options.merchantSerialNo) return `serial_no ${params.serial_no} is not the merchant certificate`;
    if (!params.nonce_str || !params.signature || !/^\d+$/.test(params.timestamp ?? '')) return 'Authorization lacks nonce_str, signature or timestamp';
    if (Math.abs(Date.now() / 1000 - Number(params.timestamp)) > 300) return 'timestamp expired';
    const message = lines(req.method, req.url.pathname + req.url.search, params.timestamp!, params.nonce_str, req.body);
    if (!createVerify('sha256WithRSAEncryption').update(message).verify(options.merchantPublicKey, Buffer.from(params.signature, 'base64'))) return 'signature does not verify with the merchant certificate';
    return null;
  };

  const http = await fakeHttp((req, res) => {
    const path = req.url.pathname;
    const problem = authProblem(req);
    // WeChat answers a request it cannot authenticate without signing the answer.
    if (problem) return reply(res, path, 401, { code: 'SIGN_ERROR', message: `签名错误: ${problem}` }, false);
    if (req.headers.accept !== 'application/json' || !req.headers['user-agent']) return reply(res, path, 400, { code: 'PARAM_ERROR', message: 'Accept and User-Agent are required' });
    const body = (req.body ? JSON.parse(req.body) : {}) as WireBody;
    // a refund is on record however it was answered, so that querying it later finds it
    if (req.method === 'POST' && path === '/v3/refund/domestic/refunds' && body.out_refund_no) refunds.set(body.out_refund_no, { out_trade_no: body.out_trade_no, amount: body.amount });
    const next = scripted.get(path)?.shift();
    if (next) return reply(res, path, next.status, next.body);

    const queried = /^\/v3\/refund\/domestic\/refunds\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && queried) {
      const known = refunds.get(decodeURIComponent(queried[1]!));
      if (!known) return reply(res, path, 404, { code: 'RESOURCE_NOT_EXISTS', message: '退款单不存在' });
      return reply(res, path, 200, { refund_id: `50${randomBytes(14).toString('hex')}`, out_refund_no: decodeURIComponent(queried[1]!), out_trade_no: known.out_trade_no, status: 'SUCCESS', amount: known.amount });
    }
    const common = typeof body.description === 'string' && typeof body.out_trade_no === 'string' && typeof body.notify_url === 'string'
      && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/.test(body.time_expire ?? '')
      && Number.isInteger(body.amount?.total) && (body.amount?.total ?? 0) > 0 && body.amount?.currency === 'CNY';
    // H5 and Native: the same order, no payer; H5 also says where the shopper's browser is
    const merchantOk = path.includes('/partner/') ? body.sp_mchid === options.mchid && !!body.sp_appid && !!body.sub_mchid : body.mchid === options.mchid && !!body.appid;
    if (req.method === 'POST' && /^\/v3\/pay(\/partner)?\/transactions\/h5$/.test(path)) {
      if (!common || !merchantOk || body.payer || !body.scene_info?.payer_client_ip || !body.scene_info.h5_info?.type) return reply(res, path, 400, { code: 'PARAM_ERROR', message: '参数错误' });
      const url = `https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx${randomBytes(16).toString('hex')}&package=${randomBytes(5).readUInt32BE()}`;
      h5Urls.push(url);
      return reply(res, path, 200, { h5_url: url });
    }
    if (req.method === 'POST' && /^\/v3\/pay(\/partner)?\/transactions\/native$/.test(path)) {
      if (!common || !merchantOk || body.payer) return reply(res, path, 400, { code: 'PARAM_ERROR', message: '参数错误' });
      const url = `weixin://wxpay/bizpayurl?pr=${randomBytes(6).toString('base64url')}`;
      codeUrls.push(url);
      return reply(res, path, 200, { code_url: url });
    }
    if (req.method === 'POST' && path === '/v3/pay/transactions/jsapi') {
      if (!common || body.mchid !== options.mchid || !body.appid || !body.payer?.openid) return reply(res, path, 400, { code: 'PARAM_ERROR', message: '参数错误' });
    } else if (req.method === 'POST' && path === '/v3/pay/partner/transactions/jsapi') {
      if (!common || body.sp_mchid !== options.mchid || !body.sp_appid || !body.sub_mchid || !body.sub_appid || !body.payer?.sub_openid) return reply(res, path, 400, { code: 'PARAM_ERROR', message: '参数错误' });
    } else if (req.method === 'POST' && path === '/v3/refund/domestic/refunds') {
      const a = body.amount ?? {};
      if (!body.out_trade_no || !body.out_refund_no || !Number.isInteger(a.refund) || !Number.isInteger(a.total) || a.currency !== 'CNY') return reply(res, path, 400, { code: 'PARAM_ERROR', message: '参数错误' });
      return reply(res, path, 200, {
        refund_id: `50${randomBytes(14).toString('hex')}`,
        out_refund_no: body.out_refund_no,
        out_trade_no: body.out_trade_no,
        status: 'SUCCESS',
        amount: { refund: a.refund, total: a.total, payer_refund: a.refund, payer_total: a.total, currency: 'CNY' },
      });
    } else return reply(res, path, 404, { code: 'NOT_FOUND', message: 'no such API' });
    const prepayId = `wx${randomBytes(16).toString('hex')}`;
    prepayIds.push(prepayId);
    return reply(res, path, 200, { prepay_id: prepayId });
  });

  const fake: FakeWechatPay = {
    url: http.url,
    requests: http.requests,
    answers,
    platform: { serialNo: platformSerial, publicKeyPem: platform.publicKey.export({ type: 'spki', format: 'pem' }).toString() },
    prepayIds,
    h5Urls,
    codeUrls,
    signing: 'genuine',
    script(path, status, body) {
      scripted.set(path, [...(scripted.get(path) ?? []), { status, body }]);
    },
    notification(transaction, opts = {}) {
      const nonce = randomBytes(6).toString('hex');
      const aad = opts.originalType ?? 'transaction';
      const cipher = createCipheriv('aes-256-gcm', Buffer.from(options.apiV3Key), Buffer.from(nonce));
      cipher.setAAD(Buffer.from(aad));
      const sealed = Buffer.concat([cipher.update(JSON.stringify(transaction)), cipher.final(), cipher.getAuthTag()]);
      if (opts.tamperCiphertext) sealed[0]! ^= 0x01;
      const body = JSON.stringify({
        id: randomBytes(16).toString('hex'),
        create_time: new Date().toISOString(),
        resource_type: 'encrypt-resource',
        event_type: aad === 'refund' ? `REFUND.${String(transaction.refund_status ?? 'SUCCESS')}` : 'TRANSACTION.SUCCESS',
        summary: '支付成功',
        resource: { original_type: aad, algorithm: 'AEAD_AES_256_GCM', ciphertext: sealed.toString('base64'), associated_data: aad, nonce },
      });
      const timestamp = Math.floor((opts.timestamp ?? Date.now()) / 1000).toString();
      const signNonce = randomBytes(16).toString('hex');
      return {
        body,
        headers: {
          'wechatpay-timestamp': timestamp,
          'wechatpay-nonce': signNonce,
          'wechatpay-serial': opts.serialNo ?? platformSerial,
          'wechatpay-signature': rsaSign(opts.forge ? impostor.privateKey : platform.privateKey, lines(timestamp, signNonce, body)),
          'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048',
        },
      };
    },
    close: () => http.close(),
  };
  return fake;
}

/** A direct merchant's WeChat Pay keys and the fake gateway they pay through. */
export interface WechatPayGateway {
  readonly mchid: string;
  readonly serialNo: string;
  readonly apiV3Key: string;
  /** The running fake (set in the suite's before hook). */
  readonly fake: FakeWechatPay;
  privateKeyPem(): string;
  /** The body of `PUT /admin/payment-accounts/wechat` for a direct merchant on this gateway. */
  directAccount(appid: string): { mode: 'direct'; mchid: string; appid: string; serialNo: string; privateKeyPem: string; apiV3Key: string; platformCertificates: FakeWechatPay["platform"][]; baseUrl: string };
}

/** Starts a fake gateway for the enclosing mocha suite (before/after hooks) with fresh merchant keys. */
export function wechatPayGateway(): WechatPayGateway {
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const mchid = '1900000109';
  const serialNo = randomBytes(20).toString('hex').toUpperCase();
  const apiV3Key = randomBytes(16).toString('hex');
  let running: FakeWechatPay | undefined;
  before(async () => {
    running = await fakeWechatPay({ mchid, merchantSerialNo: serialNo, merchantPublicKey: keys.publicKey, apiV3Key });
  });
  after(() => running?.close());
  const gateway: WechatPayGateway = {
    mchid,
    serialNo,
    apiV3Key,
    get fake() {
      if (!running) throw new Error('the fake WeChat Pay gateway starts in the suite\'s before hook');
      return running;
    },
    privateKeyPem: () => keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    directAccount: (appid) => ({ mode: 'direct', mchid, appid, serialNo, privateKeyPem: gateway.privateKeyPem(), apiV3Key, platformCertificates: [gateway.fake.platform], baseUrl: gateway.fake.url }),
  };
  return gateway;
}
