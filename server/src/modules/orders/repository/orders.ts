/**
 * The `orders` table, and the one hand-written read that joins an order's lines to it. Rows leave
 * as plain data (OrderRow); an order's status moves by a conditional update whose affected count
 * tells the caller whether it moved first. Every statement filters on the ctx's tenant, except the
 * digests a cross-tenant queue reads, which name each order's tenant.
 */
import { Op, Transaction, type WhereOptions } from 'sequelize';
import type { Ctx } from '../../../core/context.js';
import { requireTenantId } from '../../../core/context.js';
import { inTx, insertRow, paginate, tenantRows, tenantsOf, type PageQuery } from '../../../core/db/index.js';
import { Order, type AddressSnapshot, type AdjustmentSnapshot, type Delivery, type OrderStatus } from '../model.js';

export interface OrderRow {
  id: number;
  tenantId: number;
  orderNo: string;
  customerId: number;
  status: OrderStatus;
  delivery: Delivery;
  goodsAmount: number;
  freightAmount: number;
  discountAmount: number;
  payAmount: number;
  paidAmount: number;
  refundedAmount: number;
  adjustments: AdjustmentSnapshot[];
  address: AddressSnapshot | null;
  remark: string | null;
  pickupCode: string | null;
  expiresAt: Date;
  paidAt: Date | null;
  shippedAt: Date | null;
  receivedAt: Date | null;
  completedAt: Date | null;
  cancelledAt: Date | null;
  cancelReason: string | null;
  settled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type OrderChanges = Partial<Omit<OrderRow, 'id' | 'tenantId' | 'orderNo' | 'customerId' | 'createdAt' | 'updatedAt'>>;

/** What an after-sales case shows of its order. */
export type OrderDigestRow = Pick<OrderRow, 'id' | 'tenantId' | 'orderNo' | 'status' | 'payAmount' | 'refundedAmount'>;

/** An instance's values through the column getters (core/db columns): money as numbers, JSON parsed. */
export const orderRow = (o: Order): OrderRow => o.get({ plain: true });

/** The order, or null; `lock` takes its row lock (SELECT ... FOR UPDATE) when ctx is in a transaction. */
export async function findOrder(ctx: Ctx, id: number, lock = false): Promise<OrderRow | null> {
  const o = await Order.findOne({ where: { tenantId: requireTenantId(ctx), id }, ...(lock && ctx.transaction ? { lock: Transaction.LOCK.UPDATE } : {}), ...inTx(ctx) });
  return o ? orderRow(o) : null;
}

/** The pickup order with this code, whatever its status (the newest, should two ever share a code). */
export async function findOrderByPickupCode(ctx: Ctx, code: string): Promise<OrderRow | null> {
  const o = await Order.findOne({ where: { tenantId: requireTenantId(ctx), pickupCode: code, delivery: 'pickup' }, order: [['id', 'DESC']], ...inTx(ctx) });
  return o ? orderRow(o) : null;
}

export interface OrderFilter {
  /** The actor's ability as a where clause (core/permissions accessibleWhere). */
  accessible: WhereOptions;
  status?: OrderStatus;
  orderNoPrefix?: string;
}

/** A page of the shop's orders, newest first, with the total. */
export async function orderPage(ctx: Ctx, filter: OrderFilter, page: PageQuery): Promise<{ rows: OrderRow[]; count: number }> {
  const where = {
    tenantId: requireTenantId(ctx),
    [Op.and]: [filter.accessible],
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.orderNoPrefix ? { orderNo: { [Op.like]: `${filter.orderNoPrefix}%` } } : {}),
  };
  const { rows, count } = await Order.findAndCountAll({ where, order: [['id', 'DESC']], ...paginate(page), ...inTx(ctx) });
  return { rows: rows.map(orderRow), count };
}

/** Inserts a placed order (plain row path); a taken order number is refused by the unique key (UniqueConstraintError). */
export async function insertOrder(ctx: Ctx, row: Omit<OrderRow, 'id'>): Promise<number> {
  return insertRow(ctx, Order, row);
}

export async function updateOrder(ctx: Ctx, id: number, changes: OrderChanges): Promise<void> {
  await Order.update(changes, { where: { tenantId: requireTenantId(ctx), id }, ...inTx(ctx) });
}

/** Moves the order's status only if it still is `from`; the number of rows moved (0: another move came first). */
export async function moveOrderStatus(ctx: Ctx, id: number, from: OrderStatus, changes: OrderChanges & { status: OrderStatus }): Promise<number> {
  const [changed] = await Order.update(changes, { where: { tenantId: requireTenantId(ctx), id, status: from }, ...inTx(ctx) });
  return changed;
}

/** Orders of several shops by id, each read with the tenants named (a cross-tenant queue's digests). */
export async function orderDigestRows(ctx: Ctx, refs: Array<{ tenantId: number; orderId: number }>): Promise<OrderDigestRow[]> {
  const ids = [...new Set(refs.map((r) => r.orderId))];
  const rows = await Order.findAll({ where: { tenantId: tenantsOf(refs), id: ids }, attributes: ['id', 'tenantId', 'orderNo', 'status', 'payAmount', 'refundedAmount'], ...inTx(ctx) });
  return rows.map((o) => ({ id: o.id, tenantId: o.tenantId, orderNo: o.orderNo, status: o.status, payAmount: o.payAmount, refundedAmount: o.refundedAmount }));
}

/** The number of one order in these statuses that bought the listing, if any. */
export async function orderNoWithListing(ctx: Ctx, listingId: number, statuses: OrderStatus[]): Promise<string | null> {
  // order_items (tenant_id, listing_id), then each order by its key
  const [open] = await tenantRows<{ orderNo: string }>(
    ctx,
    `SELECT o.order_no AS orderNo FROM order_items i JOIN orders o ON o.tenant_id = i.tenant_id AND o.id = i.order_id
      WHERE i.tenant_id = :tenantId AND i.listing_id = :listingId AND o.status IN (:unfinished) LIMIT 1`,
    { listingId, unfinished: statuses },
  );
  return open?.orderNo ?? null;
}
