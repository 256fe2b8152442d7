/**
 * The books must balance: money that came in through gateways, less what went back to them, less
 * what was paid out in withdrawals, equals the sum of every ledger entry. The modules that move
 * money in and out register how to total it.
 */
import type { Ctx } from '../../core/context.js';
import { ledgerTotal } from './ledger.js';
import { paidOut } from './withdrawals.js';

export interface MoneyFlow {
  name: string;
  moneyIn: number;
  moneyOut: number;
}

const sources: Array<(ctx: Ctx) => Promise<MoneyFlow>> = [];

export function registerMoneySource(source: (ctx: Ctx) => Promise<MoneyFlow>): void {
  sources.push(source);
}

export interface Reconciliation {
  flows: MoneyFlow[];
  withdrawalsPaid: number;
  expectedLedgerTotal: number;
  ledgerTotal: number;
  difference: number;
  balanced: boolean;
}

export async function reconcile(ctx: Ctx): Promise<Reconciliation> {
  const flows = await Promise.all(sources.map((s) => s(ctx)));
  const withdrawalsPaid = await paidOut(ctx);
  const expected = flows.reduce((sum, f) => sum + f.moneyIn - f.moneyOut, 0) - withdrawalsPaid;
  const total = await ledgerTotal(ctx);
  return { flows, withdrawalsPaid, expectedLedgerTotal: expected, ledgerTotal: total, difference: total - expected, balanced: total === expected };
}
