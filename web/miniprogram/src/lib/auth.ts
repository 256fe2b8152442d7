/**
 * Signing the shopper in with WeChat: wx.login's one-time code goes to `POST /shop/auth/wechat`,
 * which exchanges it (code2session with the tenant app's secret) for a shop token. Concurrent callers
 * share one sign-in.
 */
import { api } from './api.js';
import { clearToken, getToken, setToken } from './token.js';

export { clearToken, getToken, setToken };

let pending: Promise<string> | null = null;

function loginCode(): Promise<string> {
  return new Promise((resolve, reject) => {
    wx.login({ success: (res) => (res.code ? resolve(res.code) : reject(new Error(res.errMsg))), fail: (err) => reject(new Error(err.errMsg)) });
  });
}

export function isSignedIn(): boolean {
  return getToken() !== null;
}

/** The shopper's token, signing in through wx.login first when there is none. */
export function ensureSignedIn(): Promise<string> {
  const token = getToken();
  if (token) return Promise.resolve(token);
  pending ??= loginCode()
    .then((code) => api.post<{ token: string }>('/shop/auth/wechat', { code }))
    .then(({ token: fresh }) => {
      setToken(fresh);
      return fresh;
    })
    .finally(() => {
      pending = null;
    });
  return pending;
}
