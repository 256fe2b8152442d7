/**
 * Every query of the membership module, and the only file that touches its models: plain rows out.
 * Accounts by (tenant_id, customer_id); entries by (tenant_id, customer_id, id) for a history,
 * (tenant_id, customer_id, kind, ref_id) for the once-only movements and (tenant_id, order_id) for
 * an order's; levels by (tenant_id, position). The expiry sweep's one read across shops goes
 * through (expired_through).
 */
import { Transaction, UniqueConstraintError } from 'sequelize';
import { clock } from '../../core/clock.js';
import { requireTenantId, type Ctx } from '../../core/context.js';
import { acrossTenants, inTx, paginate, platformRows, tenantRows, tenantWrite, type PageQuery } from '../../core/db/index.js';
import { MemberAccount, MemberLevel, MemberMallItem, MemberPointEntry, type EntryKind } from './model.js';

export type { EntryKind };

export interface AccountRow {
  customerId: number;
  points: number;
  growth: number;
  streak: number;
  lastCheckinDay: number | null;
  expiredThrough: number;
}

export interface EntryRow {
  id: number;
  customerId: number;
  kind: EntryKind;
  refId: number | null;
  orderId: number | null;
  points: number;
  growth: number;
  amount: number;
  shortfall: number;
  year: number;
  note: string | null;
  staffId: number | null;
  createdAt: Date;
}

export type NewEntry = Omit<EntryRow, 'id' | 'createdAt' | 'growth' | 'amount' | 'shortfall' | 'orderId' | 'note' | 'staffId' | 'refId'> &
  Partial<Pick<EntryRow, 'growth' | 'amount' | 'shortfall' | 'orderId' | 'note' | 'staffId' | 'refId'>>;

export interface LevelRow {
  name: string;
  growth: number;
  discountPercent: number;
  freeShipping: boolean;
}

const accountRow = (a: MemberAccount): AccountRow => ({
  customerId: a.customerId,
  points: Number(a.points),
  growth: Number(a.growth),
  streak: Number(a.streak),
  lastCheckinDay: a.lastCheckinDay == null ? null : Number(a.lastCheckinDay),
  expiredThrough: Number(a.expiredThrough),
});

const entryRow = (e: MemberPointEntry): EntryRow => ({
  id: Number(e.id),
  customerId: Number(e.customerId),
  kind: e.kind,
  refId: e.refId == null ? null : Number(e.refId),
  orderId: e.orderId == null ? null : Number(e.orderId),
  points: Number(e.points),
  growth: Number(e.growth),
  amount: Number(e.amount),
  shortfall: Number(e.shortfall),
  year: Number(e.year),
  note: e.note,
  staffId: e.staffId == null ? null : Number(e.staffId),
  createdAt: e.createdAt,
});

// ---- accounts ----

/** The account, or null; `lock` takes its row lock inside a transaction. */
export async function accountOf(ctx: Ctx, customerId: number, lock = false): Promise<AccountRow | null> {
  const a = await MemberAccount.findOne({ where: { tenantId: requireTenantId(ctx), customerId }, ...(lock && ctx.transaction ? { lock: Transaction.LOCK.UPDATE } : {}), ...inTx(ctx) });
  return a ? accountRow(a) : null;
}

export async function accountsOf(ctx: Ctx, customerIds: number[]): Promise<AccountRow[]> {
  if (!customerIds.length) return [];
  return (await MemberAccount.findAll({ where: { tenantId: requireTenantId(ctx), customerId: customerIds }, ...inTx(ctx) })).map(accountRow);
}

/** Shoppers with an account, the newest first: the console's lookup before anything is typed. */
export async function recentAccounts(ctx: Ctx, limit: number): Promise<AccountRow[]> {
  return (await MemberAccount.findAll({ where: { tenantId: requireTenantId(ctx) }, order: [['id', 'DESC']], limit, ...inTx(ctx) })).map(accountRow);
}

