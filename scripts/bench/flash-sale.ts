/**
 * Flash-sale benchmark: `POST /api/v1/shop/flash-sales/:id/items/:itemId/buy` on our real server
 * (lib/ours-server.ts: MariaDB + Redis, the Lua allocator) at 200 connections, against express 5's
 * hello route (lib/hello-server.ts) in the same run, same connections and duration: the target is
 * at least 35% of the hello route's requests per second. The hello route runs before and after
 * each buy run and counts as the mean of both (this machine's speed drifts by a third between
 * minutes), and the rounds' median ratio is the figure. A first round warms the server up and is
 * not counted. Each round opens a fresh session (the
 * previous one is ended) of STOCK units, limit 2 per shopper, for SHOPPERS shoppers picked at
 * random per request: a crowd much larger than the stock, as a flash sale has. After each load run
 * it checks, in the database and Redis: orders placed for the item = units sold = the sale rows'
 * `sold`, sold <= stock, no shopper over the limit, Redis's units left = stock - sold.
 *
 * Before each buy run every shopper opens the session's page once (as a crowd does while it counts
 * down), which also puts their sign-in in the session cache: the run then measures the buy itself.
 * `--mode queued` runs the server with FLASH_ORDER_WRITE=queued (winners get 202 and a ticket) and
 * this process acts as the job worker during the run, then drains the queue before the check.
 *
 * `--profile` takes a V8 CPU profile of our server during the last round's buy run and sums it.
 * Our server runs compiled, as `npm start` runs it (`npm run build:server` first); `--sources` runs
 * the TypeScript sources through tsx instead.
 *
 *   npx tsx scripts/bench/flash-sale.ts [--mode direct|queued] [--seconds 10] [--connections 200] [--stock 200] [--shoppers 2000] [--rounds 3] [--profile] [--sources]
 *
 * BENCH_DATABASE_URL overrides mysql://shop:shop@127.0.0.1:3306/shop_bench_flash (dropped and
 * migrated at each start; its name must contain "bench"); BENCH_REDIS_URL overrides
 * redis://127.0.0.1:6383/6. Results go to results/flash-sale.json.
 */
import { execSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import mysql from 'mysql2/promise';
import { closePlatform, openPlatform } from '../../server/src/boot.js';
import { issueToken } from '../../server/src/core/auth/index.js';
import { cache } from '../../server/src/core/cache.js';
import { loadConfig } from '../../server/src/core/config.js';
import { projectRoot } from '../../server/src/core/paths.js';
import { createContext } from '../../server/src/core/context.js';
import { dropAllTables, insertRows, migrateUp, db } from '../../server/src/core/db/index.js';
import { Address, Customer } from '../../server/src/modules/customers/model.js';
import { allocator } from '../../server/src/modules/flashsale/index.js';
import { Job, runDueJobs, startJobWorker, stopJobWorker } from '../../server/src/core/jobs.js';
import { printProfile, summarizeProfile, type CpuProfile } from './lib/profile.js';
import { Child, cpuMs, request, runMain, sleep, waitQuiet, wrk, writeResults } from './lib/harness.js';
import { benchDatabaseUrl, benchDir, benchRedisUrl, serverEnv } from './lib/env.js';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '200' },
    stock: { type: 'string', default: '200' },
    shoppers: { type: 'string', default: '2000' },
    rounds: { type: 'string', default: '3' },
    mode: { type: 'string', default: 'direct' },
    profile: { type: 'boolean', default: false },
    sources: { type: 'boolean', default: false },
  },
});
const SECONDS = Number(args.seconds);
const CONNECTIONS = Number(args.connections);
const STOCK = Number(args.stock);
const SHOPPERS = Number(args.shoppers);
const ROUNDS = Number(args.rounds);
const MODE = args.mode === 'queued' ? 'queued' : 'direct';
const LIMIT = 2;
const OURS_PORT = 3911;
const HELLO_PORT = 3912;

process.env.BENCH_DATABASE_URL = benchDatabaseUrl('mysql://shop:shop@127.0.0.1:3306/shop_bench_flash');
process.env.BENCH_REDIS_URL = benchRedisUrl('redis://127.0.0.1:6383/6');

/** Creates the benchmark's database when missing (its name is checked by benchDatabaseUrl). */
async function ensureDatabase(url: string): Promise<void> {
  const u = new URL(url);
  const name = u.pathname.slice(1);
  u.pathname = '/';
  const admin = await mysql.createConnection(u.toString());
  await admin.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
}

