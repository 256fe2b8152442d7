/**
 * Posting to and reading the ledger. Entries are the truth and never change; each account keeps a
 * balance row updated in the same transaction as its entries, so a debit that must be covered
 * (a spend, a withdrawal, a refund taking settled money back) is refused by one conditional
 * update instead of a check that a concurrent debit could pass too. Posting is idempotent by
 * dedupe key (a replayed event books nothing new).
 */
import { UniqueConstraintError } from 'sequelize';
import { clock } from '../../core/clock.js';
import type { Ctx } from '../../core/context.js';
import type { PageQuery } from '../../core/db/index.js';
import { conflict } from '../../core/errors.js';
import type { Account, Bucket } from './model.js';
import { addToBalance, bookedKeys, entryPage, findBalance, insertBalance, insertEntries, lockBalance } from './repository.js';

export type { Account };

/** The buckets of every account, as its balance row keeps them. */
export const BUCKETS: readonly Bucket[] = ['available', 'frozen', 'held'];

export const PLATFORM: Account = { type: 'platform', id: 0 };
/** Money on its way back to shoppers (see model.ts). */
export const CLEARING: Account = { type: 'clearing', id: 0 };

export interface Posting {
  account: Account;
  bucket: Bucket;
  amount: number;
  kind: string;
  dedupeKey: string;
  orderId?: number | null;
  refType?: string;
  refId?: number;
  note?: string;
  /** A debit the bucket must cover: the posting is refused (409 insufficient_balance) rather than leave it below zero. */
  covered?: boolean;
}

/** Books entries; those whose dedupe key exists already are skipped. Zero amounts are not booked. */
export async function post(ctx: Ctx, postings: Posting[]): Promise<number> {
  const live = postings.filter((p) => p.amount !== 0);
  for (const p of live) if (!Number.isInteger(p.amount)) throw new Error(`ledger amounts are integer fen, got ${p.amount}`);
  if (!live.length) return 0;
  const existing = await bookedKeys(ctx, live.map((p) => p.dedupeKey));
  const fresh = live.filter((p) => !existing.has(p.dedupeKey));
  if (!fresh.length) return 0;
  await insertEntries(
    ctx,
    fresh.map((p) => ({
      accountType: p.account.type,
      accountId: p.account.id,
      bucket: p.bucket,
      amount: p.amount,
      kind: p.kind,
      orderId: p.orderId ?? null,
      refType: p.refType ?? null,
      refId: p.refId ?? null,
      dedupeKey: p.dedupeKey,
      note: p.note ?? null,
      createdAt: clock.now(),
    })),
  );
  await moveBalances(ctx, fresh);
  return fresh.length;
}

interface BalanceChange {
  account: Account;
  delta: Record<Bucket, number>;
  covered: Set<Bucket>;
}

const accountKey = (a: Account) => `${a.type}:${a.id}`;

/**
 * Applies the entries to the balance rows, one conditional UPDATE per account in a fixed order
 * (accounts sorted, so two transactions never wait on each other's rows in opposite orders).
 */
async function moveBalances(ctx: Ctx, postings: Posting[]): Promise<void> {
  const changes = new Map<string, BalanceChange>();
  for (const p of postings) {
    const key = accountKey(p.account);
    const change = changes.get(key) ?? { account: p.account, delta: { available: 0, frozen: 0, held: 0 }, covered: new Set<Bucket>() };
    change.delta[p.bucket] += p.amount;
    if (p.covered && p.amount < 0) change.covered.add(p.bucket);
    changes.set(key, change);
  }
  for (const key of [...changes.keys()].sort()) {
    const change = changes.get(key)!;
    if (BUCKETS.every((b) => change.delta[b] === 0)) continue;
    await moveBalance(ctx, change);
  }
}

async function moveBalance(ctx: Ctx, { account, delta, covered }: BalanceChange): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    if ((await addToBalance(ctx, account, delta, [...covered])) === 1) return;
    // the row is missing, or a covered bucket is short: read it under lock to tell which
    const row = await lockBalance(ctx, account);
    const now = { available: row?.available ?? 0, frozen: row?.frozen ?? 0, held: row?.held ?? 0 };
    const short = [...covered].find((b) => now[b] + delta[b] < 0);
    if (short) throw insufficient(account, short, now[short], -delta[short]);
    if (row) continue;
    try {
      await insertBalance(ctx, account, delta);
      return;
    } catch (err) {
      // another transaction created the row first: update it
      if (!(err instanceof UniqueConstraintError)) throw err;
    }
  }
  throw new Error(`the balance of ${accountKey(account)} could not be updated`);
}

function insufficient(account: Account, bucket: Bucket, has: number, needs: number) {
  const whose = account.type === 'shopper' ? 'The balance' : `The ${account.type} account's ${bucket} money`;
  return conflict('insufficient_balance', `${whose} (${has} fen) does not cover ${needs} fen`, { account: { type: account.type, id: account.id }, bucket, available: has, required: needs });
}

export interface Balance {
  available: number;
  frozen: number;
  /** Waiting to be paid out to the account (pending withdrawals). */
  held: number;
}

export async function balanceOf(ctx: Ctx, account: Account): Promise<Balance> {
  const row = await findBalance(ctx, account);
  return { available: row?.available ?? 0, frozen: row?.frozen ?? 0, held: row?.held ?? 0 };
}

export interface EntryView {
  id: number;
  bucket: Bucket;
  amount: number;
  kind: string;
  orderId: number | null;
  note: string | null;
  createdAt: string;
}

export async function entriesOf(ctx: Ctx, account: Account, q: PageQuery, kind?: string): Promise<{ rows: EntryView[]; count: number }> {
  const { rows, count } = await entryPage(ctx, account, q, kind);
  return { rows: rows.map((e) => ({ id: e.id, bucket: e.bucket, amount: e.amount, kind: e.kind, orderId: e.orderId, note: e.note, createdAt: e.createdAt.toISOString() })), count };
}
