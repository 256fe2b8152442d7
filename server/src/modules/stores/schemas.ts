/** The stores module's bodies, queries and replies (types come from z.infer). */
import { z } from 'zod';
import { pageQuery, pageSchema } from '../../core/db/index.js';
import { orderViewSchema } from '../orders/index.js';
import { heldCouponView } from '../coupons/index.js';

const id = z.number().int().positive();
const line = (max: number) => z.string().trim().min(1).max(max);

const storeShape = {
  name: line(64),
  province: line(32),
  city: line(32),
  district: line(32),
  detail: line(255),
  hours: line(64),
  phone: z.string().trim().min(3).max(32),
  lat: z.number().min(-90).max(90).nullable().optional(),
  lng: z.number().min(-180).max(180).nullable().optional(),
  /** Shoppers may pick up here. */
  pickup: z.boolean().optional(),
  /** Same-city delivery range in metres (0: none). */
  deliveryRadiusM: z.number().int().min(0).max(100_000).optional(),
  /** Same-city delivery fee, fen. */
  deliveryFee: z.number().int().min(0).max(100_000).optional(),
  active: z.boolean().optional(),
};
export const storeBody = z.strictObject(storeShape);
export type StoreBody = z.infer<typeof storeBody>;
export const storeUpdate = z.strictObject(Object.fromEntries(Object.entries(storeShape).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof storeShape]: z.ZodOptional<(typeof storeShape)[K]> });
export type StoreUpdate = z.infer<typeof storeUpdate>;

export const adminStoreView = z.object({
  id: z.number(),
  name: z.string(),
  province: z.string(),
  city: z.string(),
  district: z.string(),
  detail: z.string(),
  address: z.string(),
  hours: z.string(),
  phone: z.string(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  pickup: z.boolean(),
  deliveryRadiusM: z.number(),
  deliveryFee: z.number(),
  active: z.boolean(),
  createdAt: z.string(),
});
export const adminStoreList = z.object({ items: z.array(adminStoreView) });

export const shopStoresQuery = z.object({
  lat: z.coerce.number().min(-90).max(90).optional(),
  lng: z.coerce.number().min(-180).max(180).optional(),
  /** `12:2,15:1` (skuId:quantity): says which stores hold all of these. */
  items: z
    .string()
    .regex(/^\d+:\d+(,\d+:\d+){0,49}$/)
    .optional(),
});
export const shopStoreView = z.object({
  id: z.number(),
  name: z.string(),
  address: z.string(),
  hours: z.string(),
  phone: z.string(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  /** Metres from the given position (null without one, or a store without a map position). */
  distanceM: z.number().nullable(),
  pickup: z.boolean(),
  deliveryRadiusM: z.number(),
  deliveryFee: z.number(),
  /** Same-city delivery reaches the given position. */
  delivers: z.boolean(),
  /** With `items`: the store holds every line (null without `items`). */
  inStock: z.boolean().nullable(),
  /** With `items`: the SKUs it lacks. */
  missing: z.array(z.number()),
});
export const shopStoreList = z.object({ items: z.array(shopStoreView) });

// ---- stock ----

export const stockSetBody = z.strictObject({
  items: z.array(z.strictObject({ skuId: id, stock: z.number().int().min(0).max(10_000_000) })).min(1).max(200),
  note: z.string().trim().max(255).optional(),
});
export const stockAdjustBody = z.strictObject({
  skuId: id,
  /** Units added (positive) or taken away (negative). */
  delta: z.number().int().min(-10_000_000).max(10_000_000).refine((n) => n !== 0, 'not zero'),
  note: z.string().trim().max(255).optional(),
});
export const storeStockView = z.object({ skuId: z.number(), productId: z.number().nullable(), title: z.string(), specs: z.record(z.string(), z.string()), price: z.number().nullable(), stock: z.number() });
export const storeStockList = z.object({ items: z.array(storeStockView) });
export const movesQuery = pageQuery.extend({ skuId: z.coerce.number().int().positive().optional() });
export const moveView = z.object({ id: z.number(), skuId: z.number(), delta: z.number(), reason: z.string(), orderId: z.number().nullable(), staffId: z.number().nullable(), note: z.string().nullable(), createdAt: z.string() });
export const movePage = pageSchema(moveView);

// ---- clerks ----

export const clerkBody = z.strictObject({ staffId: id });
export const clerkList = z.object({ items: z.array(z.object({ staffId: z.number(), name: z.string().nullable() })) });
export const myStoreReply = z.object({ store: adminStoreView.nullable(), manager: z.boolean() });

// ---- the counter ----

export const counterOrdersQuery = pageQuery.extend({ today: z.enum(['1', '0']).optional() });
export const counterOrderPage = pageSchema(orderViewSchema.extend({ storeKind: z.string() }));
export const codeBody = z.strictObject({ code: z.string().trim().regex(/^\d{8}$/, '8 digits') });
/** Optional in the schema so that another store's id answers 404 before a missing code is named (400). */
export const codeQuery = z.object({ code: codeBody.shape.code.optional() });
export const pickupReply = z.object({
  order: orderViewSchema,
  customer: z.object({ id: z.number(), nickname: z.string().nullable(), phone: z.string().nullable() }).nullable(),
  /** Why it cannot be handed over now (`pickup_code_used`, `pickup_not_paid`, `pickup_order_closed`), or null. */
  refusal: z.object({ code: z.string(), message: z.string() }).nullable(),
});

// ---- counter sales ----

const saleLines = z.array(z.strictObject({ skuId: id, quantity: z.number().int().min(1).max(9999) })).min(1).max(50);
export const counterQuoteBody = z.strictObject({
  items: saleLines,
  /** A member buying at the counter (their points, member price and coupons); absent: a walk-in. */
  customerId: id.optional(),
  /** The code of a coupon the shopper shows (their "my coupons" code). */
  couponCode: z.string().trim().regex(/^[A-Za-z0-9]{6,16}$/, '6 to 16 letters or digits').optional(),
});
export type CounterQuoteBody = z.infer<typeof counterQuoteBody>;
export const counterSaleBody = counterQuoteBody.extend({
  payMethod: z.enum(['cash', 'card', 'wechat_scan']),
  remark: z.string().trim().max(200).optional(),
});
export type CounterSaleBody = z.infer<typeof counterSaleBody>;
export const counterQuoteReply = z.object({
  customerId: z.number().nullable(),
  lines: z.array(z.object({ skuId: z.number(), title: z.string(), specs: z.record(z.string(), z.string()), price: z.number(), quantity: z.number(), subtotal: z.number(), discount: z.number() })),
  goodsAmount: z.number(),
  discountAmount: z.number(),
  payAmount: z.number(),
  discounts: z.array(z.object({ label: z.string(), amount: z.number() })),
});
export const counterSaleReply = orderViewSchema.extend({ storeKind: z.string(), payMethod: z.enum(['cash', 'card', 'wechat_scan']) });

// ---- coupons at the counter ----

const couponCode = z.string().trim().regex(/^[A-Za-z0-9]{6,16}$/, '6 to 16 letters or digits');
export const couponCodeBody = z.strictObject({ code: couponCode });
export const couponCodeQuery = z.object({ code: couponCode.optional() });
export const counterCouponReply = heldCouponView.extend({ usable: z.boolean() });
