import type { QueryInterface } from 'sequelize';
import { createTable, dropTables, integer, longText, refColumn, text, timestamp } from '../server/src/core/db/schema.js';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await createTable(qi, 'auth_sessions', {
    tenant: false,
    columns: {
      sid: text(40),
      actor_kind: text(16),
      actor_id: refColumn(qi),
      tenant_id: refColumn(qi, true),
      expires_at: timestamp(false),
      revoked_at: timestamp(),
      ip: text(64, true),
      user_agent: text(255, true),
    },
    indexes: [{ fields: ['sid'], unique: true }, { fields: ['actor_kind', 'actor_id', 'tenant_id'] }],
  });
  await createTable(qi, 'audit_log', {
    tenant: false,
    updatedAt: false,
    columns: {
      tenant_id: refColumn(qi, true),
      actor_kind: text(16),
      actor_id: refColumn(qi, true),
      actor_label: text(191, true),
      action: text(64),
      target_type: text(32, true),
      target_id: text(64, true),
      details: longText(),
      ip: text(64, true),
      user_agent: text(255, true),
      request_id: text(64, true),
    },
    indexes: [{ fields: ['tenant_id', 'id'] }, { fields: ['action', 'id'] }],
  });
  await createTable(qi, 'jobs', {
    tenant: false,
    columns: {
      tenant_id: refColumn(qi, true),
      name: text(96),
      payload: longText(false),
      run_at: timestamp(false),
      status: text(16),
      attempts: integer(false, 0),
      max_attempts: integer(false, 10),
      locked_until: timestamp(),
      last_error: longText(),
      dedupe_key: text(191, true),
      finished_at: timestamp(),
    },
    indexes: [{ fields: ['status', 'run_at'] }, { fields: ['dedupe_key'], unique: true }],
  });
  await createTable(qi, 'idempotency_keys', {
    tenant: false,
    columns: {
      scope: text(64),
      route: text(128),
      key: text(128),
      request_hash: text(64),
      state: text(16),
      response_status: integer(true),
      response_body: longText(),
      expires_at: timestamp(false),
    },
    indexes: [{ fields: ['scope', 'route', 'key'], unique: true }, { fields: ['expires_at'] }],
  });
  await createTable(qi, 'outbound_messages', {
    tenant: false,
    columns: {
      tenant_id: refColumn(qi, true),
      channel: text(8),
      recipient: text(191),
      subject: text(255, true),
      body: longText(false),
      provider: text(16),
      status: text(16),
      provider_ref: text(128, true),
      error: longText(),
    },
    indexes: [{ fields: ['recipient', 'id'] }, { fields: ['tenant_id', 'id'] }],
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await dropTables(qi, 'outbound_messages', 'idempotency_keys', 'jobs', 'audit_log', 'auth_sessions');
}
