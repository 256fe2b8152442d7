/**
 * Every query of the stores module, and the only file that touches its models: plain rows out, ctx
 * first. Stock moves by conditional updates (`WHERE stock + :delta >= 0`), so the database decides
 * races and a store's count never goes below zero; a store order's units go back once, behind
 * `WHERE released = false`.
 */
import { Op, Transaction, UniqueConstraintError } from 'sequelize';
import { clock } from '../../core/clock.js';
import { requireTenantId, type Ctx } from '../../core/context.js';
import { inTx, insertRow, insertRows, paginate, tenantWrite, type PageQuery } from '../../core/db/index.js';
import { Store, StoreClerk, StoreOrder, StoreStock, StoreStockMove, type StoreLine, type StoreOrderKind } from './model.js';

export type { StoreLine, StoreOrderKind };

export interface StoreFields {
  name: string;
  province: string;
  city: string;
  district: string;
  detail: string;
  hours: string;
  phone: string;
  lat: number | null;
  lng: number | null;
  pickup: boolean;
  deliveryRadiusM: number;
  deliveryFee: number;
  active: boolean;
}

export interface StoreRow extends StoreFields {
  id: number;
  createdAt: Date;
}

export interface MoveRow {
  id: number;
  storeId: number;
  skuId: number;
  delta: number;
  reason: string;
  orderId: number | null;
  staffId: number | null;
  note: string | null;
  createdAt: Date;
}

export interface StoreOrderRow {
  id: number;
  storeId: number;
  orderId: number;
  kind: StoreOrderKind;
  lines: StoreLine[];
  released: boolean;
  createdAt: Date;
}

const tenant = (ctx: Ctx) => ({ tenantId: requireTenantId(ctx) });
const numOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function storeRow(s: Store): StoreRow {
  return {
    id: Number(s.id),
    name: s.name,
    province: s.province,
    city: s.city,
    district: s.district,
    detail: s.detail,
    hours: s.hours,
    phone: s.phone,
    lat: numOrNull(s.lat),
    lng: numOrNull(s.lng),
    pickup: !!s.pickup,
    deliveryRadiusM: Number(s.deliveryRadiusM),
    deliveryFee: Number(s.deliveryFee),
    active: !!s.active,
    createdAt: s.createdAt,
  };
}

// ---- stores ----

export async function insertStore(ctx: Ctx, fields: StoreFields): Promise<number> {
  return insertRow(ctx, Store, fields);
}

export async function updateStore(ctx: Ctx, id: number, fields: Partial<StoreFields>): Promise<void> {
  await Store.update(fields, { where: { ...tenant(ctx), id }, ...inTx(ctx) });
}

export async function findStore(ctx: Ctx, id: number): Promise<StoreRow | null> {
  const s = await Store.findOne({ where: { ...tenant(ctx), id }, ...inTx(ctx) });
  return s ? storeRow(s) : null;
}

export async function listStores(ctx: Ctx, onlyActive: boolean): Promise<StoreRow[]> {
  // a shop has a handful of stores; the list is bounded all the same
  const rows = await Store.findAll({ where: { ...tenant(ctx), ...(onlyActive ? { active: true } : {}) }, order: [['id', 'ASC']], limit: 500, ...inTx(ctx) });
  return rows.map(storeRow);
}

/** The store's walk-in customer, read under the store's row lock (inside a transaction). */
export async function lockedWalkIn(ctx: Ctx, storeId: number): Promise<number | null> {
  const s = await Store.findOne({ where: { ...tenant(ctx), id: storeId }, attributes: ['walkInCustomerId'], ...(ctx.transaction ? { lock: Transaction.LOCK.UPDATE } : {}), ...inTx(ctx) });
  return numOrNull(s?.walkInCustomerId);
}

export async function setWalkIn(ctx: Ctx, storeId: number, customerId: number): Promise<void> {
  await Store.update({ walkInCustomerId: customerId }, { where: { ...tenant(ctx), id: storeId, walkInCustomerId: null }, ...inTx(ctx) });
}

// ---- stock ----

/** Each (store, SKU) count among these stores and SKUs. */
export async function stocksOf(ctx: Ctx, storeIds: number[], skuIds?: number[]): Promise<Array<{ storeId: number; skuId: number; stock: number }>> {
  if (!storeIds.length || (skuIds && !skuIds.length)) return [];
  const rows = await StoreStock.findAll({
    where: { ...tenant(ctx), storeId: { [Op.in]: storeIds }, ...(skuIds ? { skuId: { [Op.in]: skuIds } } : {}) },
    attributes: ['storeId', 'skuId', 'stock'],
    order: [['skuId', 'ASC']],
    limit: 5000,
    raw: true,
    ...inTx(ctx),
  });
  return rows.map((r) => ({ storeId: Number(r.storeId), skuId: Number(r.skuId), stock: Number(r.stock) }));
}

/** The (store, SKU) row, made at zero if it does not exist yet (two staff making it at once: the unique key keeps one). */
export async function ensureStockRow(ctx: Ctx, storeId: number, skuId: number): Promise<void> {
  const found = await StoreStock.findOne({ where: { ...tenant(ctx), storeId, skuId }, attributes: ['id'], raw: true, ...inTx(ctx) });
  if (found) return;
  try {
    await insertRow(ctx, StoreStock, { storeId, skuId, stock: 0 });
  } catch (err) {
    if (!(err instanceof UniqueConstraintError)) throw err;
  }
}