async function call(method: string, urlPath: string, host: string, token: string | null, body?: unknown) {
  const headers: Record<string, string> = { Host: host, 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const reply = await request(OURS_PORT, method, `/api/v1${urlPath}`, headers, body === undefined ? undefined : JSON.stringify(body));
  const parsed = reply.body ? JSON.parse(reply.body) : {};
  if (reply.status >= 300) throw new Error(`${method} ${urlPath}: ${reply.status} ${reply.body}`);
  return parsed;
}

interface RunCheck {
  stock: number;
  sold: number;
  flashOrders: number;
  orders: number;
  answeredWon: number;
  maxPerShopper: number;
  redisLeft: number | null;
  ok: boolean;
}

/** What the database and Redis hold for the item after a run, and whether it adds up. */
async function check(conn: mysql.Connection, tenantId: number, itemId: number, skuId: number, since: Date, answeredWon: number): Promise<RunCheck> {
  const [[item]] = (await conn.query('SELECT stock, sold FROM flash_sale_items WHERE tenant_id = ? AND id = ?', [tenantId, itemId])) as unknown as [[{ stock: number; sold: number }]];
  const [[flash]] = (await conn.query("SELECT COUNT(*) AS n FROM flash_sale_orders WHERE tenant_id = ? AND item_id = ? AND status = 'placed'", [tenantId, itemId])) as unknown as [[{ n: number }]];
  const [[orders]] = (await conn.query('SELECT COUNT(DISTINCT oi.order_id) AS n FROM order_items oi JOIN orders o ON o.tenant_id = oi.tenant_id AND o.id = oi.order_id WHERE oi.tenant_id = ? AND oi.listing_sku_id = ? AND o.created_at >= ?', [tenantId, skuId, since])) as unknown as [[{ n: number }]];
  const [[most]] = (await conn.query('SELECT COALESCE(MAX(bought), 0) AS n FROM flash_sale_buyers WHERE tenant_id = ? AND item_id = ?', [tenantId, itemId])) as unknown as [[{ n: number }]];
  const redisLeft = await allocator().left({ tenantId, itemId });
  const r = { stock: Number(item.stock), sold: Number(item.sold), flashOrders: Number(flash.n), orders: Number(orders.n), answeredWon, maxPerShopper: Number(most.n), redisLeft };
  const ok = r.orders === r.sold && r.flashOrders === r.sold && r.sold <= r.stock && r.maxPerShopper <= LIMIT && r.redisLeft === r.stock - r.sold && answeredWon <= r.sold;
  return { ...r, ok };
}

const rps = (r: { requests: number; duration_us: number }) => Math.round((r.requests / r.duration_us) * 1e6);
/** The server's CPU (user + system) per request over a run: steadier than requests per second on a shared machine. */
const cpuPerRequestUs = (before: number | null, after: number | null, requests: number) => (before === null || after === null || !requests ? null : Math.round(((after - before) * 1000) / requests));

runMain(async () => {
  const dbUrl = process.env.BENCH_DATABASE_URL!;
  await ensureDatabase(dbUrl);
  const config = loadConfig({ ...serverEnv(), NODE_ENV: 'production' });
  await openPlatform({ config });
  await dropAllTables(db());
  await migrateUp(db());
  // the bench's own Redis database: counts of an earlier run's items (same ids after the drop) go too
  await cache().redis()?.flushdb();
  console.log(`database ${new URL(dbUrl).pathname.slice(1)} migrated; redis ${process.env.BENCH_REDIS_URL}`);

  // the server as `npm start` runs it: compiled (built here, tsc only recompiles what changed)
  if (!args.sources) execSync('npm run --silent build:server', { cwd: projectRoot, stdio: 'inherit' });
  const ours = await Child.start('ours', OURS_PORT, 'ours-server.ts', { FLASH_ORDER_WRITE: MODE, BENCH_SERVER: args.sources ? 'sources' : 'built' }, 'flash-ours');
  const hello = await Child.start('hello', HELLO_PORT, 'hello-server.ts', {}, 'flash-hello');
  /** One run of the yardstick: express's hello route, same connections and duration. */
  const helloRun = async () => {
    const cpu0 = cpuMs(hello.pid);
    const run = await wrk<{ statuses: Record<string, number> }>({ port: HELLO_PORT, path: '/hello', seconds: SECONDS, connections: CONNECTIONS, threads: 2, script: 'flash.lua', env: { FLASH_MODE: 'hello' } });
    return { rps: rps(run), cpuUsPerRequest: cpuPerRequestUs(cpu0, cpuMs(hello.pid), run.requests), p50Ms: run.latency_us.p50 / 1000, p99Ms: run.latency_us.p99 / 1000, errors: run.errors };
  };
  const conn = await mysql.createConnection(dbUrl);
  try {
    // a shop selling one SKU of its own (plenty of stock), and a crowd of signed-in shoppers
    const slug = `flash${Date.now().toString(36)}`;
    const host = `${slug}.localhost`;
    const signup = await call('POST', '/merchants/signup', 'localhost', null, { storeName: '秒杀压测店', slug, email: `${slug}@bench.test`, password: 'Owner#2026' });
    const owner = signup.token as string;
    const tenantId = signup.tenant.id as number;
    const own = await call('POST', '/admin/own-products', host, owner, { title: '压测秒杀商品', skus: [{ specs: {}, price: 9900, stock: 10_000_000 }] });
    const listing = await call('GET', `/admin/products/${own.product.id}`, host, owner);
    const skuId = listing.skus[0].id as number;

    const ctx = createContext({ tenantId });
    const ids = await insertRows(ctx, Customer, Array.from({ length: SHOPPERS }, (_, i) => ({ phone: null, passwordHash: null, nickname: `抢购者${i}`, avatarUrl: null, wechatOpenid: null, wechatUnionid: null, status: 'active' as const, lastLoginAt: null })));
    const addressIds = await insertRows(ctx, Address, ids.map((customerId) => ({ customerId, name: '张三', phone: '13800138000', regionCode: null, province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号', isDefault: true })));
    const lines: string[] = [];
    for (let i = 0; i < ids.length; i++) lines.push(`${(await issueToken(ctx, 'shopper', ids[i]!, tenantId)).token} ${addressIds[i]}`);
    const shoppersFile = path.join(benchDir, 'results', 'flash-shoppers.txt');
    writeFileSync(shoppersFile, lines.join('\n') + '\n');
    console.log(`shop ${slug}: SKU ${skuId}, ${SHOPPERS} shoppers signed in`);

    const rounds: Array<Record<string, unknown>> = [];
    let previous: number | null = null;
    // round 0 warms the server up (its JIT, its pools and caches, as a server that has sold before) and is not counted
    for (let round = 0; round <= ROUNDS; round++) {
      const quietBefore = await waitQuiet(120, 8);
      const helloBefore = { ...(await helloRun()), quiet: quietBefore };
      if (previous) await call('POST', `/admin/marketing/flash-sales/${previous}/end`, host, owner);
      // starts as the previous one ended: one session at a time per SKU
      const now = Date.now();
      const sale = await call('POST', '/admin/marketing/flash-sales', host, owner, { name: `第${round}场`, startsAt: new Date(now).toISOString(), endsAt: new Date(now + 3_600_000).toISOString(), items: [{ skuId, price: 990, stock: STOCK, perShopperLimit: LIMIT }] });
      previous = sale.id;
      const itemId = sale.items[0].id as number;
      const since = new Date(now);
      await waitQuiet(60, 25);
      // the crowd opens the page while it counts down: 20 at a time, each shopper once
      const shopperTokens = lines.map((l) => l.split(' ')[0]!);
      for (let i = 0; i < shopperTokens.length; i += 20) {
        await Promise.all(shopperTokens.slice(i, i + 20).map((token) => call('GET', `/shop/flash-sales/${sale.id}`, host, token)));
      }
      // queued: this process is the job worker placing the winners' orders while the crowd taps
      if (MODE === 'queued') startJobWorker(200);
      // what the database is doing halfway through the run: lock waits show here
      const probe = sleep((SECONDS * 1000) / 2).then(async () => {
        const [rows] = (await conn.query("SELECT COALESCE(state, '') AS state, LEFT(COALESCE(info, ''), 60) AS info FROM information_schema.processlist WHERE db = DATABASE() AND command <> 'Sleep' AND id <> CONNECTION_ID()")) as unknown as [Array<{ state: string; info: string }>];
        const counts = new Map<string, number>();
        for (const r of rows) counts.set(`${r.state} | ${r.info}`, (counts.get(`${r.state} | ${r.info}`) ?? 0) + 1);
        return [...counts].sort((a, b) => b[1] - a[1]).slice(0, 8);
      });
      // how long the crowd took to empty the stock: the rate orders were written at
      const started = Date.now();
      let soldOutMs: number | null = null;
      let sampling = true;
      const sampler = (async () => {
        while (sampling && soldOutMs === null) {
          const [[row]] = (await conn.query('SELECT sold FROM flash_sale_items WHERE tenant_id = ? AND id = ?', [tenantId, itemId])) as unknown as [[{ sold: number }]];
          if (Number(row.sold) >= STOCK) soldOutMs = Date.now() - started;
          else await sleep(200);
        }
      })();
      const profileFile = args.profile && round === ROUNDS ? path.join(benchDir, 'results', 'profiles', `flash-${MODE}.cpuprofile`) : null;
      if (profileFile) await ours.ask('profile-start');
      const oursCpu0 = cpuMs(ours.pid);
      const buyRun = await wrk<{ statuses: Record<string, number> }>({ port: OURS_PORT, path: `/api/v1/shop/flash-sales/${sale.id}/items/${itemId}/buy`, seconds: SECONDS, connections: CONNECTIONS, threads: 2, script: 'flash.lua', env: { FLASH_MODE: 'buy', FLASH_HOST: host, FLASH_SHOPPERS_FILE: shoppersFile } });
      const buyCpuUs = cpuPerRequestUs(oursCpu0, cpuMs(ours.pid), buyRun.requests);
      sampling = false;
      await sampler;
      if (profileFile) {
        mkdirSync(path.dirname(profileFile), { recursive: true });
        await ours.ask('profile-stop', { file: profileFile });
        console.log(`CPU profile of the buy run (${path.relative(benchDir, profileFile)}):`);
        printProfile(summarizeProfile(JSON.parse(readFileSync(profileFile, 'utf8')) as CpuProfile));
      }
      const won = (buyRun.statuses['201'] ?? 0) + (buyRun.statuses['202'] ?? 0);
      let drainedAfterMs: number | null = null;
      if (MODE === 'queued') {
        await stopJobWorker();
        const drainStart = Date.now();
        while ((await Job.count({ where: { status: 'pending' } })) > 0) await runDueJobs();
        drainedAfterMs = Date.now() - drainStart;
      }
      console.log('database halfway:', JSON.stringify(await probe));
      // requests wrk stopped waiting for may still be placing their orders (or giving units back):
      // checked once the counts stop moving
      let checked = await check(conn, tenantId, itemId, skuId, since, won);
      for (let waited = 0; !checked.ok && waited < 120; waited++) {
        await sleep(1000);
        checked = await check(conn, tenantId, itemId, skuId, since, won);
      }
      // the yardstick again, after: the machine's speed drifts (a shared host), the mean of both brackets the buy run
      // (the database purges what the orders left for a while: the yardstick waits for a quiet machine, as before)
      const quietAfter = await waitQuiet(120, 8);
      const helloAfter = { ...(await helloRun()), quiet: quietAfter };
      const helloRps = Math.round((helloBefore.rps + helloAfter.rps) / 2);
      const result = {
        round,
        hello: { rps: helloRps, before: helloBefore, after: helloAfter },
        buy: { rps: rps(buyRun), cpuUsPerRequest: buyCpuUs, p50Ms: buyRun.latency_us.p50 / 1000, p99Ms: buyRun.latency_us.p99 / 1000, statuses: buyRun.statuses, errors: buyRun.errors },
        ratio: Math.round((rps(buyRun) / helloRps) * 1000) / 10,
        mode: MODE,
        soldOutAfterMs: soldOutMs,
        queueDrainedAfterRunMs: drainedAfterMs,
        ordersPerS: soldOutMs ? Math.round((STOCK / soldOutMs) * 10_000) / 10 : null,
        check: checked,
      };
      if (round > 0) rounds.push(result);
      console.log(
        `${round ? `round ${round}` : 'warm-up'} (${MODE}): hello ${result.hello.rps} req/s (before ${helloBefore.rps}, after ${helloAfter.rps}; ${helloBefore.cpuUsPerRequest}/${helloAfter.cpuUsPerRequest} µs CPU each) | buy ${result.buy.rps} req/s (p99 ${result.buy.p99Ms} ms, ${buyCpuUs} µs CPU each) = ${result.ratio}% | sold out after ${soldOutMs ?? '-'} ms (${result.ordersPerS ?? '-'} orders/s) | ` +
          `answers ${JSON.stringify(buyRun.statuses)} | sold ${checked.sold}/${checked.stock}, orders ${checked.orders}, max per shopper ${checked.maxPerShopper}, redis left ${checked.redisLeft}: ${checked.ok ? 'OK' : 'MISMATCH'}`,
      );
      if (!checked.ok) throw new Error(`round ${round}: the check failed ${JSON.stringify(checked)}`);
    }
    const ratios = rounds.map((r) => r.ratio as number).sort((a, b) => a - b);
    const medianRatio = ratios[Math.floor(ratios.length / 2)]!;
    console.log(`median of ${ratios.length} rounds: ${medianRatio}% of the hello route (target 35%)`);
    const out = { at: new Date().toISOString(), medianRatio, params: { mode: MODE, seconds: SECONDS, connections: CONNECTIONS, stock: STOCK, shoppers: SHOPPERS, limit: LIMIT, server: args.sources ? 'sources (tsx)' : 'compiled (npm start)', rateLimits: 'off (RATE_LIMITS=off as the other benches)' }, rounds };
    writeResults(path.join(benchDir, 'results', MODE === 'queued' ? 'flash-sale-queued.json' : 'flash-sale.json'), out);
  } finally {
    await conn.end();
    await ours.stop();
    await hello.stop();
    await closePlatform();
  }
});
