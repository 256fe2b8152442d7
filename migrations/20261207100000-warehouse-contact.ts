import type { QueryInterface } from 'sequelize';
import { text } from '../server/src/core/db/schema.js';

/** Whom a carrier or the platform calls about a warehouse: a name and a phone, optional (older warehouses have none). */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('warehouses', 'contact_name', text(32, true));
  await qi.addColumn('warehouses', 'contact_phone', text(20, true));
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  // as the other migrations do: qi.removeColumn would rebuild the table on SQLite
  await qi.sequelize.query('ALTER TABLE warehouses DROP COLUMN contact_phone');
  await qi.sequelize.query('ALTER TABLE warehouses DROP COLUMN contact_name');
}
