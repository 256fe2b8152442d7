/**
 * The sandbox's stand-in for WeChat's authorization page (componentloginpage): a page in Chinese
 * where the merchant confirms which mini-program the platform may manage, then a redirect to our
 * callback with an auth_code, as WeChat redirects. Only our own callback is a redirect target.
 */
import { createHmac } from 'node:crypto';
import { config } from '../../../core/config.js';
import { platformUrl } from '../../../core/tenancy.js';
import { esc, shell } from '../page-shell.js';
import { platformKeys } from '../platform.js';
import { readState } from '../state.js';
import { check, issue } from './credentials.js';


/** The mini-program a shop's merchant "administers" in the sandbox: stable per shop, so authorizing again keeps it. */
export function sandboxAppidFor(tenantId: number): string {
  return `wx${createHmac('sha256', config().appSecret).update(`wechat-open-sandbox-mp:${tenantId}`).digest('hex').slice(0, 16)}`;
}

export interface PageQuery {
  component_appid?: string;
  pre_auth_code?: string;
  redirect_uri?: string;
  auth_type?: string;
}

/** Only the callback of this installation may receive an auth_code. */
export function callbackAllowed(redirectUri: string, callbackPath: string): boolean {
  const ours = new URL(platformUrl(callbackPath));
  try {
    const url = new URL(redirectUri);
    return url.origin === ours.origin && url.pathname === ours.pathname;
  } catch {
    return false;
  }
}

export function authorizePage(query: PageQuery, confirmPath: string, callbackPath: string): { status: number; html: string } {
  const keys = platformKeys();
  const redirect = query.redirect_uri ?? '';
  const problem =
    query.component_appid !== keys.appid ? '第三方平台 AppID 不正确'
    : !check('preauth', query.pre_auth_code).ok ? '授权链接已过期，请回到商家后台重新发起授权'
    : query.auth_type !== '2' ? '授权类型不正确（仅支持小程序）'
    : !callbackAllowed(redirect, callbackPath) ? '回调地址不属于本平台'
    : null;
  if (problem) return { status: 400, html: shell('模拟微信授权', `<span class="badge">沙箱</span><h1>无法授权</h1><p class="err">${esc(problem)}</p>`) };
  const state = new URL(redirect).searchParams.get('state') ?? '';
  const tenantId = readState(state);
  const appid = tenantId === null ? '' : sandboxAppidFor(tenantId);
  return {
    status: 200,
    html: shell(
      '模拟微信授权',
      `<span class="badge">沙箱 · 模拟微信授权</span>
<h1>授权小程序给第三方平台</h1>
<p>确认后，平台将代你管理这个小程序：</p>
<ul><li>上传代码、提交审核与发布</li><li>设置服务器域名</li><li>生成小程序码</li></ul>
<form method="get" action="${esc(platformUrl(confirmPath))}">
<input type="hidden" name="pre_auth_code" value="${esc(query.pre_auth_code ?? '')}">
<input type="hidden" name="redirect_uri" value="${esc(redirect)}">
<label for="appid">小程序 AppID</label>
<input id="appid" name="appid" value="${esc(appid)}" pattern="wx[0-9a-f]{16}" required>
<button type="submit">确认授权</button>
</form>
<p class="muted">沙箱模式：平台尚未接入微信开放平台，这里模拟微信的授权页，授权、审核与发布都只在本地进行。</p>`,
    ),
  };
}

export type Confirmed = { ok: true; location: string } | { ok: false; status: number; html: string };

/** The merchant confirmed: redirect to the callback with an auth_code for the appid, as WeChat does. */
export function confirmAuthorization(input: { pre_auth_code?: string; redirect_uri?: string; appid?: string }, callbackPath: string): Confirmed {
  const redirect = input.redirect_uri ?? '';
  if (!check('preauth', input.pre_auth_code).ok || !callbackAllowed(redirect, callbackPath) || !/^wx[0-9a-f]{16}$/.test(input.appid ?? '')) {
    return { ok: false, status: 400, html: shell('模拟微信授权', '<span class="badge">沙箱</span><h1>无法授权</h1><p class="err">授权链接已过期或小程序 AppID 不正确，请回到商家后台重新发起授权。</p>') };
  }
  const url = new URL(redirect);
  url.searchParams.set('auth_code', issue('auth', { appid: input.appid! }, 3600));
  url.searchParams.set('expires_in', '3600');
  return { ok: true, location: url.toString() };
}
