import type { QueryInterface } from 'sequelize';
import { addIndex, removeIndex, type IndexSpec } from '../server/src/core/db/schema.js';

/**
 * The workbench's figures read a shop's orders by the time they were paid (today, yesterday, the
 * 30-day trend), and the platform dashboard every shop's (GMV across tenants; under sharding by
 * tenant a scatter query, as a platform figure is).
 */
const byShopPaidAt: IndexSpec = { fields: ['tenant_id', 'paid_at'] };
const byPaidAt: IndexSpec = { fields: ['paid_at'], crossTenant: true };

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await addIndex(qi, 'orders', byShopPaidAt, true);
  await addIndex(qi, 'orders', byPaidAt, true);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await removeIndex(qi, 'orders', byPaidAt);
  await removeIndex(qi, 'orders', byShopPaidAt);
}
