/**
 * Every query of the group-buy module, and the only file that touches its models: plain typed rows
 * out, ctx first. Seats and states move by conditional updates (`WHERE status = ... AND
 * seats_taken < group_size`), so the database decides races; the sweep's one cross-shop read uses
 * the (status, expires_at) index.
 */
import { literal, Op, Transaction, type WhereOptions } from 'sequelize';
import { requireTenantId, type Ctx } from '../../core/context.js';
import { acrossTenants, inTx, paginate, platformRows, type PageQuery } from '../../core/db/index.js';
import { GroupBuy, GroupBuyGroup, GroupBuyMember, type GroupStatus, type MemberStatus } from './model.js';

export type { GroupStatus, MemberStatus };

export interface ActivityFields {
  name: string;
  listingId: number;
  groupSize: number;
  hours: number;
  autoFill: boolean;
  prices: Array<{ skuId: number; price: number }>;
  startsAt: Date;
  endsAt: Date;
}

export interface ActivityRow extends ActivityFields {
  id: number;
  endedAt: Date | null;
  createdAt: Date;
}

export interface GroupRow {
  id: number;
  tenantId: number;
  groupBuyId: number;
  leaderId: number;
  status: GroupStatus;
  groupSize: number;
  seatsTaken: number;
  paidCount: number;
  simulated: boolean;
  openedAt: Date | null;
  expiresAt: Date;
  closedAt: Date | null;
  createdAt: Date;
}

export interface MemberRow {
  id: number;
  groupId: number;
  customerId: number | null;
  orderId: number | null;
  leader: boolean;
  simulated: boolean;
  status: MemberStatus;
  amount: number;
  paidAt: Date | null;
  refundedAt: Date | null;
  createdAt: Date;
}

const num = (v: unknown) => Number(v);
const numOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const tenant = (ctx: Ctx) => ({ tenantId: requireTenantId(ctx) });
const lockIf = (ctx: Ctx, lock: boolean) => (lock && ctx.transaction ? { lock: Transaction.LOCK.UPDATE } : {});

function activityRow(a: GroupBuy): ActivityRow {
  return {
    id: num(a.id),
    name: a.name,
    listingId: num(a.listingId),
    groupSize: num(a.groupSize),
    hours: num(a.hours),
    autoFill: !!a.autoFill,
    prices: a.prices.map((p) => ({ skuId: num(p.skuId), price: num(p.price) })),
    startsAt: a.startsAt,
    endsAt: a.endsAt,
    endedAt: a.endedAt,
    createdAt: a.createdAt,
  };
}

function groupRow(g: GroupBuyGroup): GroupRow {
  return {
    id: num(g.id),
    tenantId: num(g.tenantId),
    groupBuyId: num(g.groupBuyId),
    leaderId: num(g.leaderId),
    status: g.status,
    groupSize: num(g.groupSize),
    seatsTaken: num(g.seatsTaken),
    paidCount: num(g.paidCount),
    simulated: !!g.simulated,
    openedAt: g.openedAt,
    expiresAt: g.expiresAt,
    closedAt: g.closedAt,
    createdAt: g.createdAt,
  };
}

function memberRow(m: GroupBuyMember): MemberRow {
  return {
    id: num(m.id),
    groupId: num(m.groupId),
    customerId: numOrNull(m.customerId),
    orderId: numOrNull(m.orderId),
    leader: !!m.leader,
    simulated: !!m.simulated,
    status: m.status,
    amount: num(m.amount),
    paidAt: m.paidAt,
    refundedAt: m.refundedAt,
    createdAt: m.createdAt,
  };
}

// ---- activities ----

export async function insertActivity(ctx: Ctx, fields: ActivityFields): Promise<number> {
  return num((await GroupBuy.create({ ...tenant(ctx), ...fields, endedAt: null }, inTx(ctx))).id);
}

export async function findActivity(ctx: Ctx, id: number): Promise<ActivityRow | null> {
  const row = await GroupBuy.findOne({ where: { ...tenant(ctx), id }, ...inTx(ctx) });
  return row ? activityRow(row) : null;
}

export async function updateActivity(ctx: Ctx, id: number, changes: Partial<ActivityFields & { endedAt: Date | null }>): Promise<void> {
  await GroupBuy.update(changes, { where: { ...tenant(ctx), id }, ...inTx(ctx) });
}

/** Newest first, a page at a time. */
export async function activityPage(ctx: Ctx, page: PageQuery): Promise<{ rows: ActivityRow[]; total: number }> {
  const { limit, offset } = paginate(page);
  const { rows, count } = await GroupBuy.findAndCountAll({ where: tenant(ctx), order: [['id', 'DESC']], limit, offset, ...inTx(ctx) });
  return { rows: rows.map(activityRow), total: count };
}

/** Activities of these listings whose window holds `now` and that were not ended by hand. */
export async function runningActivitiesOf(ctx: Ctx, listingIds: number[], now: Date): Promise<ActivityRow[]> {
  if (!listingIds.length) return [];
  const rows = await GroupBuy.findAll({
    where: { ...tenant(ctx), listingId: { [Op.in]: listingIds }, startsAt: { [Op.lte]: now }, endsAt: { [Op.gt]: now }, endedAt: null },
    ...inTx(ctx),
  });
  return rows.map(activityRow);
}

