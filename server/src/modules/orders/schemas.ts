import { z } from 'zod';
import { pageQuery, pageSchema } from '../../core/db/index.js';
import { normalizeCarrier } from '../fulfillment/index.js';

export const orderItemsInput = z.array(z.object({ skuId: z.number().int().positive(), quantity: z.number().int().min(1).max(999) }).strict()).min(1).max(50);

export const placeBody = z
  .object({
    items: orderItemsInput,
    addressId: z.number().int().positive().optional(),
    delivery: z.enum(['express', 'pickup', 'same_city']).optional(),
    remark: z.string().trim().max(200).optional(),
    /** The shopper's coupon (`/shop/me/coupons` id) to use. */
    couponId: z.number().int().positive().optional(),
    /** Points to spend as a deduction (capped by the shop's membership settings). */
    usePoints: z.number().int().min(0).max(100_000_000).optional(),
    /** Pick the order up at a community leader's point (`/shop/community/pickup-points`) instead of delivering it to `addressId`. */
    pickupPointId: z.number().int().positive().optional(),
    /** Pick the order up at one of the shop's stores. */
    storeId: z.number().int().positive().optional(),
  })
  .strict();

export { payChoice as payBody } from '../payments/index.js';

const statuses = ['pending_payment', 'paid', 'shipped', 'received', 'completed', 'cancelled', 'refunded'] as const;
export const orderListQuery = pageQuery.extend({ status: z.enum(statuses).optional(), q: z.string().trim().max(32).optional() });
const optionalText = (max: number) => z.string().trim().max(max).optional().transform((v) => v || undefined);
const instant = z.iso.datetime({ offset: true, message: 'an ISO-8601 time' }).optional();

/** The console's order list and export: the shopper's filters plus time, payment, shopper and goods. */
export const adminOrderFilters = z.object({
  status: z.enum(statuses).optional(),
  /** An order number's beginning. */
  q: optionalText(32),
  /** Placed at or after. */
  from: instant,
  /** Placed before. */
  to: instant,
  payment: z.enum(['wechat', 'alipay', 'balance', 'sandbox', 'till']).optional(),
  /** Sold online (the storefront) or at a store's counter. */
  channel: z.enum(['online', 'counter']).optional(),
  /** The shopper's nickname or phone, or the recipient's name or phone. */
  shopper: optionalText(32),
  /** Words of a bought item's title. */
  goods: optionalText(60),
});
export const adminOrderListQuery = pageQuery.extend(adminOrderFilters.shape);
export const adminOrderExportQuery = adminOrderFilters.extend({ format: z.enum(['xlsx', 'csv']).default('xlsx') }).strict();

export const fulfillmentQuery = pageQuery.extend({ status: z.enum(['to_ship', 'shipped', 'ready_for_pickup', 'received', 'cancelled']).optional() });

/** A Kuaidi100 company code (shunfeng) or the carrier's Chinese name (顺丰). */
export const carrierSchema = z
  .string()
  .trim()
  .min(2)
  .max(32)
  .transform((value, issue) => {
    const code = normalizeCarrier(value);
    if (!code) {
      issue.addIssue({ code: 'custom', message: 'an express company code (shunfeng, yuantong, ...) or its name' });
      return z.NEVER;
    }
    return code;
  });

export const shipBody = z
  .object({
    carrier: carrierSchema,
    trackingNo: z.string().trim().regex(/^[A-Za-z0-9-]{6,40}$/, '6 to 40 letters, digits or hyphens'),
    items: z.array(z.object({ orderItemId: z.number().int().positive(), quantity: z.number().int().min(1) }).strict()).max(100).optional(),
  })
  .strict();

export const refundBody = z
  .object({
    amount: z.number().int().min(1).optional(),
    items: z.array(z.object({ orderItemId: z.number().int().positive(), quantity: z.number().int().min(1) }).strict()).max(100).optional(),
    reason: z.string().trim().min(2).max(255),
  })
  .strict();

// ---- replies: what each route answers (checked against every reply in tests) ----

