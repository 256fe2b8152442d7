import { config } from '../../core/config.js';
import type { Ctx, TenantRef } from '../../core/context.js';
import { decryptSecret, encryptSecret } from '../../core/crypto.js';
import { withTransaction, afterCommit, pageOf, type Page, type PageQuery } from '../../core/db/index.js';
import { notFound } from '../../core/errors.js';
import { disconnectRooms, rooms } from '../../core/realtime.js';
import { recordAudit } from '../../core/audit.js';
import { contribute } from '../../core/hooks.js';
import { applySettingsPatch, describeSettings, resolveSettings, tenantSettingsDocument, type SectionDescription } from '../../core/settings.js';
import { invalidateTenantCache, normalizeHost, tenantDirectory } from '../../core/tenancy.js';
import type { Plan, TenantKind, TenantStatus } from './model.js';
import { tenantErrors } from './errors.js';
import * as repo from './repository.js';
import type { AppRow, TenantRow } from './repository.js';

export const RESERVED_SLUGS = new Set(['www', 'admin', 'api', 'app', 'apps', 'platform', 'static', 'assets', 'mail', 'help', 'support', 'status', 'cdn', 'img', 'uploads', 'socket', 'docs', 'supplier', 'suppliers']);

export interface TenantView {
  id: number;
  slug: string;
  name: string;
  kind: TenantKind;
  parentId: number | null;
  status: TenantStatus;
  plan: Plan;
  planExpiresAt: string | null;
  host: string;
  createdAt: string;
}

export function hostOf(slug: string): string {
  return `${slug}.${config().platformDomain}`;
}

/** The tenant as core's context carries it (the routing cache keeps it). */
export function toRef(t: TenantRow): TenantRef {
  return {
    id: t.id,
    slug: t.slug,
    name: t.name,
    status: t.status,
    parentId: t.parentId,
    plan: t.plan,
    planExpiresAt: t.planExpiresAt ? t.planExpiresAt.toISOString() : null,
    settings: t.settings,
  };
}

export function viewOf(t: TenantRow): TenantView {
  return {
    id: t.id,
    slug: t.slug,
    name: t.name,
    kind: t.kind,
    parentId: t.parentId,
    status: t.status,
    plan: t.plan,
    planExpiresAt: t.planExpiresAt ? t.planExpiresAt.toISOString() : null,
    host: hostOf(t.slug),
    createdAt: t.createdAt.toISOString(),
  };
}

/** How core's tenant resolution finds a tenant (listed in the tenants declaration). */
const refOf = (t: TenantRow | null) => (t ? toRef(t) : null);

export const directory = contribute(tenantDirectory, 'directory', {
  byAppId: async (appid) => refOf(await repo.tenantOfApp(appid)),
  bySlug: async (slug) => refOf(await repo.tenantOfSlug(slug)),
  byDomain: async (domain) => refOf(await repo.tenantOfDomain(domain)),
  byId: async (id) => refOf(await repo.tenantOfId(id)),
});

async function forgetRouting(ctx: Ctx, tenant: TenantRow): Promise<void> {
  const [domains, apps] = await Promise.all([repo.domainsOf(ctx, tenant.id), repo.appsOf(ctx, tenant.id)]);
  const refs = { id: tenant.id, slug: tenant.slug, domains: domains.map((d) => d.domain), appids: apps.map((a) => a.appid) };
  afterCommit(ctx, () => invalidateTenantCache(refs));
}

export interface NewTenant {
  slug: string;
  name: string;
  kind?: TenantKind;
  parentId?: number | null;
  plan?: Plan;
  planExpiresAt?: Date | null;
}

