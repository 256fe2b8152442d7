import type { QueryInterface } from 'sequelize';
import { bool, createTable, dropTables, integer, longText, money, refColumn, text, timestamp } from '../server/src/core/db/schema.js';

/**
 * Orders, their lines (snapshots of what was bought, at what price), fulfilments (one per owner
 * and warehouse), shipments (partial shipping), parcels (tracking, platform-level: a parcel is
 * the same parcel whichever shop it carries) and the status history.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await createTable(qi, 'orders', {
    tenant: true,
    columns: {
      order_no: text(32),
      customer_id: refColumn(qi),
      status: text(20),
      delivery: text(16),
      goods_amount: money(),
      freight_amount: money(),
      discount_amount: money(),
      pay_amount: money(),
      paid_amount: money(),
      refunded_amount: money(),
      adjustments: longText(false),
      address: longText(),
      remark: text(200, true),
      pickup_code: text(16, true),
      expires_at: timestamp(false),
      paid_at: timestamp(),
      shipped_at: timestamp(),
      received_at: timestamp(),
      completed_at: timestamp(),
      cancelled_at: timestamp(),
      cancel_reason: text(64, true),
      settled: bool(),
    },
    indexes: [
      { fields: ['tenant_id', 'order_no'], unique: true },
      { fields: ['tenant_id', 'customer_id', 'id'] },
      { fields: ['tenant_id', 'status', 'id'] },
    ],
    foreignKeys: [{ fields: ['tenant_id', 'customer_id'], table: 'customers', references: ['tenant_id', 'id'] }],
  });
  await createTable(qi, 'fulfillments', {
    tenant: true,
    columns: {
      order_id: refColumn(qi),
      owner_kind: text(16),
      owner_id: refColumn(qi),
      warehouse_id: refColumn(qi),
      status: text(20),
      freight_amount: money(),
      shipped_at: timestamp(),
      received_at: timestamp(),
    },
    indexes: [
      { fields: ['tenant_id', 'order_id'] },
      // a supplier's shipping queue spans every shop it supplies
      { fields: ['owner_kind', 'owner_id', 'status', 'id'], crossTenant: true },
    ],
    foreignKeys: [{ fields: ['tenant_id', 'order_id'], table: 'orders', references: ['tenant_id', 'id'], onDelete: 'CASCADE' }],
  });
  await createTable(qi, 'order_items', {
    tenant: true,
    columns: {
      order_id: refColumn(qi),
      fulfillment_id: refColumn(qi),
      listing_id: refColumn(qi),
      listing_sku_id: refColumn(qi),
      product_id: refColumn(qi),
      sku_id: refColumn(qi),
      owner_kind: text(16),
      owner_id: refColumn(qi),
      title: text(120),
      specs: longText(false),
      image: text(512, true),
      unit_price: money(),
      supply_price: money(),
      quantity: integer(),
      subtotal: money(),
      discount: money(),
      paid: money(),
      fee_bps: integer(false, 0),
      shipped_quantity: integer(false, 0),
      refunded_quantity: integer(false, 0),
      refunded_amount: money(),
      reviewed: bool(),
    },
    indexes: [{ fields: ['tenant_id', 'order_id'] }, { fields: ['tenant_id', 'fulfillment_id'] }],
    foreignKeys: [
      { fields: ['tenant_id', 'order_id'], table: 'orders', references: ['tenant_id', 'id'], onDelete: 'CASCADE' },
      { fields: ['tenant_id', 'fulfillment_id'], table: 'fulfillments', references: ['tenant_id', 'id'] },
    ],
  });
  await createTable(qi, 'shipments', {
    tenant: true,
    columns: { fulfillment_id: refColumn(qi), order_id: refColumn(qi), carrier: text(32), tracking_no: text(64), items: longText(false), shipped_at: timestamp(false) },
    indexes: [{ fields: ['tenant_id', 'fulfillment_id'] }, { fields: ['tenant_id', 'order_id'] }],
    foreignKeys: [{ fields: ['tenant_id', 'fulfillment_id'], table: 'fulfillments', references: ['tenant_id', 'id'] }],
  });
  await createTable(qi, 'parcels', {
    tenant: false,
    columns: { carrier: text(32), tracking_no: text(64), state: text(20), events: longText(false), subscribed: bool(), last_tracked_at: timestamp() },
    indexes: [{ fields: ['carrier', 'tracking_no'], unique: true }],
  });
  await createTable(qi, 'order_history', {
    tenant: true,
    updatedAt: false,
    columns: { order_id: refColumn(qi), from_status: text(20, true), to_status: text(20), actor_kind: text(16), actor_id: refColumn(qi, true), note: text(255, true) },
    indexes: [{ fields: ['tenant_id', 'order_id', 'id'] }],
    foreignKeys: [{ fields: ['tenant_id', 'order_id'], table: 'orders', references: ['tenant_id', 'id'], onDelete: 'CASCADE' }],
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await dropTables(qi, 'order_history', 'parcels', 'shipments', 'order_items', 'fulfillments', 'orders');
}
