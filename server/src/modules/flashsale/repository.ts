/**
 * Every query of the flash-sale module, and the only file that touches its models: plain typed
 * rows out, ctx first. The guards of a sale live here as conditional updates: an item's `sold`
 * never passes its `stock`, a shopper's `bought` never passes the item's limit, an order's flash
 * row moves `placed` -> `released` or `paid` once.
 */
import { Op, UniqueConstraintError, type Model } from 'sequelize';
import { clock } from '../../core/clock.js';
import { requireTenantId, type Ctx } from '../../core/context.js';
import { inTx, insertRow, insertRows, paginate, tenantRows, tenantWrite, type PageQuery } from '../../core/db/index.js';
import { FlashSale, FlashSaleBuyer, FlashSaleItem, FlashSaleOrder, type FlashOrderStatus } from './model.js';

export interface SaleRow {
  id: number;
  name: string;
  startsAt: Date;
  endsAt: Date;
  createdAt: Date;
}

export interface ItemFields {
  skuId: number;
  listingId: number;
  price: number;
  stock: number;
  perShopperLimit: number;
}

export interface ItemRow extends ItemFields {
  id: number;
  saleId: number;
  sold: number;
}

export interface FlashOrderRow {
  id: number;
  saleId: number;
  itemId: number;
  customerId: number;
  orderId: number;
  quantity: number;
  amount: number;
  status: FlashOrderStatus;
}

const n = (v: unknown) => Number(v);

function saleRow(m: Model): SaleRow {
  const s = m as unknown as FlashSale;
  return { id: n(s.id), name: s.name, startsAt: s.startsAt, endsAt: s.endsAt, createdAt: s.createdAt };
}

function itemRow(m: Model): ItemRow {
  const i = m as unknown as FlashSaleItem;
  return { id: n(i.id), saleId: n(i.saleId), skuId: n(i.skuId), listingId: n(i.listingId), price: n(i.price), stock: n(i.stock), sold: n(i.sold), perShopperLimit: n(i.perShopperLimit) };
}

function flashOrderRow(m: Model): FlashOrderRow {
  const o = m as unknown as FlashSaleOrder;
  return { id: n(o.id), saleId: n(o.saleId), itemId: n(o.itemId), customerId: n(o.customerId), orderId: n(o.orderId), quantity: n(o.quantity), amount: n(o.amount), status: o.status };
}

// ---- sessions ----

export async function insertSale(ctx: Ctx, fields: Pick<SaleRow, 'name' | 'startsAt' | 'endsAt'>): Promise<number> {
  return insertRow(ctx, FlashSale, fields);
}

export async function updateSale(ctx: Ctx, id: number, changes: Partial<Pick<SaleRow, 'name' | 'startsAt' | 'endsAt'>>): Promise<void> {
  await FlashSale.update(changes, { where: { tenantId: requireTenantId(ctx), id }, ...inTx(ctx) });
}

/** Ends a session now, once: only while it has not ended (its end moves to now). */
export async function endSaleAt(ctx: Ctx, id: number, now: Date): Promise<boolean> {
  const [changed] = await FlashSale.update({ endsAt: now }, { where: { tenantId: requireTenantId(ctx), id, endsAt: { [Op.gt]: now } }, ...inTx(ctx) });
  return changed === 1;
}

export async function findSale(ctx: Ctx, id: number, lock = false): Promise<SaleRow | null> {
  const row = await FlashSale.findOne({ where: { tenantId: requireTenantId(ctx), id }, ...inTx(ctx), ...(lock && ctx.transaction ? { lock: true } : {}) });
  return row ? saleRow(row) : null;
}

export type SaleWhen = 'not_started' | 'running' | 'ended';

/** A page of the shop's sessions, latest start first; `when` filters on the clock. */
export async function salePage(ctx: Ctx, now: Date, when: SaleWhen | undefined, page: PageQuery): Promise<{ rows: SaleRow[]; count: number }> {
  const window =
    when === 'not_started' ? { startsAt: { [Op.gt]: now } } : when === 'running' ? { startsAt: { [Op.lte]: now }, endsAt: { [Op.gt]: now } } : when === 'ended' ? { endsAt: { [Op.lte]: now } } : {};
  const { rows, count } = await FlashSale.findAndCountAll({ where: { tenantId: requireTenantId(ctx), ...window }, order: [['startsAt', 'DESC'], ['id', 'DESC']], ...paginate(page) });
  return { rows: rows.map(saleRow), count };
}

