import type { QueryInterface } from 'sequelize';
import { addIndex, removeIndex, type IndexSpec } from '../server/src/core/db/schema.js';

/** The console's order list filters by payment method: a shop's succeeded payments by method, newest first. */
const byMethod: IndexSpec = { fields: ['tenant_id', 'method', 'status', 'id'] };

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await addIndex(qi, 'payments', byMethod, true);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await removeIndex(qi, 'payments', byMethod);
}
