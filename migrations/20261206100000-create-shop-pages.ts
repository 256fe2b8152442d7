import type { QueryInterface } from 'sequelize';
import { createTable, dropTables, integer, longText, refColumn, text, timestamp } from '../server/src/core/db/schema.js';

/**
 * The shop's DIY pages (modules/pages): each page keeps its draft, and every publish freezes a
 * numbered version. `home_slot` is 1 on the home page and NULL on custom pages, so the unique
 * (tenant_id, home_slot) key lets a shop have one home page however many requests race to make it
 * (NULLs never collide, on SQLite or MariaDB). (tenant_id, page_id, version) is unique: two
 * publishes that pick the same number cannot both land.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await createTable(qi, 'shop_pages', {
    tenant: true,
    columns: {
      kind: text(16),
      home_slot: integer(true),
      title: text(64),
      blocks: longText(false),
      latest_version: integer(false, 0),
      published_version: integer(true),
      published_at: timestamp(),
      draft_updated_at: timestamp(false),
    },
    indexes: [{ fields: ['tenant_id', 'home_slot'], unique: true }],
  });
  await createTable(qi, 'shop_page_versions', {
    tenant: true,
    updatedAt: false,
    columns: {
      page_id: refColumn(qi),
      version: integer(false),
      title: text(64),
      blocks: longText(false),
      published_by: refColumn(qi, true),
      published_by_name: text(128, true),
    },
    foreignKeys: [{ fields: ['tenant_id', 'page_id'], table: 'shop_pages', references: ['tenant_id', 'id'], onDelete: 'CASCADE' }],
    indexes: [{ fields: ['tenant_id', 'page_id', 'version'], unique: true }],
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await dropTables(qi, 'shop_page_versions', 'shop_pages');
}
