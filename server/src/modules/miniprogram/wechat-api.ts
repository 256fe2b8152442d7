/**
 * The third-party platform's HTTP API as WeChat documents it, one function per call, each taking
 * the token it needs: which token, and when to refresh it, is tokens.ts's business. The wire goes
 * through a Transport: `fetch` to WECHAT_OPEN_API_BASE when live (or a fake WeChat in tests), the
 * in-process stand-in (sandbox/) otherwise, so both run exactly this code.
 *
 * Every JSON answer with errcode != 0 becomes a WechatApiError; the image calls (get_qrcode,
 * getwxacodeunlimit) answer an image, or JSON when they fail.
 */
import { miniprogramErrors, WechatApiError } from './errors.js';

export interface WireRequest {
  method: 'GET' | 'POST';
  path: string;
  query: Record<string, string>;
  json?: unknown;
}

export interface WireAnswer {
  contentType: string;
  body: Buffer;
}

export interface Transport {
  send(req: WireRequest): Promise<WireAnswer>;
}

export function httpTransport(apiBase: string, timeoutMs = 10_000): Transport {
  return {
    async send(req) {
      const url = new URL(req.path, apiBase);
      url.search = new URLSearchParams(req.query).toString();
      let res: Response;
      try {
        res = await fetch(url, {
          method: req.method,
          ...(req.json === undefined ? {} : { body: JSON.stringify(req.json), headers: { 'Content-Type': 'application/json' } }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch {
        throw miniprogramErrors.unavailable(req.path);
      }
      if (res.status >= 500) throw miniprogramErrors.unavailable(req.path);
      return { contentType: res.headers.get('content-type') ?? '', body: Buffer.from(await res.arrayBuffer()) };
    },
  };
}

type Json = Record<string, unknown>;

function parsed(path: string, answer: WireAnswer): Json {
  let body: Json;
  try {
    body = JSON.parse(answer.body.toString('utf8')) as Json;
  } catch {
    throw new WechatApiError(path, -2, 'answer is not JSON');
  }
  const errcode = Number(body.errcode ?? 0);
  if (errcode !== 0) throw new WechatApiError(path, errcode, String(body.errmsg ?? ''));
  return body;
}

const isJson = (answer: WireAnswer) => /json|text\/plain/i.test(answer.contentType) || answer.body.subarray(0, 1).toString() === '{';

const str = (v: unknown, what: string, path: string): string => {
  if (typeof v !== 'string' || !v) throw new WechatApiError(path, -1, `answer lacks ${what}`);
  return v;
};
const seconds = (v: unknown) => (Number.isFinite(Number(v)) && Number(v) > 0 ? Number(v) : 7200);

export interface IssuedToken {
  token: string;
  expiresIn: number;
}

export interface AuthorizerTokens {
  appid: string;
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
}

export interface AuthorizerInfo {
  nickname: string;
  principalName: string;
  headImg: string | null;
}

export interface Template {
  templateId: string;
  version: string;
  description: string;
  createdAt: number;
}

export type AuditState = { status: 'approved' } | { status: 'rejected'; reason: string } | { status: 'auditing' } | { status: 'withdrawn' } | { status: 'delayed'; reason: string };

/** One component's calls: its appid and secret are fixed, tokens are passed per call. */
export class WechatOpenApi {
  constructor(
    private readonly transport: Transport,
    readonly componentAppid: string,
    private readonly componentSecret: string,
  ) {}

  private async call(method: WireRequest['method'], path: string, query: Record<string, string>, json?: unknown): Promise<Json> {
    return parsed(path, await this.transport.send({ method, path, query, ...(json === undefined ? {} : { json }) }));
  }

  private async image(method: WireRequest['method'], path: string, query: Record<string, string>, json?: unknown): Promise<Buffer> {
    const answer = await this.transport.send({ method, path, query, ...(json === undefined ? {} : { json }) });
    if (isJson(answer)) {
      parsed(path, answer); // throws the error WeChat sent
      throw new WechatApiError(path, -1, 'answered JSON instead of an image');
    }
    return answer.body;
  }

  async componentToken(verifyTicket: string): Promise<IssuedToken> {
    const path = '/cgi-bin/component/api_component_token';
    const b = await this.call('POST', path, {}, { component_appid: this.componentAppid, component_appsecret: this.componentSecret, component_verify_ticket: verifyTicket });
    return { token: str(b.component_access_token, 'component_access_token', path), expiresIn: seconds(b.expires_in) };
  }

  async preAuthCode(componentToken: string): Promise<IssuedToken> {
    const path = '/cgi-bin/component/api_create_preauthcode';
    const b = await this.call('POST', path, { component_access_token: componentToken }, { component_appid: this.componentAppid });
    return { token: str(b.pre_auth_code, 'pre_auth_code', path), expiresIn: seconds(b.expires_in) };
  }

  async queryAuth(componentToken: string, authorizationCode: string): Promise<AuthorizerTokens> {
    const path = '/cgi-bin/component/api_query_auth';
    const b = await this.call('POST', path, { component_access_token: componentToken }, { component_appid: this.componentAppid, authorization_code: authorizationCode });
    const info = (b.authorization_info ?? {}) as Json;
    return {
      appid: str(info.authorizer_appid, 'authorizer_appid', path),
      accessToken: str(info.authorizer_access_token, 'authorizer_access_token', path),
      expiresIn: seconds(info.expires_in),
      refreshToken: str(info.authorizer_refresh_token, 'authorizer_refresh_token', path),
    };
  }

  async authorizerToken(componentToken: string, appid: string, refreshToken: string): Promise<AuthorizerTokens> {
    const path = '/cgi-bin/component/api_authorizer_token';
    const b = await this.call('POST', path, { component_access_token: componentToken }, { component_appid: this.componentAppid, authorizer_appid: appid, authorizer_refresh_token: refreshToken });
    return {
      appid,
      accessToken: str(b.authorizer_access_token, 'authorizer_access_token', path),
      expiresIn: seconds(b.expires_in),
      // WeChat may rotate the refresh token; keep the one it answers, else the one we sent
      refreshToken: typeof b.authorizer_refresh_token === 'string' && b.authorizer_refresh_token ? b.authorizer_refresh_token : refreshToken,
    };
  }

  async authorizerInfo(componentToken: string, appid: string): Promise<AuthorizerInfo> {
    const path = '/cgi-bin/component/api_get_authorizer_info';
    const b = await this.call('POST', path, { component_access_token: componentToken }, { component_appid: this.componentAppid, authorizer_appid: appid });
    const info = (b.authorizer_info ?? {}) as Json;
    return {
      nickname: typeof info.nick_name === 'string' ? info.nick_name : '',
      principalName: typeof info.principal_name === 'string' ? info.principal_name : '',
      headImg: typeof info.head_img === 'string' && info.head_img ? info.head_img : null,
    };
  }

  /** The platform's template library (普通模板), newest first. */
  async templates(componentToken: string): Promise<Template[]> {
    const b = await this.call('GET', '/wxa/gettemplatelist', { access_token: componentToken, template_type: '0' });
    const list = Array.isArray(b.template_list) ? (b.template_list as Json[]) : [];
    return list
      .map((t) => ({ templateId: String(t.template_id), version: String(t.user_version ?? ''), description: String(t.user_desc ?? ''), createdAt: Number(t.create_time ?? 0) }))
      .sort((a, b) => b.createdAt - a.createdAt || Number(b.templateId) - Number(a.templateId));
  }

  async setDomains(accessToken: string, host: string): Promise<void> {
    const https = `https://${host}`;
    await this.call('POST', '/wxa/modify_domain', { access_token: accessToken }, {
      action: 'set',
      requestdomain: [https],
      wsrequestdomain: [`wss://${host}`],
      uploaddomain: [https],
      downloaddomain: [https],
    });
  }

  async commit(accessToken: string, input: { templateId: string; extJson: string; version: string; description: string }): Promise<void> {
    await this.call('POST', '/wxa/commit', { access_token: accessToken }, { template_id: input.templateId, ext_json: input.extJson, user_version: input.version, user_desc: input.description });
  }

  async submitAudit(accessToken: string, versionDesc: string): Promise<string> {
    const path = '/wxa/submit_audit';
    const b = await this.call('POST', path, { access_token: accessToken }, { version_desc: versionDesc });
    if (b.auditid === undefined || b.auditid === null) throw new WechatApiError(path, -1, 'answer lacks auditid');
    return String(b.auditid);
  }

  async auditStatus(accessToken: string, auditId: string): Promise<AuditState> {
    const b = await this.call('POST', '/wxa/get_auditstatus', { access_token: accessToken }, { auditid: Number(auditId) });
    const reason = String(b.reason ?? '');
    switch (Number(b.status)) {
      case 0: return { status: 'approved' };
      case 1: return { status: 'rejected', reason };
      case 3: return { status: 'withdrawn' };
      case 4: return { status: 'delayed', reason };
      default: return { status: 'auditing' };
    }
  }

  async undoAudit(accessToken: string): Promise<void> {
    await this.call('GET', '/wxa/undocodeaudit', { access_token: accessToken });
  }

  async release(accessToken: string): Promise<void> {
    await this.call('POST', '/wxa/release', { access_token: accessToken }, {});
  }

  /** The experience version's QR code. */
  previewCode(accessToken: string): Promise<Buffer> {
    return this.image('GET', '/wxa/get_qrcode', { access_token: accessToken });
  }

  /** A mini-program code for a page and a scene (at most 32 visible characters). */
  unlimitedCode(accessToken: string, input: { page: string; scene: string; width?: number }): Promise<Buffer> {
    return this.image('POST', '/wxa/getwxacodeunlimit', { access_token: accessToken }, { scene: input.scene, page: input.page, width: input.width ?? 430, check_path: false });
  }
}

/** The page WeChat shows the merchant (PC flow; auth_type=2: mini-programs only). */
export function authorizationPageUrl(page: string, componentAppid: string, preAuthCode: string, redirectUri: string): string {
  const url = new URL(page);
  url.search = new URLSearchParams({ component_appid: componentAppid, pre_auth_code: preAuthCode, redirect_uri: redirectUri, auth_type: '2' }).toString();
  return url.toString();
}
