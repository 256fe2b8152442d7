/** The flash-sale module's bodies, queries and replies (types come from z.infer). */
import { z } from 'zod';
import { pageQuery, pageSchema } from '../../core/db/index.js';

const id = z.number().int().positive();
const instant = z.iso.datetime({ offset: true, message: 'an ISO-8601 time' });
const fen = z.number().int().min(1);

export const itemInput = z.strictObject({
  /** The shop's SKU (a listing SKU id, as orders take). */
  skuId: id,
  /** The sale price in fen: below the SKU's price. */
  price: fen,
  /** Units for the sale: at least 1, at most the SKU's live stock. */
  stock: z.number().int().min(1).max(100_000),
  perShopperLimit: z.number().int().min(1).max(99),
});

export const saleBody = z.strictObject({
  name: z.string().trim().min(1).max(64),
  startsAt: instant,
  endsAt: instant,
  items: z.array(itemInput).min(1).max(50),
});
export type SaleBody = z.infer<typeof saleBody>;

export const SALE_STATUSES = ['not_started', 'running', 'ended'] as const;
export const adminListQuery = pageQuery.extend({ status: z.enum(SALE_STATUSES).optional() });

export const buyBody = z.strictObject({ quantity: z.number().int().min(1).max(99), addressId: id });

export const createdReply = z.object({ id, items: z.array(z.object({ id, skuId: id })) });

const figures = { sold: z.number().int(), orders: z.number().int(), paidOrders: z.number().int(), gmv: z.number().int() };

const adminItem = z.object({
  id,
  skuId: id,
  listingId: id,
  title: z.string(),
  specs: z.record(z.string(), z.string()),
  image: z.string().nullable(),
  originalPrice: z.number().int(),
  price: z.number().int(),
  stock: z.number().int(),
  sold: z.number().int(),
  perShopperLimit: z.number().int(),
  /** The SKU's own stock now (the sale stock's ceiling when editing). */
  liveStock: z.number().int(),
});

const saleShape = {
  id,
  name: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: z.enum(SALE_STATUSES),
};

export const adminSaleView = z.object({ ...saleShape, items: z.array(adminItem), figures: z.object(figures) });
export const adminSaleSummary = z.object({ ...saleShape, itemCount: z.number().int(), stock: z.number().int(), figures: z.object(figures) });
export const adminSalePage = pageSchema(adminSaleSummary);

const shopItem = adminItem.omit({ sold: true, stock: true }).extend({
  stock: z.number().int(),
  sold: z.number().int(),
  /** Sold share in percent (0..100), for the progress bar. */
  soldPercent: z.number().int(),
  /** Units this shopper holds already (0 when signed out). */
  bought: z.number().int(),
});

export const shopSaleView = z.object({ ...saleShape, serverTime: z.string(), items: z.array(shopItem) });
export const shopSaleList = z.object({ serverTime: z.string(), items: z.array(z.object({ ...saleShape, items: z.array(shopItem) })) });
