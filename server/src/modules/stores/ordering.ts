/**
 * Ordering at a store, through the orders module's `pickupPlaces` hook: an order body naming
 * `storeId` is picked up at that store. The store must be open to orders and offer pickup, and hold
 * every line now (409 `store_out_of_stock` naming the SKU); the units are taken from the store's
 * stock in the placing transaction by a conditional update (so a race for the last units has one
 * winner, and the loser's whole order rolls back) and given back once if the order is cancelled
 * unpaid (by the shopper, the shop or the timeout).
 */
import { contribute } from '../../core/hooks.js';
import { offersFor } from '../market/index.js';
import { pickupPlaces, type PickupPlaceResolver } from '../orders/index.js';
import { storeErrors } from './errors.js';
import { findStore } from './repository.js';
import { missingAtStore, releaseAtStore, reserveAtStore } from './stock.js';

const storePickup: PickupPlaceResolver = {
  kind: 'store',
  field: 'storeId',
  async resolve(ctx, request) {
    const store = await findStore(ctx, request.placeId);
    if (!store) throw storeErrors.notFound();
    if (!store.active) throw storeErrors.closed();
    if (!store.pickup) throw storeErrors.noPickup();
    const missing = await missingAtStore(ctx, store.id, request.items);
    if (missing.length) {
      const m = missing[0]!;
      const title = (await offersFor(ctx, [m.skuId])).get(m.skuId)?.title ?? `SKU ${m.skuId}`;
      throw storeErrors.outOfStock(m.skuId, title, m.requested, m.available);
    }
    return {};
  },
  async reserve(tx, order) {
    await reserveAtStore(tx, { id: order.id, storeId: order.placeId, kind: 'pickup', lines: order.lines.map((l) => ({ skuId: l.listingSkuId, quantity: l.quantity })) });
  },
  async release(tx, order) {
    await releaseAtStore(tx, order.id);
  },
};

export const storeOrdering = [contribute(pickupPlaces, 'stores.pickup', storePickup)];
