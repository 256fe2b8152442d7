/**
 * Ordering at a store, through the orders module's `pickupPlaces` hook: an order body naming
 * `storeId` is picked up at that store, or with `delivery: 'same_city'` delivered from it to an
 * address within its radius (the address's map position; none: refused) for the store's fee. The store must be open to orders and offer pickup, and hold
 * every line now (409 `store_out_of_stock` naming the SKU); the units are taken from the store's
 * stock in the placing transaction by a conditional update (so a race for the last units has one
 * winner, and the loser's whole order rolls back) and given back once if the order is cancelled
 * unpaid (by the shopper, the shop or the timeout).
 */
import type { Ctx } from '../../core/context.js';
import { ValidationError } from '../../core/errors.js';
import { contribute } from '../../core/hooks.js';
import { addressForOrder } from '../customers/index.js';
import { offersFor } from '../market/index.js';
import { loadOrder, pickupPlaces, type PickupPlaceResolver } from '../orders/index.js';
import { storeErrors } from './errors.js';
import { findStore, type StoreRow } from './repository.js';
import { missingAtStore, releaseAtStore, reserveAtStore } from './stock.js';
import { distanceM, positionOf } from './stores.js';

/**
 * Same-city delivery reaches the address when its map position is within the store's radius; the
 * store's fee is the order's freight.
 */
async function sameCityFee(ctx: Ctx, store: StoreRow, addressId: number | undefined): Promise<number> {
  if (!store.deliveryRadiusM) throw storeErrors.noDelivery();
  if (addressId === undefined) throw ValidationError.field('addressId', 'an address is needed for delivery');
  if (ctx.actor.kind !== 'shopper') throw ValidationError.field('addressId', 'an address is needed for delivery');
  const address = await addressForOrder(ctx as Ctx & { actor: typeof ctx.actor }, addressId);
  const to = positionOf(address);
  const from = positionOf(store);
  if (!to) throw storeErrors.noPosition();
  if (!from) throw storeErrors.noDelivery();
  const distance = distanceM(from, to);
  if (distance > store.deliveryRadiusM) throw storeErrors.outOfRadius(distance, store.deliveryRadiusM);
  return store.deliveryFee;
}

const storePickup: PickupPlaceResolver = {
  kind: 'store',
  field: 'storeId',
  sameCity: true,
  async resolve(ctx, request) {
    const store = await findStore(ctx, request.placeId);
    if (!store) throw storeErrors.notFound();
    if (!store.active) throw storeErrors.closed();
    const freight = request.delivery === 'same_city' ? await sameCityFee(ctx, store, request.addressId) : undefined;
    if (freight === undefined && !store.pickup) throw storeErrors.noPickup();
    const missing = await missingAtStore(ctx, store.id, request.items);
    if (missing.length) {
      const m = missing[0]!;
      const title = (await offersFor(ctx, [m.skuId])).get(m.skuId)?.title ?? `SKU ${m.skuId}`;
      throw storeErrors.outOfStock(m.skuId, title, m.requested, m.available);
    }
    // the store holds the goods: the order takes its count only, not the online warehouses'
    return freight === undefined ? { holdsStock: true } : { freight, holdsStock: true };
  },
  async reserve(tx, order) {
    const kind = order.channel === 'counter' ? 'counter' : (await loadOrder(tx, order.id)).delivery === 'same_city' ? 'same_city' : 'pickup';
    await reserveAtStore(tx, { id: order.id, storeId: order.placeId, kind, lines: order.lines.map((l) => ({ skuId: l.listingSkuId, quantity: l.quantity })) });
  },
  async release(tx, order) {
    await releaseAtStore(tx, order.id);
  },
};

export const storeOrdering = [contribute(pickupPlaces, 'stores.pickup', storePickup)];
