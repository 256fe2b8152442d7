import type { QueryInterface } from 'sequelize';
import { addIndex, removeIndex, text, type IndexSpec } from '../server/src/core/db/schema.js';

const byChannel: IndexSpec = { fields: ['tenant_id', 'channel', 'created_at'] };

/**
 * Where an order was sold: `online` (the storefront, every order before this) or `counter` (sold at
 * a store's till, stores/CONTEXT.md). The console's order list filters on it and the analytics
 * overview splits sales by it, by (tenant_id, channel, created_at).
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('orders', 'channel', { ...text(16), defaultValue: 'online' });
  await addIndex(qi, 'orders', byChannel, true);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await removeIndex(qi, 'orders', byChannel);
  await qi.sequelize.query('ALTER TABLE orders DROP COLUMN channel');
}
