/**
 * The quote's cost as promotions pile up (issue 14, "Done when"): quotes per second and p50/p99 of
 * `POST /shop/orders/quote` for a 3-line cart in two identical shops, one with no activity and one
 * with 50 running (25 full reductions and 25 limited prices; all but two touch other goods: one
 * whole-shop full reduction and one limited price on a cart SKU). Target: within 20%.
 *
 *   npx tsx scripts/bench/quote.ts                       # SQLite in a temporary DATA_DIR, in-process cache
 *   BENCH_DATABASE_URL=mysql://shop:shop@127.0.0.1:3306/shop_bench_quote BENCH_REDIS_URL=redis://127.0.0.1:6379/10 npx tsx scripts/bench/quote.ts
 *
 * One process: our app (openPlatform + buildApp) on node:http, driven over keep-alive sockets by
 * `--connections` (8) loops for `--seconds` (8) per run after a warm-up; runs alternate between the
 * shops (`--rounds` 3: 0/50, 50/0, 0/50) and the summary is each side's median. SQL statements per quote are
 * counted by Sequelize's logging hook. The MariaDB database must be a throwaway one (its name
 * contains "bench"): every table is dropped first. Results go to stdout and
 * `scripts/bench/results/quote-<date>-<engine>.json`.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchDatabaseUrl, benchDir } from './lib/env.js';

const { values: opts } = parseArgs({ options: { seconds: { type: 'string', default: '8' }, connections: { type: 'string', default: '8' }, rounds: { type: 'string', default: '3' }, warmup: { type: 'string', default: '2' } } });
const mysql = Boolean(process.env.BENCH_DATABASE_URL);
Object.assign(process.env, {
  NODE_ENV: 'production',
  APP_SECRET: 'bench-only-secret-0123456789abcdef0123456789abcdef',
  LOG_LEVEL: 'warn',
  RATE_LIMITS: 'off',
  SEED_DEMO: 'off',
  WORKERS: 'off',
  PLATFORM_DOMAIN: 'localhost',
  ...(mysql ? { DATABASE_URL: benchDatabaseUrl(), REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/10' } : { DATA_DIR: mkdtempSync(path.join(tmpdir(), 'quote-bench-')) }),
});

const { loadConfig } = await import('../../server/src/core/config.js');
const { db, dropAllTables, openDatabase } = await import('../../server/src/core/db/index.js');
const { openPlatform, closePlatform } = await import('../../server/src/boot.js');
const { buildApp } = await import('../../server/src/app.js');

const config = loadConfig();
let statements = 0;
await openDatabase(config, () => void statements++);
if (mysql) await dropAllTables(db());
await openPlatform({ config, migrate: true });
const server = buildApp().listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const port = (server.address() as { port: number }).port;
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

interface Reply {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

function call(method: string, host: string, url: string, body?: unknown, token?: string): Promise<Reply> {
  const data = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request({ agent, host: '127.0.0.1', port, method, path: `/api/v1${url}`, headers: { host, 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...(data ? { 'content-length': Buffer.byteLength(data) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null });
      });
    });
    req.on('error', reject);
    req.end(data);
  });
}

async function must(p: Promise<Reply>, status = 201): Promise<Reply['body']> {
  const r = await p;
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

// ---- two identical shops: 3 goods in the cart, 60 others in two categories; B gets 50 activities ----

interface BenchShop {
  host: string;
  owner: (method: string, url: string, body?: unknown, status?: number) => Promise<Reply['body']>;
  shopperToken: string;
  quoteBody: unknown;
  cart: Array<{ id: number; sku: number }>;
  others: Array<{ id: number; sku: number }>;
  categories: Array<{ id: number }>;
}

async function openShop(slug: string): Promise<BenchShop> {
  const host = `${slug}.localhost`;
  const signup = await must(call('POST', 'localhost', '/merchants/signup', { storeName: '报价压测店', slug, email: `${slug}@quote.test`, password: 'Bench#2026' }));
  const owner = (m: string, url: string, body?: unknown, status?: number) => must(call(m, host, url, body, signup.token), status);
  const categories = [await owner('POST', '/admin/store-categories', { name: '茶叶' }), await owner('POST', '/admin/store-categories', { name: '茶具' })];
  const goods = async (title: string, price: number, categoryId?: number) => {
    const p = (await owner('POST', '/admin/own-products', { title, skus: [{ specs: {}, price, stock: 1_000_000 }] })).product;
    if (categoryId) await owner('PATCH', `/admin/products/${p.id}`, { storeCategoryId: categoryId }, 200);
    return { id: p.id as number, sku: p.skus[0].id as number };
  };
  const cart = [await goods('明前龙井 250g', 12800, categories[0].id), await goods('白瓷盖碗', 6800, categories[1].id), await goods('竹制茶盘', 9900)];
  const others: Array<{ id: number; sku: number }> = [];
  for (let i = 0; i < 60; i++) others.push(await goods(`其他商品 ${i + 1}`, 5000 + i * 100, categories[i % 2].id));
  const shopper = await must(call('POST', host, '/shop/auth/register', { phone: '13900001111', password: 'Shopper#2026' }));
  const addressId = (await must(call('POST', host, '/shop/addresses', { name: '张三', phone: '13900001111', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号' }, shopper.token))).id;
  return { host, owner, shopperToken: shopper.token, quoteBody: { items: cart.map((g, i) => ({ skuId: g.sku, quantity: i + 1 })), addressId }, cart, others, categories };
}

/**
 * 50 running activities, two of them on the cart: a whole-shop full reduction and a limited price
 * on one cart SKU; the other 48 on other goods (22 full reductions on two listings each, 24
 * limited prices on two SKUs each) and 2 category full reductions on categories with no cart line.
 */
