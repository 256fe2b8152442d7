import type { QueryInterface } from 'sequelize';
import { bool, createTable, dropTables, integer, longText, money, refColumn, text, timestamp } from '../server/src/core/db/schema.js';

/**
 * Coupons (modules/coupons): a shop's coupons with their stock counter (`claimed < total`, taken by
 * a conditional update), each shopper's claim counter per coupon (`claimed < per_shopper`, the
 * same way; one row per (coupon, shopper)), and the coupons shoppers hold, found by shopper and
 * status (my coupons, checkout), by coupon (figures) and by order (release, payment).
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await createTable(qi, 'coupons', {
    tenant: true,
    columns: {
      name: text(64),
      kind: text(16),
      value: integer(),
      threshold: money(),
      total: integer(),
      claimed: integer(false, 0),
      per_shopper: integer(false, 1),
      starts_at: timestamp(false),
      ends_at: timestamp(false),
      valid_days: integer(true),
      product_ids: longText(false),
      category_ids: longText(false),
      stacks_with_full_reduction: bool(true),
      in_centre: bool(true),
      issue_on_signup: bool(false),
      share_code: text(16),
      description: text(255, true),
      ended_at: timestamp(),
    },
    indexes: [{ fields: ['tenant_id', 'ends_at'] }, { fields: ['tenant_id', 'issue_on_signup'] }],
  });
  await createTable(qi, 'coupon_holders', {
    tenant: true,
    columns: { coupon_id: refColumn(qi), customer_id: refColumn(qi), claimed: integer(false, 0) },
    indexes: [{ fields: ['tenant_id', 'coupon_id', 'customer_id'], unique: true }],
  });
  await createTable(qi, 'customer_coupons', {
    tenant: true,
    columns: {
      coupon_id: refColumn(qi),
      customer_id: refColumn(qi),
      source: text(16),
      status: text(16),
      starts_at: timestamp(false),
      expires_at: timestamp(false),
      order_id: refColumn(qi, true),
      discount: money(),
      paid_amount: money(),
      used_at: timestamp(),
    },
    indexes: [
      { fields: ['tenant_id', 'customer_id', 'status', 'expires_at'] },
      { fields: ['tenant_id', 'coupon_id', 'status'] },
      { fields: ['tenant_id', 'order_id'] },
    ],
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await dropTables(qi, 'customer_coupons', 'coupon_holders', 'coupons');
}