// ---- groups ----

export async function insertGroup(ctx: Ctx, fields: Pick<GroupRow, 'groupBuyId' | 'leaderId' | 'groupSize' | 'expiresAt'>): Promise<number> {
  const row = await GroupBuyGroup.create({ ...tenant(ctx), ...fields, status: 'forming', seatsTaken: 1, paidCount: 0, simulated: false, openedAt: null, closedAt: null }, inTx(ctx));
  return num(row.id);
}

/** The group, or null; `lock` takes its row lock (every change to a group's seats and state takes it first). */
export async function findGroup(ctx: Ctx, id: number, lock = false): Promise<GroupRow | null> {
  const row = await GroupBuyGroup.findOne({ where: { ...tenant(ctx), id }, ...lockIf(ctx, lock), ...inTx(ctx) });
  return row ? groupRow(row) : null;
}

export async function groupsByIds(ctx: Ctx, ids: number[]): Promise<GroupRow[]> {
  if (!ids.length) return [];
  return (await GroupBuyGroup.findAll({ where: { ...tenant(ctx), id: { [Op.in]: ids } }, ...inTx(ctx) })).map(groupRow);
}

export interface GroupFilter {
  status?: GroupStatus;
  /** Only groups whose leader paid (a group is visible and joinable from then). */
  opened?: boolean;
}

export async function groupsOfActivity(ctx: Ctx, groupBuyId: number, filter: GroupFilter, page: PageQuery): Promise<{ rows: GroupRow[]; total: number }> {
  const { limit, offset } = paginate(page);
  const where: WhereOptions = {
    ...tenant(ctx),
    groupBuyId,
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.opened ? { openedAt: { [Op.ne]: null } } : {}),
  };
  const { rows, count } = await GroupBuyGroup.findAndCountAll({ where, order: filter.opened ? [['expiresAt', 'ASC']] : [['id', 'DESC']], limit, offset, ...inTx(ctx) });
  return { rows: rows.map(groupRow), total: count };
}

/** Groups of an activity by status, opened ones counted apart (figures). */
export async function groupCounts(ctx: Ctx, groupBuyIds: number[]): Promise<Array<{ groupBuyId: number; status: GroupStatus; opened: number; count: number }>> {
  if (!groupBuyIds.length) return [];
  const rows = (await GroupBuyGroup.findAll({
    attributes: ['groupBuyId', 'status', [literal('SUM(CASE WHEN opened_at IS NULL THEN 0 ELSE 1 END)'), 'opened'], [literal('COUNT(*)'), 'count']],
    where: { ...tenant(ctx), groupBuyId: { [Op.in]: groupBuyIds } },
    group: ['groupBuyId', 'status'],
    raw: true,
    ...inTx(ctx),
  })) as unknown as Array<{ groupBuyId: unknown; status: GroupStatus; opened: unknown; count: unknown }>;
  return rows.map((r) => ({ groupBuyId: num(r.groupBuyId), status: r.status, opened: num(r.opened ?? 0), count: num(r.count) }));
}

/**
 * Takes a seat of an open group that has one left and is not past its time: one statement, so
 * of N shoppers racing for the last seat exactly one changes the row.
 */
export async function takeSeat(ctx: Ctx, id: number, now: Date): Promise<boolean> {
  const [count] = await GroupBuyGroup.update(
    { seatsTaken: literal('seats_taken + 1') as unknown as number },
    { where: { ...tenant(ctx), id, status: 'forming', openedAt: { [Op.ne]: null }, expiresAt: { [Op.gt]: now }, [Op.and]: [literal('seats_taken < group_size')] }, ...inTx(ctx) },
  );
  return count === 1;
}

export async function giveSeatBack(ctx: Ctx, id: number): Promise<void> {
  await GroupBuyGroup.update({ seatsTaken: literal('seats_taken - 1') as unknown as number }, { where: { ...tenant(ctx), id, seatsTaken: { [Op.gt]: 0 } }, ...inTx(ctx) });
}

/** A group's state moves once: only a row still in `from` changes. */
export async function moveGroup(ctx: Ctx, id: number, from: GroupStatus, changes: Partial<Pick<GroupRow, 'status' | 'simulated' | 'closedAt' | 'seatsTaken' | 'paidCount'>>): Promise<boolean> {
  const [count] = await GroupBuyGroup.update(changes, { where: { ...tenant(ctx), id, status: from }, ...inTx(ctx) });
  return count === 1;
}

/** A paid member counted; the leader's payment opens the group and starts its clock. */
export async function countPaid(ctx: Ctx, id: number, open: { openedAt: Date; expiresAt: Date } | null): Promise<void> {
  await GroupBuyGroup.update({ paidCount: literal('paid_count + 1') as unknown as number, ...(open ?? {}) }, { where: { ...tenant(ctx), id, status: 'forming' }, ...inTx(ctx) });
}

