/**
 * An order and its rows as the life-cycle code reads them: lines and fulfilments in id order, and
 * the order's row lock that every writer of its lines takes first (CONTEXT.md).
 */
import { Transaction } from 'sequelize';
import type { Actor, Ctx } from '../../core/context.js';
import { requireTenantId } from '../../core/context.js';
import { inTx } from '../../core/db/index.js';
import { notFound } from '../../core/errors.js';
import { Fulfillment, Order, OrderItem } from './model.js';

export async function loadOrder(ctx: Ctx, id: number, lock = false): Promise<Order> {
  const order = await Order.findOne({ where: { tenantId: requireTenantId(ctx), id }, ...(lock && ctx.transaction ? { lock: Transaction.LOCK.UPDATE } : {}), ...inTx(ctx) });
  if (!order) throw notFound('Order');
  return order;
}

export async function loadShopperOrder(ctx: Ctx & { actor: Extract<Actor, { kind: 'shopper' }> }, id: number, lock = false): Promise<Order> {
  const order = await loadOrder(ctx, id, lock);
  if (order.customerId !== ctx.actor.id) throw notFound('Order');
  return order;
}

export async function itemsOf(ctx: Ctx, orderId: number): Promise<OrderItem[]> {
  return OrderItem.findAll({ where: { tenantId: requireTenantId(ctx), orderId }, order: [['id', 'ASC']], ...inTx(ctx) });
}

export async function fulfillmentsOf(ctx: Ctx, orderId: number): Promise<Fulfillment[]> {
  return Fulfillment.findAll({ where: { tenantId: requireTenantId(ctx), orderId }, order: [['id', 'ASC']], ...inTx(ctx) });
}

/** The order's lines and fulfilments, read together. */
export function rowsOf(ctx: Ctx, orderId: number): Promise<[OrderItem[], Fulfillment[]]> {
  return Promise.all([itemsOf(ctx, orderId), fulfillmentsOf(ctx, orderId)]);
}
