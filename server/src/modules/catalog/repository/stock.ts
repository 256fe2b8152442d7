/**
 * Warehouses and the stock kept in them, and the SKU totals that move with it. Taking stock is the
 * order placement's hot path: each take is one conditional update on the row path (`takeFromRow`,
 * `WHERE stock >= n`), never a read first.
 */
import { literal } from 'sequelize';
import type { Ctx } from '../../../core/context.js';
import { inTx, takeFromRow } from '../../../core/db/index.js';
import type { Owner } from '../../../core/owner.js';
import { ProductSku, SkuStock, Warehouse } from '../model.js';

export interface WarehouseRow {
  id: number;
  name: string;
  province: string;
  city: string;
  district: string | null;
  address: string;
  contactName: string | null;
  contactPhone: string | null;
  lat: number | null;
  lng: number | null;
}

export interface SkuStockRow {
  skuId: number;
  warehouseId: number;
  stock: number;
}

const warehouseRow = (w: Warehouse): WarehouseRow => ({ id: w.id, name: w.name, province: w.province, city: w.city, district: w.district, address: w.address, contactName: w.contactName, contactPhone: w.contactPhone, lat: w.lat, lng: w.lng });

// ---- warehouses ----

export async function insertWarehouse(ctx: Ctx, owner: Owner, fields: Omit<WarehouseRow, 'id'>): Promise<WarehouseRow> {
  return warehouseRow(await Warehouse.create({ ownerKind: owner.kind, ownerId: owner.id, ...fields }, inTx(ctx)));
}

export async function warehousesOf(ctx: Ctx, owner: Owner): Promise<WarehouseRow[]> {
  const rows = await Warehouse.findAll({ where: { ownerKind: owner.kind, ownerId: owner.id }, order: [['id', 'ASC']], ...inTx(ctx) });
  return rows.map(warehouseRow);
}

// ---- stock per warehouse ----

/** The stock rows of some SKUs, oldest first. */
export async function stocksOfSkus(ctx: Ctx, skuIds: number[]): Promise<SkuStockRow[]> {
  const rows = await SkuStock.findAll({ where: { skuId: skuIds }, attributes: ['skuId', 'warehouseId', 'stock'], order: [['id', 'ASC']], raw: true, ...inTx(ctx) });
  return rows.map((r) => ({ skuId: r.skuId, warehouseId: r.warehouseId, stock: r.stock }));
}

export async function insertSkuStock(ctx: Ctx, row: SkuStockRow): Promise<void> {
  await SkuStock.create(row, inTx(ctx));
}

/** Sets a SKU's stock in a warehouse, making the row when the warehouse held none of it. */
export async function putSkuStock(ctx: Ctx, row: SkuStockRow): Promise<void> {
  const existing = await SkuStock.findOne({ where: { skuId: row.skuId, warehouseId: row.warehouseId }, ...inTx(ctx) });
  if (existing) await existing.update({ stock: row.stock }, inTx(ctx));
  else await SkuStock.create(row, inTx(ctx));
}

/** A SKU's stock summed over its warehouses. */
export async function stockInWarehouses(ctx: Ctx, skuId: number): Promise<number> {
  const rows = await SkuStock.findAll({ where: { skuId }, attributes: ['stock'], raw: true, ...inTx(ctx) });
  return rows.reduce((n, r) => n + r.stock, 0);
}

/** Takes `qty` from a SKU's stock in one warehouse; what is left there, or null when there was not enough. */
export async function takeWarehouseStock(ctx: Ctx, skuId: number, warehouseId: number, qty: number): Promise<number | null> {
  return takeFromRow(ctx, SkuStock, 'stock', qty, { sku_id: skuId, warehouse_id: warehouseId });
}

/** Takes `qty` from a SKU's total; what is left, or null when there was not enough. */
export async function takeSkuStock(ctx: Ctx, skuId: number, qty: number): Promise<number | null> {
  return takeFromRow(ctx, ProductSku, 'stock', qty, { id: skuId });
}

/** Puts `qty` back into a warehouse and into the SKU's total: two updates, no read. */
export async function putBackStock(ctx: Ctx, skuId: number, warehouseId: number, qty: number): Promise<void> {
  const n = Math.trunc(qty);
  await SkuStock.update({ stock: literal(`stock + ${n}`) }, { where: { skuId, warehouseId }, ...inTx(ctx) });
  await ProductSku.update({ stock: literal(`stock + ${n}`) }, { where: { id: skuId }, ...inTx(ctx) });
}
