/** What shoppers and staff read and change: settings, a shopper's points and level, adjustments. */
import type { z } from 'zod';
import { clock } from '../../core/clock.js';
import type { Actor, Ctx } from '../../core/context.js';
import { pageOf, withTransaction, type Page, type PageQuery } from '../../core/db/index.js';
import { notFound } from '../../core/errors.js';
import { settingsOf } from '../../core/settings.js';
import { customerBriefs, customersMatching, type CustomerView } from '../customers/index.js';
import { changeSettings } from '../tenants/index.js';
import { shopDay } from './calendar.js';
import { expiringSoon } from './expiry.js';
import { record } from './ledger.js';
import { levelFor, nextLevel } from './levels.js';
import * as repo from './repository.js';
import type { entryView, levelReply, memberBrief, settingsBody, settingsView } from './schemas.js';
import { membershipSettings } from './settings.js';

type EntryView = z.output<typeof entryView>;
type MemberBrief = z.output<typeof memberBrief>;
type StaffCtx = Ctx & { actor: Extract<Actor, { kind: 'merchant' }> };

const entryOut = (e: repo.EntryRow): EntryView => ({
  id: e.id,
  kind: e.kind,
  points: e.points,
  growth: e.growth,
  orderId: e.orderId,
  note: e.note,
  shortfall: e.shortfall,
  createdAt: e.createdAt.toISOString(),
});

// ---- settings ----

export async function getSettings(ctx: Ctx): Promise<z.output<typeof settingsView>> {
  const [settings, levels] = await Promise.all([settingsOf(ctx, membershipSettings), repo.levelsOf(ctx)]);
  return { ...settings, levels };
}

/** The rules and the levels in one transaction; the rules through the tenant's settings document (audited there too). */
export async function saveSettings(ctx: Ctx, body: z.output<typeof settingsBody>): Promise<z.output<typeof settingsView>> {
  const { levels, ...rules } = body;
  return withTransaction(ctx, async (tx) => {
    const view = await changeSettings(tx, ctx.tenantId!, { membership: rules });
    await repo.replaceLevels(tx, levels);
    const saved = view.sections.find((s) => s.module === 'membership')!.values as z.output<typeof membershipSettings>;
    return { ...saved, levels };
  });
}

// ---- the shopper ----

export async function myPoints(ctx: Ctx, customerId: number, q: PageQuery): Promise<Page<EntryView> & { balance: number; expiring: { points: number; at: string } }> {
  const [account, page] = await Promise.all([repo.accountOf(ctx, customerId), repo.entriesPage(ctx, customerId, q)]);
  const balance = account?.points ?? 0;
  return { ...pageOf(q, page.rows.map(entryOut), page.total), balance, expiring: await expiringSoon(ctx, customerId, balance) };
}

export async function myLevel(ctx: Ctx, customerId: number): Promise<z.output<typeof levelReply>> {
  const [settings, account, levels] = await Promise.all([settingsOf(ctx, membershipSettings), repo.accountOf(ctx, customerId), repo.levelsOf(ctx)]);
  const growth = account?.growth ?? 0;
  const { enabled, ...rules } = settings;
  return {
    enabled,
    balance: account?.points ?? 0,
    growth,
    level: enabled ? levelFor(levels, growth) : null,
    next: enabled ? nextLevel(levels, growth) : null,
    levels,
    checkedInToday: account?.lastCheckinDay === shopDay(clock.now()),
    streak: account?.streak ?? 0,
    rules,
  };
}

/** `GET /shop/me`'s `level` (customers' profileExtras hook); absent while the shop has membership off. */
export async function withLevel(view: CustomerView, ctx: Ctx): Promise<CustomerView> {
  const settings = await settingsOf(ctx, membershipSettings);
  if (!settings.enabled) return view;
  const [account, levels] = await Promise.all([repo.accountOf(ctx, view.id), repo.levelsOf(ctx)]);
  const level = levelFor(levels, account?.growth ?? 0);
  return { ...view, level: level ? { name: level.name, rank: level.rank } : null };
}

// ---- the console ----

async function briefs(ctx: Ctx, customerIds: number[]): Promise<MemberBrief[]> {
  const [people, accounts, levels] = await Promise.all([customerBriefs(ctx, customerIds, false), repo.accountsOf(ctx, customerIds), repo.levelsOf(ctx)]);
  const byId = new Map(accounts.map((a) => [a.customerId, a]));
  return customerIds
    .filter((id) => people.has(id))
    .map((id) => {
      const a = byId.get(id);
      return { customerId: id, nickname: people.get(id)!.nickname, phone: people.get(id)!.phone, balance: a?.points ?? 0, growth: a?.growth ?? 0, level: levelFor(levels, a?.growth ?? 0)?.name ?? null };
    });
}

/** Shoppers by nickname or phone; without a search, the latest with points. */
export async function findMembers(ctx: Ctx, q: string | undefined): Promise<MemberBrief[]> {
  const ids = q ? await customersMatching(ctx, q, 20) : (await repo.recentAccounts(ctx, 20)).map((a) => a.customerId);
  return briefs(ctx, ids);
}

export async function memberDetail(ctx: Ctx, customerId: number, q: PageQuery): Promise<Page<EntryView> & { member: MemberBrief }> {
  const [member] = await briefs(ctx, [customerId]);
  if (!member) throw notFound('Shopper');
  const page = await repo.entriesPage(ctx, customerId, q);
  return { ...pageOf(q, page.rows.map(entryOut), page.total), member };
}

/** A manual adjustment with its reason; a debit beyond the balance is 409 `insufficient_points`. */
export async function adjustPoints(ctx: StaffCtx, customerId: number, points: number, reason: string): Promise<{ id: number; balance: number }> {
  if (!(await customerBriefs(ctx, [customerId], false)).has(customerId)) throw notFound('Shopper');
  return withTransaction(ctx, async (tx) => {
    const id = (await record(tx, { customerId, kind: 'admin_adjust', points, note: reason, staffId: ctx.actor.id }))!;
    return { id, balance: (await repo.accountOf(tx, customerId))!.points };
  });
}
