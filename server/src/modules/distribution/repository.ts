/**
 * Every query of the distribution module, and the only file that touches its models: plain rows
 * out, ctx first. Guards here: the unique keys (a shopper's one binding, one distributor row per
 * shopper, one commission per order, payee and level, one reversal per refund and commission, a
 * completed order's spend counted once) and conditional updates on a status (an application
 * decided once, a withdrawal reviewed once). Money itself is guarded by the finance ledger.
 */
import { fn, literal, Op, UniqueConstraintError, type WhereOptions } from 'sequelize';
import { requireTenantId, type Ctx } from '../../core/context.js';
import { acrossTenants, inTx, paginate, type PageQuery } from '../../core/db/index.js';
import { Binding, Commission, DistributionLevel, Distributor, LevelChange, ProductRate, PromoterWithdrawal, Reversal, Spend, type BindingSource, type CommissionSource, type LevelChangeSource, type LevelConditions, type LevelMatch, type CommissionStatus, type DistributorStatus, type WithdrawalMethod, type WithdrawalStatus } from './model.js';

export type { BindingSource, CommissionSource, LevelChangeSource, LevelConditions, LevelMatch, CommissionStatus, DistributorStatus, WithdrawalMethod, WithdrawalStatus };

const mine = (ctx: Ctx) => ({ tenantId: requireTenantId(ctx) });
const num = (v: unknown): number => Number(v ?? 0);

// ---- distributors ----

export interface DistributorRow {
  id: number;
  customerId: number;
  status: DistributorStatus;
  inviteCode: string;
  spent: number;
  reason: string | null;
  appliedAt: Date | null;
  approvedAt: Date | null;
  levelId: number | null;
  createdAt: Date;
}

const distributorRow = (d: Distributor): DistributorRow => ({
  id: num(d.id), customerId: num(d.customerId), status: d.status, inviteCode: d.inviteCode, spent: num(d.spent), reason: d.reason, appliedAt: d.appliedAt, approvedAt: d.approvedAt,
  levelId: d.levelId === null || d.levelId === undefined ? null : num(d.levelId), createdAt: d.createdAt,
});

export async function findDistributor(ctx: Ctx, customerId: number): Promise<DistributorRow | null> {
  const d = await Distributor.findOne({ where: { ...mine(ctx), customerId }, ...inTx(ctx) });
  return d ? distributorRow(d) : null;
}

export async function distributorByCode(ctx: Ctx, inviteCode: string): Promise<DistributorRow | null> {
  const d = await Distributor.findOne({ where: { ...mine(ctx), inviteCode }, ...inTx(ctx) });
  return d ? distributorRow(d) : null;
}

export async function distributorsOf(ctx: Ctx, customerIds: number[]): Promise<Map<number, DistributorRow>> {
  if (!customerIds.length) return new Map();
  const rows = await Distributor.findAll({ where: { ...mine(ctx), customerId: { [Op.in]: [...new Set(customerIds)] } }, ...inTx(ctx) });
  return new Map(rows.map((d) => [num(d.customerId), distributorRow(d)]));
}

/** The shopper's row, made when missing (a concurrent maker's row is read back instead). */
export async function ensureDistributor(ctx: Ctx, customerId: number, fields: Pick<DistributorRow, 'status' | 'inviteCode' | 'appliedAt' | 'approvedAt'> & { levelId?: number | null }): Promise<{ row: DistributorRow; created: boolean }> {
  const found = await findDistributor(ctx, customerId);
  if (found) return { row: found, created: false };
  try {
    const d = await Distributor.create({ ...mine(ctx), customerId, ...fields, spent: 0, reason: null }, inTx(ctx));
    return { row: distributorRow(d), created: true };
  } catch (err) {
    if (!(err instanceof UniqueConstraintError)) throw err;
    const again = await findDistributor(ctx, customerId);
    if (!again) throw err; // the invite code collided: the caller tries another
    return { row: again, created: false };
  }
}

