import type { QueryInterface } from 'sequelize';
import { createTable, dropTables, integer, longText, money, refColumn, text, timestamp } from '../server/src/core/db/schema.js';

/**
 * A shop's automatic promotions (modules/promotions): full reductions (满减/满折, tiers on the
 * whole shop or on listings and store categories) and limited-time prices (限时折扣, a price per
 * listing SKU inside a window).
 *
 * The quote reads what a shop has live (not ended) into a near cache: limited prices' items by
 * (tenant_id, ends_at), each item carrying its activity's window (its `ends_at` moved up when the
 * activity is ended early), full reductions by (tenant_id, ends_at) and their targets by
 * (tenant_id, full_reduction_id); an order's items by (tenant_id, listing_sku_id, ends_at) when it
 * is placed. Targets are also indexed by (tenant_id, target_kind, target_id). `promo_usages` is what each order used (one row per
 * order and activity, unique), written when the order is placed, removed when it is cancelled
 * unpaid, marked paid with the order's amount for the figures. `promo_guards` holds one row per
 * shop, updated first by every limited-price write: the row lock serialises them, so two
 * activities can never give one SKU overlapping windows whatever runs at once.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await createTable(qi, 'promo_full_reductions', {
    tenant: true,
    columns: {
      name: text(64),
      scope: text(16),
      tiers: longText(false),
      starts_at: timestamp(false),
      ends_at: timestamp(false),
      ended_at: timestamp(),
    },
    indexes: [{ fields: ['tenant_id', 'ends_at'] }],
  });
  await createTable(qi, 'promo_full_reduction_targets', {
    tenant: true,
    columns: { full_reduction_id: refColumn(qi), target_kind: text(16), target_id: refColumn(qi) },
    indexes: [{ fields: ['tenant_id', 'target_kind', 'target_id'] }, { fields: ['tenant_id', 'full_reduction_id'] }],
  });
  await createTable(qi, 'promo_limited_prices', {
    tenant: true,
    columns: { name: text(64), starts_at: timestamp(false), ends_at: timestamp(false), ended_at: timestamp() },
    indexes: [{ fields: ['tenant_id', 'ends_at'] }],
  });
  await createTable(qi, 'promo_limited_price_items', {
    tenant: true,
    columns: {
      limited_price_id: refColumn(qi),
      listing_id: refColumn(qi),
      listing_sku_id: refColumn(qi),
      price: money(false, undefined),
      starts_at: timestamp(false),
      ends_at: timestamp(false),
    },
    indexes: [{ fields: ['tenant_id', 'listing_sku_id', 'ends_at'] }, { fields: ['tenant_id', 'ends_at'] }, { fields: ['tenant_id', 'limited_price_id'] }],
  });
  await createTable(qi, 'promo_usages', {
    tenant: true,
    columns: {
      order_id: refColumn(qi),
      activity_kind: text(16),
      activity_id: refColumn(qi),
      amount: money(),
      order_amount: money(),
      paid_at: timestamp(),
    },
    indexes: [{ fields: ['tenant_id', 'order_id', 'activity_kind', 'activity_id'], unique: true }, { fields: ['tenant_id', 'activity_kind', 'activity_id'] }],
  });
  await createTable(qi, 'promo_guards', {
    tenant: true,
    columns: { writes: integer(false, 0) },
    indexes: [{ fields: ['tenant_id'], unique: true }],
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await dropTables(qi, 'promo_guards', 'promo_usages', 'promo_limited_price_items', 'promo_limited_prices', 'promo_full_reduction_targets', 'promo_full_reductions');
}
