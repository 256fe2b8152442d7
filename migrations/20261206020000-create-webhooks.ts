import type { QueryInterface } from 'sequelize';
import { bool, createTable, dropTables, integer, longText, refColumn, text, timestamp } from '../server/src/core/db/schema.js';

/**
 * A shop's webhook endpoints and each delivery of an event to one of them (modules/webhooks).
 * Deliveries are read per endpoint, newest first, and looked up per (endpoint, event) when an
 * event fans out or a range is replayed: both paths start with tenant_id.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await createTable(qi, 'webhook_endpoints', {
    tenant: true,
    columns: {
      url: text(512),
      types: longText(false),
      secret: text(255),
      enabled: bool(true),
    },
  });
  await createTable(qi, 'webhook_deliveries', {
    tenant: true,
    columns: {
      endpoint_id: refColumn(qi),
      event_id: refColumn(qi),
      event_type: text(96),
      body: longText(false),
      source: text(16),
      status: text(16),
      attempts: integer(false, 0),
      response_status: integer(true),
      last_error: text(500, true),
      delivered_at: timestamp(),
    },
    foreignKeys: [{ fields: ['tenant_id', 'endpoint_id'], table: 'webhook_endpoints', references: ['tenant_id', 'id'], onDelete: 'CASCADE' }],
    indexes: [{ fields: ['tenant_id', 'endpoint_id', 'id'] }, { fields: ['tenant_id', 'endpoint_id', 'event_id'] }],
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await dropTables(qi, 'webhook_deliveries', 'webhook_endpoints');
}
