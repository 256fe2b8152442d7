/**
 * Every query of the tenants module, and the only file that touches its models: tenants, their
 * domains and apps go out as plain rows (TenantRow, DomainRow, AppRow). These are platform-level
 * rows, so the tenant a function reads is its argument, not the ctx's. The directory reads
 * (tenant resolution on every uncached request) stay raw and are made proper here: settings JSON
 * text parsed, dates as Date.
 */
import { Op, Transaction } from 'sequelize';
import type { Ctx } from '../../core/context.js';
import { inTx, paginate, parseJson, type PageQuery } from '../../core/db/index.js';
import { Tenant, TenantApp, TenantDomain, type Plan, type StoredSettings, type TenantKind, type TenantStatus } from './model.js';

export interface TenantRow {
  id: number;
  slug: string;
  name: string;
  kind: TenantKind;
  parentId: number | null;
  status: TenantStatus;
  plan: Plan;
  planExpiresAt: Date | null;
  settings: StoredSettings;
  createdAt: Date;
}

export interface DomainRow {
  id: number;
  tenantId: number;
  domain: string;
  createdAt: Date;
}

export interface AppRow {
  id: number;
  tenantId: number;
  appid: string;
  channel: 'wechat_mp';
  secretEncrypted: string | null;
  viaPlatform: boolean;
  createdAt: Date;
}

const dateOf = (v: Date | string) => (v instanceof Date ? v : new Date(v));

/** From an instance or a raw row (settings still JSON text, dates maybe strings). */
const tenantRow = (t: Tenant): TenantRow => ({
  id: Number(t.id),
  slug: t.slug,
  name: t.name,
  kind: t.kind,
  parentId: t.parentId === null ? null : Number(t.parentId),
  status: t.status,
  plan: t.plan,
  planExpiresAt: t.planExpiresAt ? dateOf(t.planExpiresAt) : null,
  settings: parseJson<StoredSettings>(t.settings, {}),
  createdAt: dateOf(t.createdAt),
});

const domainRow = (d: TenantDomain): DomainRow => ({ id: Number(d.id), tenantId: Number(d.tenantId), domain: d.domain, createdAt: d.createdAt });

const appRow = (a: TenantApp): AppRow => ({ id: Number(a.id), tenantId: Number(a.tenantId), appid: a.appid, channel: a.channel, secretEncrypted: a.secretEncrypted, viaPlatform: !!a.viaPlatform, createdAt: a.createdAt });

const maybe = <M, R>(row: M | null, to: (m: M) => R): R | null => (row ? to(row) : null);

// ---- tenants ----

export async function findTenant(ctx: Ctx, id: number): Promise<TenantRow | null> {
  return maybe(await Tenant.findByPk(id, inTx(ctx)), tenantRow);
}

/** Shop names by tenant id, in one statement (lists that name the shop of each row). */
export async function tenantNames(ctx: Ctx, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await Tenant.findAll({ where: { id: [...new Set(ids)] }, attributes: ['id', 'name'], ...inTx(ctx) });
  return new Map(rows.map((r) => [Number(r.id), r.name]));
}

export async function findTenantBySlug(ctx: Ctx, slug: string): Promise<TenantRow | null> {
  return maybe(await Tenant.findOne({ where: { slug }, ...inTx(ctx) }), tenantRow);
}

/** The row locked (SELECT ... FOR UPDATE inside a transaction) for a read-modify-write of its settings document. */
export async function lockTenant(ctx: Ctx, id: number): Promise<TenantRow | null> {
  return maybe(await Tenant.findByPk(id, { ...(ctx.transaction ? { lock: Transaction.LOCK.UPDATE } : {}), ...inTx(ctx) }), tenantRow);
}

export interface TenantFilter {
  status?: TenantStatus;
  /** Part of the slug or the name. */
  q?: string;
  parentId?: number;
}

/** A page of tenants, newest first, with the total. */
export async function tenantPage(ctx: Ctx, filter: TenantFilter, page: PageQuery): Promise<{ rows: TenantRow[]; count: number }> {
  const where = {
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.parentId ? { parentId: filter.parentId } : {}),
    ...(filter.q ? { [Op.or]: [{ slug: { [Op.like]: `%${filter.q}%` } }, { name: { [Op.like]: `%${filter.q}%` } }] } : {}),
  };
  const { rows, count } = await Tenant.findAndCountAll({ where, order: [['id', 'DESC']], ...paginate(page), ...inTx(ctx) });
  return { rows: rows.map(tenantRow), count };
}

export type NewTenantRow = Omit<TenantRow, 'id' | 'createdAt'>;

/** A second tenant of one slug is refused by the unique key (UniqueConstraintError). */
export async function insertTenant(ctx: Ctx, fields: NewTenantRow): Promise<TenantRow> {
  return tenantRow(await Tenant.create(fields, inTx(ctx)));
}

export type TenantRowChanges = Partial<Pick<TenantRow, 'name' | 'kind' | 'parentId' | 'status' | 'plan' | 'planExpiresAt' | 'settings'>>;

