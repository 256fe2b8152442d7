import type { QueryInterface } from 'sequelize';
import { DataTypes } from 'sequelize';
import { createTable, dropTables, integer, longText, refColumn, text, timestamp } from '../server/src/core/db/schema.js';

const coordinate = () => ({ type: DataTypes.DOUBLE, allowNull: true });

/**
 * 社区团购 (modules/community): leaders (a shopper of the shop, once per shop) with their one
 * pickup point (address, hours, position; its id is the leader's), the shop's activities (a
 * window closing at the cut-off, a delivery date, a price per listing SKU), each order placed
 * through one (unique per order: the point it is picked up at, the batch it left in), and the
 * batches: one per activity and point (unique), shipped then arrived.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await createTable(qi, 'community_leaders', {
    tenant: true,
    columns: {
      customer_id: refColumn(qi),
      name: text(32),
      phone: text(20),
      status: text(16),
      point_name: text(64),
      province: text(32),
      city: text(32),
      district: text(32),
      detail: text(255),
      hours: text(64),
      lat: coordinate(),
      lng: coordinate(),
      reject_reason: text(200, true),
      reviewed_at: timestamp(),
    },
    indexes: [
      { fields: ['tenant_id', 'customer_id'], unique: true },
      { fields: ['tenant_id', 'status'] },
    ],
  });
  await createTable(qi, 'community_activities', {
    tenant: true,
    columns: {
      name: text(64),
      starts_at: timestamp(false),
      cutoff_at: timestamp(false),
      deliver_at: timestamp(false),
      items: longText(false),
    },
    indexes: [{ fields: ['tenant_id', 'cutoff_at'] }],
  });
  await createTable(qi, 'community_orders', {
    tenant: true,
    columns: {
      activity_id: refColumn(qi),
      point_id: refColumn(qi),
      order_id: refColumn(qi),
      customer_id: refColumn(qi),
      batch_id: refColumn(qi, true),
    },
    indexes: [
      { fields: ['tenant_id', 'order_id'], unique: true },
      { fields: ['tenant_id', 'activity_id', 'point_id'] },
      { fields: ['tenant_id', 'point_id'] },
    ],
  });
  await createTable(qi, 'community_batches', {
    tenant: true,
    columns: {
      activity_id: refColumn(qi),
      point_id: refColumn(qi),
      status: text(16),
      order_count: integer(false, 0),
      shipped_at: timestamp(false),
      arrived_at: timestamp(),
    },
    indexes: [
      { fields: ['tenant_id', 'activity_id', 'point_id'], unique: true },
      { fields: ['tenant_id', 'point_id'] },
    ],
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await dropTables(qi, 'community_batches', 'community_orders', 'community_activities', 'community_leaders');
}
