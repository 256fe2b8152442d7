/**
 * Posting to and reading the ledger. Posting is idempotent by dedupe key (a replayed event books
 * nothing new); balances are sums over entries with explicit conditions (aggregates run no model
 * hooks, and these rows are platform-level).
 */
import { fn, col, type WhereOptions } from 'sequelize';
import { clock } from '../../core/clock.js';
import type { Ctx } from '../../core/context.js';
import { inTx } from '../../core/db/index.js';
import { LedgerEntry, type AccountType, type Bucket } from './model.js';

export interface Account {
  type: AccountType;
  id: number;
}

export const PLATFORM: Account = { type: 'platform', id: 0 };

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
}

/** Books entries; those whose dedupe key exists already are skipped. Zero amounts are not booked. */
export async function post(ctx: Ctx, postings: Posting[]): Promise<number> {
  const rows = postings
    .filter((p) => p.amount !== 0)
    .map((p) => {
      if (!Number.isInteger(p.amount)) throw new Error(`ledger amounts are integer fen, got ${p.amount}`);
      return {
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
      };
    });
  if (!rows.length) return 0;
  const existing = new Set(
    (await LedgerEntry.findAll({ where: { dedupeKey: rows.map((r) => r.dedupeKey) }, attributes: ['dedupeKey'], raw: true, ...inTx(ctx) })).map((r) => r.dedupeKey),
  );
  const fresh = rows.filter((r) => !existing.has(r.dedupeKey));
  if (fresh.length) await LedgerEntry.bulkCreate(fresh, inTx(ctx));
  return fresh.length;
}

export interface Balance {
  available: number;
  frozen: number;
}

export async function balanceOf(ctx: Ctx, account: Account): Promise<Balance> {
  const rows = (await LedgerEntry.findAll({
    attributes: ['bucket', [fn('SUM', col('amount')), 'total']],
    where: { accountType: account.type, accountId: account.id },
    group: ['bucket'],
    raw: true,
    ...inTx(ctx),
  })) as unknown as Array<{ bucket: Bucket; total: number | string | null }>;
  const sum = (b: Bucket) => Number(rows.find((r) => r.bucket === b)?.total ?? 0);
  return { available: sum('available'), frozen: sum('frozen') };
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

