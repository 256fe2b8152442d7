/**
 * The least a line may cost the shopper. A shop funds its own savings (coupons, reductions, member
 * prices, points) out of its margin, down to its cost and never below: a line of another owner's
 * goods must still pay that owner its supply price and the platform its fee on what was paid, so
 * that the shop's margin on the order is never negative and a refund of any line has the money to
 * give back. The shop's own goods cost it nothing here.
 */
import { config } from '../../core/config.js';
import type { Ctx } from '../../core/context.js';
import type { Offer } from '../market/index.js';

/** The platform's fee rate on a line: its category's, else the shop's plan's. */
export function feeBpsOf(ctx: Ctx, categoryBps: number | null): number {
  return categoryBps ?? config().platformFeeBps[ctx.tenant?.plan ?? 'trial'] ?? 0;
}

export function lineFloor(ctx: Ctx, offer: Offer, quantity: number): number {
  if (offer.ownerKind === 'tenant' && offer.ownerId === ctx.tenantId) return 0;
  const owed = offer.supplyPrice * quantity;
  const bps = Math.min(9_999, feeBpsOf(ctx, offer.feeBps));
  // paid - fee(paid) >= owed, with the fee rounded down as finance books it
  return Math.min(offer.price * quantity, Math.ceil((owed * 10_000) / (10_000 - bps)));
}