/** Writes the changes where the row is in one of `from` (any status when not given); 0 or 1. */
export async function updateDistributor(ctx: Ctx, customerId: number, changes: Partial<Pick<DistributorRow, 'status' | 'reason' | 'appliedAt' | 'approvedAt'>>, from?: DistributorStatus[]): Promise<number> {
  const [n] = await Distributor.update(changes, { where: { ...mine(ctx), customerId, ...(from ? { status: { [Op.in]: from } } : {}) }, ...inTx(ctx) });
  return n;
}

export async function addSpent(ctx: Ctx, customerId: number, amount: number): Promise<void> {
  if (!Number.isInteger(amount)) throw new Error('spent is integer fen');
  await Distributor.update({ spent: literal(`spent + ${amount}`) as never }, { where: { ...mine(ctx), customerId }, ...inTx(ctx) });
}

export async function distributorPage(ctx: Ctx, filter: { status?: DistributorStatus; customerIds?: number[] }, q: PageQuery): Promise<{ rows: DistributorRow[]; count: number }> {
  const where: WhereOptions<Distributor> = { ...mine(ctx), status: filter.status ?? { [Op.ne]: 'none' }, ...(filter.customerIds ? { customerId: { [Op.in]: filter.customerIds } } : {}) };
  const { rows, count } = await Distributor.findAndCountAll({ where, order: [['id', 'DESC']], ...paginate(q), ...inTx(ctx) });
  return { rows: rows.map(distributorRow), count };
}

export async function activeDistributorIds(ctx: Ctx): Promise<number[]> {
  const rows = await Distributor.findAll({ where: { ...mine(ctx), status: 'active' }, attributes: ['customerId'], ...inTx(ctx) });
  return rows.map((d) => num(d.customerId));
}

// ---- bindings ----

export interface BindingRow {
  customerId: number;
  inviterId: number;
  source: BindingSource;
  boundAt: Date;
  lockedUntil: Date | null;
  changedBy: number | null;
}

const bindingRow = (b: Binding): BindingRow => ({ customerId: num(b.customerId), inviterId: num(b.inviterId), source: b.source, boundAt: b.boundAt, lockedUntil: b.lockedUntil, changedBy: b.changedBy === null ? null : num(b.changedBy) });

export async function findBinding(ctx: Ctx, customerId: number): Promise<BindingRow | null> {
  const b = await Binding.findOne({ where: { ...mine(ctx), customerId }, ...inTx(ctx) });
  return b ? bindingRow(b) : null;
}

/** The first binding of the shopper; false when one exists already (the unique key decides a race). */
export async function insertBinding(ctx: Ctx, row: BindingRow): Promise<boolean> {
  try {
    await Binding.create({ ...mine(ctx), ...row }, inTx(ctx));
    return true;
  } catch (err) {
    if (err instanceof UniqueConstraintError) return false;
    throw err;
  }
}

export async function updateBinding(ctx: Ctx, customerId: number, changes: Partial<BindingRow>): Promise<number> {
  const [n] = await Binding.update(changes, { where: { ...mine(ctx), customerId }, ...inTx(ctx) });
  return n;
}

export async function deleteBinding(ctx: Ctx, customerId: number): Promise<void> {
  await Binding.destroy({ where: { ...mine(ctx), customerId }, ...inTx(ctx) });
}

/** The shoppers bound directly to any of these inviters. */
export async function downline(ctx: Ctx, inviterIds: number[]): Promise<BindingRow[]> {
  if (!inviterIds.length) return [];
  const rows = await Binding.findAll({ where: { ...mine(ctx), inviterId: { [Op.in]: [...new Set(inviterIds)] } }, order: [['id', 'ASC']], ...inTx(ctx) });
  return rows.map(bindingRow);
}

// ---- commissions ----

export interface CommissionRow {
  id: number;
  orderId: number;
  customerId: number;
  buyerId: number;
  level: number;
  source: CommissionSource;
  rateBps: number;
  lineRates: Record<string, number>;
  base: number;
  amount: number;
  capped: number;
  reversed: number;
  status: CommissionStatus;
  createdAt: Date;
}

