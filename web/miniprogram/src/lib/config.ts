/**
 * The tenant this mini-program serves (MP-CONTRACT.md, "per-tenant config"): the `ext` of ext_json
 * when the third-party platform committed the template for a tenant, else the config the build wrote
 * for one tenant. Read on every call: cheap, and tests swap tenants between runs.
 */
import generated from '../config.generated.js';
import type { TenantConfig } from './tenant-config.js';

export type { TenantConfig };

export class MissingConfigError extends Error {
  constructor() {
    super('No tenant config: build with `npm run build:miniprogram -- <slug>` or commit with ext_json');
  }
}

function fromExt(): TenantConfig | null {
  const read = typeof wx.getExtConfigSync === 'function' ? wx.getExtConfigSync() : null;
  const ext = read && (read as { ext?: Partial<TenantConfig> }).ext;
  return ext && typeof ext.appId === 'string' && typeof ext.apiBase === 'string' ? (ext as TenantConfig) : null;
}

export function tenantConfig(): TenantConfig {
  const config = fromExt() ?? generated;
  if (!config) throw new MissingConfigError();
  return { ...config, apiBase: config.apiBase.replace(/\/+$/, '') };
}
