import { Op, Transaction } from 'sequelize';
import type { Ctx, TenantRef } from '../../core/context.js';
import { inTx, paginate, parseJson, type PageQuery } from '../../core/db/index.js';
import { Tenant, TenantApp, TenantDomain, type TenantStatus } from './model.js';

/** Also from raw rows, where settings is still JSON text. */
export function toRef(t: Pick<Tenant, 'id' | 'slug' | 'name' | 'status' | 'parentId' | 'plan' | 'planExpiresAt' | 'settings'>): TenantRef {
  const expires = t.planExpiresAt ? new Date(t.planExpiresAt as Date | string) : null;
  return {
    id: t.id,
    slug: t.slug,
    name: t.name,
    status: t.status,
    parentId: t.parentId,
    plan: t.plan,
    planExpiresAt: expires ? expires.toISOString() : null,
    settings: parseJson<Record<string, unknown>>(t.settings, {}),
  };
}

export const tenantRepo = {
  byId: (ctx: Ctx, id: number) => Tenant.findByPk(id, inTx(ctx)),
  bySlug: (ctx: Ctx, slug: string) => Tenant.findOne({ where: { slug }, ...inTx(ctx) }),

  async list(ctx: Ctx, q: PageQuery & { status?: TenantStatus; q?: string; parentId?: number }) {
    const where = {
      ...(q.status ? { status: q.status } : {}),
      ...(q.parentId ? { parentId: q.parentId } : {}),
      ...(q.q ? { [Op.or]: [{ slug: { [Op.like]: `%${q.q}%` } }, { name: { [Op.like]: `%${q.q}%` } }] } : {}),
    };
    return Tenant.findAndCountAll({ where, order: [['id', 'DESC']], ...paginate(q), ...inTx(ctx) });
  },

  domainsOf: (ctx: Ctx, tenantId: number) => TenantDomain.findAll({ where: { tenantId }, order: [['id', 'ASC']], ...inTx(ctx) }),
  domain: (ctx: Ctx, domain: string) => TenantDomain.findOne({ where: { domain }, ...inTx(ctx) }),
  domainById: (ctx: Ctx, tenantId: number, id: number) => TenantDomain.findOne({ where: { tenantId, id }, ...inTx(ctx) }),
  addDomain: (ctx: Ctx, tenantId: number, domain: string) => TenantDomain.create({ tenantId, domain }, inTx(ctx)),

  appsOf: (ctx: Ctx, tenantId: number) => TenantApp.findAll({ where: { tenantId }, order: [['id', 'ASC']], ...inTx(ctx) }),
  app: (ctx: Ctx, appid: string) => TenantApp.findOne({ where: { appid }, ...inTx(ctx) }),
  appById: (ctx: Ctx, tenantId: number, id: number) => TenantApp.findOne({ where: { tenantId, id }, ...inTx(ctx) }),
  addApp: (ctx: Ctx, tenantId: number, appid: string, secretEncrypted: string | null) =>
    TenantApp.create({ tenantId, appid, channel: 'wechat_mp', secretEncrypted }, inTx(ctx)),

  async tenantOfApp(appid: string) {
    const app = await TenantApp.findOne({ where: { appid }, raw: true });
    return app ? Tenant.findByPk(app.tenantId, { raw: true }) : null;
  },
  async tenantOfDomain(domain: string) {
    const row = await TenantDomain.findOne({ where: { domain }, raw: true });
    return row ? Tenant.findByPk(row.tenantId, { raw: true }) : null;
  },
  tenantOfSlug: (slug: string) => Tenant.findOne({ where: { slug }, raw: true }),
  tenantOfId: (id: number) => Tenant.findByPk(id, { raw: true }),
  /** The row locked for a read-modify-write of its settings document. */
  lockedById: (ctx: Ctx, id: number) => Tenant.findByPk(id, { ...(ctx.transaction ? { lock: Transaction.LOCK.UPDATE } : {}), ...inTx(ctx) }),
};
