/**
 * An owner's shipping queue across every shop that sells its goods (a supplier's across the
 * market, a brand owner's across its distributors): the only cross-tenant reads of orders. The
 * rows hanging off a page of fulfilments are read by (tenant_id, ...) with every shop named, so
 * MariaDB uses the tenant-first indexes rather than scanning every shop's lines.
 */
import { Op } from 'sequelize';
import { acrossTenants, paginate, tenantsOf, type PageQuery } from '../../../core/db/index.js';
import { Fulfillment, Order, OrderItem, Shipment, type FulfillmentStatus } from '../model.js';
import { fulfillmentRow, itemRow, type FulfillmentRow, type OrderItemRow, type OwnerKind } from './lines.js';
import { orderRow, type OrderRow } from './orders.js';
import { shipmentRow, type ShipmentRow } from './shipments.js';

const REASON = 'orders: an owner ships its goods for every shop that sells them';

export interface GoodsOwner {
  kind: OwnerKind;
  id: number;
}

/** A page of the owner's fulfilments in every shop, newest first, with the total; `status` or every status but `statusNot`. */
export async function ownerFulfillmentPage(owner: GoodsOwner, filter: { status: FulfillmentStatus } | { statusNot: FulfillmentStatus }, page: PageQuery): Promise<{ rows: FulfillmentRow[]; count: number }> {
  const status = 'status' in filter ? filter.status : { [Op.ne]: filter.statusNot };
  return acrossTenants(REASON, async () => {
    const { rows, count } = await Fulfillment.findAndCountAll({ where: { ownerKind: owner.kind, ownerId: owner.id, status }, order: [['id', 'DESC']], ...paginate(page) });
    return { rows: rows.map(fulfillmentRow), count };
  });
}

/** What a page of fulfilments shows besides themselves: their lines, orders and shipments. */
export async function ownerFulfillmentDetails(fulfillments: FulfillmentRow[]): Promise<{ items: OrderItemRow[]; orders: OrderRow[]; shipments: ShipmentRow[] }> {
  if (!fulfillments.length) return { items: [], orders: [], shipments: [] };
  const byFulfillment = { tenantId: tenantsOf(fulfillments), fulfillmentId: fulfillments.map((f) => f.id) };
  return acrossTenants(REASON, async () => {
    const [items, orders, shipments] = await Promise.all([
      OrderItem.findAll({ where: byFulfillment, order: [['id', 'ASC']] }),
      Order.findAll({ where: { tenantId: tenantsOf(fulfillments), id: [...new Set(fulfillments.map((f) => f.orderId))] } }),
      Shipment.findAll({ where: byFulfillment, order: [['id', 'ASC']] }),
    ]);
    return { items: items.map(itemRow), orders: orders.map(orderRow), shipments: shipments.map(shipmentRow) };
  });
}

/** The owner's fulfilment in whichever shop it is: its id, shop and status. */
export async function ownerFulfillmentRef(owner: GoodsOwner, id: number): Promise<Pick<FulfillmentRow, 'id' | 'tenantId' | 'status'> | null> {
  const f = await acrossTenants(REASON, () => Fulfillment.findOne({ where: { id, ownerKind: owner.kind, ownerId: owner.id }, attributes: ['id', 'tenantId', 'status'], raw: true }));
  return f ? { id: f.id, tenantId: f.tenantId, status: f.status } : null;
}
