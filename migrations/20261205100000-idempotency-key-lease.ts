import type { QueryInterface } from 'sequelize';
import { timestamp } from '../server/src/core/db/schema.js';

/**
 * A running key holds a lease: a request that crashed while holding it blocks its retries until
 * the lease runs out, not for the key's 24 hours. Rows from before have none and are judged by
 * when they were last written (core/idempotency).
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('idempotency_keys', 'lease_until', timestamp());
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  // as the other migrations do: qi.removeColumn would rebuild the table on SQLite
  await qi.sequelize.query('ALTER TABLE idempotency_keys DROP COLUMN lease_until');
}
