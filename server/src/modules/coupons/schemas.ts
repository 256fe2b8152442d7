/** The coupons module's bodies, queries and replies (types come from z.infer). */
import { z } from 'zod';
import { pageQuery, pageSchema } from '../../core/db/index.js';

export const COUPON_KINDS = ['amount', 'percent_off', 'free_shipping'] as const;
export const COUPON_PHASES = ['not_started', 'running', 'ended'] as const;
export const HELD_VIEWS = ['unused', 'used', 'expired'] as const;
export const HELD_SOURCES = ['claim', 'share', 'signup', 'staff'] as const;
export const UNUSABLE = ['not_started', 'expired', 'used', 'threshold', 'scope', 'no_stack', 'no_freight'] as const;

const id = z.number().int().positive();
const fen = z.number().int().min(0).max(100_000_000);
const instant = z.iso.datetime({ offset: true, message: 'an ISO-8601 time' });
const ids = z.array(id).max(200);

/** What a coupon's terms are made of; `value`'s meaning depends on `kind` (checked in the service). */
const couponShape = {
  name: z.string().trim().min(1).max(64),
  kind: z.enum(COUPON_KINDS),
  /** Fen off (amount), an integer 1..99 percent off (percent_off), 0 for free shipping. */
  value: z.number().int().min(0).max(100_000_000),
  /** What the goods in scope must cost (after the savings before the coupon). */
  threshold: fen.optional(),
  total: z.number().int().min(1).max(10_000_000),
  perShopper: z.number().int().min(1).max(100).optional(),
  /** The claim window; also the use window unless `validDays` is set. */
  startsAt: instant,
  endsAt: instant,
  /** Valid N days from claiming instead of until `endsAt`. */
  validDays: z.number().int().min(1).max(365).nullable().optional(),
  /** Listing ids (the shop's products). */
  productIds: ids.optional(),
  /** The shop's store categories (a parent covers its children). */
  categoryIds: ids.optional(),
  stacksWithFullReduction: z.boolean().optional(),
  /** Listed in the coupon centre (otherwise claimable only through its share link, or given). */
  inCentre: z.boolean().optional(),
  /** Given to every new shopper when they sign up. */
  issueOnSignup: z.boolean().optional(),
  description: z.string().trim().max(255).nullable().optional(),
};

export const couponBody = z.strictObject(couponShape);
export type CouponBody = z.infer<typeof couponBody>;
export const couponUpdate = z.strictObject(Object.fromEntries(Object.entries(couponShape).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof couponShape]: z.ZodOptional<(typeof couponShape)[K]> });
export type CouponUpdate = z.infer<typeof couponUpdate>;

export const adminListQuery = pageQuery.extend({ status: z.enum(COUPON_PHASES).optional(), q: z.string().trim().max(64).optional() });
export const issueBody = z.strictObject({ customerIds: z.array(id).min(1).max(500) });
export const claimBody = z.strictObject({ shareCode: z.string().trim().max(16).optional() }).optional();
export const shareQuery = z.object({ code: z.string().trim().max(16).optional() });
export const heldQuery = pageQuery.extend({ status: z.enum(HELD_VIEWS).default('unused') });
export const usableBody = z.strictObject({
  items: z.array(z.strictObject({ skuId: id, quantity: z.number().int().min(1).max(9999) })).min(1).max(50),
  addressId: id.optional(),
  delivery: z.enum(['express', 'pickup']).optional(),
});
export type UsableBody = z.infer<typeof usableBody>;

const termsView = {
  id: z.number(),
  name: z.string(),
  kind: z.enum(COUPON_KINDS),
  value: z.number(),
  threshold: z.number(),
  startsAt: z.string(),
  endsAt: z.string(),
  validDays: z.number().nullable(),
  productIds: z.array(z.number()),
  categoryIds: z.array(z.number()),
  stacksWithFullReduction: z.boolean(),
  description: z.string().nullable(),
};

export const figuresView = z.object({ claimed: z.number(), used: z.number(), orders: z.number(), gmv: z.number(), discount: z.number() });
export const adminCouponView = z.object({
  ...termsView,
  total: z.number(),
  perShopper: z.number(),
  inCentre: z.boolean(),
  issueOnSignup: z.boolean(),
  shareCode: z.string(),
  status: z.enum(COUPON_PHASES),
  endedAt: z.string().nullable(),
  createdAt: z.string(),
  figures: figuresView,
});
export const adminCouponPage = pageSchema(adminCouponView);
export const createdReply = z.object({ id: z.number() });
export const issueReply = z.object({ issued: z.number(), refused: z.array(z.object({ customerId: z.number(), code: z.string() })) });

/** A coupon as the shop shows it: its terms, how many are left, and what the signed-in shopper holds. */
export const shopCouponView = z.object({
  ...termsView,
  status: z.enum(COUPON_PHASES),
  /** Units left to claim. */
  left: z.number(),
  perShopper: z.number(),
  /** How many the signed-in shopper holds (0 for a visitor). */
  claimedByMe: z.number(),
});
export const shopCouponList = z.object({ items: z.array(shopCouponView) });

export const heldView = z.object({
  id: z.number(),
  couponId: z.number(),
  status: z.enum(HELD_VIEWS),
  source: z.enum(HELD_SOURCES),
  startsAt: z.string(),
  expiresAt: z.string(),
  orderId: z.number().nullable(),
  usedAt: z.string().nullable(),
  /** Shown at a store's counter (as text and a QR code) to apply or use the coupon there. */
  code: z.string().nullable(),
  coupon: z.object(termsView),
});
export const heldPageReply = pageSchema(heldView);
export const claimedReply = z.object({ id: z.number(), couponId: z.number(), status: z.literal('unused'), expiresAt: z.string() });
export const usableReply = z.object({
  items: z.array(heldView.extend({ usable: z.boolean(), saving: z.number(), reason: z.enum(UNUSABLE).nullable(), missing: z.number().nullable() })),
  /** The coupon that saves most, null when none applies. */
  bestId: z.number().nullable(),
});

export { heldView as heldCouponView };
