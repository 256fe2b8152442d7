/**
 * The decision "this shopper gets these units", in one place, behind one interface: the sale
 * item's units left and the shopper's units of it, checked and changed together. On Redis (the
 * cache is Redis: production, and the tests with TEST_REDIS_URL) it is one Lua script, atomic
 * across every API process; embedded (the in-process cache) the same rules run synchronously in
 * this process, atomic because nothing else runs between them. Chosen as core/cache.ts chooses.
 *
 * The allocator is a fast gate, not the truth: the database counts sold units and each shopper's
 * units with conditional updates when the order is placed (repository.ts), so a flushed Redis, a
 * crash between the take and the order, or two processes seeding at once cannot sell more than the
 * stock. A key that is missing is seeded from the database (`seed`, SET NX: the first seeding wins).
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { cache } from '../../core/cache.js';
import { clock } from '../../core/clock.js';

export type Verdict = 'ok' | 'sold_out' | 'limit_reached';

/** One sale item of one shop. */
export interface ItemKey {
  tenantId: number;
  itemId: number;
}

export interface Allocator {
  readonly kind: 'redis' | 'memory';
  /**
   * Takes `qty` units for the shopper when the item has them and the shopper stays within `limit`.
   * `seed` answers the units left from the database, asked only when this allocator holds no count
   * for the item yet; `ttlSeconds` keeps the counts until a while after the session ends.
   */
  take(item: ItemKey, customerId: number, qty: number, limit: number, seed: () => Promise<number>, ttlSeconds: number): Promise<Verdict>;
  /** Gives units back (placing failed, or the unpaid order was cancelled). */
  give(item: ItemKey, customerId: number, qty: number): Promise<void>;
  /** Units left as this allocator counts them; null when it holds no count. */
  left(item: ItemKey): Promise<number | null>;
}

const SEED_MISSING = -2;

/** Redis keys of an item; the hash tag keeps both on one cluster slot, as a script needs. */
const keysOf = (item: ItemKey) => [`fs:{${item.tenantId}:${item.itemId}}:left`, `fs:{${item.tenantId}:${item.itemId}}:buyers`] as const;

/**
 * KEYS: units left, shoppers' units (a hash). ARGV: customer, qty, limit, ttl, seed ('' = none).
 * Returns 1 taken, 0 sold out, -1 over the shopper's limit, -2 no count yet and no seed given.
 */
const TAKE = `
  local left = redis.call('GET', KEYS[1])
  if not left then
    if ARGV[5] == '' then return -2 end
    redis.call('SET', KEYS[1], ARGV[5], 'EX', ARGV[4], 'NX')
    left = redis.call('GET', KEYS[1])
  end
  local qty = tonumber(ARGV[2])
  if tonumber(left) < qty then return 0 end
  local bought = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
  if bought + qty > tonumber(ARGV[3]) then return -1 end
  redis.call('DECRBY', KEYS[1], qty)
  redis.call('HINCRBY', KEYS[2], ARGV[1], qty)
  redis.call('EXPIRE', KEYS[2], ARGV[4])
  return 1`;

/** KEYS as TAKE; ARGV: customer, qty. A count that is gone (flushed, expired) stays gone: the next take seeds it from the database. */
const GIVE = `
  if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('INCRBY', KEYS[1], ARGV[2]) end
  local bought = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
  if bought > 0 then redis.call('HINCRBY', KEYS[2], ARGV[1], -math.min(bought, tonumber(ARGV[2]))) end
  return 1`;

const sha1 = (script: string) => createHash('sha1').update(script).digest('hex');

/** EVALSHA, and EVAL when the server does not know the script yet (a restart, a flush of scripts). */
async function runScript(client: Redis, script: string, sha: string, keys: readonly string[], args: Array<string | number>): Promise<number> {
  try {
    return Number(await client.evalsha(sha, keys.length, ...keys, ...args));
  } catch (err) {
    if (!(err instanceof Error) || !err.message.includes('NOSCRIPT')) throw err;
    return Number(await client.eval(script, keys.length, ...keys, ...args));
  }
}

const VERDICTS: Record<number, Verdict> = { 1: 'ok', 0: 'sold_out', [-1]: 'limit_reached' };

