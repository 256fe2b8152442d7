/**
 * WeChat mini-program sign-in: code2session (`GET /sns/jscode2session`) with the tenant app's
 * appid and secret, or, for a mini-program authorized to the platform's third-party platform,
 * `GET /sns/component/jscode2session` with the component's appid and token (no app secret). The
 * live client calls WeChat (or any server at WECHAT_API_BASE speaking its protocol); the sandbox
 * derives a stable openid from the appid and code, so a tenant's mini-program can be exercised
 * end to end without WeChat.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { config } from './config.js';
import { AppError } from './errors.js';
import { defineHook, namedContribution } from './hooks.js';

export interface WechatSession {
  openid: string;
  unionid: string | null;
  sessionKey: string;
}

export interface WechatClient {
  readonly mode: 'live' | 'sandbox';
  code2session(appid: string, secret: string | null, code: string): Promise<WechatSession>;
  /** Sign-in for a mini-program the platform's third-party platform manages. */
  componentCode2session(appid: string, code: string): Promise<WechatSession>;
}

/** The third-party platform's component credentials, from the module that keeps them (miniprogram). */
export interface WechatComponent {
  credentials(): Promise<{ componentAppid: string; componentAccessToken: string }>;
}

export const wechatComponent = defineHook<WechatComponent>('wechat.component', 'named');
export const WECHAT_COMPONENT = 'component';

const invalidCode = () => new AppError(401, 'wechat_code_invalid', 'The WeChat login code is invalid or used');
const notConfigured = () => new AppError(409, 'wechat_app_not_configured', 'This mini-program has no app secret configured');

export class LiveWechat implements WechatClient {
  readonly mode = 'live' as const;
  constructor(private readonly apiBase: string) {}

  async code2session(appid: string, secret: string | null, code: string): Promise<WechatSession> {
    if (!secret) throw notConfigured();
    return this.session('/sns/jscode2session', { appid, secret, js_code: code, grant_type: 'authorization_code' });
  }

  async componentCode2session(appid: string, code: string): Promise<WechatSession> {
    const component = namedContribution(wechatComponent, WECHAT_COMPONENT);
    if (!component) throw notConfigured();
    const { componentAppid, componentAccessToken } = await component.credentials();
    return this.session('/sns/component/jscode2session', { appid, js_code: code, grant_type: 'authorization_code', component_appid: componentAppid, component_access_token: componentAccessToken });
  }

  private async session(path: string, query: Record<string, string>): Promise<WechatSession> {
    const url = new URL(path, this.apiBase);
    url.search = new URLSearchParams(query).toString();
    let body: { openid?: string; unionid?: string; session_key?: string; errcode?: number; errmsg?: string };
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(8000) });
      body = (await res.json()) as typeof body;
    } catch {
      throw new AppError(502, 'wechat_unavailable', 'WeChat did not answer; try again');
    }
    if (body.errcode === 40029 || body.errcode === 40163) throw invalidCode();
    if (body.errcode || !body.openid || !body.session_key) throw new AppError(502, 'wechat_error', `WeChat refused the sign-in (${body.errcode ?? '?'}: ${body.errmsg ?? 'no openid'})`);
    return { openid: body.openid, unionid: body.unionid ?? null, sessionKey: body.session_key };
  }
}

export class SandboxWechat implements WechatClient {
  readonly mode = 'sandbox' as const;

  async code2session(appid: string, _secret: string | null, code: string): Promise<WechatSession> {
    if (!/^[\w-]{1,128}$/.test(code)) throw invalidCode();
    const digest = createHmac('sha256', config().appSecret).update(`${appid}:${code}`).digest('base64url');
    return { openid: `o${digest.slice(0, 27)}`, unionid: null, sessionKey: randomBytes(16).toString('base64') };
  }

  componentCode2session(appid: string, code: string): Promise<WechatSession> {
    return this.code2session(appid, null, code);
  }
}

let client: WechatClient | undefined;

export function wechat(): WechatClient {
  return (client ??= config().wechat.live ? new LiveWechat(config().wechat.apiBase) : new SandboxWechat());
}

export function useWechat(next: WechatClient | undefined): void {
  client = next;
}