/** Creates the tenant row; callers add its owner and settings in the same transaction. */
export async function createTenant(ctx: Ctx, input: NewTenant): Promise<TenantRow> {
  if (RESERVED_SLUGS.has(input.slug)) throw tenantErrors.slugReserved(input.slug);
  return withTransaction(ctx, async (tx) => {
    if (await repo.findTenantBySlug(tx, input.slug)) throw tenantErrors.slugTaken(input.slug);
    const tenant = await repo.insertTenant(tx, {
      slug: input.slug,
      name: input.name,
      kind: input.kind ?? 'merchant',
      parentId: input.parentId ?? null,
      status: 'active',
      plan: input.plan ?? 'trial',
      planExpiresAt: input.planExpiresAt ?? null,
      // every section reads as its defaults until the shop changes one
      settings: {},
    }).catch((err: unknown) => {
      if ((err as Error).name === 'SequelizeUniqueConstraintError') throw tenantErrors.slugTaken(input.slug);
      throw err;
    });
    // a lookup by id made before it existed may have kept "no such tenant"
    afterCommit(tx, () => invalidateTenantCache({ id: tenant.id, slug: input.slug }));
    return tenant;
  });
}

export async function getTenant(ctx: Ctx, id: number): Promise<TenantRow> {
  const tenant = await repo.findTenant(ctx, id);
  if (!tenant) throw notFound('Tenant');
  return tenant;
}

export async function findTenantBySlug(ctx: Ctx, slug: string): Promise<TenantRow | null> {
  return repo.findTenantBySlug(ctx, slug);
}

export async function tenantRef(ctx: Ctx, id: number): Promise<TenantRef> {
  return toRef(await getTenant(ctx, id));
}

export async function listTenants(ctx: Ctx, q: PageQuery & { status?: TenantStatus; q?: string; parentId?: number }): Promise<Page<TenantView>> {
  const { rows, count } = await repo.tenantPage(ctx, { status: q.status, q: q.q, parentId: q.parentId }, q);
  return pageOf(q, rows.map(viewOf), count);
}

export async function setStatus(ctx: Ctx, id: number, status: TenantStatus): Promise<TenantView> {
  return withTransaction(ctx, async (tx) => {
    const tenant = await getTenant(tx, id);
    if (tenant.status !== status) {
      await repo.updateTenantRow(tx, id, { status });
      await forgetRouting(tx, tenant);
      // a suspended shop answers no request: its open sockets end too (the handshake refuses new ones)
      if (status === 'suspended') await afterCommit(tx, () => disconnectRooms([rooms.tenant(id)]));
    }
    return viewOf({ ...tenant, status });
  });
}

export interface TenantChanges {
  name?: string;
  plan?: Plan;
  planExpiresAt?: Date | null;
  kind?: TenantKind;
  /** Moves a shop under another (tenant manifests); not a field of the platform's edit. */
  parentId?: number | null;
  /** A settings change, `{ [module]: { field: value } }`, checked as the settings API checks it. */
  settings?: Record<string, Record<string, unknown>>;
}

export async function updateTenant(ctx: Ctx, id: number, changes: TenantChanges): Promise<TenantView> {
  return withTransaction(ctx, async (tx) => {
    const tenant = changes.settings ? await lockedTenant(tx, id) : await getTenant(tx, id);
    const time = (d: Date | null | undefined) => d?.getTime() ?? null;
    const replanned = (changes.plan !== undefined && changes.plan !== tenant.plan) || (changes.planExpiresAt !== undefined && time(changes.planExpiresAt) !== time(tenant.planExpiresAt));
    const row = {
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.plan !== undefined ? { plan: changes.plan } : {}),
      ...(changes.planExpiresAt !== undefined ? { planExpiresAt: changes.planExpiresAt } : {}),
      ...(changes.kind !== undefined ? { kind: changes.kind } : {}),
      ...(changes.parentId !== undefined ? { parentId: changes.parentId } : {}),
      ...(changes.settings ? { settings: applySettingsPatch(tenant.settings, changes.settings).document } : {}),
    };
    await repo.updateTenantRow(tx, id, row);
    await forgetRouting(tx, tenant);
    // open sockets carry the plan they connected under: they reconnect under the new one
    if (replanned) await afterCommit(tx, () => disconnectRooms([rooms.tenant(id)]));
    return viewOf({ ...tenant, ...row });
  });
}