const commissionRow = (c: Commission): CommissionRow => ({
  id: num(c.id), orderId: num(c.orderId), customerId: num(c.customerId), buyerId: num(c.buyerId), level: num(c.level), source: c.source, rateBps: num(c.rateBps),
  lineRates: c.lineRates, base: num(c.base), amount: num(c.amount), capped: num(c.capped), reversed: num(c.reversed), status: c.status, createdAt: c.createdAt,
});

export async function commissionsOfOrder(ctx: Ctx, orderId: number): Promise<CommissionRow[]> {
  const rows = await Commission.findAll({ where: { ...mine(ctx), orderId }, order: [['id', 'ASC']], ...inTx(ctx) });
  return rows.map(commissionRow);
}

export type NewCommission = Omit<CommissionRow, 'id' | 'reversed' | 'createdAt'>;

export async function insertCommissions(ctx: Ctx, rows: NewCommission[]): Promise<void> {
  if (rows.length) await Commission.bulkCreate(rows.map((r) => ({ ...mine(ctx), ...r, reversed: 0 })), inTx(ctx));
}

export async function addReversed(ctx: Ctx, id: number, delta: number): Promise<void> {
  if (!Number.isInteger(delta)) throw new Error('reversed is integer fen');
  await Commission.update({ reversed: literal(`reversed + ${delta}`) as never }, { where: { ...mine(ctx), id }, ...inTx(ctx) });
}

export async function setOrderCommissionStatus(ctx: Ctx, orderId: number, status: CommissionStatus, from: CommissionStatus): Promise<void> {
  await Commission.update({ status }, { where: { ...mine(ctx), orderId, status: from }, ...inTx(ctx) });
}

export async function commissionPage(ctx: Ctx, filter: { customerId?: number; orderId?: number; status?: CommissionStatus; source?: CommissionSource }, q: PageQuery): Promise<{ rows: CommissionRow[]; count: number }> {
  const where: WhereOptions<Commission> = { ...mine(ctx), ...filter };
  const { rows, count } = await Commission.findAndCountAll({ where, order: [['id', 'DESC']], ...paginate(q), ...inTx(ctx) });
  return { rows: rows.map(commissionRow), count };
}

/** What each payee has earned, reversals taken off, over every order. */
export async function earnedBy(ctx: Ctx, customerIds?: number[]): Promise<Map<number, number>> {
  const rows = (await Commission.findAll({
    attributes: ['customerId', [fn('SUM', literal('amount - reversed')), 'earned']],
    where: { ...mine(ctx), ...(customerIds ? { customerId: { [Op.in]: customerIds } } : {}) },
    group: ['customerId'],
    raw: true,
    ...inTx(ctx),
  })) as unknown as Array<{ customerId: number; earned: number | string }>;
  return new Map(rows.map((r) => [num(r.customerId), num(r.earned)]));
}

// ---- reversals ----

export interface ReversalRow {
  id: number;
  refundId: number;
  commissionId: number;
  amount: number;
  released: boolean;
}

const reversalRow = (r: Reversal): ReversalRow => ({ id: num(r.id), refundId: num(r.refundId), commissionId: num(r.commissionId), amount: num(r.amount), released: !!r.released });

/** false when this refund's reversal of the commission is recorded already. */
export async function insertReversal(ctx: Ctx, row: Omit<ReversalRow, 'id' | 'released'>): Promise<boolean> {
  try {
    await Reversal.create({ ...mine(ctx), ...row }, inTx(ctx));
    return true;
  } catch (err) {
    if (err instanceof UniqueConstraintError) return false;
    throw err;
  }
}

export async function reversalsOfRefund(ctx: Ctx, refundId: number): Promise<ReversalRow[]> {
  const rows = await Reversal.findAll({ where: { ...mine(ctx), refundId }, ...inTx(ctx) });
  return rows.map(reversalRow);
}