async function pileUpActivities(shop: BenchShop): Promise<void> {
  const { owner, others, cart } = shop;
  const startsAt = new Date(Date.now() - 3_600_000).toISOString();
  const endsAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
  const tiers = [{ threshold: 19900, amountOff: 3000 }, { threshold: 29900, amountOff: 6000 }];
  const otherCategory = await owner('POST', '/admin/store-categories', { name: '零食' });
  await owner('POST', '/admin/marketing/full-reductions', { name: '全店满减', startsAt, endsAt, tiers });
  for (let i = 0; i < 22; i++) await owner('POST', '/admin/marketing/full-reductions', { name: `单品满减 ${i}`, startsAt, endsAt, tiers, productIds: [others[i]!.id, others[i + 30]!.id] });
  for (let i = 0; i < 2; i++) await owner('POST', '/admin/marketing/full-reductions', { name: `分类满折 ${i}`, startsAt, endsAt, tiers: [{ threshold: 50000, percentOff: 10 }], categoryIds: [otherCategory.id] });
  await owner('POST', '/admin/marketing/limited-prices', { name: '盖碗限时价', startsAt, endsAt, items: [{ skuId: cart[1]!.sku, price: 5800 }] });
  for (let i = 0; i < 24; i++) await owner('POST', '/admin/marketing/limited-prices', { name: `限时折扣 ${i}`, startsAt, endsAt, items: [others[i * 2]!, others[i * 2 + 1]!].map((g) => ({ skuId: g.sku, price: 4000 })) });
}

const plain = await openShop('quotebench0');
const busy = await openShop('quotebench50');
await pileUpActivities(busy);

// ---- the load ----

interface Run {
  activities: number;
  quotes: number;
  perSecond: number;
  p50: number;
  p99: number;
  statementsPerQuote: number;
  errors: number;
  discounts: string[];
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;

async function run(activities: number, seconds: number): Promise<Run> {
  const shop = activities ? busy : plain;
  const latencies: number[] = [];
  let errors = 0;
  let last: Reply | undefined;
  const before = statements;
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Number(opts.connections) }, async () => {
      while (performance.now() < until) {
        const t = performance.now();
        const r = await call('POST', shop.host, '/shop/orders/quote', shop.quoteBody, shop.shopperToken);
        latencies.push(performance.now() - t);
        if (r.status !== 200) errors++;
        last = r;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    activities,
    quotes: latencies.length,
    perSecond: round(latencies.length / elapsed),
    p50: round(pct(latencies, 50)),
    p99: round(pct(latencies, 99)),
    statementsPerQuote: round((statements - before) / latencies.length),
    errors,
    discounts: (last?.body?.discounts ?? []).map((d: { label: string; amount: number }) => `${d.label} ${d.amount}`),
  };
}

const seconds = Number(opts.seconds);
await run(0, Number(opts.warmup));
await run(50, Number(opts.warmup));
// the two sides alternate (0, 50, 50, 0, 0, 50, ...), so a noisy neighbour hits both alike
const runs: Run[] = [];
for (let round = 0; round < Number(opts.rounds); round++) {
  for (const n of round % 2 ? [50, 0] : [0, 50]) runs.push(await run(n, seconds));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const side = (n: number) => {
  const rs = runs.filter((r) => r.activities === n);
  return { perSecond: median(rs.map((r) => r.perSecond)), p50: median(rs.map((r) => r.p50)), p99: median(rs.map((r) => r.p99)), statementsPerQuote: median(rs.map((r) => r.statementsPerQuote)), errors: rs.reduce((s, r) => s + r.errors, 0), discounts: rs.at(-1)!.discounts };
};
const summary = { engine: mysql ? 'mariadb+redis' : 'sqlite', connections: Number(opts.connections), seconds, none: side(0), fifty: side(50), ratio: Math.round((side(50).perSecond / side(0).perSecond) * 1000) / 1000, runs };
console.table(runs.map(({ discounts: _d, ...r }) => r));
console.log(JSON.stringify({ none: summary.none, fifty: summary.fifty, ratio: summary.ratio }, null, 2));
console.log(summary.ratio >= 0.8 ? `within 20%: ${(100 * (1 - summary.ratio)).toFixed(1)}% slower with 50 activities` : `NOT within 20%: ${(100 * (1 - summary.ratio)).toFixed(1)}% slower`);
writeFileSync(path.join(benchDir, 'results', `quote-${new Date().toISOString().slice(0, 10)}-${mysql ? 'mariadb' : 'sqlite'}.json`), JSON.stringify(summary, null, 2));
agent.destroy();
server.close();
await closePlatform();
process.exit(0);
