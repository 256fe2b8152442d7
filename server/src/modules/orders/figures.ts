/** What a shop's and the platform's workbenches show of orders: waiting counts and sales per day. */
import type { Ctx } from '../../core/context.js';
import { platformSalesByDay, shopSalesByChannel, shopSalesByDay, statusCounts, type DaySalesRow } from './repository/figures.js';

export type { DaySalesRow };

export interface OrderTodo {
  /** 待付款 */
  toPay: number;
  /** 待发货: paid, to be delivered */
  toShip: number;
  /** 待自提: paid, to be collected at the counter */
  toPickUp: number;
}

export async function orderTodo(ctx: Ctx): Promise<OrderTodo> {
  const todo: OrderTodo = { toPay: 0, toShip: 0, toPickUp: 0 };
  for (const r of await statusCounts(ctx, ['pending_payment', 'paid'])) {
    if (r.status === 'pending_payment') todo.toPay += r.n;
    else if (r.delivery === 'pickup') todo.toPickUp += r.n;
    else todo.toShip += r.n;
  }
  return todo;
}

/** Paid orders per Beijing day since `since`; days without any are absent. */
export function salesByDay(ctx: Ctx, since: Date, scope: 'shop' | 'platform'): Promise<DaySalesRow[]> {
  return scope === 'shop' ? shopSalesByDay(ctx, since) : platformSalesByDay(ctx, since);
}

export interface ChannelSales {
  online: { orders: number; amount: number };
  counter: { orders: number; amount: number };
}

/** The shop's paid orders since `since`, online (the storefront) and in-store (sold at a store's counter). */
export async function salesByChannel(ctx: Ctx, since: Date): Promise<ChannelSales> {
  const split: ChannelSales = { online: { orders: 0, amount: 0 }, counter: { orders: 0, amount: 0 } };
  for (const r of await shopSalesByChannel(ctx, since)) {
    const to = r.channel === 'counter' ? split.counter : split.online;
    to.orders += r.orders;
    to.amount += r.amount;
  }
  return split;
}
