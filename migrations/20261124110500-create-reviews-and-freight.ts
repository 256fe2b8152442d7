import type { QueryInterface } from 'sequelize';
import { bool, createTable, dropTables, integer, longText, money, refColumn, text, timestamp } from '../server/src/core/db/schema.js';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await createTable(qi, 'reviews', {
    tenant: true,
    columns: {
      listing_id: refColumn(qi),
      order_item_id: refColumn(qi),
      customer_id: refColumn(qi),
      rating: integer(),
      content: text(1000, true),
      images: longText(false),
      reply: text(1000, true),
      replied_at: timestamp(),
    },
    indexes: [{ fields: ['tenant_id', 'order_item_id'], unique: true }, { fields: ['tenant_id', 'listing_id', 'id'] }],
    foreignKeys: [{ fields: ['tenant_id', 'order_item_id'], table: 'order_items', references: ['tenant_id', 'id'] }],
  });
  await createTable(qi, 'freight_templates', {
    tenant: false,
    columns: {
      owner_kind: text(16),
      owner_id: refColumn(qi),
      name: text(64),
      mode: text(16),
      default_rule: longText(false),
      region_rules: longText(false),
      free_threshold: money(true, undefined),
      is_default: bool(),
    },
    indexes: [{ fields: ['owner_kind', 'owner_id'] }],
  });
  await qi.addColumn('products', 'freight_template_id', refColumn(qi, true));
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeColumn('products', 'freight_template_id');
  await dropTables(qi, 'freight_templates', 'reviews');
}
