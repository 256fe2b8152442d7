import type { QueryInterface } from 'sequelize';
import { bool, createTable, dropTables, longText, refColumn, text, timestamp } from '../server/src/core/db/schema.js';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await createTable(qi, 'suppliers', {
    tenant: false,
    columns: {
      company_name: text(128),
      license_no: text(18),
      contact_name: text(64),
      contact_phone: text(20, true),
      status: text(16),
      reject_reason: text(500, true),
      documents: longText(false),
      reviewed_at: timestamp(),
      reviewed_by: refColumn(qi, true),
    },
    indexes: [{ fields: ['license_no'], unique: true }, { fields: ['status', 'id'] }],
  });
  await createTable(qi, 'supplier_users', {
    tenant: false,
    columns: {
      supplier_id: refColumn(qi),
      email: text(191),
      name: text(64),
      password_hash: text(255),
      is_owner: bool(),
      status: text(16),
    },
    indexes: [{ fields: ['email'], unique: true }, { fields: ['supplier_id'] }],
    foreignKeys: [{ fields: ['supplier_id'], table: 'suppliers', references: ['id'] }],
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await dropTables(qi, 'supplier_users', 'suppliers');
}
