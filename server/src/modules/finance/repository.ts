/**
 * Every query of the finance module, and the only file that touches its models (server/README.md,
 * "One door to the database"): ledger entries, balance rows and withdrawals go in and out as plain
 * rows. The guards of money are statements here, chosen by ledger.ts and withdrawals.ts: a balance
 * moved by one conditional UPDATE that refuses to take a covered bucket below zero, a balance row
 * read FOR UPDATE, the unique keys on an account's balance row and on an entry's dedupe key, and a
 * withdrawal's review as a conditional update on its status.
 */
import { col, fn, literal, Op, Transaction, type WhereOptions } from 'sequelize';
import type { Ctx } from '../../core/context.js';
import { inTx, paginate, type PageQuery } from '../../core/db/index.js';
import { AccountBalance, LedgerEntry, Withdrawal, type Account, type AccountType, type Bucket, type WithdrawalStatus } from './model.js';

export interface EntryRow {
  id: number;
  accountType: AccountType;
  accountId: number;
  bucket: Bucket;
  amount: number;
  kind: string;
  tenantId: number | null;
  orderId: number | null;
  refType: string | null;
  refId: number | null;
  dedupeKey: string;
  note: string | null;
  createdAt: Date;
}

export interface BalanceRow {
  accountType: AccountType;
  accountId: number;
  available: number;
  frozen: number;
  held: number;
}

export interface WithdrawalRow {
  id: number;
  accountType: 'tenant' | 'supplier';
  accountId: number;
  amount: number;
  status: WithdrawalStatus;
  payee: Record<string, string>;
  reason: string | null;
  reviewedBy: number | null;
  reviewedAt: Date | null;
  createdAt: Date;
}

const entryRow = (e: LedgerEntry): EntryRow => ({
  id: e.id,
  accountType: e.accountType,
  accountId: e.accountId,
  bucket: e.bucket,
  amount: e.amount,
  kind: e.kind,
  tenantId: e.tenantId,
  orderId: e.orderId,
  refType: e.refType,
  refId: e.refId,
  dedupeKey: e.dedupeKey,
  note: e.note,
  createdAt: e.createdAt,
});

const balanceRow = (b: AccountBalance): BalanceRow => ({ accountType: b.accountType, accountId: b.accountId, available: b.available, frozen: b.frozen, held: b.held });

const withdrawalRow = (w: Withdrawal): WithdrawalRow => ({
  id: w.id,
  accountType: w.accountType,
  accountId: w.accountId,
  amount: w.amount,
  status: w.status,
  payee: w.payee,
  reason: w.reason,
  reviewedBy: w.reviewedBy,
  reviewedAt: w.reviewedAt,
  createdAt: w.createdAt,
});

const ofAccount = (account: Account) => ({ accountType: account.type, accountId: account.id });

// ---- entries ----

/** Which of these dedupe keys are booked already. */
export async function bookedKeys(ctx: Ctx, dedupeKeys: string[]): Promise<Set<string>> {
  const rows = await LedgerEntry.findAll({ where: { dedupeKey: dedupeKeys }, attributes: ['dedupeKey'], raw: true, ...inTx(ctx) });
  return new Set(rows.map((r) => r.dedupeKey));
}

export type NewEntry = Omit<EntryRow, 'id' | 'tenantId'>;

/** Books the entries under the ctx's tenant (none for platform work); a dedupe key booked twice is refused by its unique key. */
export async function insertEntries(ctx: Ctx, entries: NewEntry[]): Promise<void> {
  await LedgerEntry.bulkCreate(
    entries.map((e) => ({ ...e, tenantId: ctx.tenantId })),
    inTx(ctx),
  );
}

/** The entries whose dedupe key starts with this prefix (a refund's: `refund:12:`), oldest first. */
export async function entriesWithKeyPrefix(ctx: Ctx, prefix: string): Promise<EntryRow[]> {
  const rows = await LedgerEntry.findAll({ where: { dedupeKey: { [Op.like]: `${prefix}%` } }, order: [['id', 'ASC']], ...inTx(ctx) });
  return rows.map(entryRow);
}

/** A page of an account's entries (of one kind, if given), newest first, with the total. */
export async function entryPage(ctx: Ctx, account: Account, q: PageQuery, kind?: string): Promise<{ rows: EntryRow[]; count: number }> {
  const where: WhereOptions<LedgerEntry> = { ...ofAccount(account), ...(kind ? { kind } : {}) };
  const { rows, count } = await LedgerEntry.findAndCountAll({ where, order: [['id', 'DESC']], ...paginate(q), ...inTx(ctx) });
  return { rows: rows.map(entryRow), count };
}

/** Every account's entries summed per bucket. */
export async function ledgerSums(ctx: Ctx): Promise<Array<{ account: Account; bucket: Bucket; total: number }>> {
  const rows = (await LedgerEntry.findAll({
    attributes: ['accountType', 'accountId', 'bucket', [fn('SUM', col('amount')), 'total']],
    group: ['accountType', 'accountId', 'bucket'],
    raw: true,
    ...inTx(ctx),
  })) as unknown as Array<{ accountType: AccountType; accountId: number; bucket: Bucket; total: number | string }>;
  return rows.map((r) => ({ account: { type: r.accountType, id: Number(r.accountId) }, bucket: r.bucket, total: Number(r.total) }));
}

