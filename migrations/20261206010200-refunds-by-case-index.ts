import type { QueryInterface } from 'sequelize';
import { addIndex, removeIndex, type IndexSpec } from '../server/src/core/db/schema.js';

/** A case's refunds are read by (tenant_id, aftersale_id): the after-sales queues show them per case. */
const byCase: IndexSpec = { fields: ['tenant_id', 'aftersale_id', 'id'] };

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await addIndex(qi, 'refunds', byCase, true);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await removeIndex(qi, 'refunds', byCase);
}
