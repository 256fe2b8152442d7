/**
 * Settings shared by the seed, the benchmark and its child servers. The benchmark database is a
 * throwaway one: every script refuses a DATABASE_URL whose database name lacks "bench", so the
 * test database (shop_test) or a real one can never be dropped or loaded by mistake.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const projectRoot = path.resolve(benchDir, '..', '..');

export const DEFAULT_DATABASE_URL = 'mysql://shop:shop@127.0.0.1:3306/shop_bench';
/** Its own Redis database number, so tenant cache keys never meet the tests' keys. */
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379/7';
/**
 * The order benchmark writes, so it has a database of its own (and a Redis database of its own:
 * both benchmarks name their tenants shop001…, with other ids and plans behind the same slugs).
 */
export const ORDERS_DATABASE_URL = 'mysql://shop:shop@127.0.0.1:3306/shop_bench_orders';
export const ORDERS_REDIS_URL = 'redis://127.0.0.1:6379/8';
/** realtime.ts writes sessions, conversations and messages: a database and a Redis database of its own. */
export const REALTIME_DATABASE_URL = 'mysql://shop:shop@127.0.0.1:3306/shop_bench_rt';
export const REALTIME_REDIS_URL = 'redis://127.0.0.1:6379/9';

/**
 * BENCH_DATABASE_URL, else the given default. orders.ts and seed-orders.ts pass theirs and then
 * set BENCH_DATABASE_URL to the answer, so their children (serverEnv) inherit the same database.
 */
export function benchDatabaseUrl(fallback = DEFAULT_DATABASE_URL): string {
  const url = process.env.BENCH_DATABASE_URL || fallback;
  const name = new URL(url).pathname.replace(/^\//, '');
  if (!/bench/i.test(name) || name === 'shop_test') {
    throw new Error(`refusing database "${name}": the benchmark drops and fills its database, so its name must contain "bench"`);
  }
  return url;
}

export function benchRedisUrl(fallback = DEFAULT_REDIS_URL): string {
  return process.env.BENCH_REDIS_URL || fallback;
}

/** The environment our server runs with under load (DESIGN.md's variables). */
export function serverEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    APP_SECRET: 'bench-only-secret-0123456789abcdef0123456789abcdef',
    DATABASE_URL: benchDatabaseUrl(),
    REDIS_URL: benchRedisUrl(),
    LOG_LEVEL: 'warn',
    RATE_LIMITS: 'off',
    SEED_DEMO: 'off',
    WORKERS: 'off',
    PLATFORM_DOMAIN: 'localhost',
    ...extra,
  };
}

export const PLATFORM_DOMAIN = 'localhost';
export const slugOf = (i: number) => `shop${String(i).padStart(3, '0')}`;
