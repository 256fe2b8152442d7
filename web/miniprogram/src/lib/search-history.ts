/** Search history (pure part): newest first, no duplicates, at most ten words. */
export const HISTORY_MAX = 10;

export function remember(history: string[], word: string, max = HISTORY_MAX): string[] {
  const q = word.trim();
  if (!q) return history;
  return [q, ...history.filter((h) => h !== q)].slice(0, max);
}
