import type { QueryInterface } from 'sequelize';
import { createTable, dropTables, integer, longText, money, refColumn, text, timestamp } from '../server/src/core/db/schema.js';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await createTable(qi, 'aftersales', {
    tenant: true,
    columns: {
      order_id: refColumn(qi),
      customer_id: refColumn(qi),
      type: text(16),
      status: text(16),
      reason: text(255),
      amount: money(),
      refunded_amount: money(),
      refuse_reason: text(255, true),
      return_address: longText(),
      return_carrier: text(32, true),
      return_tracking_no: text(64, true),
      arbitration: longText(),
      decided_by: text(32, true),
      escalated_at: timestamp(),
      closed_at: timestamp(),
    },
    indexes: [
      { fields: ['tenant_id', 'order_id'] },
      { fields: ['tenant_id', 'status', 'id'] },
      // the platform's arbitration queue spans every shop
      { fields: ['status', 'escalated_at'], crossTenant: true },
    ],
    foreignKeys: [{ fields: ['tenant_id', 'order_id'], table: 'orders', references: ['tenant_id', 'id'] }],
  });
  await createTable(qi, 'aftersale_items', {
    tenant: true,
    columns: { aftersale_id: refColumn(qi), order_item_id: refColumn(qi), quantity: integer(), amount: money() },
    indexes: [{ fields: ['tenant_id', 'aftersale_id'] }, { fields: ['tenant_id', 'order_item_id'] }],
    foreignKeys: [
      { fields: ['tenant_id', 'aftersale_id'], table: 'aftersales', references: ['tenant_id', 'id'], onDelete: 'CASCADE' },
      { fields: ['tenant_id', 'order_item_id'], table: 'order_items', references: ['tenant_id', 'id'] },
    ],
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await dropTables(qi, 'aftersale_items', 'aftersales');
}
