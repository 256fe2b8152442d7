import type { QueryInterface } from 'sequelize';
import { addIndex, removeIndex, type IndexSpec } from '../server/src/core/db/schema.js';

/** Removing a listing asks whether an unfinished order still names it (orders/listing-use). */
const byListing: IndexSpec = { fields: ['tenant_id', 'listing_id'] };

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await addIndex(qi, 'order_items', byListing, true);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await removeIndex(qi, 'order_items', byListing);
}
