import type { QueryInterface } from 'sequelize';
import { createTable, dropTables, integer, longText, money, refColumn, text, timestamp } from '../server/src/core/db/schema.js';

/** Payments and refunds through gateways or the shopper's balance, and tenants' own gateway accounts. */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await createTable(qi, 'payments', {
    tenant: true,
    columns: {
      customer_id: refColumn(qi),
      order_id: refColumn(qi, true),
      purpose: text(16),
      method: text(16),
      amount: money(),
      status: text(20),
      out_trade_no: text(40),
      provider_trade_no: text(64, true),
      refunded_amount: money(),
      params: longText(),
      notify_count: integer(false, 0),
      paid_at: timestamp(),
    },
    indexes: [
      // a gateway's notification names only our out_trade_no, before we know the shop
      { fields: ['out_trade_no'], unique: true, crossTenant: true },
      { fields: ['tenant_id', 'order_id'] },
      { fields: ['tenant_id', 'customer_id', 'id'] },
    ],
    foreignKeys: [{ fields: ['tenant_id', 'customer_id'], table: 'customers', references: ['tenant_id', 'id'] }],
  });
  await createTable(qi, 'refunds', {
    tenant: true,
    columns: {
      payment_id: refColumn(qi),
      order_id: refColumn(qi, true),
      aftersale_id: refColumn(qi, true),
      amount: money(),
      status: text(16),
      out_refund_no: text(40),
      provider_refund_id: text(64, true),
      reason: text(255, true),
      details: longText(),
      error: text(500, true),
      succeeded_at: timestamp(),
    },
    indexes: [
      { fields: ['out_refund_no'], unique: true, crossTenant: true },
      { fields: ['tenant_id', 'payment_id'] },
      { fields: ['tenant_id', 'order_id'] },
    ],
    foreignKeys: [{ fields: ['tenant_id', 'payment_id'], table: 'payments', references: ['tenant_id', 'id'] }],
  });
  await createTable(qi, 'payment_accounts', {
    tenant: true,
    columns: {
      provider: text(16),
      mode: text(16),
      mchid: text(32),
      sub_mchid: text(32, true),
      appid: text(32, true),
      serial_no: text(64, true),
      secrets_encrypted: longText(),
      platform_certs: longText(),
    },
    indexes: [{ fields: ['tenant_id', 'provider'], unique: true }],
    foreignKeys: [{ fields: ['tenant_id'], table: 'tenants', references: ['id'] }],
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await dropTables(qi, 'payment_accounts', 'refunds', 'payments');
}
