/**
 * Counts kept in memory and written in batches: for figures read in aggregate (what shoppers search
 * for), where a write per request would put every request of a shop on one hot row. Each process
 * flushes its own counts (adding to the stored ones), so several processes sum correctly; a crash
 * loses at most one interval of counts, which such figures tolerate.
 */
export interface Tally<K> {
  add(key: K, by?: number): void;
  /** Writes what is counted so far (tests, shutdown). */
  flush(): Promise<void>;
}

const tallies = new Set<Tally<unknown>>();

export function createTally<K>(keyOf: (key: K) => string, write: (counts: Array<{ key: K; count: number }>) => Promise<void>, intervalMs = 10_000): Tally<K> {
  let pending = new Map<string, { key: K; count: number }>();
  let timer: NodeJS.Timeout | null = null;
  const tally: Tally<K> = {
    add(key, by = 1) {
      const id = keyOf(key);
      const seen = pending.get(id);
      if (seen) seen.count += by;
      else pending.set(id, { key, count: by });
      if (!timer) {
        timer = setTimeout(() => void tally.flush().catch(() => undefined), intervalMs);
        timer.unref();
      }
    },
    async flush() {
      if (timer) clearTimeout(timer);
      timer = null;
      if (!pending.size) return;
      const counts = [...pending.values()];
      pending = new Map();
      await write(counts);
    },
  };
  tallies.add(tally as Tally<unknown>);
  return tally;
}

/** Flushes every tally of the process. */
export async function flushTallies(): Promise<void> {
  await Promise.all([...tallies].map((t) => t.flush()));
}
