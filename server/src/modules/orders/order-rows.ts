/**
 * An order and its rows as the life-cycle code reads them: lines and fulfilments in id order, and
 * the order's row lock that every writer of its lines takes first (CONTEXT.md).
 */
import type { Actor, Ctx } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { fulfillmentsOfOrder, itemsOfOrder, type FulfillmentRow, type OrderItemRow } from './repository/lines.js';
import { findOrder, latestOrdersOf, type OrderRow } from './repository/orders.js';

export async function loadOrder(ctx: Ctx, id: number, lock = false): Promise<OrderRow> {
  const order = await findOrder(ctx, id, lock);
  if (!order) throw notFound('Order');
  return order;
}

export async function loadShopperOrder(ctx: Ctx & { actor: Extract<Actor, { kind: 'shopper' }> }, id: number, lock = false): Promise<OrderRow> {
  const order = await loadOrder(ctx, id, lock);
  if (order.customerId !== ctx.actor.id) throw notFound('Order');
  return order;
}

/** For other modules (a service agent's side panel): a shopper's newest orders. */
export function recentOrdersOf(ctx: Ctx, customerId: number, limit: number): Promise<OrderRow[]> {
  return latestOrdersOf(ctx, customerId, limit);
}

export function itemsOf(ctx: Ctx, orderId: number): Promise<OrderItemRow[]> {
  return itemsOfOrder(ctx, orderId);
}

/** The order's lines and fulfilments, read together. */
export function rowsOf(ctx: Ctx, orderId: number): Promise<[OrderItemRow[], FulfillmentRow[]]> {
  return Promise.all([itemsOfOrder(ctx, orderId), fulfillmentsOfOrder(ctx, orderId)]);
}