export async function releaseReversal(ctx: Ctx, id: number): Promise<number> {
  const [n] = await Reversal.update({ released: true }, { where: { ...mine(ctx), id, released: false }, ...inTx(ctx) });
  return n;
}

// ---- per-product rates ----

export async function productRates(ctx: Ctx, productIds: number[]): Promise<Map<number, number[]>> {
  if (!productIds.length) return new Map();
  const rows = await ProductRate.findAll({ where: { ...mine(ctx), productId: { [Op.in]: [...new Set(productIds)] } }, ...inTx(ctx) });
  return new Map(rows.map((r) => [num(r.productId), r.rates]));
}

export async function allProductRates(ctx: Ctx): Promise<Array<{ productId: number; rates: number[] }>> {
  const rows = await ProductRate.findAll({ where: mine(ctx), order: [['productId', 'ASC']], ...inTx(ctx) });
  return rows.map((r) => ({ productId: num(r.productId), rates: r.rates }));
}

export async function saveProductRate(ctx: Ctx, productId: number, rates: number[]): Promise<void> {
  const [n] = await ProductRate.update({ rates }, { where: { ...mine(ctx), productId }, ...inTx(ctx) });
  if (n) return;
  try {
    await ProductRate.create({ ...mine(ctx), productId, rates }, inTx(ctx));
  } catch (err) {
    if (!(err instanceof UniqueConstraintError)) throw err;
    await ProductRate.update({ rates }, { where: { ...mine(ctx), productId }, ...inTx(ctx) });
  }
}

export async function deleteProductRate(ctx: Ctx, productId: number): Promise<number> {
  return ProductRate.destroy({ where: { ...mine(ctx), productId }, ...inTx(ctx) });
}

// ---- withdrawals ----

export interface WithdrawalRow {
  id: number;
  customerId: number;
  amount: number;
  fee: number;
  method: WithdrawalMethod;
  status: WithdrawalStatus;
  reason: string | null;
  reviewedBy: number | null;
  reviewedAt: Date | null;
  appid: string | null;
  openid: string | null;
  outBillNo: string | null;
  transferBillNo: string | null;
  error: string | null;
  createdAt: Date;
}

const withdrawalRow = (w: PromoterWithdrawal): WithdrawalRow => ({
  id: num(w.id), customerId: num(w.customerId), amount: num(w.amount), fee: num(w.fee), method: w.method, status: w.status, reason: w.reason, reviewedBy: w.reviewedBy === null ? null : num(w.reviewedBy), reviewedAt: w.reviewedAt,
  appid: w.appid ?? null, openid: w.openid ?? null, outBillNo: w.outBillNo ?? null, transferBillNo: w.transferBillNo ?? null, error: w.error ?? null, createdAt: w.createdAt,
});

export async function insertWithdrawal(ctx: Ctx, fields: Pick<WithdrawalRow, 'customerId' | 'amount' | 'fee' | 'method' | 'status'> & Partial<Pick<WithdrawalRow, 'appid' | 'openid'>>): Promise<WithdrawalRow> {
  return withdrawalRow(await PromoterWithdrawal.create({ ...mine(ctx), ...fields, reason: null, reviewedBy: null, reviewedAt: null }, inTx(ctx)));
}

/** Moves a withdrawal on from `from` (a WeChat transfer's end); 1 when this call did. */
export async function moveWithdrawal(ctx: Ctx, id: number, from: WithdrawalStatus, changes: Partial<Pick<WithdrawalRow, 'status' | 'transferBillNo' | 'error' | 'outBillNo'>>): Promise<number> {
  const [n] = await PromoterWithdrawal.update(changes, { where: { ...mine(ctx), id, status: from }, ...inTx(ctx) });
  return n;
}

