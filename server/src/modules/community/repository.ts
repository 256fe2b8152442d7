/**
 * Every query of the community module, and the only file that touches its models: plain typed
 * rows out, ctx first, every statement on the ctx's tenant. States move by conditional updates
 * (`WHERE status = ...`), so the database decides races; one batch per activity and point and one
 * row per order are unique keys.
 */
import { Op } from 'sequelize';
import { requireTenantId, type Ctx } from '../../core/context.js';
import { inTx, paginate, type PageQuery } from '../../core/db/index.js';
import { CommunityActivity, CommunityBatch, CommunityLeader, CommunityOrder, type BatchStatus, type LeaderStatus } from './model.js';

export type { BatchStatus, LeaderStatus };

export interface PointFields {
  pointName: string;
  province: string;
  city: string;
  district: string;
  detail: string;
  hours: string;
  lat: number | null;
  lng: number | null;
}

export interface LeaderRow extends PointFields {
  id: number;
  customerId: number;
  name: string;
  phone: string;
  status: LeaderStatus;
  rejectReason: string | null;
  reviewedAt: Date | null;
  createdAt: Date;
}

export interface ActivityFields {
  name: string;
  startsAt: Date;
  cutoffAt: Date;
  deliverAt: Date;
  items: Array<{ skuId: number; price: number }>;
}

export interface ActivityRow extends ActivityFields {
  id: number;
  createdAt: Date;
}

export interface CommunityOrderRow {
  id: number;
  activityId: number;
  pointId: number;
  orderId: number;
  customerId: number;
  batchId: number | null;
}

export interface BatchRow {
  id: number;
  activityId: number;
  pointId: number;
  /** 1 for the first batch of an activity to a point; orders paid after it arrived go in the next. */
  round: number;
  status: BatchStatus;
  orderCount: number;
  shippedAt: Date;
  arrivedAt: Date | null;
}

const num = (v: unknown) => Number(v);
const numOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const tenant = (ctx: Ctx) => ({ tenantId: requireTenantId(ctx) });

function leaderRow(l: CommunityLeader): LeaderRow {
  return {
    id: num(l.id),
    customerId: num(l.customerId),
    name: l.name,
    phone: l.phone,
    status: l.status,
    pointName: l.pointName,
    province: l.province,
    city: l.city,
    district: l.district,
    detail: l.detail,
    hours: l.hours,
    lat: numOrNull(l.lat),
    lng: numOrNull(l.lng),
    rejectReason: l.rejectReason,
    reviewedAt: l.reviewedAt,
    createdAt: l.createdAt,
  };
}

function activityRow(a: CommunityActivity): ActivityRow {
  return { id: num(a.id), name: a.name, startsAt: a.startsAt, cutoffAt: a.cutoffAt, deliverAt: a.deliverAt, items: a.items.map((i) => ({ skuId: num(i.skuId), price: num(i.price) })), createdAt: a.createdAt };
}

const orderRow = (o: CommunityOrder): CommunityOrderRow => ({ id: num(o.id), activityId: num(o.activityId), pointId: num(o.pointId), orderId: num(o.orderId), customerId: num(o.customerId), batchId: numOrNull(o.batchId) });

const batchRow = (b: CommunityBatch): BatchRow => ({ id: num(b.id), activityId: num(b.activityId), pointId: num(b.pointId), round: num(b.round), status: b.status, orderCount: num(b.orderCount), shippedAt: b.shippedAt, arrivedAt: b.arrivedAt });

// ---- leaders and their points ----

export async function insertLeader(ctx: Ctx, fields: PointFields & { customerId: number; name: string; phone: string }): Promise<number> {
  return num((await CommunityLeader.create({ ...tenant(ctx), ...fields, status: 'pending', rejectReason: null, reviewedAt: null }, inTx(ctx))).id);
}

