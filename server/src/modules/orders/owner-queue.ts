/**
 * An owner's shipping queue spans every shop that sells its goods: a supplier's across the market,
 * a brand owner's across its distributors (and its own shop). Paid fulfilments only: unpaid ones
 * are invisible. Read across tenants; each ship action then runs inside the fulfilment's tenant.
 */
import type { Ctx } from '../../core/context.js';
import { inTenant } from '../../core/context.js';
import { pageOf, type Page, type PageQuery } from '../../core/db/index.js';
import { notFound } from '../../core/errors.js';
import { tenantRef } from '../tenants/index.js';
import { toShip } from './refunds.js';
import { shipFulfillment, type ShipInput } from './lifecycle.js';
import type { AddressSnapshot, FulfillmentStatus } from './model.js';
import { ownerFulfillmentDetails, ownerFulfillmentPage, ownerFulfillmentRef, type GoodsOwner } from './repository/owner-queue.js';

export type { GoodsOwner };

export interface OwnerFulfillmentView {
  id: number;
  tenantId: number;
  orderNo: string;
  status: FulfillmentStatus;
  warehouseId: number;
  freightAmount: number;
  address: AddressSnapshot | null;
  remark: string | null;
  paidAt: string | null;
  items: Array<{ id: number; title: string; specs: Record<string, string>; quantity: number; shippedQuantity: number; refundedQuantity: number; refundingQuantity: number; toShip: number; supplyPrice: number }>;
  shipments: Array<{ carrier: string; trackingNo: string; shippedAt: string }>;
}

export async function ownerFulfillments(ctx: Ctx, owner: GoodsOwner, q: PageQuery & { status?: FulfillmentStatus }): Promise<Page<OwnerFulfillmentView>> {
  // unpaid fulfilments are invisible to owners
  const { rows, count } = await ownerFulfillmentPage(owner, q.status && q.status !== 'pending' ? { status: q.status } : { statusNot: 'pending' }, q);
  if (!rows.length) return pageOf(q, [], count);
  const { items, orders, shipments } = await ownerFulfillmentDetails(rows);
  return pageOf(
    q,
    rows.map((f) => {
      const order = orders.find((o) => o.id === f.orderId);
      return {
        id: f.id,
        tenantId: f.tenantId,
        orderNo: order?.orderNo ?? '',
        status: f.status,
        warehouseId: f.warehouseId,
        freightAmount: f.freightAmount,
        address: order?.address ?? null,
        remark: order?.remark ?? null,
        paidAt: order?.paidAt ? order.paidAt.toISOString() : null,
        items: items.filter((i) => i.fulfillmentId === f.id).map((i) => ({ id: i.id, title: i.title, specs: i.specs, quantity: i.quantity, shippedQuantity: i.shippedQuantity, refundedQuantity: i.refundedQuantity, refundingQuantity: i.refundingQuantity, toShip: Math.max(0, toShip(i)), supplyPrice: i.supplyPrice })),
        shipments: shipments.filter((s) => s.fulfillmentId === f.id).map((s) => ({ carrier: s.carrier, trackingNo: s.trackingNo, shippedAt: s.shippedAt.toISOString() })),
      };
    }),
    count,
  );
}

export async function ownerShip(ctx: Ctx, owner: GoodsOwner, fulfillmentId: number, input: ShipInput) {
  const found = await ownerFulfillmentRef(owner, fulfillmentId);
  if (!found || found.status === 'pending') throw notFound('Fulfillment');
  const tenant = await tenantRef(ctx, found.tenantId);
  const { fulfillment } = await inTenant(ctx, tenant, (tc) => shipFulfillment(tc, fulfillmentId, input, owner));
  return { id: fulfillment.id, status: fulfillment.status };
}
