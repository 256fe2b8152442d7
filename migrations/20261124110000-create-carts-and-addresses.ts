import type { QueryInterface } from 'sequelize';
import { bool, createTable, dropTables, integer, refColumn, text } from '../server/src/core/db/schema.js';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await createTable(qi, 'addresses', {
    tenant: true,
    columns: {
      customer_id: refColumn(qi),
      name: text(32),
      phone: text(20),
      province: text(32),
      city: text(32),
      district: text(32),
      detail: text(255),
      is_default: bool(),
    },
    indexes: [{ fields: ['tenant_id', 'customer_id'] }],
    foreignKeys: [{ fields: ['tenant_id', 'customer_id'], table: 'customers', references: ['tenant_id', 'id'], onDelete: 'CASCADE' }],
  });
  await createTable(qi, 'cart_items', {
    tenant: true,
    columns: { customer_id: refColumn(qi), listing_sku_id: refColumn(qi), quantity: integer(), selected: bool(true) },
    indexes: [{ fields: ['tenant_id', 'customer_id', 'listing_sku_id'], unique: true }],
    foreignKeys: [
      { fields: ['tenant_id', 'customer_id'], table: 'customers', references: ['tenant_id', 'id'], onDelete: 'CASCADE' },
      { fields: ['tenant_id', 'listing_sku_id'], table: 'listing_skus', references: ['tenant_id', 'id'], onDelete: 'CASCADE' },
    ],
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await dropTables(qi, 'cart_items', 'addresses');
}
