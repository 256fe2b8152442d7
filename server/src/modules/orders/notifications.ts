/**
 * Orders and fulfilments, live (socket.io). Every push hangs off a domain event, so it goes out
 * after the change committed (the outbox's dispatcher schedules these subscribers) and never for
 * a change that rolled back; a retried delivery pushes again, which clients take as "refetch".
 *
 * - `order:updated {id, orderNo, status}`: to the staff who may read every order of the shop and
 *   to the order's shopper, on each status change; to the staff also when an order is placed
 *   (`pending_payment`, so the list's 待付款 tab moves). Clients refetch what they show.
 * - `fulfillment:created|updated {id, tenantId, orderNo, status}`: to whoever ships it. A
 *   supplier's staff (its room, on any host) hear its fulfilments only; a shop shipping its own
 *   goods (and a brand owner its distributors') hears them in its fulfilment feed. `created` when
 *   the order is paid (before that a fulfilment is invisible to its owner), `updated` on each
 *   parcel and each later status of the order (received, completed, refunded).
 */
import type { Ctx } from '../../core/context.js';
import { on } from '../../core/events.js';
import { defineFeed, emitTo, rooms } from '../../core/realtime.js';
import { orderCreated, orderFulfilmentReleased, orderPaid, orderShipped, orderStatusChanged } from './events.js';
import { findFulfillment, fulfillmentsOfOrder, type FulfillmentRow } from './repository/lines.js';
import { findOrder } from './repository/orders.js';

/** Staff who may read every order of the shop (listed in the orders declaration's feeds). */
export const orderReaders = defineFeed('Order');
/** Staff who may read (and ship) the shop's own fulfilments. */
export const fulfillmentReaders = defineFeed('Fulfillment');

export interface OrderUpdate {
  id: number;
  orderNo: string;
  status: string;
}

export interface FulfillmentUpdate {
  id: number;
  /** The shop whose order it is (a supplier's queue spans shops). */
  tenantId: number;
  orderNo: string;
  status: string;
}

export const pushStatusChange = on(orderStatusChanged, 'realtime.order-updated', async (ctx, e) => {
  const payload: OrderUpdate = { id: e.orderId, orderNo: e.orderNo, status: e.to };
  emitTo(orderReaders.room(e.tenantId), 'order:updated', payload);
  emitTo(rooms.shopper(e.tenantId, e.customerId), 'order:updated', payload);
  // paid is the owners' `created` and shipped comes with each parcel (orderShipped); an order
  // cancelled unpaid was never shown to them
  const ownersCare = e.from !== 'pending_payment' && e.to !== 'paid' && e.to !== 'shipped';
  if (ownersCare) await pushFulfillmentsOf(ctx, e.orderId, e.orderNo, 'fulfillment:updated');
});

export const pushOrderPlaced = on(orderCreated, 'realtime.order-placed', async (_ctx, e) => {
  const payload: OrderUpdate = { id: e.orderId, orderNo: e.orderNo, status: 'pending_payment' };
  emitTo(orderReaders.room(e.tenantId), 'order:updated', payload);
});

async function pushCreated(ctx: Ctx, e: { orderId: number }): Promise<void> {
  const order = await findOrder(ctx, e.orderId);
  if (order) await pushFulfillmentsOf(ctx, order.id, order.orderNo, 'fulfillment:created');
}

export const pushFulfillmentsToShip = on(orderPaid, 'realtime.fulfillment-created', pushCreated);
/** A held order's fulfilments reach their owners when released, as a paid order's do when paid. */
export const pushReleasedFulfillments = on(orderFulfilmentReleased, 'realtime.fulfillment-released', pushCreated);

export const pushParcel = on(orderShipped, 'realtime.fulfillment-shipped', async (ctx, e) => {
  const [order, fulfillment] = await Promise.all([findOrder(ctx, e.orderId), findFulfillment(ctx, e.fulfillmentId)]);
  if (order && fulfillment) pushFulfillment(fulfillment, order.orderNo, 'fulfillment:updated');
});

type FulfillmentEvent = 'fulfillment:created' | 'fulfillment:updated';

async function pushFulfillmentsOf(ctx: Ctx, orderId: number, orderNo: string, event: FulfillmentEvent): Promise<void> {
  for (const f of await fulfillmentsOfOrder(ctx, orderId)) if (f.status !== 'pending') pushFulfillment(f, orderNo, event);
}

function pushFulfillment(f: FulfillmentRow, orderNo: string, event: FulfillmentEvent): void {
  const payload: FulfillmentUpdate = { id: f.id, tenantId: f.tenantId, orderNo, status: f.status };
  emitTo(f.ownerKind === 'supplier' ? rooms.supplier(f.ownerId) : fulfillmentReaders.room(f.ownerId), event, payload);
}

/** The subscriptions above, for the orders declaration. */
export const livePushes = [pushStatusChange, pushOrderPlaced, pushFulfillmentsToShip, pushReleasedFulfillments, pushParcel];
