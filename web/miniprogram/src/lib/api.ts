/**
 * The shop API over wx.request (no fetch in the mini-program runtime): every call names the tenant
 * with X-App-Id, carries the shopper's token and the app's language, and turns API.md's error shape
 * into an ApiError carrying `code`, `message` and `details`. A 401 drops the stored token, so the next
 * sign-in starts clean.
 */
import { tenantConfig } from './config.js';
import { currentLocale } from './i18n.js';
import { clearToken, getToken } from './token.js';

/** wx.request has no PATCH; the shop API does not need it. */
export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** `?a=1&b=x` from the defined values (empty string when none). */
export function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const parts = Object.keys(params)
    .filter((k) => params[k] !== undefined && params[k] !== null && params[k] !== '')
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(String(params[k]))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

export function headers(extra: Record<string, string> = {}): Record<string, string> {
  const token = getToken();
  return {
    'X-App-Id': tenantConfig().appId,
    'Accept-Language': currentLocale(),
    ...(token ? { Authorization: `Bearer ${token}` } : {}),
    ...extra,
  };
}

interface ErrorBody {
  error?: { code?: string; message?: string; details?: unknown };
}

/** The ApiError for a non-2xx answer (also used by the binary variant). */
export function errorOf(status: number, data: unknown): ApiError {
  if (status === 401) clearToken();
  const body = (typeof data === 'string' ? safeParse(data) : data) as ErrorBody | null;
  const e = body && body.error;
  return new ApiError(status, (e && e.code) || `http_${status}`, (e && e.message) || `HTTP ${status}`, e ? e.details : undefined);
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

const networkError = (errMsg: string) => new ApiError(0, 'network_error', errMsg);

export interface RequestOptions {
  headers?: Record<string, string>;
}

export function request<T>(method: Method, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    wx.request({
      url: `${tenantConfig().apiBase}${path}`,
      method,
      data: body === undefined ? undefined : (body as WechatMiniprogram.IAnyObject),
      header: headers({ 'Content-Type': 'application/json', ...options.headers }),
      dataType: 'json',
      success: (res) => (res.statusCode >= 200 && res.statusCode < 300 ? resolve(res.data as T) : reject(errorOf(res.statusCode, res.data))),
      fail: (err) => reject(networkError(err.errMsg)),
    });
  });
}

/** A binary answer (an image such as a product's share code), as an ArrayBuffer. */
export function requestBinary(path: string): Promise<ArrayBuffer> {
  return new Promise<ArrayBuffer>((resolve, reject) => {
    wx.request({
      url: `${tenantConfig().apiBase}${path}`,
      method: 'GET',
      header: headers(),
      responseType: 'arraybuffer',
      success: (res) => {
        if (res.statusCode >= 200 && res.statusCode < 300) return resolve(res.data as ArrayBuffer);
        const text = res.data instanceof ArrayBuffer ? utf8(res.data) : res.data;
        reject(errorOf(res.statusCode, text));
      },
      fail: (err) => reject(networkError(err.errMsg)),
    });
  });
}

/** UTF-8 text of a small buffer (error bodies are ASCII JSON; TextDecoder is missing on older clients). */
function utf8(buf: ArrayBuffer): string {
  const bytes = new Uint8Array(buf);
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += String.fromCharCode(bytes[i]!);
  try {
    return decodeURIComponent(escape(out));
  } catch {
    return out;
  }
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body ?? {}),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
