/**
 * The one fetch wrapper both apps build their API client on: same-origin `/api/v1`, a bearer token
 * from the caller, JSON in and out, and an `ApiError` carrying the API's `{code, message, details}`.
 */

export interface FieldError {
  field: string;
  message: string;
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

export function createClient(opts: ClientOptions) {
  async function request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
    const token = opts.token();
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (token) headers.Authorization = `Bearer ${token}`;
    let res: Response;
    try {
      res = await fetch(`/api/v1${path}${toQueryString(query)}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, 'network_error', '网络异常，请稍后再试 (network error)');
    }
    const data: unknown = res.status === 204 ? null : await res.json().catch(() => null);
    if (res.ok) return data as T;
    const e = (data as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
    const err = new ApiError(res.status, e?.code ?? `http_${res.status}`, e?.message ?? `${res.status} ${res.statusText}`, fieldErrors(e?.details), e?.details);
    if (res.status === 401 && token) opts.onUnauthorized?.(err);
    throw err;
  }

  return {
    get: <T>(path: string, query?: Query) => request<T>('GET', path, undefined, query),
    post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body),
    put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
    patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
    del: <T>(path: string) => request<T>('DELETE', path),
  };
}

export type Client = ReturnType<typeof createClient>;
