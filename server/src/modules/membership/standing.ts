/** Where a shopper stands: the shop's membership settings, their account, the levels and their level. */
import type { Ctx } from '../../core/context.js';
import { settingsOf } from '../../core/settings.js';
import { levelFor, type LevelView } from './levels.js';
import * as repo from './repository.js';
import { membershipSettings, type MembershipSettings } from './settings.js';

export interface Standing {
  settings: Readonly<MembershipSettings>;
  levels: repo.LevelRow[];
  points: number;
  growth: number;
  level: LevelView | null;
}

/** Null while the shop has membership off. */
export async function standingOf(ctx: Ctx, customerId: number): Promise<Standing | null> {
  const settings = await settingsOf(ctx, membershipSettings);
  if (!settings.enabled) return null;
  const [account, levels] = await Promise.all([repo.accountOf(ctx, customerId), repo.levelsOf(ctx)]);
  const growth = account?.growth ?? 0;
  return { settings, levels, points: account?.points ?? 0, growth, level: levelFor(levels, growth) };
}
