import type { QueryInterface } from 'sequelize';
import { addIndex, bool, createTable, longText, refColumn, removeIndex, text, type IndexSpec } from '../server/src/core/db/schema.js';

const byRole: IndexSpec = { fields: ['role_id'] };

// built-in roles take their permissions from the code's catalogue: their rows name them only
const builtins = [
  { code: 'administrator', name: '管理员 Administrator' },
  { code: 'operator', name: '运营 Operator' },
  { code: 'reviewer', name: '审核 Reviewer' },
  { code: 'finance', name: '财务 Finance' },
];

/** Platform staff get roles; everybody who signed in before keeps every right as an administrator. */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await createTable(qi, 'platform_roles', {
    tenant: false,
    columns: { name: text(64), code: text(16, true), permissions: longText(false), builtin: bool() },
    indexes: [{ fields: ['name'], unique: true }, { fields: ['code'], unique: true }],
  });
  const now = new Date();
  await qi.bulkInsert('platform_roles', builtins.map((b) => ({ ...b, permissions: '[]', builtin: true, created_at: now, updated_at: now })));
  await qi.addColumn('platform_users', 'role_id', refColumn(qi, true));
  await addIndex(qi, 'platform_users', byRole, false);
  await qi.sequelize.query(`UPDATE platform_users SET role_id = (SELECT id FROM platform_roles WHERE code = 'administrator')`);
  // not qi.removeColumn: on SQLite it rebuilds the table
  await qi.sequelize.query('ALTER TABLE platform_users DROP COLUMN role');
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('platform_users', 'role', { ...text(16), defaultValue: 'admin' });
  await removeIndex(qi, 'platform_users', byRole);
  await qi.sequelize.query('ALTER TABLE platform_users DROP COLUMN role_id');
  await qi.dropTable('platform_roles');
}