const adjustmentLines = z.array(z.object({ index: z.number(), amount: z.number() })).optional();
/** What a saving used up (a coupon the shopper held). */
const adjustmentRef = z.object({ kind: z.string(), id: z.number() }).optional();
export const adjustmentSchema = z.object({ type: z.string(), label: z.string(), /** Negative for a saving. */ amount: z.number(), /** The adjuster that made it. */ source: z.string().optional(), /** Its share on each line, when it is a line's price. */ lines: adjustmentLines, onFreight: z.boolean().optional(), ref: adjustmentRef });
/** API.md's name for the savings: one per adjustment, `kind` its type. */
export const discountSchema = z.object({ kind: z.string(), label: z.string(), amount: z.number() });

export const orderItemViewSchema = z.object({
  id: z.number(),
  productId: z.number(),
  skuId: z.number(),
  title: z.string(),
  specs: z.record(z.string(), z.string()),
  image: z.string().nullable(),
  unitPrice: z.number(),
  quantity: z.number(),
  subtotal: z.number(),
  discount: z.number(),
  paid: z.number(),
  shippedQuantity: z.number(),
  refundedQuantity: z.number(),
  refundedAmount: z.number(),
  /** Held by refunds still on their way to the shopper. */ refundingQuantity: z.number(),
  refundingAmount: z.number(),
  /** Refunded before they shipped: they never will. */ cancelledQuantity: z.number(),
  reviewed: z.boolean(),
});

export const fulfillmentViewSchema = z.object({
  id: z.number(),
  status: z.string(),
  owner: z.enum(["supplier", "shop"]),
  freightAmount: z.number(),
  carrier: z.string().nullable(),
  trackingNo: z.string().nullable(),
  shipments: z.array(z.object({
    id: z.number(),
    carrier: z.string(),
    trackingNo: z.string(),
    shippedAt: z.string(),
    items: z.array(z.object({ orderItemId: z.number(), quantity: z.number() })),
  })),
  itemIds: z.array(z.number()),
});

export const adjustmentSnapshotSchema = z.object({ type: z.string(), label: z.string(), amount: z.number(), source: z.string().optional(), lines: adjustmentLines, onFreight: z.boolean().optional(), ref: adjustmentRef });

export const addressSnapshotSchema = z.object({
  name: z.string(),
  phone: z.string(),
  province: z.string(),
  city: z.string(),
  district: z.string(),
  detail: z.string(),
});

export const ownerFulfillmentViewSchema = z.object({
  id: z.number(),
  tenantId: z.number(),
  orderNo: z.string(),
  status: z.enum(["pending", "shipped", "received", "cancelled", "to_ship", "ready_for_pickup"]),
  warehouseId: z.number(),
  freightAmount: z.number(),
  address: addressSnapshotSchema.nullable(),
  remark: z.string().nullable(),
  paidAt: z.string().nullable(),
  items: z.array(z.object({
    id: z.number(),
    title: z.string(),
    specs: z.record(z.string(), z.string()),
    quantity: z.number(),
    shippedQuantity: z.number(),
    refundedQuantity: z.number(),
    refundingQuantity: z.number(),
    toShip: z.number(),
    supplyPrice: z.number(),
  })),
  shipments: z.array(z.object({ carrier: z.string(), trackingNo: z.string(), shippedAt: z.string() })),
});

export const shopOrdersQuoteReply = z.object({
  lines: z.array(z.object({
    skuId: z.number(),
    productId: z.number(),
    title: z.string(),
    image: z.string().nullable(),
    specs: z.record(z.string(), z.string()),
    unitPrice: z.number(),
    quantity: z.number(),
    subtotal: z.number(),
    discount: z.number(),
  })),
  shipments: z.array(z.object({
    owner: z.enum(["supplier", "tenant"]),
    warehouseId: z.number(),
    freight: z.number(),
    items: z.array(z.object({ skuId: z.number(), quantity: z.number() })),
  })),
  adjustments: z.array(adjustmentSchema),
  discounts: z.array(discountSchema),
  goodsAmount: z.number(),
  freightAmount: z.number(),
  discountAmount: z.number(),
  savings: z.number(),
  totalAmount: z.number(),
  payAmount: z.number(),
  /** Priced before an address was chosen: freight not counted, the order cannot be placed yet. */
  addressNeeded: z.boolean(),
});