/** Sessions shoppers may look at: running, or starting before `until`; soonest end first. */
export async function openSales(ctx: Ctx, now: Date, until: Date, limit: number): Promise<SaleRow[]> {
  const rows = await FlashSale.findAll({ where: { tenantId: requireTenantId(ctx), endsAt: { [Op.gt]: now }, startsAt: { [Op.lt]: until } }, order: [['startsAt', 'ASC'], ['id', 'ASC']], limit });
  return rows.map(saleRow);
}

export async function salesByIds(ctx: Ctx, ids: number[]): Promise<SaleRow[]> {
  if (!ids.length) return [];
  return (await FlashSale.findAll({ where: { tenantId: requireTenantId(ctx), id: ids }, ...inTx(ctx) })).map(saleRow);
}

// ---- items ----

export async function insertItems(ctx: Ctx, saleId: number, items: ItemFields[]): Promise<number[]> {
  return insertRows(ctx, FlashSaleItem, items.map((i) => ({ ...i, saleId, sold: 0 })));
}

export async function deleteItemsOf(ctx: Ctx, saleId: number): Promise<void> {
  await FlashSaleItem.destroy({ where: { tenantId: requireTenantId(ctx), saleId }, ...inTx(ctx) });
}

export async function itemsOfSales(ctx: Ctx, saleIds: number[]): Promise<ItemRow[]> {
  if (!saleIds.length) return [];
  return (await FlashSaleItem.findAll({ where: { tenantId: requireTenantId(ctx), saleId: saleIds }, order: [['id', 'ASC']], ...inTx(ctx) })).map(itemRow);
}

export async function findItem(ctx: Ctx, id: number): Promise<ItemRow | null> {
  const row = await FlashSaleItem.findOne({ where: { tenantId: requireTenantId(ctx), id }, ...inTx(ctx) });
  return row ? itemRow(row) : null;
}

/** Items of these SKUs in sessions that end after `from` and start before `to` (overlap checks, placement). */
export async function itemsOfSkusBetween(ctx: Ctx, skuIds: number[], from: Date, to: Date): Promise<Array<ItemRow & { sale: SaleRow }>> {
  if (!skuIds.length) return [];
  const items = (await FlashSaleItem.findAll({ where: { tenantId: requireTenantId(ctx), skuId: skuIds }, ...inTx(ctx) })).map(itemRow);
  const sales = new Map((await salesByIds(ctx, [...new Set(items.map((i) => i.saleId))])).map((s) => [s.id, s]));
  return items.flatMap((i) => {
    const sale = sales.get(i.saleId);
    return sale && sale.endsAt > from && sale.startsAt < to ? [{ ...i, sale }] : [];
  });
}

/** Items of these listings in sessions that have not ended, with their sessions (product pages). */
export async function itemsOfListings(ctx: Ctx, listingIds: number[], now: Date): Promise<Array<ItemRow & { sale: SaleRow }>> {
  if (!listingIds.length) return [];
  const items = (await FlashSaleItem.findAll({ where: { tenantId: requireTenantId(ctx), listingId: listingIds } })).map(itemRow);
  const sales = new Map((await salesByIds(ctx, [...new Set(items.map((i) => i.saleId))])).map((s) => [s.id, s]));
  return items.flatMap((i) => {
    const sale = sales.get(i.saleId);
    return sale && sale.endsAt > now ? [{ ...i, sale }] : [];
  });
}

/** Takes `qty` of the item's sale stock: false when it would pass the stock. */
export async function takeSold(ctx: Ctx, itemId: number, qty: number): Promise<boolean> {
  return (await tenantWrite(ctx, 'UPDATE flash_sale_items SET sold = sold + :qty WHERE tenant_id = :tenantId AND id = :itemId AND sold + :qty <= stock', { itemId, qty })) === 1;
}

export async function giveSold(ctx: Ctx, itemId: number, qty: number): Promise<void> {
  await tenantWrite(ctx, 'UPDATE flash_sale_items SET sold = sold - :qty WHERE tenant_id = :tenantId AND id = :itemId AND sold >= :qty', { itemId, qty });
}