/** A rejected application made again: back to pending with the new details (false: it is not rejected). */
export async function reapply(ctx: Ctx, id: number, fields: PointFields & { name: string; phone: string }): Promise<boolean> {
  const [n] = await CommunityLeader.update({ ...fields, status: 'pending', rejectReason: null, reviewedAt: null }, { where: { ...tenant(ctx), id, status: 'rejected' }, ...inTx(ctx) });
  return n === 1;
}

export async function findLeader(ctx: Ctx, id: number): Promise<LeaderRow | null> {
  const row = await CommunityLeader.findOne({ where: { ...tenant(ctx), id }, ...inTx(ctx) });
  return row ? leaderRow(row) : null;
}

export async function leaderOfCustomer(ctx: Ctx, customerId: number): Promise<LeaderRow | null> {
  const row = await CommunityLeader.findOne({ where: { ...tenant(ctx), customerId }, ...inTx(ctx) });
  return row ? leaderRow(row) : null;
}

export async function leadersByIds(ctx: Ctx, ids: number[]): Promise<LeaderRow[]> {
  if (!ids.length) return [];
  return (await CommunityLeader.findAll({ where: { ...tenant(ctx), id: [...new Set(ids)] }, ...inTx(ctx) })).map(leaderRow);
}

export async function leaderPage(ctx: Ctx, status: LeaderStatus | undefined, page: PageQuery): Promise<{ rows: LeaderRow[]; total: number }> {
  const { limit, offset } = paginate(page);
  const { rows, count } = await CommunityLeader.findAndCountAll({ where: { ...tenant(ctx), ...(status ? { status } : {}) }, order: [['id', 'DESC']], limit, offset, ...inTx(ctx) });
  return { rows: rows.map(leaderRow), total: count };
}

/** Approved leaders' points (a shop's few hundred at most; the nearest are sorted by the caller). */
export async function approvedPoints(ctx: Ctx, limit = 2000): Promise<LeaderRow[]> {
  return (await CommunityLeader.findAll({ where: { ...tenant(ctx), status: 'approved' }, order: [['id', 'ASC']], limit, ...inTx(ctx) })).map(leaderRow);
}

/** pending -> approved | rejected, once: false when it was decided already. */
export async function decideLeader(ctx: Ctx, id: number, status: 'approved' | 'rejected', reason: string | null, at: Date): Promise<boolean> {
  const [n] = await CommunityLeader.update({ status, rejectReason: reason, reviewedAt: at }, { where: { ...tenant(ctx), id, status: 'pending' }, ...inTx(ctx) });
  return n === 1;
}

// ---- activities ----

export async function insertActivity(ctx: Ctx, fields: ActivityFields): Promise<number> {
  return num((await CommunityActivity.create({ ...tenant(ctx), ...fields }, inTx(ctx))).id);
}

export async function findActivity(ctx: Ctx, id: number): Promise<ActivityRow | null> {
  const row = await CommunityActivity.findOne({ where: { ...tenant(ctx), id }, ...inTx(ctx) });
  return row ? activityRow(row) : null;
}

export async function activityPage(ctx: Ctx, page: PageQuery): Promise<{ rows: ActivityRow[]; total: number }> {
  const { limit, offset } = paginate(page);
  const { rows, count } = await CommunityActivity.findAndCountAll({ where: tenant(ctx), order: [['id', 'DESC']], limit, offset, ...inTx(ctx) });
  return { rows: rows.map(activityRow), total: count };
}

/** Activities whose window holds `now` (started, not cut off), the soonest cut-off first. */
export async function runningActivities(ctx: Ctx, now: Date): Promise<ActivityRow[]> {
  const rows = await CommunityActivity.findAll({ where: { ...tenant(ctx), startsAt: { [Op.lte]: now }, cutoffAt: { [Op.gt]: now } }, order: [['cutoffAt', 'ASC'], ['id', 'ASC']], limit: 100, ...inTx(ctx) });
  return rows.map(activityRow);
}

// ---- orders through activities ----

export async function insertCommunityOrder(ctx: Ctx, fields: Omit<CommunityOrderRow, 'id' | 'batchId'>): Promise<void> {
  await CommunityOrder.create({ ...tenant(ctx), ...fields, batchId: null }, inTx(ctx));
}

