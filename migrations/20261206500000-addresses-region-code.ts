import type { QueryInterface } from 'sequelize';
import { text } from '../server/src/core/db/schema.js';

/**
 * An address names its district by code (the region data set's 6-digit code) beside the names;
 * addresses saved before keep their names and no code.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('addresses', 'region_code', text(6, true));
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  // as the other migrations do: qi.removeColumn would rebuild the table on SQLite
  await qi.sequelize.query('ALTER TABLE addresses DROP COLUMN region_code');
}