/** What WeChat transfers have paid out of the platform, every shop (reconciliation's money out). */
export async function wechatPaidOut(ctx: Ctx): Promise<number> {
  return acrossTenants('distribution: WeChat transfers of every shop, for reconciliation', async () => {
    const [row] = (await PromoterWithdrawal.findAll({ attributes: [[fn('SUM', literal('amount - fee')), 'total']], where: { method: 'wechat', status: 'paid' }, raw: true, ...inTx(ctx) })) as unknown as Array<{ total: number | string | null }>;
    return num(row?.total);
  });
}

export async function findWithdrawal(ctx: Ctx, id: number): Promise<WithdrawalRow | null> {
  const w = await PromoterWithdrawal.findOne({ where: { ...mine(ctx), id }, ...inTx(ctx) });
  return w ? withdrawalRow(w) : null;
}

/** Decides a pending withdrawal: 1 when this call decided it, 0 when it was decided already. */
export async function decideWithdrawal(ctx: Ctx, id: number, changes: Pick<WithdrawalRow, 'status' | 'reason' | 'reviewedBy' | 'reviewedAt'> & Partial<Pick<WithdrawalRow, 'outBillNo'>>): Promise<number> {
  const [n] = await PromoterWithdrawal.update(changes, { where: { ...mine(ctx), id, status: 'pending' }, ...inTx(ctx) });
  return n;
}

export async function withdrawalPage(ctx: Ctx, filter: { customerId?: number; status?: WithdrawalStatus }, q: PageQuery): Promise<{ rows: WithdrawalRow[]; count: number }> {
  const { rows, count } = await PromoterWithdrawal.findAndCountAll({ where: { ...mine(ctx), ...filter }, order: [['id', 'DESC']], ...paginate(q), ...inTx(ctx) });
  return { rows: rows.map(withdrawalRow), count };
}

// ---- spend ----

/** Counts a completed order toward the spend rule once; false when it was counted already. */
export async function insertSpend(ctx: Ctx, row: { orderId: number; customerId: number; amount: number }): Promise<boolean> {
  try {
    await Spend.create({ ...mine(ctx), ...row }, inTx(ctx));
    return true;
  } catch (err) {
    if (err instanceof UniqueConstraintError) return false;
    throw err;
  }
}



// ---- levels ----

export interface LevelRow {
  id: number;
  name: string;
  rank: number;
  rates: number[];
  conditions: LevelConditions;
  match: LevelMatch;
  createdAt: Date;
}

const levelRow = (l: DistributionLevel): LevelRow => ({ id: num(l.id), name: l.name, rank: num(l.grade), rates: l.rates, conditions: l.conditions, match: l.matchMode, createdAt: l.createdAt });

/** The shop's levels, lowest rank first. */
export async function levels(ctx: Ctx): Promise<LevelRow[]> {
  const rows = await DistributionLevel.findAll({ where: mine(ctx), order: [['grade', 'ASC']], ...inTx(ctx) });
  return rows.map(levelRow);
}

export async function findLevel(ctx: Ctx, id: number): Promise<LevelRow | null> {
  const l = await DistributionLevel.findOne({ where: { ...mine(ctx), id }, ...inTx(ctx) });
  return l ? levelRow(l) : null;
}

export type LevelFields = Omit<LevelRow, 'id' | 'createdAt'>;
const levelColumns = (f: LevelFields) => ({ name: f.name, grade: f.rank, rates: f.rates, conditions: f.conditions, matchMode: f.match });

/** A new level; null when the rank is taken (the unique key decides a race). */
export async function insertLevel(ctx: Ctx, f: LevelFields): Promise<LevelRow | null> {
  try {
    return levelRow(await DistributionLevel.create({ ...mine(ctx), ...levelColumns(f) }, inTx(ctx)));
  } catch (err) {
    if (err instanceof UniqueConstraintError) return null;
    throw err;
  }
}

/** 0 when there is no such level, -1 when the rank is taken. */
export async function updateLevel(ctx: Ctx, id: number, f: LevelFields): Promise<number> {
  try {
    const [n] = await DistributionLevel.update(levelColumns(f), { where: { ...mine(ctx), id }, ...inTx(ctx) });
    return n;
  } catch (err) {
    if (err instanceof UniqueConstraintError) return -1;
    throw err;
  }
}

