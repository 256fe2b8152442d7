/**
 * An order's lines (`order_items`) and its fulfilments: plain rows in id order, the fulfilment's
 * row lock, and the writes of placement, shipping and refunds. The order's own row lock, taken
 * first by every writer of its lines, is orders.ts's `findOrder(ctx, id, true)`.
 */
import { Op, Transaction } from 'sequelize';
import type { Ctx } from '../../../core/context.js';
import { requireTenantId } from '../../../core/context.js';
import { inTx, insertRow, insertRows, tenantsOf } from '../../../core/db/index.js';
import { Fulfillment, OrderItem, type FulfillmentStatus } from '../model.js';

export type OwnerKind = 'supplier' | 'tenant';

export interface OrderItemRow {
  id: number;
  tenantId: number;
  orderId: number;
  fulfillmentId: number;
  listingId: number;
  listingSkuId: number;
  productId: number;
  skuId: number;
  ownerKind: OwnerKind;
  ownerId: number;
  title: string;
  specs: Record<string, string>;
  image: string | null;
  unitPrice: number;
  supplyPrice: number;
  quantity: number;
  subtotal: number;
  discount: number;
  paid: number;
  feeBps: number;
  shippedQuantity: number;
  refundedQuantity: number;
  refundedAmount: number;
  /** Held by refunds asked for and not yet paid out: no second refund and no shipment may take them. */
  refundingQuantity: number;
  refundingAmount: number;
  /** Of the refunded units, those that never shipped (and never will); `cancelling` while their refund is in flight. */
  cancelledQuantity: number;
  cancellingQuantity: number;
  reviewed: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface FulfillmentRow {
  id: number;
  tenantId: number;
  orderId: number;
  ownerKind: OwnerKind;
  ownerId: number;
  warehouseId: number;
  status: FulfillmentStatus;
  freightAmount: number;
  /** Freight given back (or held by a refund in flight): only a refund of everything before shipping returns it. */
  freightRefunded: number;
  shippedAt: Date | null;
  receivedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What shipping, refunds and reviews change on a line. */
export type OrderItemChanges = Partial<Pick<OrderItemRow, 'shippedQuantity' | 'refundedQuantity' | 'refundedAmount' | 'refundingQuantity' | 'refundingAmount' | 'cancelledQuantity' | 'cancellingQuantity' | 'reviewed'>>;
export type FulfillmentChanges = Partial<Pick<FulfillmentRow, 'status' | 'freightRefunded' | 'shippedAt' | 'receivedAt'>>;

/** Which of an order's fulfilments a write applies to: all, those in some statuses, or all but one status. */
export type FulfillmentSelection = { status?: FulfillmentStatus | FulfillmentStatus[]; statusNot?: FulfillmentStatus };

export const itemRow = (i: OrderItem): OrderItemRow => i.get({ plain: true });
export const fulfillmentRow = (f: Fulfillment): FulfillmentRow => f.get({ plain: true });
const byId = [['id', 'ASC']] as [[string, string]];

// ---- lines ----

export async function itemsOfOrder(ctx: Ctx, orderId: number): Promise<OrderItemRow[]> {
  return (await OrderItem.findAll({ where: { tenantId: requireTenantId(ctx), orderId }, order: byId, ...inTx(ctx) })).map(itemRow);
}

export async function itemsOfOrders(ctx: Ctx, orderIds: number[]): Promise<OrderItemRow[]> {
  return (await OrderItem.findAll({ where: { tenantId: requireTenantId(ctx), orderId: orderIds }, order: byId, ...inTx(ctx) })).map(itemRow);
}

export async function itemsOfFulfillment(ctx: Ctx, fulfillmentId: number): Promise<OrderItemRow[]> {
  return (await OrderItem.findAll({ where: { tenantId: requireTenantId(ctx), fulfillmentId }, order: byId, ...inTx(ctx) })).map(itemRow);
}

export async function findItem(ctx: Ctx, id: number): Promise<OrderItemRow | null> {
  const i = await OrderItem.findOne({ where: { tenantId: requireTenantId(ctx), id }, ...inTx(ctx) });
  return i ? itemRow(i) : null;
}

/** What an after-sales case shows of its order's lines. */
export type ItemDigestRow = Pick<OrderItemRow, 'id' | 'tenantId' | 'orderId' | 'title' | 'specs' | 'image' | 'unitPrice'>;

/** Lines of orders of several shops, each read with the tenants named (a cross-tenant queue's digests). */
export async function itemDigestRows(ctx: Ctx, refs: Array<{ tenantId: number; orderId: number }>): Promise<ItemDigestRow[]> {
  const ids = [...new Set(refs.map((r) => r.orderId))];
  const rows = await OrderItem.findAll({ where: { tenantId: tenantsOf(refs), orderId: ids }, attributes: ['id', 'tenantId', 'orderId', 'title', 'specs', 'image', 'unitPrice'], order: byId, ...inTx(ctx) });
  return rows.map((i) => ({ id: i.id, tenantId: i.tenantId, orderId: i.orderId, title: i.title, specs: i.specs, image: i.image, unitPrice: i.unitPrice }));
}

/** Inserts a placed order's lines in one statement (plain row path); their ids, in order. */
export async function insertItems(ctx: Ctx, rows: Array<Omit<OrderItemRow, 'id'>>): Promise<number[]> {
  return insertRows(ctx, OrderItem, rows);
}

export async function updateItem(ctx: Ctx, id: number, changes: OrderItemChanges): Promise<void> {
  await OrderItem.update(changes, { where: { tenantId: requireTenantId(ctx), id }, ...inTx(ctx) });
}

// ---- fulfilments ----

export async function fulfillmentsOfOrder(ctx: Ctx, orderId: number): Promise<FulfillmentRow[]> {
  return (await Fulfillment.findAll({ where: { tenantId: requireTenantId(ctx), orderId }, order: byId, ...inTx(ctx) })).map(fulfillmentRow);
}

export async function fulfillmentsOfOrders(ctx: Ctx, orderIds: number[]): Promise<FulfillmentRow[]> {
  return (await Fulfillment.findAll({ where: { tenantId: requireTenantId(ctx), orderId: orderIds }, order: byId, ...inTx(ctx) })).map(fulfillmentRow);
}

/** The fulfilment, or null; `lock` takes its row lock when ctx is in a transaction. */
export async function findFulfillment(ctx: Ctx, id: number, lock = false): Promise<FulfillmentRow | null> {
  const f = await Fulfillment.findOne({ where: { tenantId: requireTenantId(ctx), id }, lock: lock && ctx.transaction ? Transaction.LOCK.UPDATE : undefined, ...inTx(ctx) });
  return f ? fulfillmentRow(f) : null;
}

/** The order a fulfilment belongs to, read without a lock (to lock the order first). */
export async function orderIdOfFulfillment(ctx: Ctx, id: number): Promise<number | null> {
  const f = await Fulfillment.findOne({ where: { tenantId: requireTenantId(ctx), id }, attributes: ['orderId'], ...inTx(ctx) });
  return f?.orderId ?? null;
}

export async function warehouseOfFulfillment(ctx: Ctx, id: number): Promise<number | null> {
  const f = await Fulfillment.findOne({ where: { tenantId: requireTenantId(ctx), id }, attributes: ['warehouseId'], ...inTx(ctx) });
  return f?.warehouseId ?? null;
}

/** Inserts a placed order's fulfilment (plain row path); its id. */
export async function insertFulfillment(ctx: Ctx, row: Omit<FulfillmentRow, 'id'>): Promise<number> {
  return insertRow(ctx, Fulfillment, row);
}

export async function updateFulfillment(ctx: Ctx, id: number, changes: FulfillmentChanges): Promise<void> {
  await Fulfillment.update(changes, { where: { tenantId: requireTenantId(ctx), id }, ...inTx(ctx) });
}

/** Changes the order's fulfilments that are selected; `selection` empty: all of them. */
export async function updateFulfillmentsOfOrder(ctx: Ctx, orderId: number, changes: FulfillmentChanges, selection: FulfillmentSelection = {}): Promise<void> {
  const status = selection.statusNot !== undefined ? { status: { [Op.ne]: selection.statusNot } } : selection.status !== undefined ? { status: selection.status } : {};
  await Fulfillment.update(changes, { where: { tenantId: requireTenantId(ctx), orderId, ...status }, ...inTx(ctx) });
}
