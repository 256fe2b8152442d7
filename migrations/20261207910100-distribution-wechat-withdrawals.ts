import type { QueryInterface } from 'sequelize';
import { addIndex, removeIndex, text } from '../server/src/core/db/schema.js';

/**
 * Distributors' withdrawals to WeChat change (modules/distribution): the payee's mini-program
 * (`appid`) and `openid`, our transfer number (`out_bill_no`, unique: WeChat pays one bill per
 * number), WeChat's bill number once it answers, and why a transfer failed.
 */
const BILL_INDEX = { fields: ['tenant_id', 'out_bill_no'], unique: true };

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('distribution_withdrawals', 'appid', text(32, true));
  await qi.addColumn('distribution_withdrawals', 'openid', text(64, true));
  await qi.addColumn('distribution_withdrawals', 'out_bill_no', text(32, true));
  await qi.addColumn('distribution_withdrawals', 'transfer_bill_no', text(64, true));
  await qi.addColumn('distribution_withdrawals', 'error', text(255, true));
  await addIndex(qi, 'distribution_withdrawals', BILL_INDEX, true);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await removeIndex(qi, 'distribution_withdrawals', BILL_INDEX);
  for (const c of ['error', 'transfer_bill_no', 'out_bill_no', 'openid', 'appid']) await qi.sequelize.query(`ALTER TABLE distribution_withdrawals DROP COLUMN ${c}`);
}
