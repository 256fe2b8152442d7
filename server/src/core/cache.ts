/**
 * Cache and counters behind one interface: Redis (ioredis) when REDIS_URL is set, an in-process
 * map otherwise. Locks (lock.ts) and rate limits (rate-limit.ts) are built on it, so they work
 * the same on one embedded process and on many API nodes sharing Redis.
 */
import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';
import { logger } from './logger.js';

/** A message of a channel; null when messages may have been lost (the subscriber reconnected). */
export type ChannelListener = (message: string | null) => void;

export interface Cache {
  readonly kind: 'redis' | 'memory';
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  /** Sets only when absent; true when this call set it. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Deletes the key only while it still holds `value` (lock release). */
  delIfEquals(key: string, value: string): Promise<boolean>;
  del(...keys: string[]): Promise<void>;
  /** Adds `by` and returns the new value; the first increment starts the key's time to live. */
  incr(key: string, ttlSeconds: number, by?: number): Promise<number>;
  ttlSeconds(key: string): Promise<number>;
  /** Sends a message to every process subscribed to the channel (this one included). */
  publish(channel: string, message: string): Promise<void>;
  subscribe(channel: string, listener: ChannelListener): void;
  /** The underlying Redis client when there is one (socket.io adapter, Lua scripts). */
  redis(): Redis | null;
  close(): Promise<void>;
}

const PREFIX = 's2b2c:';

/**
 * A pub/sub channel's name on this client's Redis. Keys live in the client's logical database,
 * channels do not: two deployments (or two test workers) on databases 0 and 3 of one Redis would
 * hear each other's cache invalidations and socket broadcasts, so a database other than 0 names
 * its channels apart.
 */
export function redisChannel(client: Redis, name: string): string {
  const db = client.options.db ?? 0;
  return `${PREFIX}${db ? `db${db}:` : ''}${name}`;
}

export class RedisCache implements Cache {
  readonly kind = 'redis' as const;
  private readonly client: Redis;
  private subscriber: Redis | undefined;
  private readonly listeners = new Map<string, ChannelListener[]>();

  constructor(url: string) {
    this.client = new Redis(url, { keyPrefix: PREFIX, maxRetriesPerRequest: 3, enableAutoPipelining: true, lazyConnect: false });
    this.client.defineCommand('incrWithTtl', {
      numberOfKeys: 1,
      lua: `local v = redis.call('INCRBY', KEYS[1], ARGV[1])
            if tonumber(v) == tonumber(ARGV[1]) then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
            return v`,
    });
    this.client.defineCommand('delIfEquals', {
      numberOfKeys: 1,
      lua: `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`,
    });
  }

  redis(): Redis {
    return this.client;
  }

  async get(key: string) {
    return this.client.get(key);
  }

  async set(key: string, value: string, ttlSeconds: number) {
    await this.client.set(key, value, 'EX', Math.max(1, Math.ceil(ttlSeconds)));
  }

