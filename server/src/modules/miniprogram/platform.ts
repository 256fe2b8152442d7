/**
 * The platform's component: its credentials (WECHAT_OPEN_* when live; derived from APP_SECRET in
 * the sandbox, so every process of one installation agrees on them) and the wire its API calls go
 * through. Read on every call rather than once, so a test may point the platform at a fake WeChat.
 */
import { createHmac } from 'node:crypto';
import { config } from '../../core/config.js';
import { miniprogramErrors } from './errors.js';
import type { MessageKeys } from './message-crypto.js';
import { sandboxTransport } from './sandbox/stand-in.js';
import { httpTransport, WechatOpenApi, type Transport } from './wechat-api.js';

export interface PlatformKeys extends MessageKeys {
  secret: string;
  live: boolean;
}

/** Where the merchant's browser is sent to authorize (WeChat's own page when live). */
export const WECHAT_PAGE_BASE = 'https://mp.weixin.qq.com';

const derived = (label: string) => createHmac('sha256', config().appSecret).update(`wechat-open-sandbox:${label}`).digest('hex');

export function platformKeys(): PlatformKeys {
  const o = config().wechatOpen;
  if (o.live) {
    if (!o.appid || !o.secret || !o.token || !o.aesKey) throw miniprogramErrors.notConfigured();
    return { appid: o.appid, secret: o.secret, token: o.token, aesKey: o.aesKey, live: true };
  }
  return {
    appid: `wx${derived('appid').slice(0, 16)}`,
    secret: derived('secret'),
    token: `sbx${derived('token').slice(0, 24)}`,
    aesKey: (derived('aes-key') + derived('aes-key-2')).slice(0, 43),
    live: false,
  };
}

export const isLive = () => config().wechatOpen.live;

let override: Transport | undefined;

/** Tests only: route the platform's calls through this transport. */
export function useWechatOpenTransport(next: Transport | undefined): void {
  override = next;
}

export function openApi(): WechatOpenApi {
  const keys = platformKeys();
  const transport = override ?? (keys.live ? httpTransport(config().wechatOpen.apiBase) : sandboxTransport());
  return new WechatOpenApi(transport, keys.appid, keys.secret);
}
