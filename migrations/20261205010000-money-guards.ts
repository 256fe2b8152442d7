import { QueryTypes, type QueryInterface } from 'sequelize';
import { addIndex, createTable, dropTables, integer, money, refColumn, removeIndex, text, timestamp, type IndexSpec } from '../server/src/core/db/schema.js';

/**
 * The guards of the money path move into the database:
 * - order lines and fulfilments hold what refunds in flight have taken (`refunding_*`,
 *   `freight_refunded`), so a refund is planned against what is really left; a line counts the
 *   units refunds cancelled before they shipped (`cancelled_quantity`, `cancelling_quantity` while
 *   in flight) apart from units that shipped and came back, so it ships exactly what is still owed;
 * - an after-sales line is claimed by one open case at a time (a unique key on
 *   `open_order_item_id`, NULL once the case is over);
 * - exchanges and repairs record the replacement's parcel;
 * - every ledger account has a balance row, updated with its entries and guarded against going
 *   below zero; a pending withdrawal's money sits in the account's `held` bucket.
 */
const openLine: IndexSpec = { fields: ['tenant_id', 'open_order_item_id'], unique: true };
const OPEN = `'pending','approved','returning','escalated'`;

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  const q = qi.sequelize;
  const [{ n }] = await q.query<{ n: number }>(`SELECT COUNT(*) AS n FROM refunds WHERE status = 'pending'`, { type: QueryTypes.SELECT });
  // those were to be booked when they succeed; the new rules book a refund when it is asked for
  if (Number(n) > 0) throw new Error(`${n} refunds are still pending at their gateways: let them settle, then migrate`);

  await qi.addColumn('order_items', 'refunding_quantity', integer(false, 0));
  await qi.addColumn('order_items', 'refunding_amount', money());
  await qi.addColumn('order_items', 'cancelled_quantity', integer(false, 0));
  await qi.addColumn('order_items', 'cancelling_quantity', integer(false, 0));
  // refunds used to take units that had not shipped first
  await q.query('UPDATE order_items SET cancelled_quantity = CASE WHEN refunded_quantity < quantity - shipped_quantity THEN refunded_quantity ELSE quantity - shipped_quantity END WHERE refunded_quantity > 0');
  await qi.addColumn('fulfillments', 'freight_refunded', money());
  await qi.addColumn('aftersale_items', 'open_order_item_id', refColumn(qi, true));
  await qi.addColumn('aftersales', 'reship_carrier', text(32, true));
  await qi.addColumn('aftersales', 'reship_tracking_no', text(64, true));
  await qi.addColumn('aftersales', 'returned_at', timestamp());
  await qi.addColumn('aftersales', 'reshipped_at', timestamp());

  // open cases keep their lines; where two open cases share a line (the race this closes), the older keeps it
  const open = await q.query<{ id: number; tenantId: number; orderItemId: number }>(
    `SELECT ai.id AS id, ai.tenant_id AS tenantId, ai.order_item_id AS orderItemId FROM aftersale_items ai
       JOIN aftersales a ON a.tenant_id = ai.tenant_id AND a.id = ai.aftersale_id
      WHERE a.status IN (${OPEN}) ORDER BY a.id, ai.id`,
    { type: QueryTypes.SELECT },
  );
  const claimed = new Set<string>();
  for (const row of open) {
    const key = `${row.tenantId}:${row.orderItemId}`;
    if (claimed.has(key)) continue;
    claimed.add(key);
    await q.query('UPDATE aftersale_items SET open_order_item_id = order_item_id WHERE tenant_id = ? AND id = ?', { replacements: [row.tenantId, row.id] });
  }
  await addIndex(qi, 'aftersale_items', openLine, true);

  await createTable(qi, 'account_balances', {
    tenant: false,
    columns: { account_type: text(16), account_id: refColumn(qi), available: money(), frozen: money(), held: money() },
    indexes: [{ fields: ['account_type', 'account_id'], unique: true }],
  });
  const now = new Date();
  const pending = await q.query<{ id: number; accountType: string; accountId: number; amount: number }>(
    `SELECT id, account_type AS accountType, account_id AS accountId, amount FROM withdrawals WHERE status = 'pending'`,
    { type: QueryTypes.SELECT },
  );
  for (const w of pending) {
    await qi.bulkInsert('ledger_entries', [
      { account_type: w.accountType, account_id: w.accountId, bucket: 'held', amount: w.amount, kind: 'withdrawal_held', ref_type: 'withdrawal', ref_id: w.id, dedupe_key: `withdrawal:${w.id}:held`, created_at: now },
    ]);
  }
  const sums = await q.query<{ accountType: string; accountId: number; bucket: string; total: number | string }>(
    'SELECT account_type AS accountType, account_id AS accountId, bucket, SUM(amount) AS total FROM ledger_entries GROUP BY account_type, account_id, bucket',
    { type: QueryTypes.SELECT },
  );
  const balances = new Map<string, { account_type: string; account_id: number; available: number; frozen: number; held: number; created_at: Date; updated_at: Date }>();
  for (const s of sums) {
    const key = `${s.accountType}:${s.accountId}`;
    const row = balances.get(key) ?? { account_type: s.accountType, account_id: Number(s.accountId), available: 0, frozen: 0, held: 0, created_at: now, updated_at: now };
    row[s.bucket as 'available' | 'frozen' | 'held'] = Number(s.total);
    balances.set(key, row);
  }
  if (balances.size) await qi.bulkInsert('account_balances', [...balances.values()]);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  const q = qi.sequelize;
  const [{ n }] = await q.query<{ n: number }>(`SELECT COUNT(*) AS n FROM refunds WHERE status = 'pending'`, { type: QueryTypes.SELECT });
  if (Number(n) > 0) throw new Error(`${n} refunds are still pending at their gateways: let them settle, then migrate down`);
  // the old rules knew neither held money nor money on its way back: without both legs, every entry left adds up as before
  await q.query(`DELETE FROM ledger_entries WHERE bucket = 'held' OR account_type = 'clearing'`);
  await dropTables(qi, 'account_balances');
  await removeIndex(qi, 'aftersale_items', openLine);
  // not qi.removeColumn: on SQLite it rebuilds the table, which its composite foreign keys refuse
  for (const [table, column] of [
    ['aftersales', 'reshipped_at'],
    ['aftersales', 'returned_at'],
    ['aftersales', 'reship_tracking_no'],
    ['aftersales', 'reship_carrier'],
    ['aftersale_items', 'open_order_item_id'],
    ['fulfillments', 'freight_refunded'],
    ['order_items', 'cancelling_quantity'],
    ['order_items', 'cancelled_quantity'],
    ['order_items', 'refunding_amount'],
    ['order_items', 'refunding_quantity'],
  ]) {
    await q.query(`ALTER TABLE ${table} DROP COLUMN ${column}`);
  }
}