export const orderViewSchema = z.object({
  expiresAt: z.string(),
  paidAt: z.string().nullable(),
  shippedAt: z.string().nullable(),
  receivedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  createdAt: z.string(),
  items: z.array(orderItemViewSchema),
  fulfillments: z.array(fulfillmentViewSchema),
  pickupCode: z.string().optional(),
  /** Picked up at a community point or a store (null: delivered, or the shop's own pickup point). */
  pickupKind: z.enum(['community', 'store']).nullable(),
  pickupPlaceId: z.number().nullable(),
  /** Sold online, or at a store's counter. */
  channel: z.enum(['online', 'counter']),
  goodsAmount: z.number(),
  freightAmount: z.number(),
  discountAmount: z.number(),
  totalAmount: z.number(),
  payAmount: z.number(),
  paidAmount: z.number(),
  refundedAmount: z.number(),
  adjustments: z.array(adjustmentSnapshotSchema),
  discounts: z.array(discountSchema),
  address: addressSnapshotSchema.nullable(),
  remark: z.string().nullable(),
  customerId: z.number().optional(),
  id: z.number(),
  orderNo: z.string(),
  status: z.enum(["paid", "pending_payment", "shipped", "received", "completed", "cancelled", "refunded"]),
  delivery: z.enum(["express", "pickup", "same_city"]),
});

export const orderPageSchema = pageSchema(orderViewSchema);

/** An order as the console's list shows it: with its shopper's name and how it was paid. */
export const staffOrderViewSchema = orderViewSchema.extend({
  customer: z.object({ id: z.number(), nickname: z.string().nullable(), phone: z.string().nullable() }).nullable(),
  paymentMethod: z.enum(['wechat', 'alipay', 'balance', 'sandbox', 'till']).nullable(),
});

/** Orders per status tab under the same filters (`all` is every status). */
export const orderCountsSchema = z.object(Object.fromEntries(['all', ...statuses].map((s) => [s, z.number()])) as Record<'all' | (typeof statuses)[number], z.ZodNumber>);

export const adminOrderPageSchema = pageSchema(staffOrderViewSchema).extend({ counts: orderCountsSchema });

export const shopOrdersPayReply = z.object({
  paymentId: z.number(),
  status: z.enum(["pending", "succeeded", "closed"]),
  method: z.enum(["wechat", "sandbox", "alipay", "balance"]),
  scene: z.enum(["page", "jsapi", "h5", "native", "wap"]).optional(),
  amount: z.number(),
  /** WeChat JSAPI: the wx.requestPayment parameters. */ params: z.record(z.string(), z.string()).optional(),
  /** WeChat H5, Alipay wap and page: the gateway's page to send the browser to. */ redirectUrl: z.string().optional(),
  /** WeChat Native: what the QR code says, and the code as a PNG data URL. */ codeUrl: z.string().optional(),
  qrCode: z.string().optional(),
});

export const shopOrdersTrackingReply = z.object({
  items: z.array(z.object({
    carrierName: z.string(),
    state: z.enum(["no_info", "in_transit", "out_for_delivery", "delivered", "returned", "exception"]),
    events: z.array(z.object({
      /** ISO-8601 time of the event. */ time: z.string(),
      description: z.string(),
      location: z.string().optional(),
    })),
    updatedAt: z.string().nullable(),
    fulfillmentId: z.number(),
    shipmentId: z.number(),
    carrier: z.string(),
    trackingNo: z.string(),
  })),
});

export const adminOrdersRefundReply = z.object({
  id: z.number(),
  amount: z.number(),
  status: z.enum(["pending", "failed", "succeeded"]),
  error: z.string().nullable(),
});

export const adminFulfillmentsShipReply = z.object({
  id: z.number(),
  status: z.enum(["pending", "shipped", "received", "cancelled", "to_ship", "ready_for_pickup"]),
});

export const pickupPointSchema = z.object({ name: z.string(), address: z.string(), hours: z.string(), phone: z.string() });
export const shopPickupPointsReply = z.object({ items: z.array(pickupPointSchema) });

export const pickupCodeBody = z.object({ code: z.string().trim().regex(/^\d{8}$/, 'the 8-digit pickup code') }).strict();

/** What the counter sees of an order behind a pickup code before handing it over. */
export const adminPickupReply = z.object({
  order: orderViewSchema,
  customer: z.object({ id: z.number(), nickname: z.string().nullable(), phone: z.string().nullable() }).nullable(),
  /** Why it cannot be handed over now (`pickup_code_used`, `pickup_not_paid`, `pickup_order_closed`), or null. */
  refusal: z.object({ code: z.string(), message: z.string() }).nullable(),
});
