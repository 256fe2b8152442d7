import { randomInt } from 'node:crypto';
import type { QueryInterface } from 'sequelize';
import { addIndex, removeIndex, text, type IndexSpec } from '../server/src/core/db/schema.js';

const byCode: IndexSpec = { fields: ['tenant_id', 'code'], unique: true };
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const code = () => Array.from({ length: 10 }, () => ALPHABET[randomInt(0, ALPHABET.length)]).join('');

/**
 * Each coupon a shopper holds gets a short code of its own (10 letters and digits, unique in the
 * shop), shown in "my coupons" as a code and a QR code: the clerk at a store's counter types or
 * scans it to apply the coupon to a counter sale or to mark it used (stores module). Holdings from
 * before get one now.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('customer_coupons', 'code', text(16, true));
  const [rows] = (await qi.sequelize.query('SELECT id FROM customer_coupons WHERE code IS NULL')) as [Array<{ id: number }>, unknown];
  for (const r of rows) await qi.sequelize.query('UPDATE customer_coupons SET code = :code WHERE id = :id', { replacements: { code: code(), id: r.id } });
  await addIndex(qi, 'customer_coupons', byCode, true);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await removeIndex(qi, 'customer_coupons', byCode);
  await qi.sequelize.query('ALTER TABLE customer_coupons DROP COLUMN code');
}
