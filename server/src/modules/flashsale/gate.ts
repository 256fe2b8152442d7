/**
 * A few at a time per key, in this process. The winners of one flash-sale item all write its row
 * (sold), whose lock each holds until COMMIT: past a few, more transactions do not sell faster,
 * they only wait on that lock while holding a pooled connection each, and the pool runs dry for
 * everyone else (the crowd's sign-ins and "sold out" answers included). Waiting here costs no
 * connection.
 */
interface Lane {
  active: number;
  waiting: Array<() => void>;
}

export function gate(width: number) {
  const lanes = new Map<string, Lane>();
  return async function through<T>(key: string, work: () => Promise<T>): Promise<T> {
    let lane = lanes.get(key);
    if (!lane) lanes.set(key, (lane = { active: 0, waiting: [] }));
    if (lane.active >= width) await new Promise<void>((resolve) => lane!.waiting.push(resolve));
    else lane.active++;
    try {
      return await work();
    } finally {
      // the turn passes straight to the next waiter; the lane goes when nobody is left
      const next = lane.waiting.shift();
      if (next) next();
      else if (--lane.active === 0) lanes.delete(key);
    }
  };
}
