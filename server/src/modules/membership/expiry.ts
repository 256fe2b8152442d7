/**
 * Points expire at the end of the year after the one they were earned in (Youzan's "次年年底"):
 * on the first worker pass of year Y, every account whose points of Y-2 and before have not expired
 * loses what is left of them. Points are spent oldest first, so what is left of the old years is
 * the balance minus what the later years credited (never below zero). One `expire` entry per
 * account and year (unique), and the account's `expired_through` moves by a conditional update, so
 * two workers sweeping at once expire once. The sweep's read is an index range that is empty all
 * year once the accounts are done.
 */
import { clock } from '../../core/clock.js';
import { runInContext, systemContext, type Ctx } from '../../core/context.js';
import { withTransaction } from '../../core/db/index.js';
import type { Sweep } from '../../core/jobs.js';
import { logger } from '../../core/logger.js';
import { expiryOf, shopYear } from './calendar.js';
import { record } from './ledger.js';
import * as repo from './repository.js';

const BATCH = 200;

/** What of a balance the years up to `year` still hold: the balance beyond what later years credited. */
export async function leftFromYears(ctx: Ctx, customerId: number, balance: number, year: number): Promise<number> {
  const later = (await repo.creditsAfter(ctx, customerId, year)).reduce((sum, c) => sum + c.points, 0);
  return Math.max(0, balance - later);
}

/** Points of this year's predecessor that expire at this year's end: the shopper's warning. */
export async function expiringSoon(ctx: Ctx, customerId: number, balance: number): Promise<{ points: number; at: string }> {
  const year = shopYear(clock.now()) - 1;
  return { points: balance ? await leftFromYears(ctx, customerId, balance, year) : 0, at: expiryOf(year).toISOString() };
}

export async function expireAccount(ctx: Ctx, customerId: number, from: number, through: number): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const account = await repo.accountOf(tx, customerId, true);
    if (!account || account.expiredThrough !== from) return;
    const points = account.points ? await leftFromYears(tx, customerId, account.points, through) : 0;
    if (points > 0) await record(tx, { customerId, kind: 'expire', refId: through, points: -points });
    await repo.markExpiredThrough(tx, customerId, from, through);
  });
}

export const expirePoints: Sweep = {
  name: 'membership.expire-points',
  async run() {
    const ctx = systemContext('membership.expire-points');
    const through = shopYear(clock.now()) - 2;
    let done = 0;
    for (let page = await repo.accountsBehind(ctx, through, BATCH); page.length; page = page.length < BATCH ? [] : await repo.accountsBehind(ctx, through, BATCH)) {
      for (const a of page) {
        const one = systemContext('membership.expire-points', a.tenantId);
        try {
          await runInContext(one, () => expireAccount(one, a.customerId, a.expiredThrough, through));
        } catch (err) {
          logger().error({ err, tenantId: a.tenantId, customerId: a.customerId }, 'points not expired; tried again next pass');
          return done;
        }
      }
      done += page.length;
    }
    return done;
  },
};
