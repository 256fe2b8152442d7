/**
 * Distributors, bindings and the shopper's view of them. A shopper becomes a distributor as the
 * shop's settings say (automatically, by application and approval, or once the completed orders
 * reach a spend threshold). A shopper binds once to the distributor whose invite code they came
 * through (on sign-up or later), the unique key making the first binding win; only staff move it
 * afterwards (after the lock period), audited by the route.
 */
import { randomInt } from 'node:crypto';
import type { z } from 'zod';
import { clock, days } from '../../core/clock.js';
import type { Ctx } from '../../core/context.js';
import { pageOf, withTransaction, type Page, type PageQuery } from '../../core/db/index.js';
import { invalidState, notFound } from '../../core/errors.js';
import { settingsOf } from '../../core/settings.js';
import { customerBriefs, customersMatching, wechatPayer } from '../customers/index.js';
import { canTransfer } from '../payments/index.js';
import { balanceOf } from '../finance/index.js';
import { assertListing } from '../market/index.js';
import { changeSettings } from '../tenants/index.js';
import { distributionErrors as errors } from './errors.js';
import { evaluateLevel, standing } from './levels.js';
import * as repo from './repository.js';
import type { settingsBody } from './schemas.js';
import { distributionSettings, ratesOf, type DistributionSettings } from './settings.js';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const newCode = () => Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
const PROMOTER = (customerId: number) => ({ type: 'promoter' as const, id: customerId });

export const settingsFor = (ctx: Ctx) => settingsOf(ctx, distributionSettings);

// ---- settings ----

export type SettingsView = Omit<DistributionSettings, 'rate1Bps' | 'rate2Bps' | 'rate3Bps'> & { rates: number[] };

export const settingsView = (s: DistributionSettings): SettingsView => {
  const { rate1Bps: _a, rate2Bps: _b, rate3Bps: _c, ...rest } = s;
  return { ...rest, rates: ratesOf(s) };
};

export async function saveSettings(ctx: Ctx, body: z.output<typeof settingsBody>): Promise<SettingsView> {
  const { rates, ...rest } = body;
  if (rates.length < body.depth) throw errors.depthRates(body.depth);
  const patch = { ...rest, rate1Bps: rates[0] ?? 0, rate2Bps: rates[1] ?? 0, rate3Bps: rates[2] ?? 0 };
  const view = await changeSettings(ctx, ctx.tenantId!, { distribution: patch });
  return settingsView(view.sections.find((s) => s.module === 'distribution')!.values as DistributionSettings);
}

// ---- becoming a distributor ----

/** The shopper's row in the given status, made when missing (with a fresh invite code). */
async function ensureRow(ctx: Ctx, customerId: number, status: repo.DistributorStatus): Promise<repo.DistributorRow> {
  const now = clock.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return (await repo.ensureDistributor(ctx, customerId, { status, inviteCode: newCode(), appliedAt: status === 'none' ? null : now, approvedAt: status === 'active' ? now : null })).row;
    } catch (err) {
      if (attempt >= 4) throw err;
    }
  }
}

/** Makes the shopper an active distributor (from any status but disabled); true when this call did. */
async function activate(ctx: Ctx, customerId: number): Promise<boolean> {
  const row = await ensureRow(ctx, customerId, 'active');
  if (row.status === 'active' && row.levelId !== null) return true;
  const done = row.status === 'active' || (await repo.updateDistributor(ctx, customerId, { status: 'active', approvedAt: clock.now(), reason: null }, ['none', 'pending', 'rejected'])) === 1;
  if (done) await evaluateLevel(ctx, customerId); // the entry level, when the shop has one
  return done;
}

export async function apply(ctx: Ctx, customerId: number): Promise<{ status: repo.DistributorStatus }> {
  const s = await settingsFor(ctx);
  if (!s.enabled) throw errors.off();
  return withTransaction(ctx, async (tx) => {
    const row = await ensureRow(tx, customerId, 'none');
    if (row.status === 'active' || row.status === 'pending') return { status: row.status };
    if (row.status === 'disabled') throw errors.notDistributor();
    if (s.becomeBy === 'auto') await activate(tx, customerId);
    else if (s.becomeBy === 'spend') {
      if (row.spent < s.spendThreshold) throw errors.spendNotMet(row.spent, s.spendThreshold);
      await activate(tx, customerId);
    } else await repo.updateDistributor(tx, customerId, { status: 'pending', appliedAt: clock.now(), reason: null }, ['none', 'rejected']);
    return { status: (await repo.findDistributor(tx, customerId))!.status };
  });
}

