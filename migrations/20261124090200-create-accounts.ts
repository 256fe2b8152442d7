import type { QueryInterface } from 'sequelize';
import { bool, createTable, dropTables, longText, refColumn, text, timestamp } from '../server/src/core/db/schema.js';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await createTable(qi, 'platform_users', {
    tenant: false,
    columns: { email: text(191), name: text(64), password_hash: text(255), role: text(16), status: text(16) },
    indexes: [{ fields: ['email'], unique: true }],
  });
  await createTable(qi, 'roles', {
    tenant: true,
    columns: { name: text(64), code: text(16, true), permissions: longText(false), builtin: bool() },
    indexes: [{ fields: ['tenant_id', 'name'], unique: true }],
    foreignKeys: [{ fields: ['tenant_id'], table: 'tenants', references: ['id'] }],
  });
  await createTable(qi, 'staff', {
    tenant: true,
    columns: {
      email: text(191),
      name: text(64),
      password_hash: text(255),
      role_id: refColumn(qi, true),
      is_owner: bool(),
      status: text(16),
      last_login_at: timestamp(),
    },
    indexes: [{ fields: ['tenant_id', 'email'], unique: true }, { fields: ['tenant_id', 'role_id'] }],
    foreignKeys: [
      { fields: ['tenant_id'], table: 'tenants', references: ['id'] },
      { fields: ['tenant_id', 'role_id'], table: 'roles', references: ['tenant_id', 'id'] },
    ],
  });
  await createTable(qi, 'staff_invitations', {
    tenant: true,
    columns: {
      email: text(191),
      role_id: refColumn(qi, true),
      as_owner: bool(),
      token_hash: text(64),
      invited_by: refColumn(qi, true),
      expires_at: timestamp(false),
      accepted_at: timestamp(),
      revoked_at: timestamp(),
    },
    indexes: [{ fields: ['tenant_id', 'token_hash'], unique: true }, { fields: ['tenant_id', 'email'] }],
    foreignKeys: [{ fields: ['tenant_id', 'role_id'], table: 'roles', references: ['tenant_id', 'id'] }],
  });
  await createTable(qi, 'password_resets', {
    tenant: false,
    columns: {
      actor_kind: text(16),
      actor_id: refColumn(qi),
      tenant_id: refColumn(qi, true),
      token_hash: text(64),
      expires_at: timestamp(false),
      used_at: timestamp(),
    },
    indexes: [{ fields: ['token_hash'], unique: true }],
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await dropTables(qi, 'password_resets', 'staff_invitations', 'staff', 'roles', 'platform_users');
}
