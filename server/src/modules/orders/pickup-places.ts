/**
 * Pickup at a place other than the shop's own point (hooks.ts `pickupPlaces`): the order body names
 * it by a contributor's field (`pickupPointId`, `storeId`), the contributor resolves it (or refuses
 * it, naming the field), and the order records it (`pickupKind`, `pickupPlaceId`). The contributor
 * takes what the place gives in the placing transaction and gives it back when the order is
 * cancelled unpaid.
 */
import type { Ctx } from '../../core/context.js';
import { contributionsTo } from '../../core/hooks.js';
import { ValidationError } from '../../core/errors.js';
import { pickupPlaces, type PickupPlace, type PickupPlaceOrder, type PickupPlaceResolver } from './hooks.js';
import type { PickupKind } from './model.js';
import type { QuoteInput } from './quote.js';
import { clock } from '../../core/clock.js';
import { withTransaction } from '../../core/db/index.js';
import { loadOrder, rowsOf } from './order-rows.js';
import { fulfillmentsOfOrders, itemsOfOrders, updateFulfillment, updateFulfillmentsOfOrder, type FulfillmentRow, type OrderItemRow } from './repository/lines.js';
import { findOrders, type OrderRow } from './repository/orders.js';
import { recordHistory } from './state.js';

export interface PlaceFields {
  items: Array<{ skuId: number; quantity: number }>;
  addressId?: number;
  delivery?: string;
  pickupPointId?: number;
  storeId?: number;
  activity?: QuoteInput['activity'];
}

export interface ResolvedPlace extends PickupPlace {
  kind: PickupKind;
  id: number;
}

function resolverOf(kind: string | null | undefined): PickupPlaceResolver | undefined {
  return contributionsTo(pickupPlaces).find((c) => c.value.kind === kind)?.value;
}

/** The place the body names, resolved by its contributor; null when it names none. */
export async function resolvePickupPlace(ctx: Ctx, customerId: number, input: PlaceFields): Promise<ResolvedPlace | null> {
  if (input.delivery === 'same_city' && input.storeId === undefined) throw ValidationError.field('storeId', 'same-city delivery comes from a store: choose one');
  const named = contributionsTo(pickupPlaces).filter((c) => input[c.value.field] !== undefined);
  for (const field of ['pickupPointId', 'storeId'] as const) {
    if (input[field] !== undefined && !named.some((c) => c.value.field === field)) throw ValidationError.field(field, 'this shop offers no pickup of this kind');
  }
  if (!named.length) return null;
  if (named.length > 1) throw ValidationError.field(named[1]!.value.field, 'choose one pickup place');
  const resolver = named[0]!.value;
  const sameCity = input.delivery === 'same_city';
  if (sameCity && !resolver.sameCity) throw ValidationError.field('delivery', 'this kind of place does not deliver');
  if (input.addressId !== undefined && !sameCity) throw ValidationError.field('addressId', 'an order picked up at a place has no delivery address');
  if (input.delivery !== undefined && input.delivery !== 'pickup' && !sameCity) throw ValidationError.field('delivery', 'an order with a pickup place is picked up');
  const placeId = input[resolver.field]!;
  const place = await resolver.resolve(ctx, { placeId, items: input.items, customerId, activity: input.activity, delivery: sameCity ? 'same_city' : 'pickup', addressId: input.addressId });
  return { ...place, kind: resolver.kind, id: placeId };
}

/** In the placing transaction: a refusal fails the whole placement. */
export async function reservePickupPlace(tx: Ctx, kind: PickupKind | null | undefined, order: PickupPlaceOrder): Promise<void> {
  await resolverOf(kind)?.reserve?.(tx, order);
}

/** In the cancelling transaction of an unpaid order. */
export async function releasePickupPlace(tx: Ctx, kind: PickupKind | null | undefined, order: PickupPlaceOrder, reason: string): Promise<void> {
  await resolverOf(kind)?.release?.(tx, order, reason);
}

/** Orders picked up at places, with their lines and fulfilments: what a place's lists and pages read. */
export interface PlaceOrder {
  order: OrderRow;
  items: OrderItemRow[];
  fulfillments: FulfillmentRow[];
}

export async function placeOrdersByIds(ctx: Ctx, ids: number[]): Promise<PlaceOrder[]> {
  const [orders, items, fulfillments] = await Promise.all([findOrders(ctx, ids), itemsOfOrders(ctx, ids), fulfillmentsOfOrders(ctx, ids)]);
  return orders.map((order) => ({ order, items: items.filter((i) => i.orderId === order.id), fulfillments: fulfillments.filter((f) => f.orderId === order.id) }));
}

/**
 * Goods held for a place (a community point's, until its batch leaves) are on their way to it:
 * the paid order's held fulfilments move pending -> shipped. False when there was nothing held
 * (not paid, refunded meanwhile, sent already): the caller's batch leaves it out.
 */
export async function sendToPickupPlace(ctx: Ctx, orderId: number, note: string): Promise<boolean> {
  return withTransaction(ctx, async (tx) => {
    const order = await loadOrder(tx, orderId, true);
    if (order.status !== 'paid' || order.delivery !== 'pickup') return false;
    const [items, fulfillments] = await rowsOf(tx, orderId);
    const held = fulfillments.filter((f) => f.status === 'pending' && items.some((i) => i.fulfillmentId === f.id && i.quantity - i.cancelledQuantity - i.cancellingQuantity > 0));
    if (!held.length) return false;
    const now = clock.now();
    for (const f of held) await updateFulfillment(tx, f.id, { status: 'shipped', shippedAt: now });
    await recordHistory(tx, order, 'paid', 'paid', note);
    return true;
  });
}

/** The goods reached the place: ready to hand over against the pickup code (shipped -> ready_for_pickup). */
export async function arrivedAtPickupPlace(ctx: Ctx, orderId: number, note: string): Promise<boolean> {
  return withTransaction(ctx, async (tx) => {
    const order = await loadOrder(tx, orderId, true);
    if (order.status !== 'paid' || order.delivery !== 'pickup') return false;
    const shipped = (await rowsOf(tx, orderId))[1].filter((f) => f.status === 'shipped');
    if (!shipped.length) return false;
    await updateFulfillmentsOfOrder(tx, orderId, { status: 'ready_for_pickup' }, { status: 'shipped' });
    await recordHistory(tx, order, 'paid', 'paid', note);
    return true;
  });
}
