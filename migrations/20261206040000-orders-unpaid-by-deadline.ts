import type { QueryInterface } from 'sequelize';
import { addIndex, removeIndex, type IndexSpec } from '../server/src/core/db/schema.js';

/**
 * The unpaid-order sweep (orders/unpaid.ts) finds orders past their time across shops on each
 * worker pass; under sharding by tenant it becomes one such query per shard.
 */
const byDeadline: IndexSpec = { fields: ['status', 'expires_at'], crossTenant: true };

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await addIndex(qi, 'orders', byDeadline, true);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await removeIndex(qi, 'orders', byDeadline);
}
