/** A shopper's level from their growth: the highest level whose threshold they reached. Pure. */
import type { LevelRow } from './repository.js';

export interface LevelView extends LevelRow {
  /** 0 for the first level. */
  rank: number;
}

export function levelFor(levels: readonly LevelRow[], growth: number): LevelView | null {
  let found: LevelView | null = null;
  levels.forEach((l, rank) => {
    if (growth >= l.growth) found = { ...l, rank };
  });
  return found;
}

/** The level after the shopper's, and the growth still missing to reach it. */
export function nextLevel(levels: readonly LevelRow[], growth: number): (LevelView & { needed: number }) | null {
  const rank = levels.findIndex((l) => l.growth > growth);
  return rank < 0 ? null : { ...levels[rank]!, rank, needed: levels[rank]!.growth - growth };
}

/** A percent off as China counts it: 5% off is 9.5折, 10% off is 9折. */
export function zhe(discountPercent: number): string {
  return String((100 - discountPercent) / 10);
}
