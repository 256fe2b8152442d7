/**
 * Which tenant a request is for: `X-App-Id` (a mini-program's appid) first, then the Host header
 * (a custom domain, or `<slug>.<PLATFORM_DOMAIN>`). Port and letter case are ignored. Answers are
 * cached (including "no such tenant") and invalidated by the tenants module when they change.
 */
import { cached, cache } from './cache.js';
import { config } from './config.js';
import { systemContext, type Ctx, type TenantRef } from './context.js';
import { AppError } from './errors.js';
import { defineHook, namedContribution } from './hooks.js';
import { nearCache } from './near-cache.js';

export interface TenantDirectory {
  byAppId(appid: string): Promise<TenantRef | null>;
  bySlug(slug: string): Promise<TenantRef | null>;
  byDomain(domain: string): Promise<TenantRef | null>;
  /** For work that knows the tenant's id only (jobs, platform screens): its settings, its plan. */
  byId(id: number): Promise<TenantRef | null>;
}

/** Where tenants are looked up: the tenants module contributes the one directory, named `directory`. */
export const tenantDirectory = defineHook<TenantDirectory>('tenancy.directory', 'named');

function dir(): TenantDirectory {
  const directory = namedContribution(tenantDirectory, 'directory');
  if (!directory) throw new Error('No tenant directory contributed (is the tenants module installed?)');
  return directory;
}

export function normalizeHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[')) return h; // IPv6 literal: never a tenant
  h = h.replace(/:\d+$/, '').replace(/\.$/, '');
  return h;
}

/** The slug when host is `<slug>.<platform domain>`, else null. */
export function slugOfHost(host: string): string | null {
  const suffix = `.${config().platformDomain}`;
  if (!host.endsWith(suffix)) return null;
  const sub = host.slice(0, -suffix.length);
  return /^[a-z][a-z0-9-]*$/.test(sub) ? sub : null;
}

export function isPlatformHost(host: string): boolean {
  return normalizeHost(host) === config().platformDomain;
}

const keys = {
  app: (appid: string) => `tenant:app:${appid}`,
  slug: (slug: string) => `tenant:slug:${slug}`,
  domain: (domain: string) => `tenant:domain:${domain}`,
  id: (id: number) => `tenant:id:${id}`,
};

/** Every request resolves its tenant: from this process's memory first, then the shared cache. */
const resolved = nearCache<TenantRef | null>('tenants', { ttlSeconds: 30, max: 50_000 });
let resolver: Ctx | undefined;

function resolve(key: string, load: () => Promise<TenantRef | null>): Promise<TenantRef | null> {
  resolver ??= systemContext('tenancy');
  return resolved.get(resolver, key, async () => frozen(await cached(key, config().tenantCacheSeconds, load)));
}

/** One object serves every request of the shop: frozen, so that no request can change it for the others. */
function frozen<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) frozen(inner);
    Object.freeze(value);
  }
  return value;
}

export async function tenantForAppId(appid: string): Promise<TenantRef | null> {
  return resolve(keys.app(appid), () => dir().byAppId(appid));
}

export async function tenantForHost(rawHost: string): Promise<TenantRef | null> {
  const host = normalizeHost(rawHost);
  if (!host || host === config().platformDomain) return null;
  const slug = slugOfHost(host);
  if (slug) return resolve(keys.slug(slug), () => dir().bySlug(slug));
  return resolve(keys.domain(host), () => dir().byDomain(host));
}

/**
 * The tenant by id, through the same caches (a job reading its tenant's settings). A miss is not
 * kept: no stranger types an id, so keeping "no such tenant" protects nothing, and kept it would
 * hide from every job asking by id a tenant made since (a lookup inside a creation that rolled
 * back; SQLite hands that id to the next tenant).
 */
export async function tenantForId(id: number): Promise<TenantRef | null> {
  const found = await resolve(keys.id(id), () => dir().byId(id));
  if (!found) await invalidateTenantCache({ id });
  return found;
}

/** Resolves the request's tenant or throws 404 tenant_not_found. Suspension is checked by the caller. */
export async function resolveTenant(appId: string | undefined, host: string | undefined): Promise<TenantRef> {
  const tenant = appId ? await tenantForAppId(appId.trim()) : host ? await tenantForHost(host) : null;
  if (!tenant) throw new AppError(404, 'tenant_not_found', appId ? `No shop for app ${appId}` : `No shop at ${host ?? 'this host'}`);
  return tenant;
}

export function assertTenantActive(tenant: TenantRef): void {
  if (tenant.status === 'suspended') throw new AppError(403, 'tenant_suspended', `The shop ${tenant.slug} is suspended`);
}

/** Forget cached resolutions after a tenant, its domains or its apps change. */
export async function invalidateTenantCache(refs: { id?: number; slug?: string; domains?: string[]; appids?: string[] }): Promise<void> {
  const stale = [...(refs.id ? [keys.id(refs.id)] : []), ...(refs.slug ? [keys.slug(refs.slug)] : []), ...(refs.domains ?? []).map((d) => keys.domain(normalizeHost(d))), ...(refs.appids ?? []).map(keys.app)];
  await cache().del(...stale);
  await Promise.all(stale.map((key) => resolved.dropEverywhere(key)));
}

/** Public address of a tenant's pages (links in emails); https behind the production proxy. */
export function tenantUrl(slug: string, path = '/'): string {
  return `${publicOrigin(`${slug}.${config().platformDomain}`)}${path}`;
}

export function platformUrl(path = '/'): string {
  return `${publicOrigin(config().platformDomain)}${path}`;
}

function publicOrigin(host: string): string {
  const c = config();
  return c.env === 'production' ? `https://${host}` : `http://${host}:${c.port}`;
}