/** The merchant decides an application (409 when it is not pending). */
export async function decide(ctx: Ctx, customerId: number, decision: 'approve' | 'reject', reason?: string): Promise<{ customerId: number; status: repo.DistributorStatus }> {
  const row = await repo.findDistributor(ctx, customerId);
  if (!row || row.status === 'none') throw notFound('Application');
  const changed = decision === 'approve'
    ? await repo.updateDistributor(ctx, customerId, { status: 'active', approvedAt: clock.now(), reason: null }, ['pending', 'rejected', 'disabled'])
    : await repo.updateDistributor(ctx, customerId, { status: decision === 'reject' && row.status === 'active' ? 'disabled' : 'rejected', reason: reason ?? null }, ['pending', 'active']);
  if (!changed) throw invalidState(`The distributor is ${row.status}`);
  if (decision === 'approve') await evaluateLevel(ctx, customerId);
  return { customerId, status: (await repo.findDistributor(ctx, customerId))!.status };
}

/** A completed order counts toward the spend rule once; past the threshold the shopper becomes a distributor. */
export async function countCompletedOrder(ctx: Ctx, order: { id: number; customerId: number; amount: number }): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    await ensureRow(tx, order.customerId, 'none');
    if (!(await repo.insertSpend(tx, { orderId: order.id, customerId: order.customerId, amount: order.amount }))) return;
    await repo.addSpent(tx, order.customerId, order.amount);
    const s = await settingsFor(tx);
    const row = (await repo.findDistributor(tx, order.customerId))!;
    if (s.enabled && s.becomeBy === 'spend' && row.status === 'none' && row.spent >= s.spendThreshold) await activate(tx, order.customerId);
  });
}

/** A new shopper of a shop that makes everyone a distributor is one at once. */
export async function onSignup(ctx: Ctx, customerId: number): Promise<void> {
  const s = await settingsFor(ctx);
  if (s.enabled && s.becomeBy === 'auto') await activate(ctx, customerId);
}

// ---- binding ----

/** Would binding `customerId` under `inviterId` make a loop (the inviter is in the shopper's own team)? */
async function wouldLoop(ctx: Ctx, customerId: number, inviterId: number): Promise<boolean> {
  let cursor = inviterId;
  for (let i = 0; i < 50; i++) {
    if (cursor === customerId) return true;
    const up = await repo.findBinding(ctx, cursor);
    if (!up) return false;
    cursor = up.inviterId;
  }
  return true;
}

/** Binds the shopper to the invite code's owner; the first binding wins (409 already_bound). */
export async function bind(ctx: Ctx, customerId: number, inviteCode: string, source: repo.BindingSource = 'code'): Promise<{ inviterId: number; boundAt: string }> {
  const s = await settingsFor(ctx);
  if (!s.enabled) throw errors.off();
  const inviter = await repo.distributorByCode(ctx, inviteCode.trim().toUpperCase());
  if (!inviter) throw errors.inviteCode();
  if (inviter.customerId === customerId) throw errors.selfInvite();
  if (inviter.status !== 'active') throw errors.inviterInactive();
  const existing = await repo.findBinding(ctx, customerId);
  if (existing) {
    if (existing.inviterId === inviter.customerId) return { inviterId: existing.inviterId, boundAt: existing.boundAt.toISOString() };
    throw errors.alreadyBound(existing.inviterId);
  }
  if (await wouldLoop(ctx, customerId, inviter.customerId)) throw errors.cycle();
  const now = clock.now();
  const lockedUntil = s.lockDays ? new Date(now.getTime() + days(s.lockDays)) : null;
  if (!(await repo.insertBinding(ctx, { customerId, inviterId: inviter.customerId, source, boundAt: now, lockedUntil, changedBy: null }))) {
    const first = (await repo.findBinding(ctx, customerId))!;
    if (first.inviterId !== inviter.customerId) throw errors.alreadyBound(first.inviterId);
  }
  await evaluateLevel(ctx, inviter.customerId); // one more direct downline
  return { inviterId: inviter.customerId, boundAt: now.toISOString() };
}

