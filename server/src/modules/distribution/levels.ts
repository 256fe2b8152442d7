/**
 * Distributor levels (分销等级). The merchant defines levels, each with a rank (higher is better),
 * its own rates per depth level and upgrade conditions (team sales, own orders, direct downlines,
 * commission earned; `any` or `all` of those given must be met; a level without conditions is met
 * by every distributor: the entry level). Distributors are upgraded automatically when they
 * become active, when a shopper binds to them and when an order of theirs or of their team
 * completes; never downgraded automatically. The upgrade is a conditional update (the row still
 * holds a lower level), so racing evaluations move it once and write one change. Staff may set
 * any level (audited by the route); every change is kept in `distribution_level_changes`.
 */
import type { Ctx } from '../../core/context.js';
import { withTransaction } from '../../core/db/index.js';
import { notFound } from '../../core/errors.js';
import { distributionErrors as errors } from './errors.js';
import * as repo from './repository.js';
import { settingsFor, teamLevels } from './service.js';

export interface LevelView extends Omit<repo.LevelRow, 'createdAt'> {
  holders: number;
}

export interface LevelBody {
  name: string;
  rank: number;
  rates: number[];
  conditions: repo.LevelConditions;
  match: repo.LevelMatch;
}

const tidy = (c: repo.LevelConditions): repo.LevelConditions =>
  Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined && v !== null)) as repo.LevelConditions;

const fields = (b: LevelBody): repo.LevelFields => ({ name: b.name, rank: b.rank, rates: b.rates, conditions: tidy(b.conditions), match: b.match });

export async function levelList(ctx: Ctx): Promise<{ items: LevelView[] }> {
  const [rows, holders] = await Promise.all([repo.levels(ctx), repo.levelHolders(ctx)]);
  return { items: rows.map(({ createdAt: _c, ...l }) => ({ ...l, holders: holders.get(l.id) ?? 0 })) };
}

async function viewOf(ctx: Ctx, id: number): Promise<LevelView> {
  const found = (await levelList(ctx)).items.find((l) => l.id === id);
  if (!found) throw notFound('Level');
  return found;
}

export async function createLevel(ctx: Ctx, body: LevelBody): Promise<LevelView> {
  const row = await repo.insertLevel(ctx, fields(body));
  if (!row) throw errors.rankTaken(body.rank);
  return viewOf(ctx, row.id);
}

export async function updateLevel(ctx: Ctx, id: number, body: LevelBody): Promise<LevelView> {
  const n = await repo.updateLevel(ctx, id, fields(body));
  if (n === -1) throw errors.rankTaken(body.rank);
  if (!n && !(await repo.findLevel(ctx, id))) throw notFound('Level');
  return viewOf(ctx, id);
}

/** A level nobody holds may go; one held answers 409 level_in_use (staff move the holders first). */
export async function deleteLevel(ctx: Ctx, id: number): Promise<void> {
  if (!(await repo.findLevel(ctx, id))) throw notFound('Level');
  const held = (await repo.levelHolders(ctx)).get(id) ?? 0;
  if (held) throw errors.levelInUse(held);
  await repo.deleteLevel(ctx, id);
}

// ---- rates ----

/**
 * THE precedence of commission rates, in one place: a product's own rates (per-product rates) win;
 * else the payee's level's rate for that depth level, when the level gives one; else the shop's
 * rate for the depth level. The margin cap applies to whatever comes out (commissions.ts).
 */
export function rateOf(depthLevel: number, shopRates: number[], levelRates: number[] | undefined, productRates: number[] | undefined): number {
  if (productRates) return productRates[depthLevel - 1] ?? 0;
  return levelRates?.[depthLevel - 1] ?? shopRates[depthLevel - 1] ?? 0;
}

/** The rates of each payee's level (absent for a payee without a level). */
export async function levelRatesOf(ctx: Ctx, customerIds: number[]): Promise<Map<number, number[]>> {
  const [rows, levels] = await Promise.all([repo.distributorsOf(ctx, customerIds), repo.levels(ctx)]);
  const byId = new Map(levels.map((l) => [l.id, l]));
  const out = new Map<number, number[]>();
  for (const [customerId, d] of rows) {
    const level = d.levelId === null ? undefined : byId.get(d.levelId);
    if (level?.rates.length) out.set(customerId, level.rates);
  }
  return out;
}

// ---- upgrades ----

export interface LevelMetrics {
  teamSales: number;
  ownOrders: number;
  directDownlines: number;
  commissionEarned: number;
}

