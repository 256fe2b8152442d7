import type { QueryInterface } from 'sequelize';
import { bool, createTable, dropTables, integer, longText, money, refColumn, text, timestamp } from '../server/src/core/db/schema.js';

/**
 * The catalog: platform categories and brands, warehouses, products (SPU) and SKUs with stock per
 * warehouse. A product belongs to an owner: a supplier (the supplier market) or a tenant (a
 * merchant's own goods, and a brand owner's range shared with its distributors). These rows are
 * platform-level; every query names its owner.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await createTable(qi, 'categories', {
    tenant: false,
    columns: { parent_id: refColumn(qi, true), name: text(64), sort: integer(false, 0), level: integer(false, 1), path: text(255) },
    indexes: [{ fields: ['parent_id', 'sort'] }, { fields: ['path'] }],
    foreignKeys: [{ fields: ['parent_id'], table: 'categories', references: ['id'] }],
  });
  await createTable(qi, 'brands', {
    tenant: false,
    columns: { name: text(64), logo_url: text(512, true) },
    indexes: [{ fields: ['name'], unique: true }],
  });
  await createTable(qi, 'warehouses', {
    tenant: false,
    columns: {
      owner_kind: text(16),
      owner_id: refColumn(qi),
      name: text(64),
      province: text(32),
      city: text(32),
      district: text(32, true),
      address: text(255),
      lat: { type: 'DOUBLE' as never, allowNull: true },
      lng: { type: 'DOUBLE' as never, allowNull: true },
    },
    indexes: [{ fields: ['owner_kind', 'owner_id'] }],
  });
  await createTable(qi, 'products', {
    tenant: false,
    columns: {
      owner_kind: text(16),
      owner_id: refColumn(qi),
      title: text(120),
      description_html: longText(),
      images: longText(false),
      category_id: refColumn(qi, true),
      brand_id: refColumn(qi, true),
      spec_dimensions: longText(false),
      status: text(16),
      reject_reason: text(500, true),
      revision: longText(),
      revision_status: text(16, true),
      revision_reason: text(500, true),
      shared_with_distributors: bool(),
      min_supply_price: money(),
      max_supply_price: money(),
      total_stock: integer(false, 0),
      sales_count: integer(false, 0),
      submitted_at: timestamp(),
      approved_at: timestamp(),
    },
    indexes: [
      { fields: ['owner_kind', 'owner_id', 'status'] },
      { fields: ['status', 'category_id', 'id'] },
      { fields: ['status', 'min_supply_price'] },
      { fields: ['status', 'sales_count'] },
      { fields: ['status', 'approved_at'] },
      { fields: ['revision_status'] },
    ],
    foreignKeys: [
      { fields: ['category_id'], table: 'categories', references: ['id'] },
      { fields: ['brand_id'], table: 'brands', references: ['id'] },
    ],
  });
  await createTable(qi, 'product_skus', {
    tenant: false,
    columns: {
      product_id: refColumn(qi),
      code: text(64, true),
      specs: longText(false),
      specs_key: text(255),
      supply_price: money(),
      suggested_price: money(),
      min_retail_price: money(true, undefined),
      weight_grams: integer(false, 0),
      stock: integer(false, 0),
      status: text(16),
    },
    indexes: [{ fields: ['product_id', 'specs_key'], unique: true }],
    foreignKeys: [{ fields: ['product_id'], table: 'products', references: ['id'], onDelete: 'CASCADE' }],
  });
  await createTable(qi, 'sku_stocks', {
    tenant: false,
    columns: { sku_id: refColumn(qi), warehouse_id: refColumn(qi), stock: integer(false, 0) },
    indexes: [{ fields: ['sku_id', 'warehouse_id'], unique: true }, { fields: ['warehouse_id'] }],
    foreignKeys: [
      { fields: ['sku_id'], table: 'product_skus', references: ['id'], onDelete: 'CASCADE' },
      { fields: ['warehouse_id'], table: 'warehouses', references: ['id'] },
    ],
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await dropTables(qi, 'sku_stocks', 'product_skus', 'products', 'warehouses', 'brands', 'categories');
}