/** Creates the shopper's account unless it exists (a parallel creator may win: that is fine). */
export async function ensureAccount(ctx: Ctx, customerId: number, expiredThrough: number): Promise<void> {
  if (await MemberAccount.findOne({ where: { tenantId: requireTenantId(ctx), customerId }, attributes: ['id'], ...inTx(ctx) })) return;
  try {
    await MemberAccount.create({ tenantId: requireTenantId(ctx), customerId, expiredThrough, lastCheckinDay: null }, inTx(ctx));
  } catch (err) {
    if (!(err instanceof UniqueConstraintError)) throw err;
  }
}

/**
 * Adds to the balance and growth in one conditional statement: false (nothing written) when the
 * balance would go below zero or the account does not exist.
 */
export async function addToAccount(ctx: Ctx, customerId: number, points: number, growth = 0): Promise<boolean> {
  const changed = await tenantWrite(
    ctx,
    'UPDATE member_accounts SET points = points + :points, growth = growth + :growth, updated_at = :now WHERE tenant_id = :tenantId AND customer_id = :customerId AND points + :points >= 0 AND growth + :growth >= 0',
    { points, growth, customerId, now: clock.now() },
  );
  return changed === 1;
}

export async function setCheckin(ctx: Ctx, customerId: number, day: number, streak: number): Promise<void> {
  await tenantWrite(ctx, 'UPDATE member_accounts SET last_checkin_day = :day, streak = :streak, updated_at = :now WHERE tenant_id = :tenantId AND customer_id = :customerId', { day, streak, customerId, now: clock.now() });
}

/** Moves the account's expired year forward, once: false when another sweeper did it first. */
export async function markExpiredThrough(ctx: Ctx, customerId: number, from: number, to: number): Promise<boolean> {
  return (await tenantWrite(ctx, 'UPDATE member_accounts SET expired_through = :to, updated_at = :now WHERE tenant_id = :tenantId AND customer_id = :customerId AND expired_through = :from', { from, to, customerId, now: clock.now() })) === 1;
}

/** Accounts whose points of some year before `year` have not expired yet, across shops, a page at a time. */
export function accountsBehind(ctx: Ctx, year: number, limit: number): Promise<Array<{ tenantId: number; customerId: number; expiredThrough: number }>> {
  return acrossTenants('membership: points of past years still to expire, in every shop', async () =>
    (
      await platformRows<{ tenantId: number | string; customerId: number | string; expiredThrough: number | string }>(
        ctx,
        'SELECT tenant_id AS tenantId, customer_id AS customerId, expired_through AS expiredThrough FROM member_accounts WHERE expired_through < :year ORDER BY expired_through, id LIMIT :limit',
        { year, limit },
      )
    ).map((r) => ({ tenantId: Number(r.tenantId), customerId: Number(r.customerId), expiredThrough: Number(r.expiredThrough) })),
  );
}

// ---- entries ----

/** Writes an entry; null when its (customer, kind, ref) exists already: it happened once. */
export async function insertEntry(ctx: Ctx, entry: NewEntry): Promise<number | null> {
  try {
    const e = await MemberPointEntry.create(
      { tenantId: requireTenantId(ctx), growth: 0, amount: 0, shortfall: 0, orderId: null, note: null, staffId: null, refId: null, ...entry },
      inTx(ctx),
    );
    return Number(e.id);
  } catch (err) {
    if (err instanceof UniqueConstraintError) return null;
    throw err;
  }
}

export async function entryOf(ctx: Ctx, customerId: number, kind: EntryKind, refId: number): Promise<EntryRow | null> {
  const e = await MemberPointEntry.findOne({ where: { tenantId: requireTenantId(ctx), customerId, kind, refId }, ...inTx(ctx) });
  return e ? entryRow(e) : null;
}

export async function entriesOfOrder(ctx: Ctx, orderId: number, kinds: EntryKind[]): Promise<EntryRow[]> {
  return (await MemberPointEntry.findAll({ where: { tenantId: requireTenantId(ctx), orderId, kind: kinds }, order: [['id', 'ASC']], ...inTx(ctx) })).map(entryRow);
}

