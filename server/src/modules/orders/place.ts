/**
 * Placing an order: quote on the server, then in one transaction claim the Idempotency-Key (if
 * any), snapshot what was bought, split it into fulfilments (one per owner and warehouse), write
 * the first history row and the outbox event, schedule the unpaid-order timeout, let each
 * adjuster take what it gave (a coupon's use), reserve every unit with a conditional update, and store the answer with the key. Any failure rolls all of it
 * back, reservations included.
 */
import { randomInt } from 'node:crypto';
import { UniqueConstraintError } from 'sequelize';
import { clock, minutes } from '../../core/clock.js';
import type { Actor, Ctx } from '../../core/context.js';
import { requireTenantId } from '../../core/context.js';
import { conflict } from '../../core/errors.js';
import { withIdempotentTransaction } from '../../core/idempotency.js';
import { emit } from '../../core/events.js';
import { orderCreated } from './events.js';
import { removeBought } from '../cart/index.js';
import { reserveStock } from '../catalog/index.js';
import { addressForOrder } from '../customers/index.js';
import { settingsOf } from '../../core/settings.js';
import { ordersSettings } from './settings.js';
import { assertPickupOffered } from './pickup.js';
import { reservePickupPlace, resolvePickupPlace, type ResolvedPlace } from './pickup-places.js';
import type { AddressSnapshot, Delivery, OrderChannel } from './model.js';
import { insertFulfillment, insertItems, type FulfillmentRow, type OrderItemRow } from './repository/lines.js';
import { insertOrder, type OrderRow } from './repository/orders.js';
import { reserveAdjustments } from './adjusted.js';
import { feeBpsOf } from './floors.js';
import { PLACE_WAREHOUSE, quote, type Quote, type QuoteInput } from './quote.js';
import { recordHistory } from './state.js';
import { placedView } from './views.js';

type ShopperCtx = Ctx & { actor: Extract<Actor, { kind: 'shopper' }> };

export interface PlaceInput {
  items: Array<{ skuId: number; quantity: number }>;
  addressId?: number;
  delivery?: Delivery;
  remark?: string;
  couponId?: number;
  usePoints?: number;
  /** A community leader's pickup point, or a store (pickup-places.ts): the order is picked up there. */
  pickupPointId?: number;
  storeId?: number;
  /** Set by an activity's own buy endpoint (flash sale, group buy), never from a client's body. */
  activity?: QuoteInput['activity'];
}


