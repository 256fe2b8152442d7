import { DataTypes, type QueryInterface } from 'sequelize';
import { bool, createTable, dropTables, integer, money, refColumn, text, timestamp } from '../server/src/core/db/schema.js';

/**
 * Offline stores (modules/stores): a shop's stores with their map position and same-city radius;
 * each store's own stock of the shop's SKUs (one row per store and SKU, taken by a conditional
 * update) and the history of every change to it; which staff member is a clerk of which store (a
 * staff member clerks at one store: unique per tenant); and which orders a store serves (one per
 * order: pickup, same-city delivery or a counter sale), with the units it took from the store.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  const coordinate = { type: DataTypes.DOUBLE, allowNull: true };
  await createTable(qi, 'stores', {
    tenant: true,
    columns: {
      name: text(64),
      province: text(32),
      city: text(32),
      district: text(32),
      detail: text(255),
      hours: text(64),
      phone: text(32),
      lat: coordinate,
      lng: coordinate,
      pickup: bool(true),
      delivery_radius_m: integer(false, 0),
      delivery_fee: money(),
      active: bool(true),
    },
    indexes: [{ fields: ['tenant_id', 'active'] }],
  });
  await createTable(qi, 'store_stocks', {
    tenant: true,
    columns: {
      store_id: refColumn(qi),
      sku_id: refColumn(qi),
      stock: integer(false, 0),
    },
    indexes: [{ fields: ['tenant_id', 'store_id', 'sku_id'], unique: true }, { fields: ['tenant_id', 'sku_id'] }],
  });
  await createTable(qi, 'store_stock_moves', {
    tenant: true,
    columns: {
      store_id: refColumn(qi),
      sku_id: refColumn(qi),
      delta: integer(),
      reason: text(32),
      order_id: refColumn(qi, true),
      staff_id: refColumn(qi, true),
      note: text(255, true),
    },
    indexes: [{ fields: ['tenant_id', 'store_id', 'sku_id', 'id'] }, { fields: ['tenant_id', 'order_id'] }],
  });
  await createTable(qi, 'store_clerks', {
    tenant: true,
    columns: {
      store_id: refColumn(qi),
      staff_id: refColumn(qi),
    },
    indexes: [{ fields: ['tenant_id', 'staff_id'], unique: true }, { fields: ['tenant_id', 'store_id'] }],
  });
  await createTable(qi, 'store_orders', {
    tenant: true,
    columns: {
      store_id: refColumn(qi),
      order_id: refColumn(qi),
      kind: text(16),
      lines: { type: DataTypes.TEXT('long'), allowNull: false },
      released: bool(false),
      released_at: timestamp(),
    },
    indexes: [{ fields: ['tenant_id', 'order_id'], unique: true }, { fields: ['tenant_id', 'store_id', 'created_at'] }],
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await dropTables(qi, 'store_orders', 'store_clerks', 'store_stock_moves', 'store_stocks', 'stores');
}