async function lockedTenant(ctx: Ctx, id: number): Promise<TenantRow> {
  const tenant = await repo.lockTenant(ctx, id);
  if (!tenant) throw notFound('Tenant');
  return tenant;
}

export interface SettingsView {
  sections: SectionDescription[];
}

/** Every settings section of a tenant: values, JSON schema and labels (the console page is built from it). */
export async function settingsView(ctx: Ctx, tenantId: number): Promise<SettingsView> {
  // the request's own tenant comes from the routing cache with its document already resolved
  const doc = ctx.tenant?.id === tenantId ? tenantSettingsDocument(ctx.tenant) : resolveSettings((await getTenant(ctx, tenantId)).settings);
  return { sections: describeSettings(doc) };
}

/**
 * Changes some settings of a tenant: validated (400 naming `module.field`, nothing written),
 * merged over the stored document under the tenant row's lock (two changes to different fields
 * both stay), saved and audited in one transaction; the cached tenant is dropped after commit.
 */
export async function changeSettings(ctx: Ctx, tenantId: number, patch: Record<string, Record<string, unknown>>): Promise<SettingsView> {
  return withTransaction(ctx, async (tx) => {
    const tenant = await lockedTenant(tx, tenantId);
    const { document, changed } = applySettingsPatch(tenant.settings, patch);
    await repo.updateTenantRow(tx, tenantId, { settings: document });
    await recordAudit(tx, { action: 'settings.update', tenantId, targetType: 'tenant', targetId: tenantId, details: changed });
    await forgetRouting(tx, tenant);
    return { sections: describeSettings(document) };
  });
}

// ---- domains ----

export interface DomainView {
  id: number;
  domain: string;
  createdAt: string;
}

const DOMAIN_RE = /^(?=.{4,253}$)(?!-)([a-z0-9-]{1,63}(?<!-)\.)+[a-z]{2,63}$/;

export function checkDomain(raw: string): string {
  const domain = normalizeHost(raw);
  if (!DOMAIN_RE.test(domain)) throw tenantErrors.domainInvalid(raw, 'not a valid domain name');
  const platform = config().platformDomain;
  if (domain === platform || domain.endsWith(`.${platform}`)) throw tenantErrors.domainInvalid(raw, `addresses under ${platform} are assigned by the platform`);
  return domain;
}

export async function listDomains(ctx: Ctx, tenantId: number): Promise<DomainView[]> {
  return (await repo.domainsOf(ctx, tenantId)).map((d) => ({ id: d.id, domain: d.domain, createdAt: d.createdAt.toISOString() }));
}

export async function addDomain(ctx: Ctx, tenantId: number, raw: string): Promise<DomainView> {
  const domain = checkDomain(raw);
  return withTransaction(ctx, async (tx) => {
    if (await repo.domainExists(tx, domain)) throw tenantErrors.domainTaken(domain);
    const row = await repo.insertDomain(tx, tenantId, domain).catch((err: unknown) => {
      if ((err as Error).name === 'SequelizeUniqueConstraintError') throw tenantErrors.domainTaken(domain);
      throw err;
    });
    afterCommit(tx, () => invalidateTenantCache({ domains: [domain] }));
    return { id: row.id, domain: row.domain, createdAt: row.createdAt.toISOString() };
  });
}

export async function removeDomain(ctx: Ctx, tenantId: number, id: number): Promise<{ id: number; removed: true }> {
  return withTransaction(ctx, async (tx) => {
    const row = await repo.findDomain(tx, tenantId, id);
    if (!row) throw notFound('Domain');
    await repo.deleteDomain(tx, tenantId, id);
    afterCommit(tx, () => invalidateTenantCache({ domains: [row.domain] }));
    return { id, removed: true as const };
  });
}

// ---- mini-program apps ----

export interface AppView {
  id: number;
  appid: string;
  channel: 'wechat_mp';
  hasSecret: boolean;
  createdAt: string;
}

