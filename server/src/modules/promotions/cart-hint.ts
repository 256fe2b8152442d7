/**
 * The cart's "再买¥X减¥Y": priced as checkout prices it (the quote without an address, so limited
 * and member prices count), the full reductions the cart's lines are in, and of their next tiers
 * the one the smallest amount more reaches.
 */
import { clock } from '../../core/clock.js';
import type { Actor, Ctx } from '../../core/context.js';
import { KIND, quoteFor } from '../orders/index.js';
import { reductionsFor } from './adjusters.js';
import type { Tier } from './model.js';
import { nextTier, tierLabel } from './tiers.js';

type ShopperCtx = Ctx & { actor: Extract<Actor, { kind: 'shopper' }> };

export interface CartHint {
  fullReductionId: number;
  /** Fen more to spend on goods in its scope. */
  missing: number;
  next: Tier & { label: string };
  /** The tier the cart reaches now, if any. */
  reached: (Tier & { label: string }) | null;
}

/** Savings priced before full reductions: what a tier's threshold is measured on. */
const before = new Set<string>([KIND.flashSale, KIND.groupBuy, KIND.limitedPrice, KIND.member]);

export async function cartHint(ctx: ShopperCtx, items: Array<{ skuId: number; quantity: number }>): Promise<CartHint | null> {
  const quote = await quoteFor(ctx, { items });
  const { candidates, chosen, net } = await reductionsFor(ctx, { lines: quote.lines, adjustments: quote.adjustments.filter((a) => before.has(a.type)) }, clock.now());
  const taken = new Set(chosen.flatMap((c) => c.lines));
  let best: CartHint | null = null;
  for (const c of candidates) {
    const mine = chosen.find((x) => x.id === c.id);
    const lines = mine ? mine.lines : c.lines.filter((i) => !taken.has(i));
    if (!lines.length) continue;
    const next = nextTier(c.tiers, lines.reduce((sum, i) => sum + (net[i] ?? 0), 0));
    if (!next || (best && best.missing <= next.missing)) continue;
    best = { fullReductionId: c.id, missing: next.missing, next: { ...next.tier, label: tierLabel(next.tier) }, reached: mine ? { ...mine.tier, label: tierLabel(mine.tier) } : null };
  }
  return best;
}
