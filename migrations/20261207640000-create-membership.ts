import type { QueryInterface } from 'sequelize';
import { bool, createTable, dropTables, integer, text } from '../server/src/core/db/schema.js';

/**
 * Points and member levels (modules/membership). `member_points` is the ledger: one row per
 * movement, never updated; (tenant_id, customer_id, kind, ref_id) unique, so what must happen once
 * (an order's points, a day's check-in, a review's points, a year's expiry) happens once.
 * `member_accounts` caches each shopper's balance and growth, written in the same transaction as
 * the entry by a conditional update that never goes below zero; `expired_through` is the last year
 * whose points have expired, and the yearly expiry sweep finds accounts behind across shops by it.
 * `member_levels` are a shop's levels by growth threshold. `member_mall_items` are the listing SKUs
 * the shop's points mall offers for points (+ cash), one offer per SKU.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await createTable(qi, 'member_accounts', {
    tenant: true,
    columns: {
      customer_id: integer(),
      points: integer(false, 0),
      growth: integer(false, 0),
      streak: integer(false, 0),
      last_checkin_day: integer(true),
      expired_through: integer(),
    },
    indexes: [
      { fields: ['tenant_id', 'customer_id'], unique: true },
      // the yearly expiry: accounts whose last expired year is behind, in every shop
      { fields: ['expired_through'], crossTenant: true },
    ],
  });
  await createTable(qi, 'member_points', {
    tenant: true,
    updatedAt: false,
    columns: {
      customer_id: integer(),
      kind: text(16),
      ref_id: integer(true),
      order_id: integer(true),
      points: integer(),
      growth: integer(false, 0),
      // fen the entry is counted on (an order's earning base, a refund's amount)
      amount: integer(false, 0),
      // points a refund could not take back because they were spent already
      shortfall: integer(false, 0),
      year: integer(),
      note: text(255, true),
      staff_id: integer(true),
    },
    indexes: [
      { fields: ['tenant_id', 'customer_id', 'kind', 'ref_id'], unique: true },
      { fields: ['tenant_id', 'customer_id', 'id'] },
      { fields: ['tenant_id', 'order_id'] },
    ],
  });
  await createTable(qi, 'member_levels', {
    tenant: true,
    columns: {
      position: integer(),
      name: text(32),
      growth: integer(),
      discount_percent: integer(false, 0),
      free_shipping: bool(false),
    },
    indexes: [{ fields: ['tenant_id', 'position'] }],
  });
  await createTable(qi, 'member_mall_items', {
    tenant: true,
    columns: {
      sku_id: integer(),
      points: integer(),
      cash: integer(false, 0),
    },
    indexes: [{ fields: ['tenant_id', 'sku_id'], unique: true }],
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await dropTables(qi, 'member_mall_items', 'member_levels', 'member_points', 'member_accounts');
}