// ---- a shopper's units of an item ----

/**
 * Counts `qty` more units of the item for the shopper: false when that would pass `limit`. Most
 * winners of a sale buy once, so the row is inserted first (one statement); a shopper who bought
 * before, or two first purchases at once, meet on the unique key, and then the units are added to
 * the row under the same condition. A refused INSERT undoes only itself, not the transaction.
 */
export async function addBought(ctx: Ctx, itemId: number, customerId: number, qty: number, limit: number): Promise<boolean> {
  if (qty > limit) return false;
  try {
    await insertRow(ctx, FlashSaleBuyer, { itemId, customerId, bought: qty });
    return true;
  } catch (err) {
    if (!(err instanceof UniqueConstraintError)) throw err;
  }
  const added = await tenantWrite(ctx, 'UPDATE flash_sale_buyers SET bought = bought + :qty WHERE tenant_id = :tenantId AND item_id = :itemId AND customer_id = :customerId AND bought + :qty <= :limit', { itemId, customerId, qty, limit });
  return added === 1;
}

export async function subtractBought(ctx: Ctx, itemId: number, customerId: number, qty: number): Promise<void> {
  await tenantWrite(ctx, 'UPDATE flash_sale_buyers SET bought = bought - :qty WHERE tenant_id = :tenantId AND item_id = :itemId AND customer_id = :customerId AND bought >= :qty', { itemId, customerId, qty });
}

export async function boughtOf(ctx: Ctx, itemIds: number[], customerId: number): Promise<Map<number, number>> {
  if (!itemIds.length) return new Map();
  const rows = await tenantRows<{ itemId: number; bought: number }>(ctx, 'SELECT item_id AS itemId, bought FROM flash_sale_buyers WHERE tenant_id = :tenantId AND item_id IN (:itemIds) AND customer_id = :customerId', { itemIds, customerId });
  return new Map(rows.map((r) => [n(r.itemId), n(r.bought)]));
}

// ---- orders bought through an item ----

export async function insertFlashOrder(ctx: Ctx, row: Omit<FlashOrderRow, 'id'>): Promise<void> {
  await insertRow(ctx, FlashSaleOrder, row);
}

export async function flashOrderOf(ctx: Ctx, orderId: number): Promise<FlashOrderRow | null> {
  const row = await FlashSaleOrder.findOne({ where: { tenantId: requireTenantId(ctx), orderId }, ...inTx(ctx) });
  return row ? flashOrderRow(row) : null;
}

/** Moves an order's flash row from one status to another, once: false when it was not in `from`. */
export async function moveFlashOrder(ctx: Ctx, orderId: number, from: FlashOrderStatus, to: FlashOrderStatus): Promise<boolean> {
  return (await tenantWrite(ctx, 'UPDATE flash_sale_orders SET status = :to, updated_at = :now WHERE tenant_id = :tenantId AND order_id = :orderId AND status = :from', { orderId, from, to, now: clock.now() })) === 1;
}

export interface SaleFigures {
  orders: number;
  paidOrders: number;
  gmv: number;
}

/** Orders per session (released ones not counted), the paid ones and what they paid for the goods. */
export async function figuresOf(ctx: Ctx, saleIds: number[]): Promise<Map<number, SaleFigures>> {
  if (!saleIds.length) return new Map();
  const rows = await tenantRows<{ saleId: number; status: string; orders: number; amount: number | null }>(
    ctx,
    "SELECT sale_id AS saleId, status, COUNT(*) AS orders, SUM(amount) AS amount FROM flash_sale_orders WHERE tenant_id = :tenantId AND sale_id IN (:saleIds) AND status IN ('placed', 'paid') GROUP BY sale_id, status",
    { saleIds },
  );
  const out = new Map<number, SaleFigures>();
  for (const r of rows) {
    const f = out.get(n(r.saleId)) ?? { orders: 0, paidOrders: 0, gmv: 0 };
    f.orders += n(r.orders);
    if (r.status === 'paid') {
      f.paidOrders += n(r.orders);
      f.gmv += n(r.amount ?? 0);
    }
    out.set(n(r.saleId), f);
  }
  return out;
}
