import type { QueryInterface } from 'sequelize';
import { refColumn } from '../server/src/core/db/schema.js';

/**
 * A store's walk-in shopper (门店散客): the customer a counter sale to nobody in particular is
 * booked to (orders and payments name a customer), made at the store's first such sale.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('stores', 'walk_in_customer_id', refColumn(qi, true));
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query('ALTER TABLE stores DROP COLUMN walk_in_customer_id');
}
