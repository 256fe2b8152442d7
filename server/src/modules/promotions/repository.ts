/**
 * Every query of the promotions module, and the only file that touches its models: plain typed
 * rows out, each function taking ctx first. What a shop has live (`liveItems`, `liveReductions`)
 * is read by (tenant_id, ends_at); a console list by (tenant_id, ends_at) too; usages by (tenant_id, order_id, ...) and (tenant_id, activity_kind,
 * activity_id).
 */
import { Op, type WhereOptions } from 'sequelize';
import { requireTenantId, type Ctx } from '../../core/context.js';
import { addToCounters, inTx, insertRows, paginate, tenantRows, tenantWrite, type PageQuery } from '../../core/db/index.js';
import { FullReduction, FullReductionTarget, LimitedPrice, LimitedPriceItem, PromoUsage, type ActivityKind, type ReductionScope, type TargetKind, type Tier } from './model.js';

export type { ActivityKind, ReductionScope, TargetKind, Tier };

export type Status = 'not_started' | 'running' | 'ended';

export interface Window {
  startsAt: Date;
  endsAt: Date;
  endedAt: Date | null;
}

export interface FullReductionRow extends Window {
  id: number;
  name: string;
  scope: ReductionScope;
  tiers: Tier[];
  listingIds: number[];
  categoryIds: number[];
  createdAt: Date;
}

export interface LimitedPriceRow extends Window {
  id: number;
  name: string;
  items: Array<{ listingId: number; listingSkuId: number; price: number }>;
  createdAt: Date;
}

export interface RunningItem {
  limitedPriceId: number;
  listingSkuId: number;
  price: number;
  startsAt: Date;
  endsAt: Date;
}

const num = (v: unknown) => Number(v);
const date = (v: unknown) => (v instanceof Date ? v : new Date(String(v)));

/** The status filter of a console list: the window against now, and an early end. */
function statusWhere(status: Status | undefined, now: Date): WhereOptions {
  if (status === 'not_started') return { endedAt: null, startsAt: { [Op.gt]: now } };
  if (status === 'running') return { endedAt: null, startsAt: { [Op.lte]: now }, endsAt: { [Op.gt]: now } };
  if (status === 'ended') return { [Op.or]: [{ endedAt: { [Op.ne]: null } }, { endsAt: { [Op.lte]: now } }] };
  return {};
}

// ---- full reductions ----

export interface FullReductionFields extends Omit<Window, 'endedAt'> {
  name: string;
  scope: ReductionScope;
  tiers: Tier[];
}

type Targets = Array<{ kind: TargetKind; id: number }>;

async function writeTargets(ctx: Ctx, fullReductionId: number, targets: Targets): Promise<void> {
  await FullReductionTarget.destroy({ where: { tenantId: requireTenantId(ctx), fullReductionId }, ...inTx(ctx) });
  await insertRows(ctx, FullReductionTarget, targets.map((t) => ({ fullReductionId, targetKind: t.kind, targetId: t.id })));
}

export async function insertFullReduction(ctx: Ctx, fields: FullReductionFields, targets: Targets): Promise<number> {
  const row = await FullReduction.create({ ...fields, endedAt: null }, inTx(ctx));
  await writeTargets(ctx, row.id, targets);
  return row.id;
}

/** Only while not ended; false when it ended meanwhile. */
export async function updateFullReduction(ctx: Ctx, id: number, fields: FullReductionFields, targets: Targets): Promise<boolean> {
  const [n] = await FullReduction.update(fields, { where: { tenantId: requireTenantId(ctx), id, endedAt: null }, ...inTx(ctx) });
  if (n !== 1) return false;
  await writeTargets(ctx, id, targets);
  return true;
}

async function targetsOf(ctx: Ctx, ids: number[]): Promise<Map<number, { listingIds: number[]; categoryIds: number[] }>> {
  const out = new Map(ids.map((id) => [id, { listingIds: [] as number[], categoryIds: [] as number[] }]));
  if (!ids.length) return out;
  const rows = await tenantRows<{ fullReductionId: unknown; targetKind: TargetKind; targetId: unknown }>(
    ctx,
    'SELECT full_reduction_id AS fullReductionId, target_kind AS targetKind, target_id AS targetId FROM promo_full_reduction_targets WHERE tenant_id = :tenantId AND full_reduction_id IN (:ids) ORDER BY id',
    { ids },
  );
  for (const r of rows) {
    const t = out.get(num(r.fullReductionId));
    (r.targetKind === 'listing' ? t?.listingIds : t?.categoryIds)?.push(num(r.targetId));
  }
  return out;
}

