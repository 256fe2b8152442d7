/**
 * A tenant's mini-program config from the database (by slug, as scripts/tenant.ts finds tenants):
 * its `wechat_mp` appid, name, logo and theme colour, and the API base the app calls.
 * Needs an open platform (openPlatform).
 */
import { config } from '../../server/src/core/config.js';
import { inTenant, runInContext, systemContext } from '../../server/src/core/context.js';
import { storeView } from '../../server/src/modules/storefront/index.js';
import { findTenantBySlug, listApps, toRef } from '../../server/src/modules/tenants/index.js';
import type { TenantConfig } from './build.js';

export class BuildRefused extends Error {}

/** The public origin of the platform: https for a real domain, http with the port for a local one. */
export function defaultOrigin(): { http: string; ws: string } {
  const domain = config().platformDomain;
  const local = domain === 'localhost' || domain.endsWith('.localhost') || /^[\d.]+$/.test(domain);
  return local ? { http: `http://${domain}:${config().port}`, ws: `ws://${domain}:${config().port}` } : { http: `https://${domain}`, ws: `wss://${domain}` };
}

/** The socket origin that goes with an API base ("https://x/api/v1" -> "wss://x"). */
export function socketOriginOf(apiBase: string): string {
  const url = new URL(apiBase);
  return `${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}`;
}

export async function tenantConfigFor(slug: string, opts: { apiBase?: string } = {}): Promise<TenantConfig> {
  const base = systemContext('build-miniprogram');
  return runInContext(base, async () => {
    const tenant = await findTenantBySlug(base, slug);
    if (!tenant) throw new BuildRefused(`No tenant with slug "${slug}".`);
    const apps = (await listApps(base, tenant.id)).filter((a) => a.channel === 'wechat_mp');
    const app = apps[0];
    if (!app) {
      throw new BuildRefused(`Tenant "${slug}" has no wechat_mp app: add its mini-program appid first (console: 店铺设置 → 小程序, or POST /api/v1/admin/store/apps {appid, channel: "wechat_mp"}).`);
    }
    const store = await inTenant(base, toRef(tenant), (ctx) => storeView(ctx));
    const apiBase = (opts.apiBase ?? `${defaultOrigin().http}/api/v1`).replace(/\/+$/, '');
    return {
      apiBase,
      appId: app.appid,
      slug: tenant.slug,
      name: store.name,
      primaryColor: store.branding.primaryColor,
      logoUrl: store.branding.logoUrl,
      socketUrl: opts.apiBase ? socketOriginOf(apiBase) : defaultOrigin().ws,
    };
  });
}
