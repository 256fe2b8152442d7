import type { QueryInterface } from 'sequelize';
import { createTable, integer, longText, refColumn, text, timestamp } from '../server/src/core/db/schema.js';

/**
 * Steps across an outside service (core/steps): the intent of a refund or payout, its idempotency
 * key, and how far it got. Platform-level like jobs: the operator's queue of stuck steps spans
 * shops, and a payout may belong to none.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await createTable(qi, 'steps', {
    tenant: false,
    columns: {
      tenant_id: refColumn(qi, true),
      name: text(64),
      step_key: text(64),
      payload: longText(false),
      status: text(20),
      attempts: integer(false, 0),
      locked_until: timestamp(),
      last_error: longText(),
      outcome: longText(),
      settled_at: timestamp(),
    },
    indexes: [{ fields: ['name', 'step_key'], unique: true }, { fields: ['status', 'id'] }],
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('steps');
}
