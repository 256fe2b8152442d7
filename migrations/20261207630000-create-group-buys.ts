import type { QueryInterface } from 'sequelize';
import { bool, createTable, dropTables, integer, longText, money, refColumn, text, timestamp } from '../server/src/core/db/schema.js';

/**
 * Group buys (modules/groupbuy): a shop's activities on one listing with a group price per SKU,
 * the groups shoppers open on them, and each group's members (one order each). A shopper is in a
 * group once: (tenant_id, group_id, customer_id) is unique (the filler seats of a simulated group
 * have no customer). The deadline sweep reads (status, expires_at) across shops, like the unpaid
 * orders' sweep; a paid order finds its member by (tenant_id, order_id).
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await createTable(qi, 'group_buys', {
    tenant: true,
    columns: {
      name: text(64),
      listing_id: refColumn(qi),
      group_size: integer(),
      hours: integer(),
      auto_fill: bool(false),
      prices: longText(false),
      starts_at: timestamp(false),
      ends_at: timestamp(false),
      ended_at: timestamp(),
    },
    indexes: [{ fields: ['tenant_id', 'listing_id'] }, { fields: ['tenant_id', 'ends_at'] }],
  });
  await createTable(qi, 'group_buy_groups', {
    tenant: true,
    columns: {
      group_buy_id: refColumn(qi),
      leader_id: refColumn(qi),
      status: text(16),
      group_size: integer(),
      seats_taken: integer(false, 0),
      paid_count: integer(false, 0),
      simulated: bool(false),
      opened_at: timestamp(),
      expires_at: timestamp(false),
      closed_at: timestamp(),
    },
    indexes: [
      { fields: ['tenant_id', 'group_buy_id', 'status'] },
      // the deadline sweep, across shops (as orders' unpaid sweep)
      { fields: ['status', 'expires_at'], crossTenant: true },
    ],
  });
  await createTable(qi, 'group_buy_members', {
    tenant: true,
    columns: {
      group_id: refColumn(qi),
      customer_id: refColumn(qi, true),
      order_id: refColumn(qi, true),
      leader: bool(false),
      simulated: bool(false),
      status: text(16),
      amount: money(),
      paid_at: timestamp(),
      refunded_at: timestamp(),
    },
    indexes: [
      { fields: ['tenant_id', 'group_id', 'customer_id'], unique: true },
      { fields: ['tenant_id', 'order_id'] },
    ],
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await dropTables(qi, 'group_buy_members', 'group_buy_groups', 'group_buys');
}