const reductionRow = (r: FullReduction, t: { listingIds: number[]; categoryIds: number[] } | undefined): FullReductionRow => ({
  id: r.id,
  name: r.name,
  scope: r.scope,
  tiers: r.tiers,
  startsAt: r.startsAt,
  endsAt: r.endsAt,
  endedAt: r.endedAt,
  createdAt: r.createdAt,
  listingIds: t?.listingIds ?? [],
  categoryIds: t?.categoryIds ?? [],
});

export async function findFullReduction(ctx: Ctx, id: number): Promise<FullReductionRow | null> {
  const r = await FullReduction.findOne({ where: { tenantId: requireTenantId(ctx), id }, ...inTx(ctx) });
  return r ? reductionRow(r, (await targetsOf(ctx, [r.id])).get(r.id)) : null;
}

export async function fullReductionPage(ctx: Ctx, status: Status | undefined, now: Date, page: PageQuery): Promise<{ rows: FullReductionRow[]; count: number }> {
  const { rows, count } = await FullReduction.findAndCountAll({ where: { tenantId: requireTenantId(ctx), ...statusWhere(status, now) }, order: [['id', 'DESC']], ...paginate(page), ...inTx(ctx) });
  const targets = await targetsOf(ctx, rows.map((r) => r.id));
  return { rows: rows.map((r) => reductionRow(r, targets.get(r.id))), count };
}

/** Ends it now, once: false when it had ended already (early or by its window). */
export async function endFullReduction(ctx: Ctx, id: number, now: Date): Promise<boolean> {
  return (await tenantWrite(ctx, 'UPDATE promo_full_reductions SET ended_at = :now, updated_at = :now WHERE tenant_id = :tenantId AND id = :id AND ended_at IS NULL AND ends_at > :now', { id, now })) === 1;
}

/** Full reductions not ended by `now` (running or to come), with their targets: the quote filters them by start. */
export async function liveReductions(ctx: Ctx, now: Date): Promise<FullReductionRow[]> {
  const rows = await tenantRows<{ id: unknown; name: string; scope: ReductionScope; tiers: string | Tier[]; startsAt: unknown; endsAt: unknown; createdAt: unknown }>(
    ctx,
    `SELECT id, name, scope, tiers, starts_at AS startsAt, ends_at AS endsAt, created_at AS createdAt
       FROM promo_full_reductions WHERE tenant_id = :tenantId AND ends_at > :now AND ended_at IS NULL`,
    { now },
  );
  const targets = await targetsOf(ctx, rows.filter((r) => r.scope !== 'all').map((r) => num(r.id)));
  return rows.map((r) => {
    const t = targets.get(num(r.id));
    return {
      id: num(r.id),
      name: r.name,
      scope: r.scope,
      tiers: typeof r.tiers === 'string' ? (JSON.parse(r.tiers) as Tier[]) : r.tiers,
      startsAt: date(r.startsAt),
      endsAt: date(r.endsAt),
      endedAt: null,
      createdAt: date(r.createdAt),
      listingIds: t?.listingIds ?? [],
      categoryIds: t?.categoryIds ?? [],
    };
  });
}

// ---- limited prices ----

export type LimitedPriceFields = Omit<Window, 'endedAt'> & { name: string };
export type NewItem = { listingId: number; listingSkuId: number; price: number };

async function writeItems(ctx: Ctx, limitedPriceId: number, fields: LimitedPriceFields, items: NewItem[]): Promise<void> {
  await LimitedPriceItem.destroy({ where: { tenantId: requireTenantId(ctx), limitedPriceId }, ...inTx(ctx) });
  await insertRows(ctx, LimitedPriceItem, items.map((i) => ({ ...i, limitedPriceId, startsAt: fields.startsAt, endsAt: fields.endsAt })));
}

