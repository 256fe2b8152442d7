/**
 * The one fetch wrapper both apps build their API client on: same-origin `/api/v1`, a bearer token
 * from the caller, JSON in and out, and an `ApiError` carrying the API's `{code, message, details}`.
 */

export interface FieldError {
  field: string;
  /** English, for developers: screens show `code` in words (`fieldErrorText` in errors.ts). */
  message: string;
  code?: string;
  minimum?: number;
  maximum?: number;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldError[] = [],
    /** `details` as the API sent it, when it is not a field list (e.g. `{retryAfterSeconds}`). */
    readonly raw?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const isApiError = (err: unknown, code?: string): err is ApiError =>
  err instanceof ApiError && (code === undefined || err.code === code);

/** A paginated list as every list route answers it. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

/** A token kept in localStorage, keyed by host and actor kind (`platform`, `supplier`, `merchant`, `shopper`). */
export function tokenStore(kind: string) {
  const key = `s2b2c:${location.host}:${kind}:token`;
  return {
    get: (): string | null => localStorage.getItem(key),
    set: (token: string | null): void => {
      if (token) localStorage.setItem(key, token);
      else localStorage.removeItem(key);
    },
  };
}

export type TokenStore = ReturnType<typeof tokenStore>;

export interface ClientOptions {
  /** The token to send, if any. */
  token: () => string | null;
  /** Called when a request that carried a token answers 401 (expired or revoked session). */
  onUnauthorized?: (err: ApiError) => void;
}

function toQueryString(query?: Query): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}

function fieldErrors(details: unknown): FieldError[] {
  if (!Array.isArray(details)) return [];
  return details.filter((d): d is FieldError => typeof d?.field === 'string' && typeof d?.message === 'string');
}

/** Extra headers for one request (e.g. `Idempotency-Key`). */
export interface RequestOptions {
  headers?: Record<string, string>;
}

/** A random UUID (v4); `crypto.randomUUID` needs a secure context, custom domains may be plain http. */
export function uuid(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function createClient(opts: ClientOptions) {
  /** fetch with the token; JSON bodies, FormData as is. Answers the raw Response when ok, else throws ApiError. */
  async function send(method: string, path: string, body?: unknown, query?: Query, extra?: RequestOptions): Promise<Response> {
    const token = opts.token();
    const headers: Record<string, string> = { Accept: 'application/json', ...extra?.headers };
    const isForm = typeof FormData !== 'undefined' && body instanceof FormData;
    if (body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
    if (token) headers.Authorization = `Bearer ${token}`;
    let res: Response;
    try {
      res = await fetch(`/api/v1${path}${toQueryString(query)}`, {
        method,
        headers,
        body: body === undefined ? undefined : isForm ? (body as FormData) : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, 'network_error', 'network error');
    }
    if (res.ok) return res;
    const data: unknown = await res.json().catch(() => null);
    const e = (data as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
    const err = new ApiError(res.status, e?.code ?? `http_${res.status}`, e?.message ?? `${res.status} ${res.statusText}`, fieldErrors(e?.details), e?.details);
    if (res.status === 401 && token) opts.onUnauthorized?.(err);
    throw err;
  }

  async function request<T>(method: string, path: string, body?: unknown, query?: Query, extra?: RequestOptions): Promise<T> {
    const res = await send(method, path, body, query, extra);
    return (res.status === 204 ? null : await res.json().catch(() => null)) as T;
  }

  /** Fetches a file with the token and hands it to the browser as a download. */
  async function download(path: string, query: Query | undefined, fallbackName: string): Promise<void> {
    const res = await send('GET', path, undefined, query, { headers: { Accept: '*/*' } });
    const disposition = res.headers.get('Content-Disposition') ?? '';
    const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
    const plain = /filename="?([^";]+)"?/i.exec(disposition)?.[1];
    const name = star ? decodeURIComponent(star) : (plain ?? fallbackName);
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  return {
    get: <T>(path: string, query?: Query) => request<T>('GET', path, undefined, query),
    post: <T>(path: string, body: unknown = {}, extra?: RequestOptions) => request<T>('POST', path, body, undefined, extra),
    put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
    patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
    del: <T>(path: string) => request<T>('DELETE', path),
    /** multipart/form-data POST (uploads, sheet imports). */
    upload: <T>(path: string, form: FormData) => request<T>('POST', path, form),
    download,
    /** A file (an image the API draws, e.g. a QR code) as a Blob, fetched with the token. */
    blob: async (path: string, query?: Query) => (await send('GET', path, undefined, query, { headers: { Accept: '*/*' } })).blob(),
  };
}

export type Client = ReturnType<typeof createClient>;
