import type { QueryInterface } from 'sequelize';
import { createTable, dropTables, refColumn, text, timestamp } from '../server/src/core/db/schema.js';

/**
 * One-time sign-in tickets (modules/accounts): sign-up on the platform host hands the new owner a
 * ticket that their shop's console, on the tenant host, exchanges once for a session. Only the
 * ticket's hash is stored; it lives two minutes.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await createTable(qi, 'signin_tickets', {
    tenant: true,
    columns: {
      staff_id: refColumn(qi),
      token_hash: text(64),
      expires_at: timestamp(false),
      used_at: timestamp(),
    },
    indexes: [{ fields: ['tenant_id', 'token_hash'], unique: true }],
    foreignKeys: [{ fields: ['tenant_id', 'staff_id'], table: 'staff', references: ['tenant_id', 'id'], onDelete: 'CASCADE' }],
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await dropTables(qi, 'signin_tickets');
}
