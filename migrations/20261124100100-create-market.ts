import type { QueryInterface } from 'sequelize';
import { createTable, dropTables, integer, money, refColumn, text } from '../server/src/core/db/schema.js';

/**
 * What each shop sells: store categories, listings (a tenant's offer of one product, from the
 * supplier market, its own goods or its brand owner's range) and listing SKUs with the shop's price.
 * Title, image, lowest price and sales are copied onto the listing so the shop's product list is
 * one indexed scan.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await createTable(qi, 'store_categories', {
    tenant: true,
    columns: { parent_id: refColumn(qi, true), name: text(64), sort: integer(false, 0), icon_url: text(512, true) },
    indexes: [{ fields: ['tenant_id', 'parent_id', 'sort'] }],
    foreignKeys: [{ fields: ['tenant_id'], table: 'tenants', references: ['id'] }],
  });
  await createTable(qi, 'listings', {
    tenant: true,
    columns: {
      product_id: refColumn(qi),
      source: text(16),
      title: text(120),
      image: text(512, true),
      store_category_id: refColumn(qi, true),
      status: text(16),
      off_reason: text(32, true),
      min_price: money(),
      sales_count: integer(false, 0),
    },
    indexes: [
      { fields: ['tenant_id', 'product_id'], unique: true },
      { fields: ['tenant_id', 'status', 'id'] },
      { fields: ['tenant_id', 'status', 'min_price'] },
      { fields: ['tenant_id', 'status', 'sales_count'] },
      { fields: ['tenant_id', 'store_category_id', 'status'] },
      { fields: ['tenant_id', 'off_reason'] },
    ],
    foreignKeys: [
      { fields: ['tenant_id'], table: 'tenants', references: ['id'] },
      { fields: ['product_id'], table: 'products', references: ['id'], toPlatform: true },
      { fields: ['tenant_id', 'store_category_id'], table: 'store_categories', references: ['tenant_id', 'id'] },
    ],
  });
  await createTable(qi, 'listing_skus', {
    tenant: true,
    columns: { listing_id: refColumn(qi), sku_id: refColumn(qi), price: money() },
    indexes: [
      { fields: ['tenant_id', 'sku_id'], unique: true },
      { fields: ['tenant_id', 'listing_id'] },
    ],
    foreignKeys: [
      { fields: ['tenant_id', 'listing_id'], table: 'listings', references: ['tenant_id', 'id'], onDelete: 'CASCADE' },
      { fields: ['sku_id'], table: 'product_skus', references: ['id'], toPlatform: true },
    ],
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await dropTables(qi, 'listing_skus', 'listings', 'store_categories');
}