export async function metricsOf(ctx: Ctx, customerId: number): Promise<LevelMetrics> {
  const s = await settingsFor(ctx);
  const team = (await teamLevels(ctx, customerId, s.depth)).flat();
  const [teamSpend, own, directDownlines, commissionEarned] = await Promise.all([
    repo.spendOf(ctx, team), repo.spendOf(ctx, [customerId]), repo.directDownlineCount(ctx, customerId), repo.settledEarned(ctx, customerId),
  ]);
  return { teamSales: teamSpend.amount, ownOrders: own.orders, directDownlines, commissionEarned };
}

/** Does the distributor with these figures meet the level's conditions? */
export function meets(level: Pick<repo.LevelRow, 'conditions' | 'match'>, m: LevelMetrics): boolean {
  const asked = (Object.keys(level.conditions) as Array<keyof LevelMetrics>).filter((k) => typeof level.conditions[k] === 'number');
  if (!asked.length) return true;
  const met = asked.map((k) => m[k] >= level.conditions[k]!);
  return level.match === 'all' ? met.every(Boolean) : met.some(Boolean);
}

/** Upgrades an active distributor to the highest level they now meet; the new level's id when this call moved them. */
export async function evaluateLevel(ctx: Ctx, customerId: number): Promise<number | null> {
  const levels = await repo.levels(ctx);
  if (!levels.length) return null;
  const row = await repo.findDistributor(ctx, customerId);
  if (!row || row.status !== 'active') return null;
  const current = levels.find((l) => l.id === row.levelId);
  const higher = levels.filter((l) => !current || l.rank > current.rank);
  if (!higher.length) return null;
  const m = await metricsOf(ctx, customerId);
  const target = higher.filter((l) => meets(l, m)).at(-1);
  if (!target) return null;
  const below = [null, ...levels.filter((l) => l.rank < target.rank).map((l) => l.id)];
  return withTransaction(ctx, async (tx) => {
    if (!(await repo.moveLevel(tx, customerId, target.id, below))) return null;
    await repo.insertLevelChange(tx, { customerId, fromLevelId: row.levelId, toLevelId: target.id, source: 'auto', staffId: null });
    return target.id;
  });
}

/** Evaluates each of these shoppers (the ones who are not active distributors are passed over). */
export async function evaluateLevels(ctx: Ctx, customerIds: number[]): Promise<void> {
  for (const id of new Set(customerIds)) await evaluateLevel(ctx, id);
}

/** An order completed: its buyer (own orders), the buyer's upline (team sales) and its payees (commission earned) may reach a level. */
export async function levelsAfterCompletion(ctx: Ctx, orderId: number, buyerId: number): Promise<void> {
  if (!(await repo.levels(ctx)).length) return;
  const s = await settingsFor(ctx);
  const ids = [buyerId];
  for (let cursor = buyerId; ids.length <= s.depth; ) {
    const up = await repo.findBinding(ctx, cursor);
    if (!up || ids.includes(up.inviterId)) break;
    ids.push(up.inviterId);
    cursor = up.inviterId;
  }
  await evaluateLevels(ctx, [...ids, ...(await repo.commissionsOfOrder(ctx, orderId)).map((c) => c.customerId)]);
}

/** Staff put a distributor at a level (or none), up or down; the route audits it. */
export async function setLevel(ctx: Ctx, customerId: number, levelId: number | null, staffId: number | null): Promise<{ customerId: number; levelId: number | null }> {
  return withTransaction(ctx, async (tx) => {
    const row = await repo.findDistributor(tx, customerId);
    if (!row || row.status === 'none') throw notFound('Distributor');
    if (levelId !== null && !(await repo.findLevel(tx, levelId))) throw errors.noSuchLevel();
    if (row.levelId === levelId) return { customerId, levelId };
    if (!(await repo.moveLevel(tx, customerId, levelId, [row.levelId]))) throw errors.levelChanged();
    await repo.insertLevelChange(tx, { customerId, fromLevelId: row.levelId, toLevelId: levelId, source: 'staff', staffId });
    return { customerId, levelId };
  });
}

/** The distributor's level and the next one with what it asks and where they stand (the storefront's centre). */
export async function standing(ctx: Ctx, customerId: number, levelId: number | null) {
  const levels = await repo.levels(ctx);
  const current = levels.find((l) => l.id === levelId) ?? null;
  const next = levels.find((l) => !current || l.rank > current.rank) ?? null;
  const brief = (l: repo.LevelRow) => ({ id: l.id, name: l.name, rank: l.rank, rates: l.rates });
  return {
    level: current ? brief(current) : null,
    nextLevel: next ? { ...brief(next), conditions: next.conditions, match: next.match, progress: await metricsOf(ctx, customerId) } : null,
  };
}
