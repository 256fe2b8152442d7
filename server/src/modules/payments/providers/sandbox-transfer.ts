/**
 * The sandbox of WeChat transfers, for shops without a WeChat Pay account while sandbox payments
 * are on (the embedded mode, the demo, tests). It is a local stand-in for WeChat's server, spoken to
 * by the real adapter (WechatTransfer) through its transport: it checks the request's merchant
 * signature (WECHATPAY2-SHA256-RSA2048 over method, path, timestamp, nonce and body), keeps one bill
 * per out_bill_no (a resend answers the same bill), and signs its answers with its own platform key
 * the way WeChat Pay does, so the adapter believes them only after the same verification as a real
 * answer. Keys and bills live in this process (a sandbox needs nothing more).
 * `sandboxTransferScript` lets a test decide the next answers: a failed transfer, a tampered
 * answer (changed after signing), a bill left processing, or a 500.
 */
import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import type { OutboundInit } from '../../../core/outbound.js';
import { AUTH_SCHEME, nonceStr, signedLines, signMessage, unixSeconds, verifyMessage } from './wechat-pay-crypto.js';
import { TRANSFER_PATH, WechatTransfer } from './wechat-transfer.js';

export type SandboxTransferFault = 'fail' | 'tamper' | 'processing' | 'error';
/** The next answers' faults, first first (tests push; each answer takes one). */
export const sandboxTransferScript: SandboxTransferFault[] = [];

const MCHID = '1900000001';
const APIV3 = 'sandbox-transfer-apiv3-key-32byt';

interface Keys {
  merchant: { privateKeyPem: string; publicKey: KeyObject; serialNo: string };
  platform: { privateKey: KeyObject; publicKeyPem: string; serialNo: string };
}
let keys: Keys | null = null;

function sandboxKeys(): Keys {
  if (keys) return keys;
  const pair = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
  const m = pair();
  const p = pair();
  const serial = () => randomBytes(20).toString('hex').toUpperCase();
  keys = {
    merchant: { privateKeyPem: m.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKey: m.publicKey, serialNo: serial() },
    platform: { privateKey: p.privateKey, publicKeyPem: p.publicKey.export({ type: 'spki', format: 'pem' }).toString(), serialNo: `PUB_KEY_ID_${serial()}` },
  };
  return keys;
}

interface Bill {
  out_bill_no: string;
  transfer_bill_no: string;
  appid: string;
  openid: string;
  transfer_amount: number;
  state: 'SUCCESS' | 'FAIL' | 'WAIT_USER_CONFIRM';
  fail_reason?: string;
  create_time: string;
}
const bills = new Map<string, Bill>();

/** Does the Authorization header carry the sandbox merchant's genuine signature of this request? */
function authorized(header: string | undefined, method: string, pathAndQuery: string, body: string): boolean {
  if (!header?.startsWith(`${AUTH_SCHEME} `)) return false;
  const f = Object.fromEntries([...header.slice(AUTH_SCHEME.length + 1).matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
  const k = sandboxKeys().merchant;
  if (f.mchid !== MCHID || f.serial_no !== k.serialNo || !f.timestamp || !f.nonce_str || !f.signature) return false;
  return verifyMessage(k.publicKey, signedLines(method, pathAndQuery, f.timestamp, f.nonce_str, body), f.signature);
}

function answer(status: number, body: unknown, tamper = false): Response {
  const k = sandboxKeys().platform;
  const text = JSON.stringify(body);
  const timestamp = unixSeconds();
  const nonce = nonceStr();
  const signature = signMessage(k.privateKey, signedLines(timestamp, nonce, text));
  // a tampered answer: the body changed after WeChat signed it
  const sent = tamper ? text.replace(/"state":"[A-Z_]+"/, '"state":"SUCCESS"').replace(/"transfer_amount":\d+/, '"transfer_amount":1') : text;
  return new Response(sent, { status, headers: { 'Content-Type': 'application/json', 'Wechatpay-Timestamp': timestamp, 'Wechatpay-Nonce': nonce, 'Wechatpay-Signature': signature, 'Wechatpay-Serial': k.serialNo } });
}

async function sandboxServer(url: URL, init: OutboundInit): Promise<Response> {
  const body = init.body ?? '';
  if (!authorized(init.headers?.Authorization, init.method, url.pathname + url.search, body)) return answer(401, { code: 'SIGN_ERROR', message: '签名错误' });
  const fault = sandboxTransferScript.shift();
  if (fault === 'error') return answer(500, { code: 'SYSTEM_ERROR', message: '系统繁忙' });
  if (init.method === 'POST' && url.pathname === TRANSFER_PATH) {
    const req = JSON.parse(body) as Partial<Bill> & { transfer_scene_id?: string };
    if (!req.out_bill_no || !req.openid || !req.appid || !Number.isInteger(req.transfer_amount) || req.transfer_amount! <= 0 || !req.transfer_scene_id) return answer(400, { code: 'PARAM_ERROR', message: '参数错误' });
    let bill = bills.get(req.out_bill_no);
    if (!bill) {
      bill = {
        out_bill_no: req.out_bill_no, transfer_bill_no: `SBXT${randomBytes(12).toString('hex')}`, appid: req.appid, openid: req.openid, transfer_amount: req.transfer_amount!,
        state: fault === 'fail' ? 'FAIL' : fault === 'processing' ? 'WAIT_USER_CONFIRM' : 'SUCCESS', create_time: new Date().toISOString(),
        ...(fault === 'fail' ? { fail_reason: 'PAYEE_ACCOUNT_ABNORMAL' } : {}),
      };
      bills.set(bill.out_bill_no, bill);
    }
    return answer(200, bill, fault === 'tamper');
  }
  const query = /^\/v3\/fund-app\/mch-transfer\/transfer-bills\/out-bill-no\/([^/]+)$/.exec(url.pathname);
  if (init.method === 'GET' && query) {
    const bill = bills.get(decodeURIComponent(query[1]!));
    if (!bill) return answer(404, { code: 'NOT_FOUND', message: '记录不存在' });
    // a bill waiting for the payee is confirmed by the time anyone asks
    if (bill.state === 'WAIT_USER_CONFIRM') bill.state = 'SUCCESS';
    return answer(200, bill, fault === 'tamper');
  }
  return answer(404, { code: 'NOT_FOUND', message: '没有这个接口' });
}

/** The real adapter, pointed at the sandbox. */
export function sandboxTransfer(appid: string): WechatTransfer {
  const k = sandboxKeys();
  return new WechatTransfer(
    { mode: 'direct', mchid: MCHID, appid, serialNo: k.merchant.serialNo, privateKeyPem: k.merchant.privateKeyPem, apiV3Key: APIV3, platformCertificates: [{ serialNo: k.platform.serialNo, publicKeyPem: k.platform.publicKeyPem }], baseUrl: 'https://sandbox.wechatpay.invalid' },
    { transport: sandboxServer },
  );
}
