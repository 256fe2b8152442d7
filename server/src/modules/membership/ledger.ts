/**
 * The one writer of the points ledger: an entry and its account move together in the caller's
 * transaction. The entry goes in first (its unique (customer, kind, ref) says whether this
 * happened already), then the account by a conditional update that never takes the balance below
 * zero; a refusal throws, so the transaction takes the entry back too.
 */
import { clock } from '../../core/clock.js';
import type { Ctx } from '../../core/context.js';
import { shopYear } from './calendar.js';
import { membershipErrors } from './errors.js';
import * as repo from './repository.js';

export type Movement = Omit<repo.NewEntry, 'year'>;

/** A new shopper's account: nothing of earlier years to expire. */
export async function openAccount(ctx: Ctx, customerId: number): Promise<void> {
  await repo.ensureAccount(ctx, customerId, shopYear(clock.now()) - 1);
}

/**
 * Records a movement once, in `tx`: null when its (customer, kind, ref) was recorded before.
 * 409 `insufficient_points` (and nothing written) when a debit is more than the balance.
 */
export async function record(tx: Ctx, movement: Movement): Promise<number | null> {
  await openAccount(tx, movement.customerId);
  const id = await repo.insertEntry(tx, { ...movement, year: shopYear(clock.now()) });
  if (id === null) return null;
  if (!(await repo.addToAccount(tx, movement.customerId, movement.points, movement.growth ?? 0))) {
    const account = await repo.accountOf(tx, movement.customerId);
    throw membershipErrors.insufficientPoints(account?.points ?? 0);
  }
  return id;
}
