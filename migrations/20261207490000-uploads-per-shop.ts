import { DataTypes, type QueryInterface } from 'sequelize';
import { addIndex, removeIndex } from '../server/src/core/db/schema.js';

/**
 * The same bytes are still stored once, but each shop that uploads them gets its own record, so a
 * second shop can send an image the first one sent (chat accepts only a shop's own uploads).
 * `shop_scope` is the tenant id, or 0 outside any shop: a unique key over NULLs would not hold.
 */
const byKey = { fields: ['storage_key'], unique: true };
const byKeyAndShop = { fields: ['storage_key', 'shop_scope'], unique: true };

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('uploads', 'shop_scope', { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 });
  await qi.sequelize.query('UPDATE uploads SET shop_scope = tenant_id WHERE tenant_id IS NOT NULL');
  await removeIndex(qi, 'uploads', byKey);
  await addIndex(qi, 'uploads', byKeyAndShop, false);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await removeIndex(qi, 'uploads', byKeyAndShop);
  await qi.sequelize.query('DELETE FROM uploads WHERE id NOT IN (SELECT id FROM (SELECT MIN(id) AS id FROM uploads GROUP BY storage_key) AS firsts)');
  await addIndex(qi, 'uploads', byKey, false);
  await qi.removeColumn('uploads', 'shop_scope');
}