export async function updateTenantRow(ctx: Ctx, id: number, changes: TenantRowChanges): Promise<void> {
  if (!Object.keys(changes).length) return;
  await Tenant.update(changes, { where: { id }, ...inTx(ctx) });
}

// ---- domains ----

export async function domainsOf(ctx: Ctx, tenantId: number): Promise<DomainRow[]> {
  return (await TenantDomain.findAll({ where: { tenantId }, order: [['id', 'ASC']], ...inTx(ctx) })).map(domainRow);
}

/** Whether any tenant has this domain. */
export async function domainExists(ctx: Ctx, domain: string): Promise<boolean> {
  return !!(await TenantDomain.findOne({ where: { domain }, ...inTx(ctx) }));
}

export async function findDomain(ctx: Ctx, tenantId: number, id: number): Promise<DomainRow | null> {
  return maybe(await TenantDomain.findOne({ where: { tenantId, id }, ...inTx(ctx) }), domainRow);
}

/** A domain another tenant has is refused by the unique key (UniqueConstraintError). */
export async function insertDomain(ctx: Ctx, tenantId: number, domain: string): Promise<DomainRow> {
  return domainRow(await TenantDomain.create({ tenantId, domain }, inTx(ctx)));
}

export async function deleteDomain(ctx: Ctx, tenantId: number, id: number): Promise<void> {
  await TenantDomain.destroy({ where: { tenantId, id }, ...inTx(ctx) });
}

// ---- mini-program apps ----

export async function appsOf(ctx: Ctx, tenantId: number): Promise<AppRow[]> {
  return (await TenantApp.findAll({ where: { tenantId }, order: [['id', 'ASC']], ...inTx(ctx) })).map(appRow);
}

/** Whether any tenant has bound this appid. */
export async function appExists(ctx: Ctx, appid: string): Promise<boolean> {
  return !!(await TenantApp.findOne({ where: { appid }, ...inTx(ctx) }));
}

export async function findApp(ctx: Ctx, tenantId: number, id: number): Promise<AppRow | null> {
  return maybe(await TenantApp.findOne({ where: { tenantId, id }, ...inTx(ctx) }), appRow);
}

/** An appid another tenant has is refused by the unique key (UniqueConstraintError). */
export async function insertApp(ctx: Ctx, tenantId: number, appid: string, secretEncrypted: string | null): Promise<AppRow> {
  return appRow(await TenantApp.create({ tenantId, appid, channel: 'wechat_mp', secretEncrypted }, inTx(ctx)));
}

/** The tenant an appid is bound to, if any (inside the caller's transaction). */
export async function appOwner(ctx: Ctx, appid: string): Promise<number | null> {
  const app = await TenantApp.findOne({ where: { appid }, attributes: ['tenantId'], ...inTx(ctx) });
  return app ? Number(app.tenantId) : null;
}

export async function insertPlatformApp(ctx: Ctx, tenantId: number, appid: string): Promise<void> {
  await TenantApp.create({ tenantId, appid, channel: 'wechat_mp', secretEncrypted: null, viaPlatform: true }, inTx(ctx));
}

export async function markAppViaPlatform(ctx: Ctx, tenantId: number, appid: string): Promise<void> {
  await TenantApp.update({ viaPlatform: true }, { where: { tenantId, appid }, ...inTx(ctx) });
}

export async function updateAppSecret(ctx: Ctx, tenantId: number, id: number, secretEncrypted: string): Promise<void> {
  await TenantApp.update({ secretEncrypted }, { where: { tenantId, id }, ...inTx(ctx) });
}

export async function deleteApp(ctx: Ctx, tenantId: number, id: number): Promise<void> {
  await TenantApp.destroy({ where: { tenantId, id }, ...inTx(ctx) });
}

// ---- the directory: how a request finds its tenant (outside any transaction) ----

const rawTenant = async (id: number) => maybe(await Tenant.findByPk(id, { raw: true }), tenantRow);

export async function tenantOfApp(appid: string): Promise<TenantRow | null> {
  const app = await TenantApp.findOne({ where: { appid }, raw: true });
  return app ? rawTenant(app.tenantId) : null;
}

export async function tenantOfDomain(domain: string): Promise<TenantRow | null> {
  const row = await TenantDomain.findOne({ where: { domain }, raw: true });
  return row ? rawTenant(row.tenantId) : null;
}

export async function tenantOfSlug(slug: string): Promise<TenantRow | null> {
  return maybe(await Tenant.findOne({ where: { slug }, raw: true }), tenantRow);
}

export async function tenantOfId(id: number): Promise<TenantRow | null> {
  return rawTenant(id);
}

/** Shops opened since a time (the platform dashboard). */
export async function countTenantsSince(ctx: Ctx, since: Date): Promise<number> {
  return Tenant.count({ where: { createdAt: { [Op.gte]: since } }, ...inTx(ctx) });
}
