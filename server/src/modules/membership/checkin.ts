/** The daily check-in: once per shopper per day of the shop's calendar, its points and streak. */
import { clock } from '../../core/clock.js';
import type { Ctx } from '../../core/context.js';
import { withTransaction } from '../../core/db/index.js';
import { settingsOf } from '../../core/settings.js';
import { dayBefore, shopDay } from './calendar.js';
import { membershipErrors } from './errors.js';
import { record, openAccount } from './ledger.js';
import * as repo from './repository.js';
import { membershipSettings } from './settings.js';

export interface CheckinResult {
  points: number;
  balance: number;
  streak: number;
}

/** 409 `already_checked_in` for a second one the same day: the day's entry is unique. */
export async function checkIn(ctx: Ctx, customerId: number): Promise<CheckinResult> {
  const settings = await settingsOf(ctx, membershipSettings);
  if (!settings.enabled) throw membershipErrors.membershipOff();
  const day = shopDay(clock.now());
  await openAccount(ctx, customerId);
  return withTransaction(ctx, async (tx) => {
    const account = (await repo.accountOf(tx, customerId))!;
    if (account.lastCheckinDay === day) throw membershipErrors.alreadyCheckedIn();
    const id = await record(tx, { customerId, kind: 'checkin', refId: day, points: settings.checkinPoints });
    if (id === null) throw membershipErrors.alreadyCheckedIn();
    const streak = account.lastCheckinDay === dayBefore(day) ? account.streak + 1 : 1;
    await repo.setCheckin(tx, customerId, day, streak);
    return { points: settings.checkinPoints, balance: (await repo.accountOf(tx, customerId))!.points, streak };
  });
}

/** A review's points, once per review. */
export async function creditReview(ctx: Ctx, customerId: number, reviewId: number): Promise<void> {
  const settings = await settingsOf(ctx, membershipSettings);
  if (!settings.enabled || !settings.reviewPoints) return;
  await withTransaction(ctx, (tx) => record(tx, { customerId, kind: 'review', refId: reviewId, points: settings.reviewPoints }));
}
