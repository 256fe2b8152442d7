import type { QueryInterface } from 'sequelize';
import { createTable, dropTables, integer, money, refColumn, text, timestamp } from '../server/src/core/db/schema.js';

/**
 * Flash sales (modules/flashsale): sessions with a window, their items (a listing SKU at a sale
 * price, a sale stock counted by `sold`, a per-shopper limit), what each shopper bought of an item
 * (the limit's guard in the database), and the orders placed through an item (released when an
 * unpaid one is cancelled, paid when paid: the figures). Paths: a shop's sessions by start; a
 * session's items; the running item of a SKU (placement) and the items of listings (product
 * pages); a shopper's count per item (unique); an order's flash row (unique); a session's orders.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await createTable(qi, 'flash_sales', {
    tenant: true,
    columns: { name: text(64), starts_at: timestamp(false), ends_at: timestamp(false) },
    indexes: [{ fields: ['tenant_id', 'ends_at'] }, { fields: ['tenant_id', 'starts_at'] }],
  });
  await createTable(qi, 'flash_sale_items', {
    tenant: true,
    columns: {
      sale_id: refColumn(qi),
      sku_id: refColumn(qi),
      listing_id: refColumn(qi),
      price: money(),
      stock: integer(),
      sold: integer(false, 0),
      per_shopper_limit: integer(),
    },
    indexes: [{ fields: ['tenant_id', 'sale_id'] }, { fields: ['tenant_id', 'sku_id'] }, { fields: ['tenant_id', 'listing_id'] }],
    foreignKeys: [{ fields: ['tenant_id', 'sale_id'], table: 'flash_sales', references: ['tenant_id', 'id'], onDelete: 'CASCADE' }],
  });
  await createTable(qi, 'flash_sale_buyers', {
    tenant: true,
    columns: { item_id: refColumn(qi), customer_id: refColumn(qi), bought: integer(false, 0) },
    indexes: [{ fields: ['tenant_id', 'item_id', 'customer_id'], unique: true }],
  });
  await createTable(qi, 'flash_sale_orders', {
    tenant: true,
    columns: {
      sale_id: refColumn(qi),
      item_id: refColumn(qi),
      customer_id: refColumn(qi),
      order_id: refColumn(qi),
      quantity: integer(),
      amount: money(),
      status: text(16),
    },
    indexes: [{ fields: ['tenant_id', 'order_id'], unique: true }, { fields: ['tenant_id', 'sale_id', 'status'] }],
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await dropTables(qi, 'flash_sale_orders', 'flash_sale_buyers', 'flash_sale_items', 'flash_sales');
}