export async function insertLimitedPrice(ctx: Ctx, fields: LimitedPriceFields, items: NewItem[]): Promise<number> {
  const row = await LimitedPrice.create({ ...fields, endedAt: null }, inTx(ctx));
  await writeItems(ctx, row.id, fields, items);
  return row.id;
}

export async function updateLimitedPrice(ctx: Ctx, id: number, fields: LimitedPriceFields, items: NewItem[]): Promise<boolean> {
  const [n] = await LimitedPrice.update(fields, { where: { tenantId: requireTenantId(ctx), id, endedAt: null }, ...inTx(ctx) });
  if (n !== 1) return false;
  await writeItems(ctx, id, fields, items);
  return true;
}

async function itemsOf(ctx: Ctx, ids: number[]): Promise<Map<number, LimitedPriceRow['items']>> {
  const out = new Map(ids.map((id) => [id, [] as LimitedPriceRow['items']]));
  if (!ids.length) return out;
  const rows = await LimitedPriceItem.findAll({ where: { tenantId: requireTenantId(ctx), limitedPriceId: ids }, order: [['id', 'ASC']], ...inTx(ctx) });
  for (const r of rows) out.get(r.limitedPriceId)?.push({ listingId: r.listingId, listingSkuId: r.listingSkuId, price: r.price });
  return out;
}

const limitedRow = (r: LimitedPrice, items: LimitedPriceRow['items'] | undefined): LimitedPriceRow => ({
  id: r.id,
  name: r.name,
  startsAt: r.startsAt,
  endsAt: r.endsAt,
  endedAt: r.endedAt,
  createdAt: r.createdAt,
  items: items ?? [],
});

export async function findLimitedPrice(ctx: Ctx, id: number): Promise<LimitedPriceRow | null> {
  const r = await LimitedPrice.findOne({ where: { tenantId: requireTenantId(ctx), id }, ...inTx(ctx) });
  return r ? limitedRow(r, (await itemsOf(ctx, [r.id])).get(r.id)) : null;
}

export async function limitedPricePage(ctx: Ctx, status: Status | undefined, now: Date, page: PageQuery): Promise<{ rows: LimitedPriceRow[]; count: number }> {
  const { rows, count } = await LimitedPrice.findAndCountAll({ where: { tenantId: requireTenantId(ctx), ...statusWhere(status, now) }, order: [['id', 'DESC']], ...paginate(page), ...inTx(ctx) });
  const items = await itemsOf(ctx, rows.map((r) => r.id));
  return { rows: rows.map((r) => limitedRow(r, items.get(r.id))), count };
}

/** Ends it now, once, and its items' prices with it. */
export async function endLimitedPrice(ctx: Ctx, id: number, now: Date): Promise<boolean> {
  const ended = await tenantWrite(ctx, 'UPDATE promo_limited_prices SET ended_at = :now, updated_at = :now WHERE tenant_id = :tenantId AND id = :id AND ended_at IS NULL AND ends_at > :now', { id, now });
  if (ended !== 1) return false;
  await tenantWrite(ctx, 'UPDATE promo_limited_price_items SET ends_at = :now, updated_at = :now WHERE tenant_id = :tenantId AND limited_price_id = :id AND ends_at > :now', { id, now });
  return true;
}

/**
 * Items of other activities whose window meets [startsAt, endsAt) for these SKUs (an item whose
 * activity ended before it started has an empty window and meets nothing).
 */
export async function overlappingItems(ctx: Ctx, listingSkuIds: number[], w: Omit<Window, 'endedAt'>, exceptId: number | null): Promise<Array<{ listingSkuId: number; limitedPriceId: number }>> {
  if (!listingSkuIds.length) return [];
  const rows = await tenantRows<{ listingSkuId: unknown; limitedPriceId: unknown }>(
    ctx,
    `SELECT listing_sku_id AS listingSkuId, limited_price_id AS limitedPriceId FROM promo_limited_price_items
      WHERE tenant_id = :tenantId AND listing_sku_id IN (:listingSkuIds) AND ends_at > :startsAt AND starts_at < :endsAt AND starts_at < ends_at AND limited_price_id <> :exceptId`,
    { listingSkuIds, startsAt: w.startsAt, endsAt: w.endsAt, exceptId: exceptId ?? 0 },
  );
  return rows.map((r) => ({ listingSkuId: num(r.listingSkuId), limitedPriceId: num(r.limitedPriceId) }));
}

