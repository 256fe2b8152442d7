/**
 * The books must balance: money that came in through gateways, less what went back to them, less
 * what was paid out in withdrawals, equals the sum of every ledger entry (money held for a pending
 * withdrawal or waiting in clearing for a refund is still inside). And every account's balance row
 * equals the sum of its entries, bucket by bucket, and none is below zero. The modules that move
 * money in and out contribute how to total it to `moneySources`.
 */
import type { Ctx } from '../../core/context.js';
import { contributionsTo, defineHook } from '../../core/hooks.js';
import { withNames } from './account-names.js';
import { BUCKETS, type Account } from './ledger.js';
import type { Bucket } from './model.js';
import { allBalances, ledgerSums, ledgerTotal } from './repository.js';
import { paidOut } from './withdrawals.js';

export interface MoneyFlow {
  name: string;
  moneyIn: number;
  moneyOut: number;
}

/** Each totals one way money enters or leaves the platform (gateways, ...). */
export const moneySources = defineHook<(ctx: Ctx) => Promise<MoneyFlow>>('finance.money-sources', 'each');

export interface AccountFinding {
  account: Account & { name: string | null };
  bucket: Bucket;
  /** The sum of the account's entries in the bucket. */
  ledger: number;
  /** What its balance row says. */
  balance: number;
}

export interface Reconciliation {
  flows: MoneyFlow[];
  withdrawalsPaid: number;
  expectedLedgerTotal: number;
  ledgerTotal: number;
  difference: number;
  /** Balance rows that disagree with their entries. */
  mismatches: AccountFinding[];
  /** Buckets below zero. */
  negative: AccountFinding[];
  balanced: boolean;
}

export async function reconcile(ctx: Ctx): Promise<Reconciliation> {
  const flows = await Promise.all(contributionsTo(moneySources).map((s) => s.value(ctx)));
  const withdrawalsPaid = await paidOut(ctx);
  const expected = flows.reduce((sum, f) => sum + f.moneyIn - f.moneyOut, 0) - withdrawalsPaid;
  const total = await ledgerTotal(ctx);
  const { mismatches, negative } = await checkBalances(ctx);
  return {
    flows,
    withdrawalsPaid,
    expectedLedgerTotal: expected,
    ledgerTotal: total,
    difference: total - expected,
    mismatches,
    negative,
    balanced: total === expected && !mismatches.length && !negative.length,
  };
}

async function checkBalances(ctx: Ctx): Promise<{ mismatches: AccountFinding[]; negative: AccountFinding[] }> {
  const findings = new Map<string, Omit<AccountFinding, 'account'> & { account: Account }>();
  const finding = (account: Account, bucket: Bucket) => {
    const key = `${account.type}:${account.id}:${bucket}`;
    let f = findings.get(key);
    if (!f) findings.set(key, (f = { account, bucket, ledger: 0, balance: 0 }));
    return f;
  };
  for (const s of await ledgerSums(ctx)) finding(s.account, s.bucket).ledger = s.total;
  for (const row of await allBalances(ctx)) {
    for (const bucket of BUCKETS) finding({ type: row.accountType, id: row.accountId }, bucket).balance = row[bucket];
  }
  const wrong = [...findings.values()].filter((f) => f.ledger !== f.balance || f.balance < 0 || f.ledger < 0);
  // only the accounts that show up are named: a balanced book asks no module anything
  const accounts = await withNames(ctx, wrong.map((f) => f.account));
  const all = wrong.map((f, i) => ({ ...f, account: accounts[i]! }));
  return { mismatches: all.filter((f) => f.ledger !== f.balance), negative: all.filter((f) => f.balance < 0 || f.ledger < 0) };
}