/**
 * After Redis found an item's last unit gone, this process answers "sold out" for it without
 * asking Redis for this long: the crowd keeps tapping for minutes after the stock is gone, and
 * each tap would cost a round trip to learn the same thing. It only ever refuses, never sells, so
 * it cannot oversell; a unit given back in this process lifts it at once, one given back by another
 * process (a cancelled order) is seen here within this time.
 */
const SOLD_OUT_LATCH_MS = 1000;

export class RedisAllocator implements Allocator {
  readonly kind = 'redis' as const;
  private readonly takeSha = sha1(TAKE);
  private readonly giveSha = sha1(GIVE);
  private readonly soldOutUntil = new Map<string, number>();

  constructor(private readonly client: Redis) {}

  async take(item: ItemKey, customerId: number, qty: number, limit: number, seed: () => Promise<number>, ttlSeconds: number): Promise<Verdict> {
    const keys = keysOf(item);
    const latched = this.soldOutUntil.get(keys[0]);
    if (latched !== undefined) {
      if (latched > clock.nowMs()) return 'sold_out';
      this.soldOutUntil.delete(keys[0]);
    }
    const ttl = Math.max(60, Math.ceil(ttlSeconds));
    let answer = await runScript(this.client, TAKE, this.takeSha, keys, [customerId, qty, limit, ttl, '']);
    if (answer === SEED_MISSING) answer = await runScript(this.client, TAKE, this.takeSha, keys, [customerId, qty, limit, ttl, Math.max(0, await seed())]);
    const verdict = VERDICTS[answer] ?? 'sold_out';
    // one unit asked and none there: nothing is left (asking for two may find only one)
    if (verdict === 'sold_out' && qty === 1) this.soldOutUntil.set(keys[0], clock.nowMs() + SOLD_OUT_LATCH_MS);
    return verdict;
  }

  async give(item: ItemKey, customerId: number, qty: number): Promise<void> {
    await runScript(this.client, GIVE, this.giveSha, keysOf(item), [customerId, qty]);
    this.soldOutUntil.delete(keysOf(item)[0]);
  }

  async left(item: ItemKey): Promise<number | null> {
    const v = await this.client.get(keysOf(item)[0]);
    return v === null ? null : Number(v);
  }
}

/** The same rules in this process: each method's check and change run without an await between them. */
export class MemoryAllocator implements Allocator {
  readonly kind = 'memory' as const;
  private readonly counts = new Map<string, { left: number; buyers: Map<number, number>; expiresAt: number }>();

  private entry(item: ItemKey) {
    const key = `${item.tenantId}:${item.itemId}`;
    const found = this.counts.get(key);
    if (found && found.expiresAt <= clock.nowMs()) this.counts.delete(key);
    return { key, found: this.counts.get(key) };
  }

  async take(item: ItemKey, customerId: number, qty: number, limit: number, seed: () => Promise<number>, ttlSeconds: number): Promise<Verdict> {
    if (!this.entry(item).found) {
      const left = Math.max(0, await seed());
      // seeded by whoever got here first while this one read the database (SET NX)
      const { key, found } = this.entry(item);
      if (!found) this.counts.set(key, { left, buyers: new Map(), expiresAt: clock.nowMs() + ttlSeconds * 1000 });
    }
    const count = this.entry(item).found!;
    if (count.left < qty) return 'sold_out';
    const bought = count.buyers.get(customerId) ?? 0;
    if (bought + qty > limit) return 'limit_reached';
    count.left -= qty;
    count.buyers.set(customerId, bought + qty);
    return 'ok';
  }

  async give(item: ItemKey, customerId: number, qty: number): Promise<void> {
    const count = this.entry(item).found;
    if (!count) return;
    count.left += qty;
    const bought = count.buyers.get(customerId) ?? 0;
    if (bought > 0) count.buyers.set(customerId, bought - Math.min(bought, qty));
  }

  async left(item: ItemKey): Promise<number | null> {
    return this.entry(item).found?.left ?? null;
  }
}

let memory: MemoryAllocator | undefined;
const byClient = new WeakMap<Redis, RedisAllocator>();

/** Redis when the cache is Redis, this process otherwise. */
export function allocator(): Allocator {
  const client = cache().redis();
  if (!client) return (memory ??= new MemoryAllocator());
  let found = byClient.get(client);
  if (!found) byClient.set(client, (found = new RedisAllocator(client)));
  return found;
}