/** The row's count under a row lock (inside a transaction). */
export async function lockedStock(ctx: Ctx, storeId: number, skuId: number): Promise<number> {
  const row = await StoreStock.findOne({ where: { ...tenant(ctx), storeId, skuId }, attributes: ['stock'], ...(ctx.transaction ? { lock: Transaction.LOCK.UPDATE } : {}), ...inTx(ctx) });
  return row ? Number(row.stock) : 0;
}

/**
 * Adds `delta` (negative: takes) to a store's count of a SKU, only if it stays at zero or above;
 * false when it would not (or the row does not exist).
 */
export async function moveStock(ctx: Ctx, storeId: number, skuId: number, delta: number): Promise<boolean> {
  const changed = await tenantWrite(
    ctx,
    'UPDATE store_stocks SET stock = stock + :delta, updated_at = :now WHERE tenant_id = :tenantId AND store_id = :storeId AND sku_id = :skuId AND stock + :delta >= 0',
    { delta: Math.trunc(delta), now: clock.now(), storeId, skuId },
  );
  return changed === 1;
}

export async function insertMoves(ctx: Ctx, moves: Array<Omit<MoveRow, 'id' | 'createdAt'>>): Promise<void> {
  await insertRows(ctx, StoreStockMove, moves);
}

export async function movesOf(ctx: Ctx, storeId: number, skuId: number | undefined, page: PageQuery): Promise<{ items: MoveRow[]; total: number }> {
  const where = { ...tenant(ctx), storeId, ...(skuId ? { skuId } : {}) };
  const { rows, count } = await StoreStockMove.findAndCountAll({ where, order: [['id', 'DESC']], ...paginate(page), raw: true, ...inTx(ctx) });
  return {
    total: count,
    items: rows.map((m) => ({ id: Number(m.id), storeId: Number(m.storeId), skuId: Number(m.skuId), delta: Number(m.delta), reason: m.reason, orderId: numOrNull(m.orderId), staffId: numOrNull(m.staffId), note: m.note, createdAt: new Date(m.createdAt) })),
  };
}

// ---- clerks ----

/** The store a staff member clerks at, if any. */
export async function clerkStoreOf(ctx: Ctx, staffId: number): Promise<number | null> {
  const row = await StoreClerk.findOne({ where: { ...tenant(ctx), staffId }, attributes: ['storeId'], raw: true, ...inTx(ctx) });
  return row ? Number(row.storeId) : null;
}

/** Binds a staff member to a store (moving them from another one). */
export async function bindClerk(ctx: Ctx, staffId: number, storeId: number): Promise<void> {
  const moved = await StoreClerk.update({ storeId }, { where: { ...tenant(ctx), staffId }, ...inTx(ctx) });
  if (moved[0] > 0) return;
  try {
    await insertRow(ctx, StoreClerk, { staffId, storeId });
  } catch (err) {
    if (!(err instanceof UniqueConstraintError)) throw err;
    await StoreClerk.update({ storeId }, { where: { ...tenant(ctx), staffId }, ...inTx(ctx) });
  }
}

export async function unbindClerk(ctx: Ctx, storeId: number, staffId: number): Promise<boolean> {
  return (await StoreClerk.destroy({ where: { ...tenant(ctx), storeId, staffId }, ...inTx(ctx) })) > 0;
}

export async function clerksOf(ctx: Ctx, storeId: number): Promise<number[]> {
  const rows = await StoreClerk.findAll({ where: { ...tenant(ctx), storeId }, attributes: ['staffId'], order: [['id', 'ASC']], limit: 200, raw: true, ...inTx(ctx) });
  return rows.map((r) => Number(r.staffId));
}

// ---- the orders a store serves ----

export async function insertStoreOrder(ctx: Ctx, row: { storeId: number; orderId: number; kind: StoreOrderKind; lines: StoreLine[] }): Promise<void> {
  await insertRow(ctx, StoreOrder, { ...row, releasedAt: null });
}

export async function storeOrderOf(ctx: Ctx, orderId: number): Promise<StoreOrderRow | null> {
  const o = await StoreOrder.findOne({ where: { ...tenant(ctx), orderId }, ...inTx(ctx) });
  return o ? { id: Number(o.id), storeId: Number(o.storeId), orderId: Number(o.orderId), kind: o.kind, lines: o.lines, released: !!o.released, createdAt: o.createdAt } : null;
}

/** Marks a store order's units given back; false when they already were (the release happens once). */
export async function markReleased(ctx: Ctx, orderId: number): Promise<boolean> {
  const [n] = await StoreOrder.update({ released: true, releasedAt: clock.now() }, { where: { ...tenant(ctx), orderId, released: false }, ...inTx(ctx) });
  return n === 1;
}

/** A store's orders, newest first; `since` keeps today's. */
export async function storeOrderIds(ctx: Ctx, storeId: number, filter: { since?: Date; kind?: StoreOrderKind }, page: PageQuery): Promise<{ ids: number[]; total: number }> {
  const where = { ...tenant(ctx), storeId, ...(filter.kind ? { kind: filter.kind } : {}), ...(filter.since ? { createdAt: { [Op.gte]: filter.since } } : {}) };
  const { rows, count } = await StoreOrder.findAndCountAll({ where, attributes: ['orderId'], order: [['id', 'DESC']], ...paginate(page), raw: true, ...inTx(ctx) });
  return { ids: rows.map((r) => Number(r.orderId)), total: count };
}
