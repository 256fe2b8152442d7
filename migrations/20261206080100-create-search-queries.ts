import type { QueryInterface } from 'sequelize';
import { createTable, dropTables, integer, text } from '../server/src/core/db/schema.js';

/**
 * What a shop's shoppers search for, counted per day (market/hot-words.ts): the storefront's
 * 热门搜索. One row per (shop, day, query); processes add their buffered counts to it.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await createTable(qi, 'search_queries', {
    tenant: true,
    columns: {
      day: text(10),
      query: text(64),
      searches: integer(false, 0),
    },
    indexes: [{ fields: ['tenant_id', 'day', 'query'], unique: true }],
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await dropTables(qi, 'search_queries');
}
