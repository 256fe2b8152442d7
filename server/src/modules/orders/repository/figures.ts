/**
 * The counts and sums the workbenches show: a shop's orders waiting on someone, and paid orders
 * per day (a day in Beijing time, as the shops keep it) for a shop or, for the platform, every shop.
 * Aggregates only: no order row leaves here.
 */
import { fn, col, literal, Op } from 'sequelize';
import type { Ctx } from '../../../core/context.js';
import { requireTenantId } from '../../../core/context.js';
import { acrossTenants, dialect, inTx } from '../../../core/db/index.js';
import { Order, type Delivery, type OrderChannel, type OrderStatus } from '../model.js';

export interface StatusCountRow {
  status: OrderStatus;
  delivery: Delivery;
  n: number;
}

/** Orders per status and delivery among `statuses` (the tenant-first status index). */
export async function statusCounts(ctx: Ctx, statuses: OrderStatus[]): Promise<StatusCountRow[]> {
  const rows = (await Order.findAll({
    where: { tenantId: requireTenantId(ctx), status: statuses },
    attributes: ['status', 'delivery', [fn('COUNT', col('id')), 'n']],
    group: ['status', 'delivery'],
    raw: true,
    ...inTx(ctx),
  })) as unknown as Array<{ status: OrderStatus; delivery: Delivery; n: number | string }>;
  return rows.map((r) => ({ status: r.status, delivery: r.delivery, n: Number(r.n) }));
}

export interface DaySalesRow {
  /** YYYY-MM-DD, Beijing time. */
  day: string;
  orders: number;
  amount: number;
}

/** paid_at as a Beijing date, in each dialect (SQLite keeps `YYYY-MM-DD HH:MM:SS.SSS +00:00` text). */
const beijingDay = () =>
  dialect() === 'mysql' ? "DATE_FORMAT(DATE_ADD(paid_at, INTERVAL 8 HOUR), '%Y-%m-%d')" : "strftime('%Y-%m-%d', substr(paid_at, 1, 19), '+8 hours')";

async function salesSince(ctx: Ctx, where: Record<string, unknown>, since: Date): Promise<DaySalesRow[]> {
  const day = beijingDay();
  const rows = (await Order.findAll({
    where: { ...where, paidAt: { [Op.gte]: since } },
    attributes: [[literal(day), 'day'], [fn('COUNT', col('id')), 'orders'], [fn('SUM', col('paid_amount')), 'amount']],
    group: [literal(day) as never],
    raw: true,
    ...inTx(ctx),
  })) as unknown as Array<{ day: string; orders: number | string; amount: number | string | null }>;
  return rows.map((r) => ({ day: String(r.day), orders: Number(r.orders), amount: Number(r.amount ?? 0) }));
}

/** The shop's paid orders and paid amount per Beijing day since `since` (its (tenant_id, paid_at) index). */
export function shopSalesByDay(ctx: Ctx, since: Date): Promise<DaySalesRow[]> {
  return salesSince(ctx, { tenantId: requireTenantId(ctx) }, since);
}

/** Every shop's, for the platform's figures (the cross-tenant paid_at index). */
export function platformSalesByDay(ctx: Ctx, since: Date): Promise<DaySalesRow[]> {
  return acrossTenants('the platform dashboard sums every shop\'s paid orders', () => salesSince(ctx, {}, since));
}

/** The shop's paid orders and paid amount since `since`, per channel (online, counter). */
export async function shopSalesByChannel(ctx: Ctx, since: Date): Promise<Array<{ channel: OrderChannel; orders: number; amount: number }>> {
  const rows = (await Order.findAll({
    where: { tenantId: requireTenantId(ctx), paidAt: { [Op.gte]: since } },
    attributes: ['channel', [fn('COUNT', col('id')), 'orders'], [fn('SUM', col('paid_amount')), 'amount']],
    group: ['channel'],
    raw: true,
    ...inTx(ctx),
  })) as unknown as Array<{ channel: OrderChannel; orders: number | string; amount: number | string | null }>;
  return rows.map((r) => ({ channel: r.channel, orders: Number(r.orders), amount: Number(r.amount ?? 0) }));
}
