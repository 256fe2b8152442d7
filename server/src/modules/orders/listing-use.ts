/** Orders' say on removing a shop's listing: not while an order that bought it is unfinished. */
import type { Ctx } from '../../core/context.js';
import { contribute } from '../../core/hooks.js';
import { mayRemoveListing } from '../market/index.js';
import type { OrderStatus } from './model.js';
import { orderNoWithListing } from './repository/orders.js';

/** An order in these may still ship, be received, refunded or reviewed: its lines name the listing. */
const UNFINISHED: OrderStatus[] = ['pending_payment', 'paid', 'shipped', 'received'];

export const unfinishedOrdersKeepListing = contribute(mayRemoveListing, 'orders.unfinished-orders', async (ctx: Ctx, listingId: number) => {
  const open = await orderNoWithListing(ctx, listingId, UNFINISHED);
  return open ? { refused: `order ${open} is not finished yet` } : true;
});
