/** What came in through gateways and went back to them, for the books' reconciliation. */
import type { Ctx } from '../../core/context.js';
import { contribute } from '../../core/hooks.js';
import { moneySources } from '../finance/index.js';
import { gatewayTotals } from './repository.js';

export const gatewayMoney = contribute(moneySources, 'payments.gateways', async (ctx: Ctx) => ({ name: 'gateways', ...(await gatewayTotals(ctx)) }));
