/** Orders' say on removing a shop's listing: not while an order that bought it is unfinished. */
import type { Ctx } from '../../core/context.js';
import { tenantRows } from '../../core/db/index.js';
import { contribute } from '../../core/hooks.js';
import { mayRemoveListing } from '../market/index.js';
import type { OrderStatus } from './model.js';

/** An order in these may still ship, be received, refunded or reviewed: its lines name the listing. */
const UNFINISHED: OrderStatus[] = ['pending_payment', 'paid', 'shipped', 'received'];

export const unfinishedOrdersKeepListing = contribute(mayRemoveListing, 'orders.unfinished-orders', async (ctx: Ctx, listingId: number) => {
  // order_items (tenant_id, listing_id), then each order by its key
  const [open] = await tenantRows<{ orderNo: string }>(
    ctx,
    `SELECT o.order_no AS orderNo FROM order_items i JOIN orders o ON o.tenant_id = i.tenant_id AND o.id = i.order_id
      WHERE i.tenant_id = :tenantId AND i.listing_id = :listingId AND o.status IN (:unfinished) LIMIT 1`,
    { listingId, unfinished: UNFINISHED },
  );
  return open ? { refused: `order ${open.orderNo} is not finished yet` } : true;
});