export async function deleteLevel(ctx: Ctx, id: number): Promise<number> {
  return DistributionLevel.destroy({ where: { ...mine(ctx), id }, ...inTx(ctx) });
}

/** How many distributors hold each level. */
export async function levelHolders(ctx: Ctx): Promise<Map<number, number>> {
  const rows = (await Distributor.findAll({
    attributes: ['levelId', [fn('COUNT', literal('*')), 'n']],
    where: { ...mine(ctx), levelId: { [Op.ne]: null } },
    group: ['levelId'],
    raw: true,
    ...inTx(ctx),
  })) as unknown as Array<{ levelId: number; n: number | string }>;
  return new Map(rows.map((r) => [num(r.levelId), num(r.n)]));
}

/**
 * Moves the distributor to `toLevelId` when they hold one of `from` (null: no level); 0 or 1.
 * The condition makes an upgrade happen once however many evaluations race.
 */
export async function moveLevel(ctx: Ctx, customerId: number, toLevelId: number | null, from: Array<number | null>): Promise<number> {
  const ids = from.filter((f): f is number => f !== null);
  const or = [...(from.includes(null) ? [{ levelId: null }] : []), ...(ids.length ? [{ levelId: { [Op.in]: ids } }] : [])];
  if (!or.length) return 0;
  const [n] = await Distributor.update({ levelId: toLevelId }, { where: { ...mine(ctx), customerId, [Op.or]: or }, ...inTx(ctx) });
  return n;
}

export async function insertLevelChange(ctx: Ctx, row: { customerId: number; fromLevelId: number | null; toLevelId: number | null; source: LevelChangeSource; staffId: number | null }): Promise<void> {
  await LevelChange.create({ ...mine(ctx), ...row }, inTx(ctx));
}

export async function levelChanges(ctx: Ctx, customerId: number): Promise<Array<{ fromLevelId: number | null; toLevelId: number | null; source: LevelChangeSource; staffId: number | null; createdAt: Date }>> {
  const rows = await LevelChange.findAll({ where: { ...mine(ctx), customerId }, order: [['id', 'ASC']], ...inTx(ctx) });
  const n = (v: number | null) => (v === null ? null : num(v));
  return rows.map((r) => ({ fromLevelId: n(r.fromLevelId), toLevelId: n(r.toLevelId), source: r.source, staffId: n(r.staffId), createdAt: r.createdAt }));
}

/** The completed orders (count and Σ amount) of these shoppers, from the spend counted once per order. */
export async function spendOf(ctx: Ctx, customerIds: number[]): Promise<{ orders: number; amount: number }> {
  if (!customerIds.length) return { orders: 0, amount: 0 };
  const [row] = (await Spend.findAll({
    attributes: [[fn('COUNT', literal('*')), 'orders'], [fn('SUM', literal('amount')), 'amount']],
    where: { ...mine(ctx), customerId: { [Op.in]: [...new Set(customerIds)] } },
    raw: true,
    ...inTx(ctx),
  })) as unknown as Array<{ orders: number | string; amount: number | string | null }>;
  return { orders: num(row?.orders), amount: num(row?.amount) };
}

export async function directDownlineCount(ctx: Ctx, inviterId: number): Promise<number> {
  return Binding.count({ where: { ...mine(ctx), inviterId }, ...inTx(ctx) });
}

/** Settled commission of the payee, reversals taken off. */
export async function settledEarned(ctx: Ctx, customerId: number): Promise<number> {
  const [row] = (await Commission.findAll({
    attributes: [[fn('SUM', literal('amount - reversed')), 'earned']],
    where: { ...mine(ctx), customerId, status: 'available' },
    raw: true,
    ...inTx(ctx),
  })) as unknown as Array<{ earned: number | string | null }>;
  return num(row?.earned);
}
