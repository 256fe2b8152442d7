import type { QueryInterface } from 'sequelize';
import { createTable, dropTables, integer, longText, money, refColumn, text, timestamp } from '../server/src/core/db/schema.js';

/**
 * The ledger: immutable entries per account (platform, tenant, supplier, shopper balance), each in
 * a bucket (frozen or available). Balances are sums; nothing is ever updated. A dedupe key makes
 * double booking impossible even when two workers race. Withdrawals move available money out.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await createTable(qi, 'ledger_entries', {
    tenant: false,
    updatedAt: false,
    columns: {
      account_type: text(16),
      account_id: refColumn(qi),
      bucket: text(16),
      amount: money(false, undefined),
      kind: text(32),
      tenant_id: refColumn(qi, true),
      order_id: refColumn(qi, true),
      ref_type: text(16, true),
      ref_id: refColumn(qi, true),
      dedupe_key: text(128),
      note: text(255, true),
    },
    indexes: [
      { fields: ['dedupe_key'], unique: true },
      { fields: ['account_type', 'account_id', 'bucket'] },
      { fields: ['tenant_id', 'order_id'] },
      { fields: ['kind', 'created_at'] },
    ],
  });
  await createTable(qi, 'withdrawals', {
    tenant: false,
    columns: {
      account_type: text(16),
      account_id: refColumn(qi),
      amount: money(false, undefined),
      status: text(16),
      payee: longText(false),
      reason: text(255, true),
      reviewed_by: refColumn(qi, true),
      reviewed_at: timestamp(),
    },
    indexes: [{ fields: ['account_type', 'account_id', 'id'] }, { fields: ['status', 'id'] }],
  });
  await qi.addColumn('categories', 'fee_bps', integer(true));
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeColumn('categories', 'fee_bps');
  await dropTables(qi, 'withdrawals', 'ledger_entries');
}
