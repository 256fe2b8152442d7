/**
 * Mutual exclusion across processes: SET NX PX with a random token in Redis (released only by its
 * holder, through a compare-and-delete script), the same on the in-process cache.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { cache } from './cache.js';
import { AppError } from './errors.js';

export interface LockOptions {
  /** How long the lock is held at most if its holder dies. */
  ttlMs?: number;
  /** How long to wait for it before giving up with 409 `busy`. */
  waitMs?: number;
}

export async function withLock<T>(name: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const { ttlMs = 10_000, waitMs = 5_000 } = options;
  const key = `lock:${name}`;
  const token = randomUUID();
  const deadline = Date.now() + waitMs;
  let delay = 5;
  while (!(await cache().setIfAbsent(key, token, ttlMs))) {
    if (Date.now() >= deadline) throw new AppError(409, 'busy', 'The resource is busy, try again');
    await sleep(delay);
    delay = Math.min(delay * 2, 100);
  }
  try {
    return await fn();
  } finally {
    await cache().delIfEquals(key, token);
  }
}