export function newOrderNo(at: Date): string {
  const stamp = at.toISOString().replace(/[-:TZ.]/g, '').slice(0, 14);
  return `${stamp}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
}

export async function addressOf(ctx: ShopperCtx, addressId: number | undefined): Promise<AddressSnapshot | null> {
  if (addressId === undefined) return null;
  const a = await addressForOrder(ctx, addressId);
  return { name: a.name, phone: a.phone, province: a.province, city: a.city, district: a.district, detail: a.detail };
}

/** A place's order is picked up there, or (same-city) delivered from it. */
const deliveryOf = (input: PlaceInput, place: ResolvedPlace | null): Delivery => (place ? (input.delivery === 'same_city' ? 'same_city' : 'pickup') : (input.delivery ?? 'express'));

/**
 * Who an order is placed for and where it is sold: a shopper online, or a store's counter selling
 * to a member (or to a walk-in, customer 0), with the store already resolved by the stores module.
 */
interface Placing {
  customerId: number;
  channel: OrderChannel;
  place?: ResolvedPlace;
}

const online = (ctx: ShopperCtx): Placing => ({ customerId: ctx.actor.id, channel: 'online' });

/** The order's destination (an address, or a pickup place) and its server-side prices. */
async function priced(ctx: Ctx, input: PlaceInput, placing: Placing, estimate = false): Promise<{ address: AddressSnapshot | null; place: ResolvedPlace | null; quote: Quote }> {
  const place = placing.place ?? (await resolvePickupPlace(ctx, placing.customerId, input));
  if (input.delivery === 'pickup' && !place) await assertPickupOffered(ctx);
  const address = placing.channel === 'online' ? await addressOf(ctx as ShopperCtx, input.addressId) : null;
  const { couponId, usePoints } = input;
  const activity = input.activity ?? place?.activity;
  const delivery = deliveryOf(input, place);
  return {
    address,
    place,
    quote: await quote(ctx, { items: input.items, address, delivery, customerId: placing.customerId, estimate, couponId, usePoints, activity, pickupAnyOwner: place?.anyOwner, placeFreight: place?.freight, placeStock: place?.holdsStock }),
  };
}

/** Checkout's preview: without an address yet it prices the goods and says the address is needed. */
export async function quoteFor(ctx: ShopperCtx, input: PlaceInput): Promise<Quote> {
  return (await priced(ctx, input, online(ctx), true)).quote;
}

/** A store counter's quote (stores module): the store holds the goods; `customerId` 0 is a walk-in. */
export async function counterQuote(ctx: Ctx, customerId: number, place: ResolvedPlace, input: Pick<PlaceInput, 'items' | 'couponId'>): Promise<Quote> {
  return (await priced(ctx, { ...input, delivery: 'pickup' }, { customerId, channel: 'counter', place })).quote;
}

/**
 * An order sold at a store's counter (stores module), placed in the caller's transaction like any
 * order (quote, snapshot, the place's `reserve`), for the member `customerId` (0: a walk-in); the
 * caller takes the payment at the till and hands the goods over in the same transaction.
 */
export async function placeCounterOrder(tx: Ctx, customerId: number, place: ResolvedPlace, input: Pick<PlaceInput, 'items' | 'couponId' | 'remark'>): Promise<PlacedOrder> {
  return placeFor(tx, { ...input, delivery: 'pickup' }, { customerId, channel: 'counter', place });
}

/** What placing an order wrote, enough to answer without reading it back. */
export interface PlacedOrder {
  order: OrderRow;
  items: OrderItemRow[];
  fulfillments: FulfillmentRow[];
}

export async function placeOrder(ctx: ShopperCtx, input: PlaceInput): Promise<PlacedOrder> {
  return placeFor(ctx, input, online(ctx));
}

async function placeFor(ctx: Ctx, input: PlaceInput, placing: Placing): Promise<PlacedOrder> {
  const tenantId = requireTenantId(ctx);
  const { customerId } = placing;
  const settings = await settingsOf(ctx, ordersSettings);
  // Priced on committed rows before the transaction opens: no read of the quote locks anything, so
  // reading it inside would only hold a connection longer (and keep the near caches from filling).
  // What must still hold at commit, the stock, is taken by the guarded updates at the end.
  const { address, place, quote: q } = await priced(ctx, input, placing);
  // the Idempotency-Key is claimed in this transaction and answered before its COMMIT: a crash
  // leaves the order and its answer, or neither
  return withIdempotentTransaction(ctx, async (tx) => {
    const now = clock.now();
    const stamps = { createdAt: now, updatedAt: now };
    const fields: Omit<OrderRow, 'id' | 'orderNo'> = {
      tenantId,
      customerId,
      status: 'pending_payment',
      delivery: deliveryOf(input, place),
      goodsAmount: q.goodsAmount,
      freightAmount: q.freightAmount,
      discountAmount: q.discountAmount,
      payAmount: q.payAmount,
      paidAmount: 0,
      refundedAmount: 0,
      adjustments: q.adjustments,
      address,
      remark: input.remark ?? null,
      pickupCode: null,
      pickupKind: place?.kind ?? null,
      pickupPlaceId: place?.id ?? null,
      channel: placing.channel,
      expiresAt: new Date(now.getTime() + minutes(settings.autoCancelMinutes)),
      paidAt: null,
      shippedAt: null,
      receivedAt: null,
      completedAt: null,
      cancelledAt: null,
      cancelReason: null,
      settled: false,
      ...stamps,
    };
    const order = await insertNumbered(tx, fields);

    const fulfillments: FulfillmentRow[] = [];
    const items: Array<Omit<OrderItemRow, 'id'>> = [];
    for (const group of q.groups) {
      const f: Omit<FulfillmentRow, 'id'> = { tenantId, orderId: order.id, ownerKind: group.ownerKind, ownerId: group.ownerId, warehouseId: group.warehouseId, status: 'pending', freightAmount: group.freight, freightRefunded: 0, shippedAt: null, receivedAt: null, ...stamps };
      const fulfillment: FulfillmentRow = { id: await insertFulfillment(tx, f), ...f };
      fulfillments.push(fulfillment);
      for (const part of group.parts) {
        const line = q.lines[part.lineIndex]!;
        // a line split across warehouses splits its discount in proportion to the units
        const discount = Math.trunc((line.discount * part.quantity) / line.quantity);
        const subtotal = line.offer.price * part.quantity;
        items.push({
          tenantId,
          orderId: order.id,
          fulfillmentId: fulfillment.id,
          listingId: line.offer.listingId,
          listingSkuId: line.offer.listingSkuId,
          productId: line.offer.productId,
          skuId: line.offer.skuId,
          ownerKind: line.offer.ownerKind,
          ownerId: line.offer.ownerId,
          title: line.offer.title,
          specs: line.offer.specs,
          image: line.offer.image,
          unitPrice: line.offer.price,
          supplyPrice: line.offer.ownerKind === 'tenant' && line.offer.ownerId === tenantId ? 0 : line.offer.supplyPrice,
          quantity: part.quantity,
          subtotal,
          discount,
          paid: subtotal - discount,
          feeBps: feeBpsOf(tx, line.offer.feeBps),
          shippedQuantity: 0,
          refundedQuantity: 0,
          refundedAmount: 0,
          refundingQuantity: 0,
          refundingAmount: 0,
          cancelledQuantity: 0,
          cancellingQuantity: 0,
          reviewed: false,
          ...stamps,
        });
      }
    }
    fixDiscountRemainder(items, q.discountAmount);
    const itemIds = await insertItems(tx, items);

    await recordHistory(tx, order, null, 'pending_payment');
    await emit(tx, orderCreated, { tenantId, orderId: order.id, orderNo: order.orderNo, customerId });
    if (placing.channel === 'online') await removeBought(tx, customerId, q.lines.map((l) => l.offer.listingSkuId));
    await reserveAdjustments(tx, order, q.lines.map((l) => ({ listingSkuId: l.offer.listingSkuId, quantity: l.quantity })));
    if (place) await reservePickupPlace(tx, place.kind, { id: order.id, tenantId, customerId, placeId: place.id, adjustments: order.adjustments, channel: placing.channel, lines: q.lines.map((l) => ({ listingSkuId: l.offer.listingSkuId, skuId: l.offer.skuId, quantity: l.quantity })) });
    await reserve(tx, q);
    return { order, fulfillments, items: items.map((item, i) => ({ id: itemIds[i]!, ...item })) };
  }, placedView);
}

/**
 * Takes every unit from its warehouse, last thing before COMMIT: a SKU's stock rows are the rows
 * every buyer of it writes, and each holds their lock until it commits, so taking them last keeps
 * a popular SKU locked for one statement and the commit rather than for the whole order. The
 * quote already refused what the stock could not cover, so a take fails only in a race, and the
 * rollback then undoes the order's rows as well.
 */
async function reserve(tx: Ctx, q: Quote): Promise<void> {
  for (const group of q.groups) {
    // goods a pickup place holds itself: its contributor took them from the place
    if (group.warehouseId === PLACE_WAREHOUSE) continue;
    for (const part of group.parts) {
      const line = q.lines[part.lineIndex]!;
      if (!(await reserveStock(tx, line.offer.skuId, group.warehouseId, part.quantity))) {
        throw conflict('insufficient_stock', `Not enough stock for ${line.offer.title}`, { skuId: line.offer.listingSkuId });
      }
    }
  }
}

const ORDER_NO_ATTEMPTS = 5;

/** Where order numbers come from: an object, so that a test can make two of them collide. */
export const orderNumbers = { next: newOrderNo };

/**
 * Order numbers are short and readable (time + 6 random digits), so two orders of one shop in the
 * same second can draw the same one: the unique index refuses the second, which draws again. A
 * refused INSERT undoes only itself, not the transaction.
 */
async function insertNumbered(ctx: Ctx, fields: Omit<OrderRow, 'id' | 'orderNo'>): Promise<OrderRow> {
  for (let attempt = 1; ; attempt++) {
    const row = { ...fields, orderNo: orderNumbers.next(fields.createdAt) };
    try {
      return { id: await insertOrder(ctx, row), ...row };
    } catch (err) {
      if (!(err instanceof UniqueConstraintError) || attempt >= ORDER_NO_ATTEMPTS) throw err;
    }
  }
}

/** Splitting lines across warehouses truncates discounts; the first item takes what was lost. */
function fixDiscountRemainder(items: Array<Pick<OrderItemRow, 'discount' | 'paid'>>, discountAmount: number): void {
  const lost = discountAmount - items.reduce((sum, i) => sum + i.discount, 0);
  if (!lost || !items[0]) return;
  items[0].discount += lost;
  items[0].paid -= lost;
}
