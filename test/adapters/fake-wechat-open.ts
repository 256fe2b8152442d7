/**
 * A stand-in for WeChat's third-party platform (微信开放平台 第三方平台), an HTTP server on its own
 * port speaking the documented API, with its own implementation of the message encryption
 * (written from the documentation, sharing no code with modules/miniprogram): it pushes tickets
 * and audit results encrypted and signed as WeChat does, and checks every token it is sent.
 */
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import request from 'supertest';
import type { Express } from 'express';
import { fakeHttp, json, type FakeHttp } from './fake-servers.js';

export interface OpenCredentials {
  appid: string;
  secret: string;
  token: string;
  aesKey: string;
}

const hex = (n: number) => randomBytes(Math.ceil(n / 2)).toString('hex').slice(0, n);
const alnum = (n: number) => Array.from(randomBytes(n), (b) => 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'[b % 62]).join('');

export function newCredentials(): OpenCredentials {
  return { appid: `wx${hex(16)}`, secret: hex(32), token: alnum(16), aesKey: alnum(43) };
}

/** WeChat's scheme, as its documentation states it (msg_signature, AES-256-CBC, PKCS#7 to 32). */
export function wechatEncrypt(aesKey: string, appid: string, message: string): string {
  const key = Buffer.from(aesKey + '=', 'base64');
  const msg = Buffer.from(message);
  const len = Buffer.from([(msg.length >>> 24) & 255, (msg.length >>> 16) & 255, (msg.length >>> 8) & 255, msg.length & 255]);
  const text = Buffer.concat([randomBytes(16), len, msg, Buffer.from(appid)]);
  const padLen = 32 - (text.length % 32);
  const padded = Buffer.concat([text, Buffer.from(new Array<number>(padLen).fill(padLen))]);
  const aes = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  aes.setAutoPadding(false);
  return Buffer.concat([aes.update(padded), aes.final()]).toString('base64');
}

export function wechatSign(token: string, timestamp: string, nonce: string, encrypt: string): string {
  const parts = [token, timestamp, nonce, encrypt];
  parts.sort();
  return createHash('sha1').update(parts.join('')).digest('hex');
}

const cdata = (fields: Record<string, string | number>) =>
  `<xml>${Object.entries(fields).map(([k, v]) => (typeof v === 'number' ? `<${k}>${v}</${k}>` : `<${k}><![CDATA[${v}]]></${k}>`)).join('')}</xml>`;

export interface Push {
  query: Record<string, string>;
  body: string;
}

export interface FakeWechatOpen {
  url: string;
  creds: OpenCredentials;
  http: FakeHttp;
  /** Calls by path (`/wxa/commit`), in order. */
  calls(path: string): Array<{ query: URLSearchParams; body: Record<string, unknown> }>;
  /** The ticket it pushes; the component token is given only for the newest one. */
  ticket: string;
  /** A push of the ticket, encrypted and signed (tamper with it to test refusals). */
  ticketPush(overrides?: { appid?: string; token?: string }): Push;
  /** The merchant confirms on WeChat's page: an auth_code for the appid and this pre-auth code. */
  authorize(preAuthCode: string, appid: string, nickname?: string): string;
  auditPush(appid: string, event: 'weapp_audit_success' | 'weapp_audit_fail' | 'weapp_audit_delay', reason?: string): Push;
  unauthorizedPush(appid: string): Push;
  /** WeChat refuses the next call of this path with this error. */
  failNext(path: string, errcode: number, errmsg: string): void;
  /** Makes WeChat refuse this token as expired (42001) from now on. */
  expire(token: string): void;
  /** Component tokens live this long (seconds). */
  tokenLifetime: number;
  close(): Promise<void>;
}

/** Posts a push to the app as WeChat posts it (text/xml). */
export function deliver(app: Express, path: string, push: Push) {
  return request(app).post(`/api/v1${path}?${new URLSearchParams(push.query)}`).set('Content-Type', 'text/xml').send(push.body);
}

export async function fakeWechatOpen(creds: OpenCredentials = newCredentials()): Promise<FakeWechatOpen> {
  const componentTokens = new Map<string, number>();
  const authorizerTokens = new Map<string, { appid: string; until: number }>();
  const refreshTokens = new Map<string, string>();
  const preAuthCodes = new Set<string>();
  const authCodes = new Map<string, string>();
  const nicknames = new Map<string, string>();
  const expired = new Set<string>();
  const failures = new Map<string, { errcode: number; errmsg: string }>();
  const state = { ticket: `ticket@@@${hex(40)}`, tokenLifetime: 7200 };

  const envelope = (outer: Record<string, string>, inner: string, keys: { appid?: string; token?: string } = {}): Push => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = String(Math.floor(Math.random() * 1e9));
    const encrypt = wechatEncrypt(creds.aesKey, keys.appid ?? creds.appid, inner);
    return {
      query: { signature: wechatSign(keys.token ?? creds.token, timestamp, nonce, ''), timestamp, nonce, encrypt_type: 'aes', msg_signature: wechatSign(keys.token ?? creds.token, timestamp, nonce, encrypt) },
      body: cdata({ ...outer, Encrypt: encrypt }),
    };
  };

  const authorizer = (token: string | null): { error?: { errcode: number; errmsg: string }; appid?: string } => {
    if (!token || expired.has(token)) return { error: { errcode: 42001, errmsg: 'access_token expired' } };
    const t = authorizerTokens.get(token);
    if (!t || t.until < Date.now()) return { error: { errcode: 40001, errmsg: 'invalid credential' } };
    return { appid: t.appid };
  };
  const componentOk = (token: string | null) => {
    if (!token || expired.has(token)) return { errcode: 42001, errmsg: 'access_token expired' };
    return componentTokens.has(token) ? null : { errcode: 40001, errmsg: 'invalid credential' };
  };
  const issueAuthorizer = (appid: string) => {
    const access = `at_${hex(24)}`;
    const refresh = `rt_${hex(24)}`;
    authorizerTokens.set(access, { appid, until: Date.now() + 7_200_000 });
    refreshTokens.set(refresh, appid);
    return { access, refresh };
  };

  const http = await fakeHttp((req, res) => {
    const q = req.url.searchParams;
    let body: Record<string, unknown> = {};
    try {
      body = req.body ? (JSON.parse(req.body) as Record<string, unknown>) : {};
    } catch {
      return json(res, 200, { errcode: 47001, errmsg: 'data format error' });
    }
    const path = req.url.pathname;
    const fail = (e: { errcode: number; errmsg: string }) => json(res, 200, e);
    const planned = failures.get(path);
    if (planned) {
      failures.delete(path);
      return fail(planned);
    }
    if (path.startsWith('/cgi-bin/component/') && body.component_appid !== creds.appid) return fail({ errcode: 40013, errmsg: 'invalid appid' });
    switch (path) {
      case '/cgi-bin/component/api_component_token': {
        if (body.component_appsecret !== creds.secret) return fail({ errcode: 40125, errmsg: 'invalid appsecret' });
        if (body.component_verify_ticket !== state.ticket) return fail({ errcode: 61006, errmsg: 'component ticket is invalid' });
        const token = `ct_${hex(24)}`;
        componentTokens.set(token, Date.now());
        return json(res, 200, { component_access_token: token, expires_in: state.tokenLifetime });
      }
      case '/cgi-bin/component/api_create_preauthcode': {
        const bad = componentOk(q.get('component_access_token'));
        if (bad) return fail(bad);
        const code = `preauthcode@@@${hex(20)}`;
        preAuthCodes.add(code);
        return json(res, 200, { pre_auth_code: code, expires_in: 1800 });
      }
      case '/cgi-bin/component/api_query_auth': {
        const bad = componentOk(q.get('component_access_token'));
        if (bad) return fail(bad);
        const appid = authCodes.get(String(body.authorization_code));
        if (!appid) return fail({ errcode: 61010, errmsg: 'code is expired' });
        authCodes.delete(String(body.authorization_code));
        const t = issueAuthorizer(appid);
        return json(res, 200, { authorization_info: { authorizer_appid: appid, authorizer_access_token: t.access, expires_in: 7200, authorizer_refresh_token: t.refresh, func_info: [] } });
      }
      case '/cgi-bin/component/api_authorizer_token': {
        const bad = componentOk(q.get('component_access_token'));
        if (bad) return fail(bad);
        const appid = refreshTokens.get(String(body.authorizer_refresh_token));
        if (!appid || appid !== body.authorizer_appid) return fail({ errcode: 61023, errmsg: 'refresh_token is invalid' });
        refreshTokens.delete(String(body.authorizer_refresh_token)); // rotated
        const t = issueAuthorizer(appid);
        return json(res, 200, { authorizer_access_token: t.access, expires_in: 7200, authorizer_refresh_token: t.refresh });
      }
      case '/cgi-bin/component/api_get_authorizer_info': {
        const bad = componentOk(q.get('component_access_token'));
        if (bad) return fail(bad);
        const appid = String(body.authorizer_appid);
        return json(res, 200, { authorizer_info: { nick_name: nicknames.get(appid) ?? '测试小程序', head_img: 'https://wx.qlogo.cn/head.png', principal_name: '测试科技有限公司' }, authorization_info: { authorizer_appid: appid } });
      }
      case '/wxa/gettemplatelist': {
        const bad = componentOk(q.get('access_token'));
        if (bad) return fail(bad);
        return json(res, 200, { errcode: 0, template_list: [{ template_id: 7, user_version: '1.2.0', user_desc: '旧模板', create_time: 1_700_000_000 }, { template_id: 9, user_version: '1.3.0', user_desc: '商城模板 1.3', create_time: 1_760_000_000 }] });
      }
      case '/wxa/modify_domain':
      case '/wxa/commit':
      case '/wxa/release':
      case '/wxa/undocodeaudit': {
        const a = authorizer(q.get('access_token'));
        if (a.error) return fail(a.error);
        if (path === '/wxa/commit' && typeof body.ext_json !== 'string') return fail({ errcode: 85044, errmsg: 'ext_json invalid' });
        return json(res, 200, { errcode: 0, errmsg: 'ok' });
      }
      case '/wxa/submit_audit': {
        const a = authorizer(q.get('access_token'));
        if (a.error) return fail(a.error);
        return json(res, 200, { errcode: 0, errmsg: 'ok', auditid: 1_000_000 + Math.floor(Math.random() * 1e6) });
      }
      case '/wxa/get_qrcode':
      case '/wxa/getwxacodeunlimit': {
        const a = authorizer(q.get('access_token'));
        if (a.error) return fail(a.error);
        const text = path === '/wxa/get_qrcode' ? `experience:${a.appid}` : `${String(body.page)}?scene=${encodeURIComponent(String(body.scene))}`;
        void QRCode.toBuffer(text, { type: 'png', width: 280 }).then((png) => {
          res.writeHead(200, { 'Content-Type': 'image/jpeg' });
          res.end(png);
        });
        return;
      }
      case '/sns/component/jscode2session': {
        if (q.get('component_appid') !== creds.appid) return fail({ errcode: 40013, errmsg: 'invalid appid' });
        const bad = componentOk(q.get('component_access_token'));
        if (bad) return fail(bad);
        if (q.get('js_code') !== 'good-code') return fail({ errcode: 40029, errmsg: 'invalid code' });
        return json(res, 200, { openid: `o_${q.get('appid')}`, session_key: 'c2Vzc2lvbg==' });
      }
      default:
        return json(res, 404, { errcode: 40066, errmsg: 'invalid url' });
    }
  });

  return {
    url: http.url,
    creds,
    http,
    calls: (path) => http.requests.filter((r) => r.url.pathname === path).map((r) => ({ query: r.url.searchParams, body: r.body ? (JSON.parse(r.body) as Record<string, unknown>) : {} })),
    get ticket() {
      return state.ticket;
    },
    set ticket(t: string) {
      state.ticket = t;
    },
    get tokenLifetime() {
      return state.tokenLifetime;
    },
    set tokenLifetime(s: number) {
      state.tokenLifetime = s;
    },
    ticketPush: (keys) =>
      envelope({ AppId: creds.appid }, cdata({ AppId: creds.appid, CreateTime: Math.floor(Date.now() / 1000), InfoType: 'component_verify_ticket', ComponentVerifyTicket: state.ticket }), keys),
    authorize(preAuthCode, appid, nickname) {
      if (!preAuthCodes.has(preAuthCode)) throw new Error(`WeChat does not know the pre-auth code ${preAuthCode}`);
      const code = `queryauthcode@@@${hex(24)}`;
      authCodes.set(code, appid);
      if (nickname) nicknames.set(appid, nickname);
      return code;
    },
    auditPush(appid, event, reason) {
      const now = Math.floor(Date.now() / 1000);
      const fields: Record<string, string | number> = { ToUserName: 'gh_fake', FromUserName: 'ofake', CreateTime: now, MsgType: 'event', Event: event };
      if (event === 'weapp_audit_success') fields.SuccTime = now;
      else Object.assign(fields, { Reason: reason ?? '', [event === 'weapp_audit_fail' ? 'FailTime' : 'DelayTime']: now });
      void appid;
      return envelope({ ToUserName: 'gh_fake' }, cdata(fields));
    },
    unauthorizedPush: (appid) => envelope({ AppId: creds.appid }, cdata({ AppId: creds.appid, CreateTime: Math.floor(Date.now() / 1000), InfoType: 'unauthorized', AuthorizerAppid: appid })),
    failNext: (path, errcode, errmsg) => failures.set(path, { errcode, errmsg }),
    expire: (token) => expired.add(token),
    close: () => http.close(),
  };
}
