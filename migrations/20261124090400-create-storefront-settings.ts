import type { QueryInterface } from 'sequelize';
import { createTable, dropTables, longText, text } from '../server/src/core/db/schema.js';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await createTable(qi, 'storefront_settings', {
    tenant: true,
    columns: { logo_url: text(512, true), primary_color: text(16), theme: longText(false) },
    indexes: [{ fields: ['tenant_id'], unique: true, name: 'uq_storefront_settings_tenant' }],
    foreignKeys: [{ fields: ['tenant_id'], table: 'tenants', references: ['id'] }],
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await dropTables(qi, 'storefront_settings');
}
