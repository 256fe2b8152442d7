/** Shipments: the parcels a fulfilment went out in, each naming the units it carried. */
import type { Ctx } from '../../../core/context.js';
import { requireTenantId } from '../../../core/context.js';
import { inTx } from '../../../core/db/index.js';
import { Shipment } from '../model.js';

export interface ShipmentRow {
  id: number;
  tenantId: number;
  fulfillmentId: number;
  orderId: number;
  carrier: string;
  trackingNo: string;
  items: Array<{ orderItemId: number; quantity: number }>;
  shippedAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

export const shipmentRow = (s: Shipment): ShipmentRow => s.get({ plain: true });

export async function insertShipment(ctx: Ctx, fields: Omit<ShipmentRow, 'id' | 'tenantId' | 'createdAt' | 'updatedAt'>): Promise<ShipmentRow> {
  return shipmentRow(await Shipment.create({ tenantId: requireTenantId(ctx), ...fields }, inTx(ctx)));
}

export async function shipmentsOfOrders(ctx: Ctx, orderIds: number[]): Promise<ShipmentRow[]> {
  return (await Shipment.findAll({ where: { tenantId: requireTenantId(ctx), orderId: orderIds }, order: [['id', 'ASC']], ...inTx(ctx) })).map(shipmentRow);
}