export async function entriesPage(ctx: Ctx, customerId: number, q: PageQuery): Promise<{ rows: EntryRow[]; total: number }> {
  const { rows, count } = await MemberPointEntry.findAndCountAll({ where: { tenantId: requireTenantId(ctx), customerId }, order: [['id', 'DESC']], ...paginate(q), ...inTx(ctx) });
  return { rows: rows.map(entryRow), total: count };
}

/** Points credited in years after `year` (not yet due to expire), and their sum by year. */
export async function creditsAfter(ctx: Ctx, customerId: number, year: number): Promise<Array<{ year: number; points: number }>> {
  const rows = await tenantRows<{ year: number | string; points: number | string }>(
    ctx,
    'SELECT year, SUM(points) AS points FROM member_points WHERE tenant_id = :tenantId AND customer_id = :customerId AND points > 0 AND year > :year GROUP BY year',
    { customerId, year },
  );
  return rows.map((r) => ({ year: Number(r.year), points: Number(r.points) }));
}

// ---- levels ----

export async function levelsOf(ctx: Ctx): Promise<LevelRow[]> {
  return (await MemberLevel.findAll({ where: { tenantId: requireTenantId(ctx) }, order: [['position', 'ASC']], ...inTx(ctx) })).map((l) => ({
    name: l.name,
    growth: Number(l.growth),
    discountPercent: Number(l.discountPercent),
    freeShipping: !!l.freeShipping,
  }));
}

/** The shop's levels replaced by these, in one transaction (the caller's). */
export async function replaceLevels(ctx: Ctx, levels: LevelRow[]): Promise<void> {
  await MemberLevel.destroy({ where: { tenantId: requireTenantId(ctx) }, ...inTx(ctx) });
  if (levels.length) await MemberLevel.bulkCreate(levels.map((l, position) => ({ tenantId: requireTenantId(ctx), ...l, position })), inTx(ctx));
}

// ---- the points mall ----

export interface MallItemRow {
  id: number;
  skuId: number;
  points: number;
  cash: number;
}

const mallRow = (m: MemberMallItem): MallItemRow => ({ id: Number(m.id), skuId: Number(m.skuId), points: Number(m.points), cash: Number(m.cash) });

export async function mallItems(ctx: Ctx): Promise<MallItemRow[]> {
  return (await MemberMallItem.findAll({ where: { tenantId: requireTenantId(ctx) }, order: [['id', 'DESC']], ...inTx(ctx) })).map(mallRow);
}

export async function mallItem(ctx: Ctx, id: number): Promise<MallItemRow | null> {
  const m = await MemberMallItem.findOne({ where: { tenantId: requireTenantId(ctx), id }, ...inTx(ctx) });
  return m ? mallRow(m) : null;
}

export async function mallItemOfSku(ctx: Ctx, skuId: number): Promise<MallItemRow | null> {
  const m = await MemberMallItem.findOne({ where: { tenantId: requireTenantId(ctx), skuId }, ...inTx(ctx) });
  return m ? mallRow(m) : null;
}

/** The SKU's offer, created or changed (one per SKU). */
export async function putMallItem(ctx: Ctx, item: Omit<MallItemRow, 'id'>): Promise<number> {
  const found = await MemberMallItem.findOne({ where: { tenantId: requireTenantId(ctx), skuId: item.skuId }, ...inTx(ctx) });
  if (found) {
    await MemberMallItem.update({ points: item.points, cash: item.cash }, { where: { tenantId: requireTenantId(ctx), id: found.id }, ...inTx(ctx) });
    return Number(found.id);
  }
  try {
    return Number((await MemberMallItem.create({ tenantId: requireTenantId(ctx), ...item }, inTx(ctx))).id);
  } catch (err) {
    if (!(err instanceof UniqueConstraintError)) throw err;
    return putMallItem(ctx, item);
  }
}

export async function deleteMallItem(ctx: Ctx, id: number): Promise<boolean> {
  return (await MemberMallItem.destroy({ where: { tenantId: requireTenantId(ctx), id }, ...inTx(ctx) })) > 0;
}
