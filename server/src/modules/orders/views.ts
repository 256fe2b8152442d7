/** How orders look to shoppers, to the shop's staff and to the suppliers that ship them. */
import type { Ctx } from '../../core/context.js';
import type { OrderStatus } from './model.js';
import { fulfillmentsOfOrders, itemDigestRows, itemsOfOrders, type FulfillmentRow, type OrderItemRow } from './repository/lines.js';
import { orderDigestRows, type OrderRow } from './repository/orders.js';
import { shipmentsOfOrders, type ShipmentRow } from './repository/shipments.js';
import type { PlacedOrder } from './place.js';
import type { Adjustment, Quote } from './quote.js';

export interface OrderItemView {
  id: number;
  productId: number;
  skuId: number;
  title: string;
  specs: Record<string, string>;
  image: string | null;
  unitPrice: number;
  quantity: number;
  subtotal: number;
  discount: number;
  paid: number;
  shippedQuantity: number;
  refundedQuantity: number;
  refundedAmount: number;
  /** Held by refunds still on their way to the shopper. */
  refundingQuantity: number;
  refundingAmount: number;
  /** Refunded before they shipped: they never will. */
  cancelledQuantity: number;
  reviewed: boolean;
}

export interface FulfillmentView {
  id: number;
  status: string;
  owner: 'supplier' | 'shop';
  freightAmount: number;
  carrier: string | null;
  trackingNo: string | null;
  shipments: Array<{ id: number; carrier: string; trackingNo: string; shippedAt: string; items: Array<{ orderItemId: number; quantity: number }> }>;
  itemIds: number[];
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function itemView(i: OrderItemRow): OrderItemView {
  return {
    id: i.id,
    productId: i.listingId,
    skuId: i.listingSkuId,
    title: i.title,
    specs: i.specs,
    image: i.image,
    unitPrice: i.unitPrice,
    quantity: i.quantity,
    subtotal: i.subtotal,
    discount: i.discount,
    paid: i.paid,
    shippedQuantity: i.shippedQuantity,
    refundedQuantity: i.refundedQuantity,
    refundedAmount: i.refundedAmount,
    refundingQuantity: i.refundingQuantity ?? 0,
    refundingAmount: Number(i.refundingAmount ?? 0),
    cancelledQuantity: i.cancelledQuantity ?? 0,
    reviewed: i.reviewed,
  };
}

export function orderView(o: OrderRow, items: OrderItemRow[], fulfillments: FulfillmentRow[], shipments: ShipmentRow[], audience: 'shopper' | 'staff') {
  return {
    id: o.id,
    orderNo: o.orderNo,
    status: o.status,
    delivery: o.delivery,
    ...(audience === 'staff' ? { customerId: o.customerId } : {}),
    goodsAmount: o.goodsAmount,
    freightAmount: o.freightAmount,
    discountAmount: o.discountAmount,
    totalAmount: o.goodsAmount + o.freightAmount,
    payAmount: o.payAmount,
    paidAmount: o.paidAmount,
    refundedAmount: o.refundedAmount,
    adjustments: o.adjustments,
    discounts: discountsOf(o.adjustments),
    address: o.address,
    remark: o.remark,
    ...(audience === 'shopper' && o.pickupCode ? { pickupCode: o.pickupCode } : {}),
    pickupKind: o.pickupKind ?? null,
    pickupPlaceId: o.pickupPlaceId ?? null,
    channel: o.channel ?? 'online',
    expiresAt: o.expiresAt.toISOString(),
    paidAt: iso(o.paidAt),
    shippedAt: iso(o.shippedAt),
    receivedAt: iso(o.receivedAt),
    completedAt: iso(o.completedAt),
    cancelledAt: iso(o.cancelledAt),
    cancelReason: o.cancelReason,
    createdAt: o.createdAt.toISOString(),
    items: items.map(itemView),
    fulfillments: fulfillments.map((f): FulfillmentView => {
      const own = shipments.filter((s) => s.fulfillmentId === f.id);
      const last = own[own.length - 1];
      return {
        id: f.id,
        status: f.status,
        owner: f.ownerKind === 'tenant' && f.ownerId === o.tenantId ? 'shop' : 'supplier',
        freightAmount: f.freightAmount,
        carrier: last?.carrier ?? null,
        trackingNo: last?.trackingNo ?? null,
        shipments: own.map((s) => ({ id: s.id, carrier: s.carrier, trackingNo: s.trackingNo, shippedAt: s.shippedAt.toISOString(), items: s.items })),
        itemIds: items.filter((i) => i.fulfillmentId === f.id).map((i) => i.id),
      };
    }),
  };
}

export type OrderView = ReturnType<typeof orderView>;

/** A new order as its shopper sees it, from what placing it wrote (nothing shipped yet). */
export function placedView(p: PlacedOrder): OrderView {
  return orderView(p.order, p.items, p.fulfillments, [], 'shopper');
}

/** Full views of several orders in four statements, whatever their number. */
export async function orderViews(ctx: Ctx, orders: OrderRow[], audience: 'shopper' | 'staff'): Promise<OrderView[]> {
  if (!orders.length) return [];
  const ids = orders.map((o) => o.id);
  const [items, fulfillments, shipments] = await Promise.all([itemsOfOrders(ctx, ids), fulfillmentsOfOrders(ctx, ids), shipmentsOfOrders(ctx, ids)]);
  return orders.map((o) =>
    orderView(
      o,
      items.filter((i) => i.orderId === o.id),
      fulfillments.filter((f) => f.orderId === o.id),
      shipments.filter((s) => s.orderId === o.id),
      audience,
    ),
  );
}

/** API.md's `discounts`: each saving by its kind and label. */
export function discountsOf(adjustments: readonly Adjustment[]): Array<{ kind: string; label: string; amount: number }> {
  return adjustments.map((a) => ({ kind: a.type, label: a.label, amount: a.amount }));
}

export function quoteView(q: Quote) {
  return {
    lines: q.lines.map((l) => ({ skuId: l.offer.listingSkuId, productId: l.offer.listingId, title: l.offer.title, image: l.offer.image, specs: l.offer.specs, unitPrice: l.offer.price, quantity: l.quantity, subtotal: l.subtotal, discount: l.discount })),
    shipments: q.groups.map((g) => ({ owner: g.ownerKind, warehouseId: g.warehouseId, freight: g.freight, items: g.parts.map((p) => ({ skuId: q.lines[p.lineIndex]!.offer.listingSkuId, quantity: p.quantity })) })),
    adjustments: q.adjustments,
    discounts: discountsOf(q.adjustments),
    goodsAmount: q.goodsAmount,
    freightAmount: q.freightAmount,
    discountAmount: q.discountAmount,
    savings: q.discountAmount,
    totalAmount: q.goodsAmount + q.freightAmount,
    payAmount: q.payAmount,
    addressNeeded: q.addressNeeded,
  };
}

/** What an after-sales case shows of its order: the number, where it stands, and its lines' titles. */
export interface OrderDigest {
  orderNo: string;
  status: OrderStatus;
  payAmount: number;
  refundedAmount: number;
  lines: Map<number, { title: string; specs: Record<string, string>; image: string | null; unitPrice: number }>;
}

/**
 * Digests of several orders by id. The orders may belong to several shops (a supplier's or the
 * platform's after-sales queue, read across tenants): each names its tenant, and only that
 * tenant's order and lines count.
 */
export async function orderDigests(ctx: Ctx, refs: Array<{ tenantId: number; orderId: number }>): Promise<Map<number, OrderDigest>> {
  const digests = new Map<number, OrderDigest>();
  if (!refs.length) return digests;
  const [orders, items] = await Promise.all([orderDigestRows(ctx, refs), itemDigestRows(ctx, refs)]);
  for (const o of orders) {
    if (!refs.some((r) => r.orderId === o.id && r.tenantId === o.tenantId)) continue;
    const lines = items.filter((i) => i.orderId === o.id && i.tenantId === o.tenantId).map((i) => [i.id, { title: i.title, specs: i.specs, image: i.image, unitPrice: i.unitPrice }] as const);
    digests.set(o.id, { orderNo: o.orderNo, status: o.status, payAmount: o.payAmount, refundedAmount: o.refundedAmount, lines: new Map(lines) });
  }
  return digests;
}
