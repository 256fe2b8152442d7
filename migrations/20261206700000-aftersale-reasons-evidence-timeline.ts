import type { QueryInterface } from 'sequelize';
import { createTable, dropTables, longText, refColumn, text } from '../server/src/core/db/schema.js';

/**
 * After-sales cases say why with a preset reason (`reason_code`; the free text stays as the
 * description) and carry the shopper's photos (`evidence`, upload URLs as JSON); every step of a
 * case, and every message either side adds with its photos, is a row of its timeline, read per case.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('aftersales', 'reason_code', text(32, true));
  await qi.addColumn('aftersales', 'evidence', longText(true));
  await createTable(qi, 'aftersale_events', {
    tenant: true,
    columns: {
      aftersale_id: refColumn(qi),
      kind: text(24),
      actor: text(16),
      text: text(500, true),
      details: longText(true),
      images: longText(true),
    },
    foreignKeys: [{ fields: ['tenant_id', 'aftersale_id'], table: 'aftersales', references: ['tenant_id', 'id'], onDelete: 'CASCADE' }],
    indexes: [{ fields: ['tenant_id', 'aftersale_id', 'id'] }],
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await dropTables(qi, 'aftersale_events');
  // not qi.removeColumn: on SQLite it rebuilds the table, which its composite foreign keys refuse
  await qi.sequelize.query('ALTER TABLE aftersales DROP COLUMN evidence');
  await qi.sequelize.query('ALTER TABLE aftersales DROP COLUMN reason_code');
}
