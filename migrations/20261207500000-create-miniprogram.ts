import type { QueryInterface } from 'sequelize';
import { bool, createTable, dropTables, integer, longText, text, timestamp } from '../server/src/core/db/schema.js';

/**
 * Publishing tenants' mini-programs through WeChat's third-party platform (modules/miniprogram):
 * the platform's own component credentials (one row per component appid: the ticket WeChat pushes
 * and the component_access_token cached with its expiry), each tenant's authorizer (one per shop;
 * the appid unique across shops, its tokens refreshed by an index on their expiry across shops),
 * and each shop's code submissions, of which at most one is open (open_slot = 1) at a time.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await createTable(qi, 'wechat_open_components', {
    tenant: false,
    columns: {
      component_appid: text(32),
      verify_ticket: longText(true),
      ticket_at: timestamp(),
      access_token: longText(true),
      token_expires_at: timestamp(),
    },
    indexes: [{ fields: ['component_appid'], unique: true }],
  });
  await createTable(qi, 'miniprogram_authorizers', {
    tenant: true,
    columns: {
      appid: text(32),
      nickname: text(64),
      principal_name: text(128),
      head_img: text(512, true),
      access_token: longText(true),
      token_expires_at: timestamp(),
      refresh_token: longText(true),
      authorized_at: timestamp(false),
      revoked_at: timestamp(),
      auto_release: bool(false),
    },
    indexes: [
      { fields: ['tenant_id'], unique: true },
      { fields: ['appid'], unique: true, crossTenant: true },
      { fields: ['token_expires_at'], crossTenant: true },
    ],
  });
  await createTable(qi, 'miniprogram_submissions', {
    tenant: true,
    columns: {
      appid: text(32),
      template_id: text(32),
      version: text(64),
      description: text(500),
      status: text(16),
      reason: longText(true),
      audit_id: text(32, true),
      open_slot: integer(true),
      submitted_at: timestamp(),
      decided_at: timestamp(),
      released_at: timestamp(),
    },
    indexes: [{ fields: ['tenant_id', 'open_slot'], unique: true }, { fields: ['tenant_id', 'status'] }],
  });
  await qi.addColumn('tenant_apps', 'via_platform', bool(false));
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeColumn('tenant_apps', 'via_platform');
  await dropTables(qi, 'miniprogram_submissions', 'miniprogram_authorizers', 'wechat_open_components');
}
