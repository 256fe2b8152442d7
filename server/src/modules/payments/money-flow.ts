/**
 * What came in through gateways and went back to them, for the books' reconciliation. Balance
 * payments move money inside the ledger, so they count neither way.
 */
import { col, fn, literal, Op } from 'sequelize';
import type { Ctx } from '../../core/context.js';
import { acrossTenants, inTx } from '../../core/db/index.js';
import { contribute } from '../../core/hooks.js';
import { moneySources } from '../finance/index.js';
import { Payment, Refund } from './model.js';

async function total(query: Promise<unknown>): Promise<number> {
  const row = (await query) as { total: number | string | null } | null;
  return Number(row?.total ?? 0);
}

export const gatewayMoney = contribute(moneySources, 'payments.gateways', (ctx: Ctx) =>
  acrossTenants('payments: gateway money of every shop, for reconciliation', async () => {
    const moneyIn = await total(
      Payment.findOne({ attributes: [[fn('SUM', col('amount')), 'total']], where: { status: 'succeeded', method: { [Op.ne]: 'balance' } }, raw: true, ...inTx(ctx) }),
    );
    const moneyOut = await total(
      Refund.findOne({
        attributes: [[fn('SUM', col('amount')), 'total']],
        where: { status: 'succeeded', paymentId: { [Op.in]: literal(`(SELECT id FROM payments WHERE method <> 'balance')`) } },
        raw: true,
        ...inTx(ctx),
      }),
    );
    return { name: 'gateways', moneyIn, moneyOut };
  }),
);
