/**
 * The shop's name, logo and theme colour: from the build's config at first, refreshed from
 * `GET /shop/store` at launch (a merchant may rebrand without a new release).
 */
import { api } from './api.js';
import { tenantConfig } from './config.js';

export interface StoreInfo {
  name: string;
  slug: string;
  branding: { logoUrl: string | null; primaryColor: string };
}

let loaded: { appId: string; store: StoreInfo } | null = null;

export function storeInfo(): StoreInfo {
  const config = tenantConfig();
  if (loaded && loaded.appId === config.appId) return loaded.store;
  return { name: config.name, slug: config.slug, branding: { logoUrl: config.logoUrl, primaryColor: config.primaryColor } };
}

export function themeColor(): string {
  return storeInfo().branding.primaryColor;
}

let pending: { appId: string; promise: Promise<StoreInfo> } | null = null;

export async function refreshStore(): Promise<StoreInfo> {
  const store = await api.get<StoreInfo>('/shop/store');
  loaded = { appId: tenantConfig().appId, store };
  return store;
}

/** The store as `GET /shop/store` answers it, fetched once per launch (pages do not wait on app.ts). */
export function ensureStore(): Promise<StoreInfo> {
  const appId = tenantConfig().appId;
  if (loaded && loaded.appId === appId) return Promise.resolve(loaded.store);
  if (!pending || pending.appId !== appId) {
    pending = { appId, promise: refreshStore().catch(() => storeInfo()) };
  }
  return pending.promise;
}