const appView = (a: AppRow): AppView => ({
  id: a.id,
  appid: a.appid,
  channel: a.channel,
  hasSecret: !!a.secretEncrypted,
  createdAt: a.createdAt.toISOString(),
});

export async function listApps(ctx: Ctx, tenantId: number): Promise<AppView[]> {
  return (await repo.appsOf(ctx, tenantId)).map(appView);
}

export async function addApp(ctx: Ctx, tenantId: number, input: { appid: string; secret?: string }): Promise<AppView> {
  return withTransaction(ctx, async (tx) => {
    if (await repo.appExists(tx, input.appid)) throw tenantErrors.appidTaken(input.appid);
    const row = await repo.insertApp(tx, tenantId, input.appid, input.secret ? encryptSecret(input.secret) : null).catch((err: unknown) => {
      if ((err as Error).name === 'SequelizeUniqueConstraintError') throw tenantErrors.appidTaken(input.appid);
      throw err;
    });
    afterCommit(tx, () => invalidateTenantCache({ appids: [input.appid] }));
    return appView(row);
  });
}

export async function updateAppSecret(ctx: Ctx, tenantId: number, id: number, secret: string): Promise<AppView> {
  return withTransaction(ctx, async (tx) => {
    const row = await repo.findApp(tx, tenantId, id);
    if (!row) throw notFound('App');
    const secretEncrypted = encryptSecret(secret);
    await repo.updateAppSecret(tx, tenantId, id, secretEncrypted);
    return appView({ ...row, secretEncrypted });
  });
}

export async function removeApp(ctx: Ctx, tenantId: number, id: number): Promise<{ id: number; removed: true }> {
  return withTransaction(ctx, async (tx) => {
    const row = await repo.findApp(tx, tenantId, id);
    if (!row) throw notFound('App');
    await repo.deleteApp(tx, tenantId, id);
    afterCommit(tx, () => invalidateTenantCache({ appids: [row.appid] }));
    return { id, removed: true as const };
  });
}

/**
 * Binds a mini-program the merchant authorized to the platform's WeChat third-party platform
 * (modules/miniprogram): the appid becomes the tenant's `wechat_mp` app, signed in through the
 * component. An appid another tenant has is refused and nothing changes; called inside the
 * caller's transaction so the authorizer and the app are written together.
 */
export async function bindPlatformApp(ctx: Ctx, tenantId: number, appid: string): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const owner = await repo.appOwner(tx, appid);
    if (owner !== null && owner !== tenantId) throw tenantErrors.appidTaken(appid);
    if (owner === tenantId) await repo.markAppViaPlatform(tx, tenantId, appid);
    else {
      await repo.insertPlatformApp(tx, tenantId, appid).catch((err: unknown) => {
        if ((err as Error).name === 'SequelizeUniqueConstraintError') throw tenantErrors.appidTaken(appid);
        throw err;
      });
    }
    afterCommit(tx, () => invalidateTenantCache({ appids: [appid] }));
  });
}

/** Whose an appid is (null when no tenant has it), for a binding that must not take another's. */
export function appOwner(ctx: Ctx, appid: string): Promise<number | null> {
  return repo.appOwner(ctx, appid);
}

/**
 * The app's appid and decrypted secret, for WeChat calls made on the tenant's behalf; `viaPlatform`
 * when the app was authorized to the platform's third-party platform (sign-in without a secret).
 */
export async function appCredentials(ctx: Ctx, tenantId: number, appid?: string): Promise<{ appid: string; secret: string | null; viaPlatform: boolean } | null> {
  const apps = await repo.appsOf(ctx, tenantId);
  const app = appid ? apps.find((a) => a.appid === appid) : apps[0];
  if (!app) return null;
  return { appid: app.appid, secret: app.secretEncrypted ? decryptSecret(app.secretEncrypted) : null, viaPlatform: app.viaPlatform };
}

/** Shops opened since a time, for the platform's figures. */
export function tenantsOpenedSince(ctx: Ctx, since: Date): Promise<number> {
  return repo.countTenantsSince(ctx, since);
}
