/**
 * An owner's shipping queue spans every shop that sells its goods: a supplier's across the market,
 * a brand owner's across its distributors (and its own shop). Paid fulfilments only: unpaid ones
 * are invisible. Read across tenants; each ship action then runs inside the fulfilment's tenant.
 */
import { Op } from 'sequelize';
import type { Ctx } from '../../core/context.js';
import { inTenant } from '../../core/context.js';
import { acrossTenants, pageOf, paginate, tenantsOf, type Page, type PageQuery } from '../../core/db/index.js';
import { notFound } from '../../core/errors.js';
import { tenantRef } from '../tenants/index.js';
import { toShip } from './refunds.js';
import { shipFulfillment, type ShipInput } from './lifecycle.js';
import { Fulfillment, Order, OrderItem, Shipment, type FulfillmentStatus } from './model.js';

export interface OwnerFulfillmentView {
  id: number;
  tenantId: number;
  orderNo: string;
  status: FulfillmentStatus;
  warehouseId: number;
  freightAmount: number;
  address: Order['address'];
  remark: string | null;
  paidAt: string | null;
  items: Array<{ id: number; title: string; specs: Record<string, string>; quantity: number; shippedQuantity: number; refundedQuantity: number; refundingQuantity: number; toShip: number; supplyPrice: number }>;
  shipments: Array<{ carrier: string; trackingNo: string; shippedAt: string }>;
}

const REASON = 'orders: an owner ships its goods for every shop that sells them';

export interface GoodsOwner {
  kind: 'supplier' | 'tenant';
  id: number;
}

export async function ownerFulfillments(ctx: Ctx, owner: GoodsOwner, q: PageQuery & { status?: FulfillmentStatus }): Promise<Page<OwnerFulfillmentView>> {
  return acrossTenants(REASON, async () => {
    const where = { ownerKind: owner.kind, ownerId: owner.id, status: q.status && q.status !== 'pending' ? q.status : { [Op.ne]: 'pending' } };
    const { rows, count } = await Fulfillment.findAndCountAll({ where, order: [['id', 'DESC']], ...paginate(q) });
    if (!rows.length) return pageOf(q, [], count);
    // lines and shipments are indexed by (tenant_id, fulfillment_id): name the page's shops too,
    // or each read scans every shop's lines
    const byFulfillment = { tenantId: tenantsOf(rows), fulfillmentId: rows.map((f) => f.id) };
    const [items, orders, shipments] = await Promise.all([
      OrderItem.findAll({ where: byFulfillment, order: [['id', 'ASC']] }),
      Order.findAll({ where: { tenantId: tenantsOf(rows), id: [...new Set(rows.map((f) => f.orderId))] } }),
      Shipment.findAll({ where: byFulfillment, order: [['id', 'ASC']] }),
    ]);
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
  });
}

export async function ownerShip(ctx: Ctx, owner: GoodsOwner, fulfillmentId: number, input: ShipInput) {
  const found = await acrossTenants(REASON, () => Fulfillment.findOne({ where: { id: fulfillmentId, ownerKind: owner.kind, ownerId: owner.id }, attributes: ['id', 'tenantId', 'status'], raw: true }));
  if (!found || found.status === 'pending') throw notFound('Fulfillment');
  const tenant = await tenantRef(ctx, found.tenantId);
  const { fulfillment } = await inTenant(ctx, tenant, (tc) => shipFulfillment(tc, fulfillmentId, input, owner));
  return { id: fulfillment.id, status: fulfillment.status };
}
