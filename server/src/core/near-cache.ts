/**
 * Read-mostly facts kept in this process's memory, so that a hit costs no round trip: an owner's
 * freight templates and a shopper's address book (every quote reads them), the tenant a host or
 * appid resolves to (every request). Every change must invalidate its key; the
 * invalidation drops the entry here and, through the cache's channel (Redis pub/sub), in every
 * other API process, once the change has committed. Entries also expire, which bounds what a lost
 * message can leave stale, and a reconnected subscriber drops everything.
 *
 * Only a load outside any transaction is kept: a transaction's snapshot may predate a change whose
 * invalidation has already come and gone (and loading outside it would take a second connection
 * while the transaction holds one). A load that overlaps an invalidation of the same cache is
 * returned but not kept either: it may have read the old rows.
 */
import { randomUUID } from 'node:crypto';
import { cache, type Cache } from './cache.js';
import { clock } from './clock.js';
import type { Ctx } from './context.js';
import { afterCommit } from './db/index.js';

const CHANNEL = 'near-cache';
/** Names this process in what it publishes: it has dropped the key already and skips its own echo. */
const NODE = randomUUID();

interface Entry<V> {
  value: V;
  expiresAt: number;
}

export interface NearCacheOptions<V = unknown> {
  ttlSeconds: number;
  /** Entries kept at most; the oldest goes first. */
  max: number;
  /** Which loaded values are kept (all by default): an answer meaning "not known yet" may not be. */
  keep?: (value: V) => boolean;
}

const registry = new Map<string, NearCache<unknown>>();
let listeningOn: Cache | undefined;

/** Subscribes once per cache instance (a reopened cache is a new instance: what was kept goes). */
function listen(): void {
  const current = cache();
  if (listeningOn === current) return;
  listeningOn = current;
  for (const c of registry.values()) c.clear();
  current.subscribe(CHANNEL, (message) => {
    if (message === null) {
      for (const c of registry.values()) c.clear();
      return;
    }
    const [node, name, key] = message.split('\n');
    if (node !== NODE && name !== undefined && key !== undefined) registry.get(name)?.drop(key);
  });
}

export class NearCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  /** Bumped by every invalidation: a load that saw it change does not keep its value. */
  private generation = 0;

  constructor(
    readonly name: string,
    private readonly options: NearCacheOptions<V>,
  ) {}

  async get(ctx: Ctx, key: string, load: () => Promise<V>): Promise<V> {
    listen();
    const now = clock.nowMs();
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > now) return hit.value;
    const generation = this.generation;
    const value = await load();
    if (!ctx.transaction && generation === this.generation && (this.options.keep?.(value) ?? true)) {
      this.entries.delete(key);
      if (this.entries.size >= this.options.max) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, { value, expiresAt: now + this.options.ttlSeconds * 1000 });
    }
    return value;
  }

  /** Forgets the key in every process once the context's transaction commits. */
  async invalidate(ctx: Ctx, key: string): Promise<void> {
    await afterCommit(ctx, () => this.dropEverywhere(key));
  }

  /** Forgets the key in every process now: for a caller that already waits for the commit. */
  async dropEverywhere(key: string): Promise<void> {
    listen();
    this.drop(key);
    await cache().publish(CHANNEL, `${NODE}\n${this.name}\n${key}`);
  }

  drop(key: string): void {
    this.generation++;
    this.entries.delete(key);
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }
}

export function nearCache<V>(name: string, options: NearCacheOptions<V>): NearCache<V> {
  if (registry.has(name)) throw new Error(`near cache ${name} declared twice`);
  const c = new NearCache<V>(name, options);
  registry.set(name, c as NearCache<unknown>);
  return c;
}
