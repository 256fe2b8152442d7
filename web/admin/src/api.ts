/**
 * The console's API client. Tokens live in localStorage per host and actor kind; `auth.kind` says
 * which one the console currently signs its requests with.
 */
import { reactive } from 'vue';
import { createClient, tokenStore, type ApiError } from '../../shared/api';

export { ApiError, isApiError, type Page, type Query } from '../../shared/api';

export type Kind = 'platform' | 'supplier' | 'merchant';

const tokens = {
  platform: tokenStore('platform'),
  supplier: tokenStore('supplier'),
  merchant: tokenStore('merchant'),
};

export const auth = reactive({ kind: null as Kind | null });

export const storedToken = (kind: Kind) => tokens[kind].get();

export function saveToken(kind: Kind, token: string | null): void {
  tokens[kind].set(token);
}

let unauthorized: (err: ApiError) => void = () => {};

/** What to do when a signed request answers 401 (the session ended): set by the router. */
export function onUnauthorized(handler: (err: ApiError) => void): void {
  unauthorized = handler;
}

export const api = createClient({
  token: () => (auth.kind ? tokens[auth.kind].get() : null),
  onUnauthorized: (err) => unauthorized(err),
});

/** Path prefix of each kind's own routes (`/platform/auth/login`, `/supplier/me`, `/admin/me`). */
export const prefix = (kind: Kind) => (kind === 'merchant' ? 'admin' : kind);
