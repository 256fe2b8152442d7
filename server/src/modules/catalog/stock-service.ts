/**
 * Reserving and returning stock for orders. A reservation is two conditional updates (the
 * warehouse's count and the SKU's total, each `WHERE stock >= n`), so stock never goes negative
 * and two shoppers racing for the last unit cannot both win; it runs inside the order's
 * transaction, so a failure later in placing the order gives the units back with the rollback.
 * The product's copy of its total stock is refreshed afterwards by a job, off the hot rows.
 */
import { clock } from '../../core/clock.js';
import type { Ctx } from '../../core/context.js';
import { scheduleJob, type JobHandler } from '../../core/jobs.js';
import { emit } from '../../core/events.js';
import { productChanged } from './events.js';
import * as products from './repository/products.js';
import * as stock from './repository/stock.js';

async function scheduleRefresh(ctx: Ctx, skuId: number): Promise<void> {
  const productId = await products.productIdOfSku(ctx, skuId);
  if (productId !== null) await scheduleJob(ctx, 'catalog.refresh-stock', clock.now(), { productId }, { dedupeKey: `refresh-stock:${productId}` });
}

/** Takes `qty` units of a SKU from one warehouse; false when there are not enough. */
export async function reserveStock(ctx: Ctx, skuId: number, warehouseId: number, qty: number): Promise<boolean> {
  if ((await stock.takeWarehouseStock(ctx, skuId, warehouseId, qty)) === null) return false;
  const left = await stock.takeSkuStock(ctx, skuId, qty);
  if (left === null) return false;
  if (left === 0) await scheduleRefresh(ctx, skuId);
  return true;
}

/** Gives units back (cancelled or refunded before shipping). */
export async function releaseStock(ctx: Ctx, skuId: number, warehouseId: number, qty: number): Promise<void> {
  await stock.putBackStock(ctx, skuId, warehouseId, qty);
  await scheduleRefresh(ctx, skuId);
}

/** Sales feed the market's best-selling sort. */
export async function countSales(ctx: Ctx, productId: number, qty: number): Promise<void> {
  await products.addProductSales(ctx, productId, qty);
}

/** The catalog.refresh-stock job (listed in the module declaration). */
export const refreshStockJob: JobHandler = async (ctx, payload) => {
  const product = await products.findProduct(ctx, Number(payload.productId));
  if (!product) return;
  const total = (await products.activeSkuStocks(ctx, product.id)).reduce((sum, n) => sum + n, 0);
  if (total === product.totalStock) return;
  const crossed = (product.totalStock === 0) !== (total === 0);
  await products.updateProduct(ctx, product, { totalStock: total });
  if (crossed) await emit(ctx, productChanged, { productId: product.id, reasons: ['stock'] });
};
