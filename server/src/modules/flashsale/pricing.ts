/**
 * How a flash sale reaches the other modules: its quote adjuster (the sale price of an order
 * bought through an item, at STEP.activity; stacking.ts keeps everything else out of such an
 * order and keeps the price out of every other order), the units it reserves in the placing
 * transaction and releases when the unpaid order is cancelled, the paid orders it counts, and the
 * sessions it shows on product views (market's listingPromotions).
 */
import { clock } from '../../core/clock.js';
import type { Ctx } from '../../core/context.js';
import { ValidationError, notFound } from '../../core/errors.js';
import { on } from '../../core/events.js';
import type { ListingPromotionSource } from '../market/index.js';
import { KIND, orderPaid, stepApplies, type AdjustedOrder, type QuoteAdjuster } from '../orders/index.js';
import { flashErrors } from './errors.js';
import * as repo from './repository.js';
import { assertRunning, giveBackAfterCommit, saleOf, statusOf } from './service.js';

const LABEL = '秒杀价';

/** The one item an order's flash saving came from: its SKU is in one session at a time. */
async function itemOfOrder(tx: Ctx, order: AdjustedOrder) {
  const line = order.lines[0];
  const now = clock.now();
  const found = line && order.lines.length === 1 ? (await repo.itemsOfSkusBetween(tx, [line.listingSkuId], now, new Date(now.getTime() + 1))).find((i) => statusOf(i.sale, now) === 'running') : undefined;
  if (!line || !found) throw flashErrors.ended();
  return { line, item: found };
}

export const flashSaleAdjuster: QuoteAdjuster = {
  async adjust(ctx, soFar, input) {
    if (!stepApplies('activity', input) || input.activity?.kind !== KIND.flashSale) return [];
    // the item's price from the database; its window as the buy just read it (the placing
    // transaction checks the window again, on the database)
    const item = await repo.findItem(ctx, input.activity.id);
    const sale = item && (await saleOf(ctx, item.saleId));
    if (!item || !sale) throw notFound('Flash sale item');
    assertRunning(sale);
    const line = soFar.lines[0]!;
    if (soFar.lines.length !== 1 || line.offer.listingSkuId !== item.skuId) throw ValidationError.field('items', 'one line: the flash sale item');
    // a shop that lowered its own price below the sale price charges its own: the saving is never negative
    const saving = Math.max(0, line.subtotal - item.price * line.quantity);
    return [{ type: KIND.flashSale, label: LABEL, amount: -saving, lines: [{ index: line.index, amount: -saving }] }];
  },

  /**
   * In the placing transaction: the shopper's units and the units sold, each under its guard. The
   * item's row is the one every buyer of the session writes, and its lock is held until COMMIT: it
   * is taken last, so the crowd queues behind one statement and the commit, not behind four.
   */
  async reserve(tx, order) {
    const { line, item } = await itemOfOrder(tx, order);
    if (!(await repo.addBought(tx, item.id, order.customerId, line.quantity, item.perShopperLimit))) throw flashErrors.limitReached(item.perShopperLimit);
    await repo.insertFlashOrder(tx, { saleId: item.saleId, itemId: item.id, customerId: order.customerId, orderId: order.id, quantity: line.quantity, amount: item.price * line.quantity, status: 'placed' });
    if (!(await repo.takeSold(tx, item.id, line.quantity))) throw flashErrors.soldOut();
  },

  /** The unpaid order was cancelled (shopper, shop, timeout): its units go back to the sale, once. */
  async release(tx, order) {
    const flash = await repo.flashOrderOf(tx, order.id);
    if (!flash || !(await repo.moveFlashOrder(tx, order.id, 'placed', 'released'))) return;
    await repo.giveSold(tx, flash.itemId, flash.quantity);
    await repo.subtractBought(tx, flash.itemId, flash.customerId, flash.quantity);
    await giveBackAfterCommit(tx, flash.itemId, flash.customerId, flash.quantity);
  },
};

/** A paid flash order counts in its session's figures (paid orders, GMV). */
export const countPaidFlashOrders = on(orderPaid, 'flashsale.count-paid', async (ctx, e) => {
  await repo.moveFlashOrder(ctx, e.orderId, 'placed', 'paid');
});

/** Sessions running or to come, on the product views of their listings: each listing's lowest sale price. */
export const flashSalePromotions: ListingPromotionSource = async (ctx, listings) => {
  const now = clock.now();
  const items = await repo.itemsOfListings(ctx, listings.map((l) => l.id), now);
  // per listing: the running session first, then the sooner one, then the lower price
  const rank = (x: (typeof items)[number]) => [statusOf(x.sale, now) === 'running' ? 0 : 1, x.sale.startsAt.getTime(), x.price];
  const best = new Map<number, (typeof items)[number]>();
  for (const i of items) {
    const held = best.get(i.listingId);
    if (!held || compare(rank(i), rank(held)) < 0) best.set(i.listingId, i);
  }
  return {
    activities: [...best.values()].map((i) => [i.listingId, { kind: KIND.flashSale, id: i.saleId, label: '秒杀', price: i.price, startsAt: i.sale.startsAt.toISOString(), endsAt: i.sale.endsAt.toISOString() }]),
  };
};

function compare(a: number[], b: number[]): number {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k]! - b[k]!;
  return 0;
}