/** Every item not ended by `now` (running or to come): what the near cache keeps of a shop. */
export async function liveItems(ctx: Ctx, now: Date): Promise<RunningItem[]> {
  const rows = await tenantRows<{ limitedPriceId: unknown; listingSkuId: unknown; price: unknown; startsAt: unknown; endsAt: unknown }>(
    ctx,
    `SELECT limited_price_id AS limitedPriceId, listing_sku_id AS listingSkuId, price, starts_at AS startsAt, ends_at AS endsAt FROM promo_limited_price_items
      WHERE tenant_id = :tenantId AND ends_at > :now AND starts_at < ends_at`,
    { now },
  );
  return rows.map((r) => ({ limitedPriceId: num(r.limitedPriceId), listingSkuId: num(r.listingSkuId), price: num(r.price), startsAt: date(r.startsAt), endsAt: date(r.endsAt) }));
}

/**
 * Makes sure the shop's guard row exists (outside any transaction: an upsert), then, inside the
 * caller's transaction, takes its row lock by updating it: limited-price writes of one shop run one
 * after the other from there to their commit.
 */
export async function ensureGuard(ctx: Ctx): Promise<void> {
  await addToCounters('promo_guards', ['tenant_id'], 'writes', [{ tenant_id: requireTenantId(ctx), writes: 0 }]);
}
export async function takeGuard(tx: Ctx): Promise<void> {
  await tenantWrite(tx, 'UPDATE promo_guards SET writes = writes + 1 WHERE tenant_id = :tenantId');
}

// ---- what orders used ----

export interface UsageRow {
  activityKind: ActivityKind;
  activityId: number;
  amount: number;
}

export async function insertUsages(tx: Ctx, orderId: number, usages: UsageRow[]): Promise<void> {
  await insertRows(tx, PromoUsage, usages.map((u) => ({ ...u, orderId, paidAt: null })));
}

/** An unpaid order's usages of one kind go (a paid order's stay: its figures were earned). */
export async function deleteUnpaidUsages(tx: Ctx, orderId: number, kind: ActivityKind): Promise<void> {
  await tenantWrite(tx, 'DELETE FROM promo_usages WHERE tenant_id = :tenantId AND order_id = :orderId AND activity_kind = :kind AND paid_at IS NULL', { orderId, kind });
}

/** Marks an order's usages paid, once; the number of rows it marked. */
export async function markUsagesPaid(ctx: Ctx, orderId: number, orderAmount: number, now: Date): Promise<number> {
  return tenantWrite(ctx, 'UPDATE promo_usages SET paid_at = :now, order_amount = :orderAmount, updated_at = :now WHERE tenant_id = :tenantId AND order_id = :orderId AND paid_at IS NULL', { orderId, orderAmount, now });
}

export async function hasUnpaidUsages(ctx: Ctx, orderId: number): Promise<boolean> {
  return (await tenantRows(ctx, 'SELECT id FROM promo_usages WHERE tenant_id = :tenantId AND order_id = :orderId AND paid_at IS NULL', { orderId })).length > 0;
}

export interface FiguresRow {
  orders: number;
  gmv: number;
  discount: number;
}

/** Paid orders that used each activity, their amount paid and the saving given, by activity. */
export async function usageFigures(ctx: Ctx, kind: ActivityKind, ids: number[]): Promise<Map<number, FiguresRow>> {
  if (!ids.length) return new Map();
  const rows = await tenantRows<{ activityId: unknown; orders: unknown; gmv: unknown; discount: unknown }>(
    ctx,
    `SELECT activity_id AS activityId, COUNT(*) AS orders, SUM(order_amount) AS gmv, SUM(amount) AS discount FROM promo_usages
      WHERE tenant_id = :tenantId AND activity_kind = :kind AND activity_id IN (:ids) AND paid_at IS NOT NULL GROUP BY activity_id`,
    { kind, ids },
  );
  return new Map(rows.map((r) => [num(r.activityId), { orders: num(r.orders), gmv: num(r.gmv ?? 0), discount: num(r.discount ?? 0) }]));
}
