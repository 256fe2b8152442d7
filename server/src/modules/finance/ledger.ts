/**
 * Posting to and reading the ledger. Entries are the truth and never change; each account keeps a
 * balance row updated in the same transaction as its entries, so a debit that must be covered
 * (a spend, a withdrawal, a refund taking settled money back) is refused by one conditional
 * update instead of a check that a concurrent debit could pass too. Posting is idempotent by
 * dedupe key (a replayed event books nothing new).
 */
import { fn, col, literal, Op, Transaction, UniqueConstraintError, type WhereOptions } from 'sequelize';
import { clock } from '../../core/clock.js';
import type { Ctx } from '../../core/context.js';
import { inTx } from '../../core/db/index.js';
import { conflict } from '../../core/errors.js';
import { AccountBalance, BUCKETS, LedgerEntry, type AccountType, type Bucket } from './model.js';

export interface Account {
  type: AccountType;
  id: number;
}

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
  const existing = new Set(
    (await LedgerEntry.findAll({ where: { dedupeKey: live.map((p) => p.dedupeKey) }, attributes: ['dedupeKey'], raw: true, ...inTx(ctx) })).map((r) => r.dedupeKey),
  );
  const fresh = live.filter((p) => !existing.has(p.dedupeKey));
  if (!fresh.length) return 0;
  await LedgerEntry.bulkCreate(
    fresh.map((p) => ({
      accountType: p.account.type,
      accountId: p.account.id,
      bucket: p.bucket,
      amount: p.amount,
      kind: p.kind,
      tenantId: ctx.tenantId,
      orderId: p.orderId ?? null,
      refType: p.refType ?? null,
      refId: p.refId ?? null,
      dedupeKey: p.dedupeKey,
      note: p.note ?? null,
      createdAt: clock.now(),
    })),
    inTx(ctx),
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
  const where = { accountType: account.type, accountId: account.id };
  // the deltas are checked integers, so they are safe to write into the statement
  const set = Object.fromEntries(BUCKETS.filter((b) => delta[b] !== 0).map((b) => [b, literal(`${b} + ${delta[b]}`)]));
  const guards = [...covered].map((b) => literal(`${b} + ${delta[b]} >= 0`));
  for (let attempt = 0; attempt < 2; attempt++) {
    const [changed] = await AccountBalance.update(set as never, { where: { ...where, ...(guards.length ? { [Op.and]: guards } : {}) }, ...inTx(ctx) });
    if (changed === 1) return;
    // a locking read: under REPEATABLE READ a plain one would see this transaction's older snapshot
    const row = await AccountBalance.findOne({ where, ...(ctx.transaction ? { lock: Transaction.LOCK.UPDATE } : {}), ...inTx(ctx) });
    const now = { available: row?.available ?? 0, frozen: row?.frozen ?? 0, held: row?.held ?? 0 };
    const short = [...covered].find((b) => now[b] + delta[b] < 0);
    if (short) throw insufficient(account, short, now[short], -delta[short]);
    if (row) continue;
    try {
      await AccountBalance.create({ ...where, available: delta.available, frozen: delta.frozen, held: delta.held }, inTx(ctx));
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
  const row = await AccountBalance.findOne({ where: { accountType: account.type, accountId: account.id }, ...inTx(ctx) });
  return { available: row?.available ?? 0, frozen: row?.frozen ?? 0, held: row?.held ?? 0 };
}

/** Every account's entries summed per bucket, to check the balance rows against (reconciliation). */
export async function ledgerSums(ctx: Ctx): Promise<Array<{ account: Account; bucket: Bucket; total: number }>> {
  const rows = (await LedgerEntry.findAll({
    attributes: ['accountType', 'accountId', 'bucket', [fn('SUM', col('amount')), 'total']],
    group: ['accountType', 'accountId', 'bucket'],
    raw: true,
    ...inTx(ctx),
  })) as unknown as Array<{ accountType: AccountType; accountId: number; bucket: Bucket; total: number | string }>;
  return rows.map((r) => ({ account: { type: r.accountType, id: Number(r.accountId) }, bucket: r.bucket, total: Number(r.total) }));
}

export async function allBalances(ctx: Ctx): Promise<AccountBalance[]> {
  return AccountBalance.findAll({ order: [['accountType', 'ASC'], ['accountId', 'ASC']], ...inTx(ctx) });
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

export async function entriesOf(ctx: Ctx, account: Account, page: { limit: number; offset: number }, kind?: string): Promise<{ rows: EntryView[]; count: number }> {
  const where: WhereOptions<LedgerEntry> = { accountType: account.type, accountId: account.id, ...(kind ? { kind } : {}) };
  const { rows, count } = await LedgerEntry.findAndCountAll({ where, order: [['id', 'DESC']], ...page, ...inTx(ctx) });
  return { rows: rows.map((e) => ({ id: e.id, bucket: e.bucket, amount: e.amount, kind: e.kind, orderId: e.orderId, note: e.note, createdAt: e.createdAt.toISOString() })), count };
}

/** Entries booked for one order, grouped by account, kind and bucket. */
export async function orderTotals(ctx: Ctx, tenantId: number, orderId: number): Promise<Array<{ accountType: AccountType; accountId: number; kind: string; bucket: Bucket; total: number }>> {
  const rows = (await LedgerEntry.findAll({
    attributes: ['accountType', 'accountId', 'kind', 'bucket', [fn('SUM', col('amount')), 'total']],
    where: { tenantId, orderId },
    group: ['accountType', 'accountId', 'kind', 'bucket'],
    raw: true,
    ...inTx(ctx),
  })) as unknown as Array<{ accountType: AccountType; accountId: number; kind: string; bucket: Bucket; total: number | string }>;
  return rows.map((r) => ({ ...r, accountId: Number(r.accountId), total: Number(r.total) }));
}

export async function ledgerTotal(ctx: Ctx): Promise<number> {
  const row = (await LedgerEntry.findOne({ attributes: [[fn('SUM', col('amount')), 'total']], raw: true, ...inTx(ctx) })) as unknown as { total: number | string | null } | null;
  return Number(row?.total ?? 0);
}