/** Entries booked for one order, summed by account, kind and bucket. */
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

/** The sum of every entry of one kind, in every shop (a money flow's part kept inside the ledger). */
export async function kindTotal(ctx: Ctx, kind: string): Promise<number> {
  const row = (await LedgerEntry.findOne({ attributes: [[fn('SUM', col('amount')), 'total']], where: { kind }, raw: true, ...inTx(ctx) })) as unknown as { total: number | string | null } | null;
  return Number(row?.total ?? 0);
}

/** The sum of every entry. */
export async function ledgerTotal(ctx: Ctx): Promise<number> {
  const row = (await LedgerEntry.findOne({ attributes: [[fn('SUM', col('amount')), 'total']], raw: true, ...inTx(ctx) })) as unknown as { total: number | string | null } | null;
  return Number(row?.total ?? 0);
}

// ---- balance rows ----

/**
 * Adds the deltas to the account's balance row in one UPDATE that changes nothing when a `covered`
 * bucket would go below zero. Answers how many rows changed: 0 when the row is missing or short.
 */
export async function addToBalance(ctx: Ctx, account: Account, delta: Record<Bucket, number>, covered: Bucket[]): Promise<number> {
  const moved = (Object.keys(delta) as Bucket[]).filter((b) => delta[b] !== 0);
  // the deltas are written into the statement, so they must be integers
  for (const b of moved) if (!Number.isInteger(delta[b])) throw new Error(`balance deltas are integer fen, got ${delta[b]}`);
  const set = Object.fromEntries(moved.map((b) => [b, literal(`${b} + ${delta[b]}`)]));
  const guards = covered.map((b) => literal(`${b} + ${delta[b]} >= 0`));
  const [changed] = await AccountBalance.update(set as never, { where: { ...ofAccount(account), ...(guards.length ? { [Op.and]: guards } : {}) }, ...inTx(ctx) });
  return changed;
}

/**
 * The account's balance row, read FOR UPDATE inside a transaction: under REPEATABLE READ a plain
 * read would see the transaction's older snapshot.
 */
export async function lockBalance(ctx: Ctx, account: Account): Promise<BalanceRow | null> {
  const row = await AccountBalance.findOne({ where: ofAccount(account), ...(ctx.transaction ? { lock: Transaction.LOCK.UPDATE } : {}), ...inTx(ctx) });
  return row ? balanceRow(row) : null;
}

/** The account's first balance row; a UniqueConstraintError when another transaction made it first. */
export async function insertBalance(ctx: Ctx, account: Account, amounts: Record<Bucket, number>): Promise<void> {
  await AccountBalance.create({ ...ofAccount(account), available: amounts.available, frozen: amounts.frozen, held: amounts.held }, inTx(ctx));
}

export async function findBalance(ctx: Ctx, account: Account): Promise<BalanceRow | null> {
  const row = await AccountBalance.findOne({ where: ofAccount(account), ...inTx(ctx) });
  return row ? balanceRow(row) : null;
}

export async function allBalances(ctx: Ctx): Promise<BalanceRow[]> {
  const rows = await AccountBalance.findAll({ order: [['accountType', 'ASC'], ['accountId', 'ASC']], ...inTx(ctx) });
  return rows.map(balanceRow);
}

// ---- withdrawals ----

export type NewWithdrawal = Omit<WithdrawalRow, 'id' | 'createdAt'>;

export async function insertWithdrawal(ctx: Ctx, fields: NewWithdrawal): Promise<WithdrawalRow> {
  return withdrawalRow(await Withdrawal.create(fields, inTx(ctx)));
}

export async function findWithdrawal(ctx: Ctx, id: number): Promise<WithdrawalRow | null> {
  const w = await Withdrawal.findByPk(id, inTx(ctx));
  return w ? withdrawalRow(w) : null;
}

export type WithdrawalChanges = Partial<Pick<WithdrawalRow, 'status' | 'reason' | 'reviewedAt' | 'reviewedBy'>>;

/** Writes the changes; `when` makes it conditional. Answers how many rows changed (0 or 1). */
export async function updateWithdrawal(ctx: Ctx, id: number, changes: WithdrawalChanges, when: Partial<Pick<WithdrawalRow, 'status'>> = {}): Promise<number> {
  const [changed] = await Withdrawal.update(changes, { where: { id, ...when }, ...inTx(ctx) });
  return changed;
}

/** A page of withdrawals (an account's, in a status, if given), newest first, with the total. */
export async function withdrawalPage(ctx: Ctx, filter: { account?: Account; status?: WithdrawalStatus }, q: PageQuery): Promise<{ rows: WithdrawalRow[]; count: number }> {
  const where = { ...(filter.account ? ofAccount(filter.account) : {}), ...(filter.status ? { status: filter.status } : {}) };
  const { rows, count } = await Withdrawal.findAndCountAll({ where, order: [['id', 'DESC']], ...paginate(q), ...inTx(ctx) });
  return { rows: rows.map(withdrawalRow), count };
}

/** The amount of every paid withdrawal. */
export async function paidWithdrawalAmounts(ctx: Ctx): Promise<number[]> {
  const rows = await Withdrawal.findAll({ where: { status: 'paid' }, attributes: ['amount'], ...inTx(ctx) });
  return rows.map((w) => w.amount);
}
