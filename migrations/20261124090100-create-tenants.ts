import type { QueryInterface } from 'sequelize';
import { createTable, dropTables, longText, refColumn, text, timestamp } from '../server/src/core/db/schema.js';

/** Tenants and their routing (domains, mini-program apps) are platform-level: resolution crosses tenants. */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await createTable(qi, 'tenants', {
    tenant: false,
    columns: {
      slug: text(32),
      name: text(64),
      kind: text(16),
      parent_id: refColumn(qi, true),
      status: text(16),
      plan: text(16),
      plan_expires_at: timestamp(),
      settings: longText(false),
    },
    indexes: [{ fields: ['slug'], unique: true }, { fields: ['parent_id'] }, { fields: ['status', 'id'] }],
    foreignKeys: [{ fields: ['parent_id'], table: 'tenants', references: ['id'] }],
  });
  await createTable(qi, 'tenant_domains', {
    tenant: false,
    columns: { tenant_id: refColumn(qi), domain: text(253) },
    indexes: [{ fields: ['domain'], unique: true }, { fields: ['tenant_id'] }],
    foreignKeys: [{ fields: ['tenant_id'], table: 'tenants', references: ['id'], onDelete: 'CASCADE' }],
  });
  await createTable(qi, 'tenant_apps', {
    tenant: false,
    columns: { tenant_id: refColumn(qi), appid: text(32), channel: text(16), secret_encrypted: longText() },
    indexes: [{ fields: ['appid'], unique: true }, { fields: ['tenant_id'] }],
    foreignKeys: [{ fields: ['tenant_id'], table: 'tenants', references: ['id'], onDelete: 'CASCADE' }],
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await dropTables(qi, 'tenant_apps', 'tenant_domains', 'tenants');
}
