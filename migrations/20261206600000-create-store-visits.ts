import type { QueryInterface } from 'sequelize';
import { createTable, dropTables, text } from '../server/src/core/db/schema.js';

/**
 * Storefront visitors per shop and day (modules/analytics): one row per visitor and day, the unique
 * key making a visitor's repeated or parallel beacons count once. The workbench counts a day's rows.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await createTable(qi, 'store_visits', {
    tenant: true,
    updatedAt: false,
    columns: {
      day: text(10),
      visitor: text(64),
    },
    indexes: [{ fields: ['tenant_id', 'day', 'visitor'], unique: true }],
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await dropTables(qi, 'store_visits');
}