/** Sign-up with an invite code: bound if the code is good, the sign-up never refused for it. */
export async function bindOnSignup(ctx: Ctx, customerId: number, inviteCode: string | undefined): Promise<void> {
  if (!inviteCode) return;
  try {
    await bind(ctx, customerId, inviteCode, 'register');
  } catch {
    // a wrong or foreign code binds nothing; the shopper signs up all the same
  }
}

/** Staff move a shopper to another upline (or none), once the lock period is over. */
export async function setUpline(ctx: Ctx, customerId: number, inviterId: number | null, staffId: number | null): Promise<{ customerId: number; inviterId: number | null }> {
  return withTransaction(ctx, async (tx) => {
    const [customer] = [...(await customerBriefs(tx, [customerId], false)).values()];
    if (!customer) throw notFound('Customer');
    const existing = await repo.findBinding(tx, customerId);
    if (existing?.lockedUntil && existing.lockedUntil.getTime() > clock.nowMs()) throw errors.locked(existing.lockedUntil);
    if (inviterId === null) {
      await repo.deleteBinding(tx, customerId);
      return { customerId, inviterId: null };
    }
    const inviter = (await repo.distributorsOf(tx, [inviterId])).get(inviterId);
    if (!inviter || inviter.status !== 'active' || inviterId === customerId) throw notFound('Distributor');
    if (await wouldLoop(tx, customerId, inviterId)) throw errors.cycle();
    const fields = { inviterId, source: 'staff' as const, boundAt: clock.now(), changedBy: staffId };
    if (existing) await repo.updateBinding(tx, customerId, fields);
    else await repo.insertBinding(tx, { customerId, ...fields, lockedUntil: null });
    return { customerId, inviterId };
  });
}

// ---- teams ----

/** The shopper's team by level: level 1 bound to them, level 2 to those, ... up to `depth`. */
export async function teamLevels(ctx: Ctx, customerId: number, depth: number): Promise<number[][]> {
  const levels: number[][] = [];
  let front = [customerId];
  const seen = new Set(front);
  for (let level = 1; level <= depth && front.length; level++) {
    const next = (await repo.downline(ctx, front)).map((b) => b.customerId).filter((id) => !seen.has(id));
    next.forEach((id) => seen.add(id));
    levels.push(next);
    front = next;
  }
  return levels;
}

export async function teamSize(ctx: Ctx, customerId: number, depth: number): Promise<number> {
  return (await teamLevels(ctx, customerId, depth)).reduce((sum, l) => sum + l.length, 0);
}

export interface MemberView {
  customerId: number;
  nickname: string | null;
  phone: string | null;
  level: number;
  status: repo.DistributorStatus;
  boundAt: string | null;
}

/** One level of the team, a page of it, names (phones masked unless `showPhone`). */
export async function teamPage(ctx: Ctx, customerId: number, level: number, q: PageQuery, showPhone = false): Promise<Page<MemberView>> {
  const s = await settingsFor(ctx);
  const levels = await teamLevels(ctx, customerId, Math.max(level, 1));
  const ids = levels[level - 1] ?? [];
  const slice = ids.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
  const [briefs, rows] = await Promise.all([customerBriefs(ctx, slice, showPhone), repo.distributorsOf(ctx, slice)]);
  const bindings = await Promise.all(slice.map((id) => repo.findBinding(ctx, id)));
  void s;
  return pageOf(q, slice.map((id, i) => ({ customerId: id, nickname: briefs.get(id)?.nickname ?? null, phone: briefs.get(id)?.phone ?? null, level, status: rows.get(id)?.status ?? 'none', boundAt: bindings[i]?.boundAt.toISOString() ?? null })), ids.length);
}

// ---- the shopper's centre ----

export async function me(ctx: Ctx, customerId: number) {
  const s = await settingsFor(ctx);
  if (s.enabled && s.becomeBy === 'auto') await activate(ctx, customerId);
  const [row, balance, binding] = await Promise.all([repo.findDistributor(ctx, customerId), balanceOf(ctx, PROMOTER(customerId)), repo.findBinding(ctx, customerId)]);
  const status = row?.status ?? 'none';
  return {
    enabled: s.enabled,
    status,
    inviteCode: status === 'active' ? row!.inviteCode : null,
    commission: { frozen: balance.frozen, available: balance.available, held: balance.held },
    teamSize: status === 'active' ? await teamSize(ctx, customerId, s.depth) : 0,
    inviterId: binding?.inviterId ?? null,
    spent: row?.spent ?? 0,
    becomeBy: s.becomeBy,
    spendThreshold: s.spendThreshold,
    wechatWithdrawal: status === 'active' && !!(await wechatPayer(ctx, customerId, undefined)) && (await canTransfer(ctx, ctx.tenantId!)),
    ...(status === 'active' ? await standing(ctx, customerId, row!.levelId) : { level: null, nextLevel: null }),
  };
}