export interface DueGroup {
  tenantId: number;
  id: number;
  expiresAt: Date;
}

/** Forming groups past their time, across shops, oldest first; `after` continues past the previous page. */
export function groupsPastDeadline(ctx: Ctx, now: Date, limit: number, after?: Pick<DueGroup, 'expiresAt' | 'id'>): Promise<DueGroup[]> {
  const past = after ? ' AND (expires_at > :at OR (expires_at = :at AND id > :id))' : '';
  return acrossTenants('groupbuy: forming groups past their time, in every shop', async () =>
    (
      await platformRows<{ tenantId: number | string; id: number | string; expiresAt: Date | string }>(
        ctx,
        `SELECT tenant_id AS tenantId, id, expires_at AS expiresAt FROM group_buy_groups WHERE status = 'forming' AND expires_at <= :now${past} ORDER BY expires_at, id LIMIT :limit`,
        { now, limit, at: after?.expiresAt ?? null, id: after?.id ?? null },
      )
    ).map((r) => ({ tenantId: Number(r.tenantId), id: Number(r.id), expiresAt: new Date(r.expiresAt) })),
  );
}

// ---- members ----

export async function insertMember(ctx: Ctx, fields: Pick<MemberRow, 'groupId' | 'customerId' | 'orderId' | 'leader' | 'simulated' | 'status' | 'amount' | 'paidAt'>): Promise<number> {
  return num((await GroupBuyMember.create({ ...tenant(ctx), ...fields, refundedAt: null }, inTx(ctx))).id);
}

export async function memberOfOrder(ctx: Ctx, orderId: number): Promise<MemberRow | null> {
  const row = await GroupBuyMember.findOne({ where: { ...tenant(ctx), orderId }, ...inTx(ctx) });
  return row ? memberRow(row) : null;
}

export async function membersOfGroups(ctx: Ctx, groupIds: number[]): Promise<MemberRow[]> {
  if (!groupIds.length) return [];
  return (await GroupBuyMember.findAll({ where: { ...tenant(ctx), groupId: { [Op.in]: groupIds } }, order: [['id', 'ASC']], ...inTx(ctx) })).map(memberRow);
}

export async function deleteMember(ctx: Ctx, id: number): Promise<void> {
  await GroupBuyMember.destroy({ where: { ...tenant(ctx), id }, ...inTx(ctx) });
}

/** A member's state moves once (paid, refunded): only a row still in one of `from` changes. */
export async function moveMember(ctx: Ctx, id: number, from: MemberStatus[], changes: Partial<Pick<MemberRow, 'status' | 'amount' | 'paidAt' | 'refundedAt'>>): Promise<boolean> {
  const [count] = await GroupBuyMember.update(changes, { where: { ...tenant(ctx), id, status: { [Op.in]: from } }, ...inTx(ctx) });
  return count === 1;
}

/** Paid orders, their money and what was refunded, by activity (figures). */
export async function memberMoney(ctx: Ctx, groupIdsByActivity: Map<number, number[]>): Promise<Map<number, { orders: number; gmv: number; refunds: number; refunded: number }>> {
  const all = [...groupIdsByActivity.values()].flat();
  const out = new Map<number, { orders: number; gmv: number; refunds: number; refunded: number }>();
  if (!all.length) return out;
  const rows = (await GroupBuyMember.findAll({
    attributes: ['groupId', 'status', [literal('COUNT(*)'), 'count'], [literal('SUM(amount)'), 'amount']],
    where: { ...tenant(ctx), groupId: { [Op.in]: all }, simulated: false, status: { [Op.in]: ['paid', 'refunded'] } },
    group: ['groupId', 'status'],
    raw: true,
    ...inTx(ctx),
  })) as unknown as Array<{ groupId: unknown; status: MemberStatus; count: unknown; amount: unknown }>;
  const activityOf = new Map<number, number>();
  for (const [activityId, ids] of groupIdsByActivity) for (const id of ids) activityOf.set(id, activityId);
  for (const r of rows) {
    const activityId = activityOf.get(num(r.groupId))!;
    const f = out.get(activityId) ?? { orders: 0, gmv: 0, refunds: 0, refunded: 0 };
    f.orders += num(r.count);
    f.gmv += num(r.amount ?? 0);
    if (r.status === 'refunded') {
      f.refunds += num(r.count);
      f.refunded += num(r.amount ?? 0);
    }
    out.set(activityId, f);
  }
  return out;
}

/** Every group id of these activities (figures; an activity has as many groups as were opened). */
export async function groupIdsOf(ctx: Ctx, groupBuyIds: number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>(groupBuyIds.map((id) => [id, []]));
  if (!groupBuyIds.length) return out;
  const rows = await GroupBuyGroup.findAll({ attributes: ['id', 'groupBuyId'], where: { ...tenant(ctx), groupBuyId: { [Op.in]: groupBuyIds } }, ...inTx(ctx) });
  for (const r of rows) out.get(num(r.groupBuyId))?.push(num(r.id));
  return out;
}
