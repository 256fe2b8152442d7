import type { QueryInterface } from 'sequelize';
import { bool, createTable, dropTables, integer, longText, money, text, timestamp } from '../server/src/core/db/schema.js';

/**
 * Distribution (modules/distribution). `distributors`: a shop's shopper who is, asked to be or is on
 * the way to being a distributor (status, invite code unique per shop, the amount spent on completed
 * orders for the spend rule). `distribution_bindings`: a shopper's upline, one per shopper per shop
 * (the unique key makes the first binding win). `distribution_commissions`: one per (order, payee,
 * level), what was booked in the ledger and what the shop's margin capped; `distribution_reversals`:
 * what each refund took back of each commission (released when the gateway refuses the refund).
 * `distribution_product_rates`: per-product rates. `distribution_withdrawals`: a promoter's
 * withdrawals. `distribution_spend`: a completed order's amount counted once toward the spend rule.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await createTable(qi, 'distributors', {
    tenant: true,
    columns: {
      customer_id: integer(),
      status: text(16),
      invite_code: text(16),
      spent: money(),
      reason: text(255, true),
      applied_at: timestamp(),
      approved_at: timestamp(),
    },
    indexes: [
      { fields: ['tenant_id', 'customer_id'], unique: true },
      { fields: ['tenant_id', 'invite_code'], unique: true },
      { fields: ['tenant_id', 'status', 'id'] },
    ],
  });
  await createTable(qi, 'distribution_bindings', {
    tenant: true,
    columns: {
      customer_id: integer(),
      inviter_id: integer(),
      source: text(16),
      bound_at: timestamp(false),
      locked_until: timestamp(),
      changed_by: integer(true),
    },
    indexes: [
      { fields: ['tenant_id', 'customer_id'], unique: true },
      { fields: ['tenant_id', 'inviter_id'] },
    ],
  });
  await createTable(qi, 'distribution_commissions', {
    tenant: true,
    columns: {
      order_id: integer(),
      customer_id: integer(),
      buyer_id: integer(),
      level: integer(),
      source: text(16),
      rate_bps: integer(),
      line_rates: longText(false),
      base: money(),
      amount: money(),
      capped: money(),
      reversed: money(),
      status: text(16),
    },
    indexes: [
      { fields: ['tenant_id', 'order_id', 'customer_id', 'level'], unique: true },
      { fields: ['tenant_id', 'customer_id', 'id'] },
      { fields: ['tenant_id', 'status', 'id'] },
    ],
  });
  await createTable(qi, 'distribution_reversals', {
    tenant: true,
    columns: {
      refund_id: integer(),
      commission_id: integer(),
      amount: money(),
      released: bool(false),
    },
    indexes: [{ fields: ['tenant_id', 'refund_id', 'commission_id'], unique: true }],
  });
  await createTable(qi, 'distribution_product_rates', {
    tenant: true,
    columns: {
      product_id: integer(),
      rates: text(64),
    },
    indexes: [{ fields: ['tenant_id', 'product_id'], unique: true }],
  });
  await createTable(qi, 'distribution_withdrawals', {
    tenant: true,
    columns: {
      customer_id: integer(),
      amount: money(),
      fee: money(),
      method: text(16),
      status: text(16),
      reason: text(255, true),
      reviewed_by: integer(true),
      reviewed_at: timestamp(),
    },
    indexes: [
      { fields: ['tenant_id', 'customer_id', 'id'] },
      { fields: ['tenant_id', 'status', 'id'] },
    ],
  });
  await createTable(qi, 'distribution_spend', {
    tenant: true,
    updatedAt: false,
    columns: {
      order_id: integer(),
      customer_id: integer(),
      amount: money(),
    },
    indexes: [{ fields: ['tenant_id', 'order_id'], unique: true }],
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await dropTables(qi, 'distribution_spend', 'distribution_withdrawals', 'distribution_product_rates', 'distribution_reversals', 'distribution_commissions', 'distribution_bindings', 'distributors');
}