  async setIfAbsent(key: string, value: string, ttlMs: number) {
    return (await this.client.set(key, value, 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX')) === 'OK';
  }

  async delIfEquals(key: string, value: string) {
    const client = this.client as Redis & { delIfEquals(key: string, value: string): Promise<number> };
    return (await client.delIfEquals(key, value)) === 1;
  }

  async del(...keys: string[]) {
    if (keys.length) await this.client.del(...keys);
  }

  async incr(key: string, ttlSeconds: number, by = 1) {
    const client = this.client as Redis & { incrWithTtl(key: string, by: number, ttl: number): Promise<number> };
    return Number(await client.incrWithTtl(key, by, Math.max(1, Math.ceil(ttlSeconds))));
  }

  async ttlSeconds(key: string) {
    return this.client.ttl(key);
  }

  async publish(channel: string, message: string) {
    await this.client.publish(redisChannel(this.client, channel), message);
  }

  subscribe(channel: string, listener: ChannelListener) {
    if (!this.subscriber) {
      // a subscribed connection can do nothing else; channel names are not key-prefixed by ioredis
      const subscriber = this.client.duplicate({ keyPrefix: '' });
      let connected = false;
      subscriber.on('ready', () => {
        // after a reconnect, whatever was published meanwhile is lost
        if (connected) for (const list of this.listeners.values()) for (const l of list) l(null);
        connected = true;
      });
      subscriber.on('message', (ch: string, message: string) => {
        for (const l of this.listeners.get(ch.slice(redisChannel(this.client, '').length)) ?? []) l(message);
      });
      this.subscriber = subscriber;
    }
    const list = this.listeners.get(channel) ?? [];
    if (!list.length) {
      // without the subscription, near caches here hear of no other process's change: they then
      // lag by their time to live, so say so rather than fail the request that subscribed
      void this.subscriber.subscribe(redisChannel(this.client, channel)).catch((err: Error) => logger().error({ err, channel }, 'cache channel subscription failed'));
    }
    this.listeners.set(channel, [...list, listener]);
  }

  async close() {
    await this.subscriber?.quit().catch(() => undefined);
    await this.client.quit().catch(() => undefined);
  }
}

interface Entry {
  value: string;
  expiresAt: number;
}

export class MemoryCache implements Cache {
  readonly kind = 'memory' as const;
  private readonly entries = new Map<string, Entry>();
  private readonly sweeper: NodeJS.Timeout;
  private readonly channels = new EventEmitter();

  constructor(private readonly now: () => number = Date.now) {
    this.sweeper = setInterval(() => this.sweep(), 30_000);
    this.sweeper.unref();
  }

  redis(): null {
    return null;
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private sweep() {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }

  async get(key: string) {
    return this.live(key)?.value ?? null;
  }

  async set(key: string, value: string, ttlSeconds: number) {
    this.entries.set(key, { value, expiresAt: this.now() + ttlSeconds * 1000 });
  }

  async setIfAbsent(key: string, value: string, ttlMs: number) {
    if (this.live(key)) return false;
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
    return true;
  }

  async delIfEquals(key: string, value: string) {
    if (this.live(key)?.value !== value) return false;
    this.entries.delete(key);
    return true;
  }

  async del(...keys: string[]) {
    for (const key of keys) this.entries.delete(key);
  }

  async incr(key: string, ttlSeconds: number, by = 1) {
    const entry = this.live(key);
    const value = (entry ? Number(entry.value) : 0) + by;
    this.entries.set(key, { value: String(value), expiresAt: entry?.expiresAt ?? this.now() + ttlSeconds * 1000 });
    return value;
  }

  async ttlSeconds(key: string) {
    const entry = this.live(key);
    return entry ? Math.ceil((entry.expiresAt - this.now()) / 1000) : -2;
  }

  async publish(channel: string, message: string) {
    this.channels.emit(channel, message);
  }

  subscribe(channel: string, listener: ChannelListener) {
    this.channels.on(channel, listener);
  }

  async close() {
    clearInterval(this.sweeper);
    this.entries.clear();
    this.channels.removeAllListeners();
  }
}

let active: Cache | undefined;

export function openCache(redisUrl: string | undefined): Cache {
  active = redisUrl ? new RedisCache(redisUrl) : new MemoryCache();
  return active;
}

export function cache(): Cache {
  return (active ??= new MemoryCache());
}

export async function closeCache(): Promise<void> {
  const c = active;
  active = undefined;
  if (c) await c.close();
}

/** JSON values through the cache; a read-through helper for lookups such as tenant resolution. */
export async function cached<T>(key: string, ttlSeconds: number, load: () => Promise<T>): Promise<T> {
  const hit = await cache().get(key);
  if (hit !== null) return JSON.parse(hit) as T;
  const value = await load();
  if (value !== undefined) await cache().set(key, JSON.stringify(value), ttlSeconds);
  return value;
}
