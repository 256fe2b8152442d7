/**
 * The orders module's extension points (core/hooks). Other modules contribute to them from their
 * declarations; orders decides when each runs and what the contributions mean together.
 */
import type { Ctx } from '../../core/context.js';
import { defineHook, type Verdict } from '../../core/hooks.js';
import type { Adjustment, QuoteInput, QuoteSoFar } from './quote.js';
import type { OrderChannel } from './model.js';

/** An order as an adjuster sees it when it reserves or releases: its lines and this adjuster's own adjustments. */
export interface AdjustedOrder {
  id: number;
  tenantId: number;
  customerId: number;
  lines: ReadonlyArray<{ listingSkuId: number; quantity: number }>;
  /** What this adjuster contributed to the order's price (its `source`). */
  adjustments: readonly Adjustment[];
}

/**
 * A pricing step (coupon, full reduction, member price, points), in `order`: each sees the
 * adjustments of the ones before it. What an adjuster gives away may be limited (a coupon's
 * uses, points): `reserve` takes it inside the order's transaction (a conditional update; throw
 * a 409 to refuse the order), `release` gives it back when the order is cancelled unpaid (by the
 * shopper, the shop or the timeout). Both run only for orders this adjuster adjusted.
 */
export interface QuoteAdjuster {
  adjust(ctx: Ctx, quoteSoFar: QuoteSoFar, input: QuoteInput): Promise<Adjustment[]>;
  reserve?(tx: Ctx, order: AdjustedOrder): Promise<void>;
  release?(tx: Ctx, order: AdjustedOrder, reason: string): Promise<void>;
}
export const quoteAdjusters = defineHook<QuoteAdjuster>('orders.quote-adjusters', 'sequence');

/**
 * May this order's goods go to their owners now that it is paid? Asked in the payment's
 * transaction; every contribution must agree. A refusal holds the fulfilments `pending` (invisible
 * to suppliers, not shippable) until the contributor calls `releaseFulfilment` (a group buy's
 * order waits for its group to fill).
 */
export const holdFulfilment = defineHook<(ctx: Ctx, order: { id: number; tenantId: number; customerId: number; adjustments: readonly Adjustment[] }) => Promise<Verdict>>('orders.hold-fulfilment', 'all');

/** May this received order complete (and settle its money) now? Every contribution must agree; a refusal is tried again a day later. */
export const mayCompleteOrder = defineHook<(ctx: Ctx, orderId: number) => Promise<Verdict>>('orders.may-complete', 'all');

export interface RefundEvent {
  orderId: number;
  refundId: number;
  aftersaleId: number | null;
  amount: number;
  outcome: 'succeeded' | 'failed';
}
/**
 * A refund of an order ended. Runs inside the transaction that records the outcome, so what a
 * contribution changes (an after-sales case closing) commits with the money or not at all.
 */
export const orderRefunded = defineHook<(ctx: Ctx, event: RefundEvent) => Promise<void>>('orders.refunded', 'each');

/** What a pickup place is asked about: the order body's place field and what is being bought. */
export interface PickupPlaceRequest {
  /** The id the body gave in this contributor's field. */
  placeId: number;
  items: ReadonlyArray<{ skuId: number; quantity: number }>;
  customerId: number;
  /** The activity an activity's own buy endpoint set, if any. */
  activity?: QuoteInput['activity'];
  /** `same_city`: delivered from the place to the shopper's address (`addressId`), not picked up (a resolver without `sameCity` refuses it). */
  delivery: 'pickup' | 'same_city';
  addressId?: number;
}

/** The place an order is picked up at, as its contributor resolved it. */
export interface PickupPlace {
  /** Goods of the shop's suppliers may be picked up here too (the shop brings them); otherwise only the shop's own goods. */
  anyOwner?: boolean;
  /** The activity the order is bought through at this place (a community activity running now), priced by its adjuster. */
  activity?: QuoteInput['activity'];
  /** Same-city delivery: the place's fee, the order's freight. */
  freight?: number;
  /**
   * The place holds the order's goods itself (a store's own stock): the order takes nothing from
   * the warehouses (its fulfilment has no warehouse, id 0), only what the contributor's `reserve`
   * takes from the place, and a cancel gives back to the place only.
   */
  holdsStock?: boolean;
}

/** An order picked up at a contributor's place, when it is placed or cancelled unpaid. */
export interface PickupPlaceOrder {
  id: number;
  tenantId: number;
  customerId: number;
  placeId: number;
  lines: ReadonlyArray<{ listingSkuId: number; skuId: number; quantity: number }>;
  /** The order's adjustments (an activity's names it in its `ref`). */
  adjustments: readonly Adjustment[];
  /** Sold at the place's counter rather than ordered online. */
  channel?: OrderChannel;
}

/**
 * A place other than the shop's own pickup point where an order is picked up (a community
 * leader's point, a store). Each contributor owns one body field (`pickupPointId`, `storeId`) and
 * one `pickup_kind`; an order naming it is a pickup order (`delivery: 'pickup'`) recorded with
 * the place (`pickup_kind`, `pickup_place_id`). `resolve` refuses a place that cannot take this
 * order (a 4xx naming the field; unknown or another shop's: 404); `reserve` runs in the placing
 * transaction (a store's stock), `release` when the order is cancelled unpaid. The 8-digit pickup
 * code and the handover (pickup.ts) are the same as at the shop's own point.
 */
export interface PickupPlaceResolver {
  kind: 'community' | 'store';
  field: 'pickupPointId' | 'storeId';
  /** The place also delivers within its city (`delivery: 'same_city'`). */
  sameCity?: boolean;
  resolve(ctx: Ctx, request: PickupPlaceRequest): Promise<PickupPlace>;
  reserve?(tx: Ctx, order: PickupPlaceOrder): Promise<void>;
  release?(tx: Ctx, order: PickupPlaceOrder, reason: string): Promise<void>;
}
export const pickupPlaces = defineHook<PickupPlaceResolver>('orders.pickup-places', 'each');
