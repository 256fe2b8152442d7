/**
 * The `orders` table, and the one hand-written read that joins an order's lines to it. Rows leave
 * as plain data (OrderRow); an order's status moves by a conditional update whose affected count
 * tells the caller whether it moved first. Every statement filters on the ctx's tenant, except the
 * digests a cross-tenant queue reads, which name each order's tenant.
 */
import { col, fn, literal, Op, Transaction, type WhereOptions } from 'sequelize';
import type { Ctx } from '../../../core/context.js';
import { requireTenantId } from '../../../core/context.js';
import { inTx, insertRow, paginate, tenantRows, tenantsOf, type PageQuery } from '../../../core/db/index.js';
import { Order, type AddressSnapshot, type AdjustmentSnapshot, type Delivery, type OrderChannel, type OrderStatus, type PickupKind } from '../model.js';

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
  pickupKind?: PickupKind | null;
  pickupPlaceId?: number | null;
  /** `online` unless sold at a store's counter. */
  channel?: OrderChannel;
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

/** The shop's orders with these ids, in id order (missing ones left out). */
export async function findOrders(ctx: Ctx, ids: number[]): Promise<OrderRow[]> {
  if (!ids.length) return [];
  return (await Order.findAll({ where: { tenantId: requireTenantId(ctx), id: [...new Set(ids)] }, order: [['id', 'ASC']], ...inTx(ctx) })).map(orderRow);
}

/** A shopper's newest orders (the (tenant_id, customer_id, id) index). */
export async function latestOrdersOf(ctx: Ctx, customerId: number, limit: number): Promise<OrderRow[]> {
  return (await Order.findAll({ where: { tenantId: requireTenantId(ctx), customerId }, order: [['id', 'DESC']], limit, ...inTx(ctx) })).map(orderRow);
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
  channel?: OrderChannel;
  orderNoPrefix?: string;
  /** Placed in [from, to). */
  from?: Date;
  to?: Date;
  /** Only these orders (a payment method's, found by payments). */
  ids?: number[];
  /** The shopper: one of these customers, or a recipient whose name or phone contains the text. */
  shopper?: { customerIds: number[]; text: string };
  /** An item whose title contains the text. */
  goods?: string;
}

/** `%text%`: a typed % or _ matches loosely, which is harmless in a search. */
const likeText = (text: string) => `%${text}%`;

function filterWhere(ctx: Ctx, filter: OrderFilter): WhereOptions<Order> {
  const tenantId = requireTenantId(ctx);
  const and: WhereOptions[] = [filter.accessible];
  if (filter.from || filter.to) and.push({ createdAt: { ...(filter.from ? { [Op.gte]: filter.from } : {}), ...(filter.to ? { [Op.lt]: filter.to } : {}) } });
  if (filter.ids) and.push({ id: filter.ids });
  if (filter.shopper) {
    and.push({ [Op.or]: [...(filter.shopper.customerIds.length ? [{ customerId: filter.shopper.customerIds }] : []), { address: { [Op.like]: likeText(filter.shopper.text) } }] });
  }
  if (filter.goods) {
    // the order's own lines (order_items, this module's table), by the shop's (tenant_id, order_id) index
    const escape = (v: string | number) => Order.sequelize!.escape(v);
    and.push({ id: { [Op.in]: literal(`(SELECT order_id FROM order_items WHERE tenant_id = ${escape(tenantId)} AND title LIKE ${escape(likeText(filter.goods))})`) } });
  }
  return {
    tenantId,
    [Op.and]: and,
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.channel ? { channel: filter.channel } : {}),
    ...(filter.orderNoPrefix ? { orderNo: { [Op.like]: `${filter.orderNoPrefix}%` } } : {}),
  };
}

/** A page of the shop's orders, newest first, with the total. */
export async function orderPage(ctx: Ctx, filter: OrderFilter, page: PageQuery): Promise<{ rows: OrderRow[]; count: number }> {
  const { rows, count } = await Order.findAndCountAll({ where: filterWhere(ctx, filter), order: [['id', 'DESC']], ...paginate(page), ...inTx(ctx) });
  return { rows: rows.map(orderRow), count };
}

/** How many orders each status holds under the filter (its status left out). */
export async function orderCountsByStatus(ctx: Ctx, filter: OrderFilter): Promise<Map<OrderStatus, number>> {
  const rows = (await Order.findAll({
    where: filterWhere(ctx, { ...filter, status: undefined }),
    attributes: ['status', [fn('COUNT', col('id')), 'n']],
    group: ['status'],
    raw: true,
    ...inTx(ctx),
  })) as unknown as Array<{ status: OrderStatus; n: number | string }>;
  return new Map(rows.map((r) => [r.status, Number(r.n)]));
}

/** The next `limit` orders under the filter with an id below `beforeId`, newest first (an export's pages). */
export async function ordersBefore(ctx: Ctx, filter: OrderFilter, beforeId: number, limit: number): Promise<OrderRow[]> {
  const where = filterWhere(ctx, filter);
  const rows = await Order.findAll({ where: { ...where, id: { [Op.lt]: beforeId } }, order: [['id', 'DESC']], limit, ...inTx(ctx) });
  return rows.map(orderRow);
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