// ---- the console's lists ----

export interface DistributorView {
  customerId: number;
  nickname: string | null;
  phone: string | null;
  status: repo.DistributorStatus;
  inviteCode: string;
  inviterId: number | null;
  level: { id: number; name: string; rank: number } | null;
  teamSize: number;
  earned: number;
  frozen: number;
  available: number;
  spent: number;
  reason: string | null;
  appliedAt: string | null;
  approvedAt: string | null;
  createdAt: string;
}

export async function distributorViews(ctx: Ctx, rows: repo.DistributorRow[], showPhone: boolean): Promise<DistributorView[]> {
  const ids = rows.map((r) => r.customerId);
  const s = await settingsFor(ctx);
  const [briefs, earned, levels] = await Promise.all([customerBriefs(ctx, ids, showPhone), repo.earnedBy(ctx, ids), repo.levels(ctx)]);
  const levelOf = new Map(levels.map((l) => [l.id, { id: l.id, name: l.name, rank: l.rank }]));
  return Promise.all(
    rows.map(async (r) => {
      const [balance, binding, size] = await Promise.all([balanceOf(ctx, PROMOTER(r.customerId)), repo.findBinding(ctx, r.customerId), teamSize(ctx, r.customerId, s.depth)]);
      const b = briefs.get(r.customerId);
      return {
        customerId: r.customerId, nickname: b?.nickname ?? null, phone: b?.phone ?? null, status: r.status, inviteCode: r.inviteCode, inviterId: binding?.inviterId ?? null, level: (r.levelId !== null && levelOf.get(r.levelId)) || null,
        teamSize: size, earned: earned.get(r.customerId) ?? 0, frozen: balance.frozen, available: balance.available, spent: r.spent, reason: r.reason,
        appliedAt: r.appliedAt?.toISOString() ?? null, approvedAt: r.approvedAt?.toISOString() ?? null, createdAt: r.createdAt.toISOString(),
      };
    }),
  );
}

export async function distributorList(ctx: Ctx, filter: { status?: repo.DistributorStatus; q?: string }, q: PageQuery, showPhone: boolean): Promise<Page<DistributorView>> {
  const customerIds = filter.q ? await customersMatching(ctx, filter.q, 200) : undefined;
  const { rows, count } = await repo.distributorPage(ctx, { ...(filter.status ? { status: filter.status } : {}), ...(customerIds ? { customerIds } : {}) }, q);
  return pageOf(q, await distributorViews(ctx, rows, showPhone), count);
}

/** Active distributors ranked by what they earned, or by their team's size. */
export async function ranking(ctx: Ctx, by: 'earned' | 'team', limit: number, showPhone: boolean): Promise<Array<DistributorView & { rank: number }>> {
  const s = await settingsFor(ctx);
  const ids = await repo.activeDistributorIds(ctx);
  let scored: Array<{ id: number; score: number }>;
  if (by === 'earned') {
    const earned = await repo.earnedBy(ctx, ids);
    scored = ids.map((id) => ({ id, score: earned.get(id) ?? 0 }));
  } else scored = await Promise.all(ids.map(async (id) => ({ id, score: await teamSize(ctx, id, s.depth) })));
  scored.sort((a, b) => b.score - a.score || a.id - b.id);
  const top = scored.slice(0, limit);
  const rows = await repo.distributorsOf(ctx, top.map((t) => t.id));
  const views = await distributorViews(ctx, top.map((t) => rows.get(t.id)!), showPhone);
  return views.map((v, i) => ({ ...v, rank: i + 1 }));
}

// ---- per-product rates ----

/** A shop product's own rates (404 for a product that is not this shop's). */
export async function setProductRates(ctx: Ctx, productId: number, rates: number[]): Promise<void> {
  await assertListing(ctx, productId);
  await repo.saveProductRate(ctx, productId, rates);
}

export async function clearProductRates(ctx: Ctx, productId: number): Promise<void> {
  await assertListing(ctx, productId);
  await repo.deleteProductRate(ctx, productId);
}
