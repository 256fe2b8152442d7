/**
 * Reserving and returning stock for orders. A reservation is two conditional updates (the
 * warehouse's count and the SKU's total, each `WHERE stock >= n`), so stock never goes negative
 * and two shoppers racing for the last unit cannot both win; it runs inside the order's
 * transaction, so a failure later in placing the order gives the units back with the rollback.
 * The product's copy of its total stock is refreshed afterwards by a job, off the hot rows.
 */
import { literal } from 'sequelize';
import { clock } from '../../core/clock.js';
import type { Ctx } from '../../core/context.js';
import { inTx, takeFromRow } from '../../core/db/index.js';
import { scheduleJob, type JobHandler } from '../../core/jobs.js';
import { emit } from '../../core/events.js';
import { Product, ProductSku, SkuStock } from './model.js';
import { productChanged } from './events.js';

const n = (qty: number) => Math.trunc(qty);

async function scheduleRefresh(ctx: Ctx, skuId: number): Promise<void> {
  const sku = await ProductSku.findByPk(skuId, { attributes: ['productId'], raw: true, ...inTx(ctx) });
  if (sku) await scheduleJob(ctx, 'catalog.refresh-stock', clock.now(), { productId: sku.productId }, { dedupeKey: `refresh-stock:${sku.productId}` });
}

/** Takes `qty` units of a SKU from one warehouse; false when there are not enough. */
export async function reserveStock(ctx: Ctx, skuId: number, warehouseId: number, qty: number): Promise<boolean> {
  if ((await takeFromRow(ctx, SkuStock, 'stock', qty, { sku_id: skuId, warehouse_id: warehouseId })) === null) return false;
  const left = await takeFromRow(ctx, ProductSku, 'stock', qty, { id: skuId });
  if (left === null) return false;
  if (left === 0) await scheduleRefresh(ctx, skuId);
  return true;
}

/** Gives units back (cancelled or refunded before shipping). */
export async function releaseStock(ctx: Ctx, skuId: number, warehouseId: number, qty: number): Promise<void> {
  await SkuStock.update({ stock: literal(`stock + ${n(qty)}`) }, { where: { skuId, warehouseId }, ...inTx(ctx) });
  await ProductSku.update({ stock: literal(`stock + ${n(qty)}`) }, { where: { id: skuId }, ...inTx(ctx) });
  await scheduleRefresh(ctx, skuId);
}

/** Sales feed the market's best-selling sort. */
export async function countSales(ctx: Ctx, productId: number, qty: number): Promise<void> {
  await Product.update({ salesCount: literal(`sales_count + ${n(qty)}`) }, { where: { id: productId }, ...inTx(ctx) });
}

/** The catalog.refresh-stock job (listed in the module declaration). */
export const refreshStockJob: JobHandler = async (ctx, payload) => {
  const product = await Product.findByPk(Number(payload.productId), inTx(ctx));
  if (!product) return;
  const skus = await ProductSku.findAll({ where: { productId: product.id, status: 'active' }, attributes: ['stock'], raw: true, ...inTx(ctx) });
  const total = skus.reduce((sum, s) => sum + s.stock, 0);
  if (total === product.totalStock) return;
  const crossed = (product.totalStock === 0) !== (total === 0);
  await product.update({ totalStock: total }, inTx(ctx));
  if (crossed) await emit(ctx, productChanged, { productId: product.id, reasons: ['stock'] });
};
