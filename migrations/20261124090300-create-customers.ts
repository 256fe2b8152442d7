import type { QueryInterface } from 'sequelize';
import { createTable, dropTables, text, timestamp } from '../server/src/core/db/schema.js';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await createTable(qi, 'customers', {
    tenant: true,
    columns: {
      phone: text(20, true),
      password_hash: text(255, true),
      nickname: text(64, true),
      avatar_url: text(512, true),
      wechat_openid: text(64, true),
      wechat_unionid: text(64, true),
      status: text(16),
      last_login_at: timestamp(),
    },
    indexes: [
      { fields: ['tenant_id', 'phone'], unique: true },
      { fields: ['tenant_id', 'wechat_openid'], unique: true },
      { fields: ['tenant_id', 'created_at'] },
    ],
    foreignKeys: [{ fields: ['tenant_id'], table: 'tenants', references: ['id'] }],
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await dropTables(qi, 'customers');
}
