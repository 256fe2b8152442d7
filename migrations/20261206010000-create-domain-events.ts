import type { QueryInterface } from 'sequelize';
import { createTable, longText, refColumn, text, timestamp } from '../server/src/core/db/schema.js';

/**
 * The outbox: one row per domain event, written in the transaction that made the change, fanned
 * out to its subscribers after commit (dispatched_at), and kept so a later subscriber can replay it.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await createTable(qi, 'domain_events', {
    tenant: false,
    updatedAt: false,
    columns: {
      tenant_id: refColumn(qi, true),
      type: text(96),
      payload: longText(false),
      occurred_at: timestamp(false),
      request_id: text(64, true),
      actor_kind: text(16, true),
      dispatched_at: timestamp(),
    },
    indexes: [
      { fields: ['tenant_id', 'type', 'occurred_at'] },
      // the dispatcher's queue: `dispatched_at IS NULL` in id order
      { fields: ['dispatched_at', 'id'] },
      // the platform's view of one type across every shop
      { fields: ['type', 'occurred_at'] },
    ],
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('domain_events');
}
