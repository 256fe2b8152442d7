import type { QueryInterface } from 'sequelize';
import { addIndex, refColumn, removeIndex, text, type IndexSpec } from '../server/src/core/db/schema.js';

const byPlace: IndexSpec = { fields: ['tenant_id', 'pickup_kind', 'pickup_place_id'] };

/**
 * An order picked up at a place other than the shop's own point (orders/hooks.ts pickupPlaces): a
 * community leader's point or a store. `pickup_kind` names whose place ('community', 'store'),
 * `pickup_place_id` its id; both null for the shop's own point and for delivered orders. A place's
 * orders are read by (tenant_id, pickup_kind, pickup_place_id).
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('orders', 'pickup_kind', text(16, true));
  await qi.addColumn('orders', 'pickup_place_id', refColumn(qi, true));
  await addIndex(qi, 'orders', byPlace, true);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await removeIndex(qi, 'orders', byPlace);
  // as the other migrations do: qi.removeColumn would rebuild the table on SQLite
  await qi.sequelize.query('ALTER TABLE orders DROP COLUMN pickup_place_id');
  await qi.sequelize.query('ALTER TABLE orders DROP COLUMN pickup_kind');
}
