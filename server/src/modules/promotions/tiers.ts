/**
 * Full reductions' arithmetic, pure: a tier's shop words (满199减30, 满299打8折), the best tier a
 * sum reaches and what it saves, the next tier up (the cart's "再买¥X减¥Y"), and which of several
 * reductions each line counts for (the rule stacking.ts states).
 */
import type { Tier } from './model.js';

/** Fen as the shop writes yuan: 19900 -> "199", 19950 -> "199.5", 1999 -> "19.99". */
export function yuan(fen: number): string {
  const cents = fen % 100;
  const whole = String((fen - cents) / 100);
  return cents ? `${whole}.${String(cents).padStart(2, '0').replace(/0$/, '')}` : whole;
}

/** 20 percent off is 8折, 15 is 8.5折. */
export function zhe(percentOff: number): string {
  return String((100 - percentOff) / 10);
}

export function tierLabel(t: Tier): string {
  return t.amountOff !== undefined ? `满${yuan(t.threshold)}减${yuan(t.amountOff)}` : `满${yuan(t.threshold)}打${zhe(t.percentOff ?? 0)}折`;
}

/** What a tier saves on `amount` (fen, whole, never more than the amount). */
export function tierSaving(t: Tier, amount: number): number {
  const off = t.amountOff !== undefined ? t.amountOff : Math.floor((amount * (t.percentOff ?? 0)) / 100);
  return Math.max(0, Math.min(amount, off));
}

/** The reached tier that saves the most on `amount` (tiers ascend by threshold); null below the first. */
export function bestTier(tiers: readonly Tier[], amount: number): { tier: Tier; saving: number } | null {
  let best: { tier: Tier; saving: number } | null = null;
  for (const tier of tiers) {
    if (amount < tier.threshold) break;
    const saving = tierSaving(tier, amount);
    if (!best || saving > best.saving) best = { tier, saving };
  }
  return best;
}

/** The first tier above `amount`, and how much more reaches it. */
export function nextTier(tiers: readonly Tier[], amount: number): { tier: Tier; missing: number } | null {
  const tier = tiers.find((t) => t.threshold > amount);
  return tier ? { tier, missing: tier.threshold - amount } : null;
}

export interface Candidate {
  id: number;
  tiers: readonly Tier[];
  /** Indexes of the lines in its scope. */
  lines: readonly number[];
}

export interface Chosen {
  id: number;
  tier: Tier;
  saving: number;
  lines: number[];
}

/**
 * Each line counts for one reduction at most. Greedy: the reduction saving the most on the lines
 * still free takes its lines (a tie goes to the older reduction, the lower id); then the next, on
 * what is left, until none reaches a tier. `net` is what each line costs before this step.
 */
export function chooseReductions(candidates: readonly Candidate[], net: readonly number[]): Chosen[] {
  const free = new Set(net.keys());
  const left = [...candidates].sort((a, b) => a.id - b.id);
  const chosen: Chosen[] = [];
  for (;;) {
    let best: Chosen | null = null;
    for (const c of left) {
      const lines = c.lines.filter((i) => free.has(i));
      const reached = bestTier(c.tiers, lines.reduce((sum, i) => sum + (net[i] ?? 0), 0));
      if (reached && reached.saving > 0 && (!best || reached.saving > best.saving)) best = { id: c.id, tier: reached.tier, saving: reached.saving, lines };
    }
    if (!best) return chosen;
    chosen.push(best);
    for (const i of best.lines) free.delete(i);
    left.splice(left.findIndex((c) => c.id === best.id), 1);
  }
}
