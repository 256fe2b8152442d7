/**
 * Checkout's choice of coupon: the shopper's unused coupons against this cart, each usable with its
 * saving or not with its reason, and the best one suggested. A route of its own (not a field of
 * orders' quote reply): the cart is priced by orders' quote without a coupon, then every coupon is
 * weighed with the same rules the quote's adjusters apply (rules.ts).
 */
import type { Ctx } from '../../core/context.js';
import { clock } from '../../core/clock.js';
import { quoteFor } from '../orders/index.js';
import { cartFacts } from './adjuster.js';
import * as repo from './repository.js';
import { evaluate, heldState, type Unusable } from './rules.js';
import type { UsableBody } from './schemas.js';
import { heldViews } from './service.js';

const MAX_SHOWN = 100;

type ShopperCtx = Ctx & { actor: { kind: 'shopper'; id: number; tenantId: number; sessionId: string } };

export async function usableCoupons(ctx: ShopperCtx, body: UsableBody) {
  const now = clock.now();
  const held = await repo.unusedHeld(ctx, ctx.actor.id, now, MAX_SHOWN);
  if (!held.length) return { items: [], bestId: null };
  const q = await quoteFor(ctx, { items: body.items, addressId: body.addressId, delivery: body.delivery });
  const cart = await cartFacts(ctx, q, !q.addressNeeded && body.delivery !== 'pickup');
  const coupons = await repo.couponsByIds(ctx, held.map((h) => h.couponId));
  const views = await heldViews(ctx, held);
  let best: { id: number; saving: number } | null = null;
  const items = held.map((h, i) => {
    const state = heldState(h, now);
    const result = state ? { ok: false as const, reason: state } : evaluate(coupons.get(h.couponId)!, cart);
    const saving = result.ok ? result.amount : 0;
    if (result.ok && (!best || saving > best.saving)) best = { id: h.id, saving };
    return { ...views[i]!, usable: result.ok, saving, reason: result.ok ? null : (result.reason as Unusable), missing: !result.ok && 'missing' in result ? (result.missing ?? null) : null };
  });
  // usable first, the biggest saving first; the rest as they were (soonest to expire)
  items.sort((a, b) => Number(b.usable) - Number(a.usable) || b.saving - a.saving);
  return { items, bestId: (best as { id: number } | null)?.id ?? null };
}
