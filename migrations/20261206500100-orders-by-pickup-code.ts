import type { QueryInterface } from 'sequelize';
import { addIndex, removeIndex, type IndexSpec } from '../server/src/core/db/schema.js';

/** The counter finds a self-pickup order by the code the shopper shows (orders/pickup.ts). */
const byPickupCode: IndexSpec = { fields: ['tenant_id', 'pickup_code'] };

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await addIndex(qi, 'orders', byPickupCode, true);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await removeIndex(qi, 'orders', byPickupCode);
}