export async function deleteCommunityOrder(ctx: Ctx, orderId: number): Promise<void> {
  await CommunityOrder.destroy({ where: { ...tenant(ctx), orderId, batchId: null }, ...inTx(ctx) });
}

export async function communityOrderOf(ctx: Ctx, orderId: number): Promise<CommunityOrderRow | null> {
  const row = await CommunityOrder.findOne({ where: { ...tenant(ctx), orderId }, ...inTx(ctx) });
  return row ? orderRow(row) : null;
}

export async function ordersOfActivity(ctx: Ctx, activityId: number, pointId?: number): Promise<CommunityOrderRow[]> {
  const rows = await CommunityOrder.findAll({ where: { ...tenant(ctx), activityId, ...(pointId ? { pointId } : {}) }, order: [['id', 'ASC']], ...inTx(ctx) });
  return rows.map(orderRow);
}

export async function ordersOfBatch(ctx: Ctx, batchId: number): Promise<CommunityOrderRow[]> {
  return (await CommunityOrder.findAll({ where: { ...tenant(ctx), batchId }, order: [['id', 'ASC']], ...inTx(ctx) })).map(orderRow);
}

/** A point's orders, newest first. */
export async function ordersOfPoint(ctx: Ctx, pointId: number, page: PageQuery): Promise<{ rows: CommunityOrderRow[]; total: number }> {
  const { limit, offset } = paginate(page);
  const { rows, count } = await CommunityOrder.findAndCountAll({ where: { ...tenant(ctx), pointId }, order: [['id', 'DESC']], limit, offset, ...inTx(ctx) });
  return { rows: rows.map(orderRow), total: count };
}

/** Puts an order in a batch once (false: it is in one already). */
export async function assignBatch(ctx: Ctx, orderId: number, batchId: number): Promise<boolean> {
  const [n] = await CommunityOrder.update({ batchId }, { where: { ...tenant(ctx), orderId, batchId: null }, ...inTx(ctx) });
  return n === 1;
}

// ---- batches ----

export async function insertBatch(ctx: Ctx, fields: Pick<BatchRow, 'activityId' | 'pointId' | 'round' | 'shippedAt'>): Promise<number> {
  return num((await CommunityBatch.create({ ...tenant(ctx), ...fields, status: 'shipped', orderCount: 0, arrivedAt: null }, inTx(ctx))).id);
}

export async function findBatch(ctx: Ctx, id: number): Promise<BatchRow | null> {
  const row = await CommunityBatch.findOne({ where: { ...tenant(ctx), id }, ...inTx(ctx) });
  return row ? batchRow(row) : null;
}

export async function batchOf(ctx: Ctx, activityId: number, pointId: number): Promise<BatchRow | null> {
  const row = await CommunityBatch.findOne({ where: { ...tenant(ctx), activityId, pointId }, order: [['round', 'DESC']], ...inTx(ctx) });
  return row ? batchRow(row) : null;
}

export async function batchesOf(ctx: Ctx, where: { activityId?: number; pointId?: number }): Promise<BatchRow[]> {
  const rows = await CommunityBatch.findAll({ where: { ...tenant(ctx), ...(where.activityId ? { activityId: where.activityId } : {}), ...(where.pointId ? { pointId: where.pointId } : {}) }, order: [['id', 'DESC']], limit: 500, ...inTx(ctx) });
  return rows.map(batchRow);
}

export async function setBatchCount(ctx: Ctx, id: number, orderCount: number): Promise<void> {
  await CommunityBatch.update({ orderCount }, { where: { ...tenant(ctx), id }, ...inTx(ctx) });
}

/** shipped -> arrived, once. */
export async function markArrived(ctx: Ctx, id: number, at: Date): Promise<boolean> {
  const [n] = await CommunityBatch.update({ status: 'arrived', arrivedAt: at }, { where: { ...tenant(ctx), id, status: 'shipped' }, ...inTx(ctx) });
  return n === 1;
}
