/**
 * Live events on one server node: 5,000 socket.io clients spread over 10 shops.
 *
 * What runs: our real server (lib/ours-server.ts: openPlatform + buildApp on node:http, production
 * settings, MariaDB + Redis, no job worker) with core's attachRealtime() on its HTTP server
 * (lib/realtime-node.ts: the production handshake, rooms, Redis adapter and the chat module's
 * socket events), in a child process. The clients run in `--clients` other processes
 * (lib/realtime-client.ts: socket.io-client, websocket transport, each socket with its shop's Host
 * and its own token), so the client side is not one event loop.
 *
 * People (lib/realtime-seed.ts, a fresh schema every run): shops through the real sign-up, per shop
 * a `support.serve` role and its agents through the console routes, shoppers as bulk rows signed
 * in with the server's own issueToken().
 *
 * Measured:
 * 1. Connections: after a warm-up batch (`--warmup 200`: the first handshakes load code and fill
 *    pools and caches), shoppers connect in steps (1,000, 2,500, 5,000 by default),
 *    `--concurrency` handshakes in flight per client process; per step the set-up rate
 *    (connections/s) and the server's RSS and heap after two full GCs. Memory per connection is
 *    counted from the warm node; flat = the same at every step within 25% (heap; RSS reported
 *    beside it, coarser: the allocator keeps pages).
 * 2. Order updates: every connected shopper gets `order:updated` once a second for
 *    `--orders-seconds`. Emitted through the orders module's own subscriber (`pushStatusChange`,
 *    the handler the outbox runs for a status change: emitTo the shopper's room and the shop's order
 *    feed, over the Redis adapter) from a command to the server process, not by 5,000 real status
 *    changes a second (each a transaction, an outbox row and a job: the database's limit on this
 *    machine, not the sockets'). The send time rides in the payload's `orderNo`; the delay is the
 *    receiver's clock minus it (same machine, same wall clock).
 * 3. Chat: `--pairs` shoppers open a conversation (`chat:open`, routed by the chat module to one
 *    of their shop's agents, one conversation per agent), then shopper and agent each send a text
 *    (`chat:message`, the real path: validation, flood guard, sequence and row in MariaDB, rooms)
 *    every `--chat-interval` ms; the delay is from the sender's send to the peer's receipt.
 * 4. Both at once (`--mixed-seconds`, 0 skips it).
 *
 * Targets: p99 <= 200 ms for order updates and chat; memory per connection flat over the steps.
 * The machine is shared: the load average (1 min) is recorded before each phase; read the
 * figures with it.
 *
 *   mysql -uroot -e "CREATE DATABASE IF NOT EXISTS shop_bench_rt CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
 *     GRANT ALL ON shop_bench_rt.* TO 'shop'@'127.0.0.1'; GRANT ALL ON shop_bench_rt.* TO 'shop'@'localhost';"
 *   npx tsx scripts/bench/realtime.ts [--tenants 10 --shoppers 5000 --steps 1000,2500,5000 --agents 50
 *     --pairs 500 --clients 3 --concurrency 100 --orders-seconds 20 --chat-seconds 20
 *     --chat-interval 10000 --mixed-seconds 15 --label <name>]
 *
 * BENCH_DATABASE_URL (default mysql://shop:shop@127.0.0.1:3306/shop_bench_rt; the name must
 * contain "bench": its tables are dropped) and BENCH_REDIS_URL (default redis://127.0.0.1:6379/9,
 * flushed) override the defaults; BENCH_PORT_BASE (default 4301) the server's port. Needs an open
 * files limit (ulimit -n) above the sockets + 1,000: the server holds one descriptor per socket;
 * the script stops early when the limit is lower. Output: a table, and
 * scripts/bench/results/realtime-<date>.json with every sample's summary.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import mysql from 'mysql2/promise';
import { closePlatform, openPlatform } from '../../server/src/boot.js';
import { loadConfig } from '../../server/src/core/config.js';
import { db } from '../../server/src/core/db/index.js';
import { benchDatabaseUrl, benchDir, benchRedisUrl, REALTIME_DATABASE_URL, REALTIME_REDIS_URL, serverEnv } from './lib/env.js';
import { Child, codeVersion, cpuMs, machineCpu, mb, runMain, sleep, writeResults } from './lib/harness.js';
import { summarize, type LatencySummary } from './lib/latency.js';
import type { ClientSocket } from './lib/realtime-client.js';
import { freshSchema, seedShops, type SeededShop } from './lib/realtime-seed.js';

const { values: args } = parseArgs({
  options: {
    tenants: { type: 'string', default: '10' },
    shoppers: { type: 'string', default: '5000' },
    steps: { type: 'string', default: '1000,2500,5000' },
    warmup: { type: 'string', default: '200' },
    agents: { type: 'string', default: '50' },
    pairs: { type: 'string', default: '500' },
    clients: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '100' },
    'orders-seconds': { type: 'string', default: '20' },
    'chat-seconds': { type: 'string', default: '20' },
    'chat-interval': { type: 'string', default: '10000' },
    'mixed-seconds': { type: 'string', default: '15' },
    label: { type: 'string', default: '' },
  },
});
const opt = {
  tenants: Number(args.tenants),
  shoppers: Number(args.shoppers),
  steps: args.steps!.split(',').map(Number),
  warmup: Number(args.warmup),
  agentsPerShop: Number(args.agents),
  pairs: Number(args.pairs),
  clients: Number(args.clients),
  concurrency: Number(args.concurrency),
  ordersSeconds: Number(args['orders-seconds']),
  chatSeconds: Number(args['chat-seconds']),
  chatIntervalMs: Number(args['chat-interval']),
  mixedSeconds: Number(args['mixed-seconds']),
  label: args.label!,
};
const TARGET_P99_MS = 200;
const port = Number(process.env.BENCH_PORT_BASE ?? 4301);
const load1 = () => Math.round(os.loadavg()[0]! * 100) / 100;

/** What the server's process used over a phase, and the machine beside it. */
async function phase<T>(server: Child, clients: Child[], run: () => Promise<T>): Promise<T & { loadAvg1Before: number; serverCpuMs: number; serverCpuPct: number; clientsCpuPct: number; machineBusyPct: number; eventLoopDelayMs: unknown; statements: number }> {
  const loadAvg1Before = load1();
  const t0 = Date.now();
  const cpu0 = cpuMs(server.pid)!;
  const ccpu0 = clients.reduce((s, c) => s + (cpuMs(c.pid) ?? 0), 0);
  const m0 = machineCpu();
  const st0 = Number((await server.ask('stats')).statements);
  await server.ask('watch-start');
  const out = await run();
  const watched = await server.ask('watch-stop');
  const st1 = Number((await server.ask('stats')).statements);
  const ms = Date.now() - t0;
  const m1 = machineCpu();
  const pct = (x: number) => Math.round((x / ms) * 1000) / 10;
  return {
    ...out,
    loadAvg1Before,
    serverCpuMs: Math.round(cpuMs(server.pid)! - cpu0),
    serverCpuPct: pct(cpuMs(server.pid)! - cpu0),
    clientsCpuPct: pct(clients.reduce((s, c) => s + (cpuMs(c.pid) ?? 0), 0) - ccpu0),
    machineBusyPct: Math.round(((m1.busy - m0.busy) / (m1.total - m0.total)) * 1000) / 10,
    eventLoopDelayMs: watched.eventLoopDelayMs,
    statements: st1 - st0,
  };
}

interface Step {
  warmup: boolean;
  sockets: number;
  added: number;
  seconds: number;
  perSecond: number;
  failed: number;
  errors: Record<string, number>;
  loadAvg1: number;
  memory: Memory;
  /** From the warm node (after the warm-up batch) to this step, per connection added. */
  rssPerConnectionKb: number;
  heapPerConnectionKb: number;
  /** From the previous step to this one. */
  stepRssPerConnectionKb: number;
  stepHeapPerConnectionKb: number;
}

interface Memory {
  sockets: number;
  rssMb: number;
  heapUsedMb: number;
  externalMb: number;
}
async function memory(server: Child): Promise<Memory> {
  const m = await server.ask('memory');
  return { sockets: Number(m.sockets), rssMb: mb(Number(m.rss) / 1024)!, heapUsedMb: mb(Number(m.heapUsed) / 1024)!, externalMb: mb(Number(m.external) / 1024)! };
}

/** Sends each client process its share (`forClient(i)`) of a command and waits for every answer. */
const all = (clients: Child[], cmd: string, forClient: (i: number) => Record<string, unknown> = () => ({}), timeoutMs = 600_000) =>
  Promise.all(clients.map((c, i) => c.ask(cmd, forClient(i), timeoutMs)));

function mergeDelays(replies: Array<Record<string, unknown>>): number[] {
  return replies.flatMap((r) => (r.delays as number[]) ?? []);
}

async function main(): Promise<void> {
  const started = Date.now();
  process.env.BENCH_DATABASE_URL = benchDatabaseUrl(REALTIME_DATABASE_URL);
  process.env.BENCH_REDIS_URL = benchRedisUrl(REALTIME_REDIS_URL);
  const nofile = Number(spawnSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).stdout.trim());
  const needed = opt.shoppers + opt.tenants * opt.agentsPerShop + 1000;
  if (Number.isFinite(nofile) && nofile < needed) throw new Error(`ulimit -n is ${nofile}; the server needs about ${needed} descriptors: raise it (ulimit -n ${needed}) and run again`);
  const machine = { cpus: os.cpus().length, loadAvgAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100), openFilesLimit: nofile, node: process.version };
  console.log(`realtime: ${opt.shoppers} shoppers over ${opt.tenants} shops, ${opt.pairs} chat pairs; ${machine.cpus} cores, load average ${machine.loadAvgAtStart.join(' ')}, ulimit -n ${nofile}`);

  // the platform as the server opens it (models, cache): issueToken() runs in this process too
  await openPlatform({ config: loadConfig(serverEnv()) });
  const sequelize = db();
  const conn = await mysql.createConnection({ uri: process.env.BENCH_DATABASE_URL, charset: 'utf8mb4', timezone: 'Z' });
  const redis = new Redis(process.env.BENCH_REDIS_URL);
  await redis.flushdb();
  redis.disconnect();
  const migrations = await freshSchema(sequelize);
  console.log(`  schema: ${migrations} migrations`);

  mkdirSync(path.join(benchDir, 'results'), { recursive: true });
  const server = await Child.start('ours', port, 'ours-server.ts', { BENCH_REALTIME: 'on' }, 'realtime-server');
  const clients: Child[] = [];
  try {
    const memStart = await memory(server);
    const t0 = Date.now();
    const shops = await seedShops(port, conn, { tenants: opt.tenants, shoppers: Math.ceil(opt.shoppers / opt.tenants), agents: opt.agentsPerShop });
    const seedS = Math.round((Date.now() - t0) / 100) / 10;
    console.log(`  seeded ${shops.length} shops, ${shops.reduce((s, x) => s + x.shoppers.length, 0)} shoppers, ${shops.reduce((s, x) => s + x.agents.length, 0)} agents in ${seedS} s`);
    for (let i = 0; i < opt.clients; i++) clients.push(await Child.start(`client${i + 1}`, 0, 'realtime-client.ts', { BENCH_SERVER_PORT: String(port) }, `realtime-client${i + 1}`));

    // shoppers interleaved over the shops, so every step spreads over all of them
    const shoppers: Array<ClientSocket & { tenantId: number; customerId: number; shop: SeededShop; rank: number }> = [];
    for (let k = 0; shoppers.length < opt.shoppers; k++) {
      for (const shop of shops) {
        const p = shop.shoppers[k];
        if (p && shoppers.length < opt.shoppers) shoppers.push({ key: `s${p.id}`, kind: 'shopper', host: shop.host, token: p.token, tenantId: shop.id, customerId: p.id, shop, rank: k });
      }
    }
    const clientOf = (i: number) => i % opt.clients;

    // 1. connections in steps, after a warm-up batch (its first handshakes load code, fill pools
    // and caches: counted in the memory a node starts with, not in what a connection costs)
    const steps: Step[] = [];
    let done = 0;
    let memBefore = await memory(server);
    let prev = memBefore;
    for (const target of [opt.warmup, ...opt.steps].filter((s) => s > 0 && s <= opt.shoppers)) {
      const batch = shoppers.slice(done, target);
      const loadAvg1 = load1();
      const s0 = Date.now();
      const replies = await all(clients, 'connect', (i) => ({ sockets: batch.filter((_, j) => clientOf(done + j) === i).map(({ key, kind, host, token }) => ({ key, kind, host, token })), concurrency: opt.concurrency }));
      const seconds = (Date.now() - s0) / 1000;
      const failed = replies.reduce((s, r) => s + Number(r.failed), 0);
      const errors: Record<string, number> = {};
      for (const r of replies) for (const [k, v] of Object.entries(r.errors as Record<string, number>)) errors[k] = (errors[k] ?? 0) + v;
      await sleep(1000);
      const mem = await memory(server);
      const kb = (field: 'rssMb' | 'heapUsedMb', a: Memory, b: Memory) => Math.round((((a[field] - b[field]) * 1024) / Math.max(1, a.sockets - b.sockets)) * 10) / 10;
      const warm = target === opt.warmup && done === 0;
      steps.push({
        warmup: warm, sockets: mem.sockets, added: batch.length, seconds: Math.round(seconds * 10) / 10, perSecond: Math.round(batch.length / seconds), failed, errors, loadAvg1, memory: mem,
        rssPerConnectionKb: kb('rssMb', mem, memBefore), heapPerConnectionKb: kb('heapUsedMb', mem, memBefore), stepRssPerConnectionKb: kb('rssMb', mem, prev), stepHeapPerConnectionKb: kb('heapUsedMb', mem, prev),
      });
      console.log(`  connected ${mem.sockets}${warm ? ' (warm-up)' : ''} (${batch.length} in ${seconds.toFixed(1)} s, ${failed} failed${failed ? ` ${JSON.stringify(errors)}` : ''}); RSS ${mem.rssMb} MB, heap ${mem.heapUsedMb} MB`);
      if (warm) memBefore = mem;
      prev = mem;
      done = target;
    }
    const connected = shoppers.slice(0, done);

    // agents for the chat pairs, one per pair: as many per shop as that shop has pairs
    const pairsPerShop = Math.ceil(opt.pairs / opt.tenants);
    const agents: ClientSocket[] = shops.flatMap((shop) => shop.agents.slice(0, pairsPerShop).map((a) => ({ key: `a${a.id}`, kind: 'agent' as const, host: shop.host, token: a.token })));
    const agentReplies = await all(clients, 'connect', (i) => ({ sockets: agents.filter((_, j) => clientOf(j) === i), concurrency: opt.concurrency }));
    const agentsConnected = agentReplies.reduce((s, r) => s + Number(r.connected), 0);
    await sleep(2000); // their presence rows are written just after the handshake

    // 2. order updates to every connected shopper, once a second
    const targets = connected.map(({ tenantId, customerId }) => ({ tenantId, customerId }));
    const runOrders = async (seconds: number) => {
      await all(clients, 'record', () => ({ on: true }));
      await server.ask('orders-start', { shoppers: targets, perSecond: 1 });
      await sleep(seconds * 1000);
      const sent = await server.ask('orders-stop');
      await sleep(2000); // the last slice still travels
      const replies = await all(clients, 'record', () => ({ on: false }));
      const heard = replies.reduce((s, r) => s + Number(r.heard), 0);
      return { sent: Number(sent.sent), heard, lost: Number(sent.sent) - heard, lateSlices: Number(sent.lateSlices), achievedPerSecond: Math.round(Number(sent.sent) / Number(sent.seconds)), latencyMs: summarize(mergeDelays(replies)) };
    };
    if (opt.ordersSeconds > 0) console.log(`  order updates: ${targets.length}/s for ${opt.ordersSeconds} s (load average ${load1()})`);
    const orders = opt.ordersSeconds > 0 ? await phase(server, clients, () => runOrders(opt.ordersSeconds)) : null;

    // 3. chat pairs: the first shoppers of each shop open a conversation, a wave (one per shop) at a time
    const pairShoppers = connected.filter((s) => s.rank < pairsPerShop).slice(0, opt.pairs);
    const opens: Record<string, number> = {};
    let opened = 0;
    const servedBy = new Set<number>();
    for (let rank = 0; rank < pairsPerShop; rank++) {
      const wave = pairShoppers.map((s, j) => ({ s, j: connected.indexOf(s) })).filter(({ s }) => s.rank === rank);
      const replies = await all(clients, 'chat-open', (i) => ({ keys: wave.filter(({ j }) => clientOf(j) === i).map(({ s }) => s.key) }));
      for (const r of replies) {
        opened += Number(r.opened);
        for (const a of r.agents as number[]) servedBy.add(a);
        for (const [k, v] of Object.entries(r.errors as Record<string, number>)) opens[k] = (opens[k] ?? 0) + v;
      }
    }
    await sleep(1000); // chat:assigned reaches the agents
    console.log(`  chat: ${opened} conversations active with ${servedBy.size} different agents (${agentsConnected} connected)${Object.keys(opens).length ? `, not active: ${JSON.stringify(opens)}` : ''}; every side sends every ${opt.chatIntervalMs} ms for ${opt.chatSeconds} s`);
    const runChat = async (seconds: number) => {
      await all(clients, 'chat-start', () => ({ intervalMs: opt.chatIntervalMs }));
      await sleep(seconds * 1000);
      const replies = await all(clients, 'chat-stop');
      const sent = replies.reduce((s, r) => s + Number(r.sent), 0);
      const refused: Record<string, number> = {};
      for (const r of replies) for (const [k, v] of Object.entries(r.refused as Record<string, number>)) refused[k] = (refused[k] ?? 0) + v;
      const heard = replies.reduce((s, r) => s + Number(r.heard), 0);
      // sent but neither answered nor refused by the stop: the server is behind (saturated)
      const acked = replies.reduce((s, r) => s + Number(r.acked), 0);
      const unanswered = sent - acked - Object.values(refused).reduce((a, b) => a + b, 0);
      return { sent, acked, heard, unanswered, refused, perSecond: Math.round(sent / seconds), latencyMs: summarize(mergeDelays(replies)) };
    };
    const chat = await phase(server, clients, () => runChat(opt.chatSeconds));
    const chatResult = { pairs: opt.pairs, conversationsActive: opened, distinctAgents: servedBy.size, notActive: opens, agentsConnected, intervalMs: opt.chatIntervalMs, ...chat, statementsPerMessage: chat.acked ? Math.round((chat.statements / chat.acked) * 10) / 10 : null, serverCpuMsPerMessage: chat.acked ? Math.round((chat.serverCpuMs / chat.acked) * 100) / 100 : null };

    // 4. both at once
    let mixed: unknown = null;
    if (opt.mixedSeconds > 0) {
      console.log(`  both at once for ${opt.mixedSeconds} s (load average ${load1()})`);
      mixed = await phase(server, clients, async () => {
        await all(clients, 'chat-start', () => ({ intervalMs: opt.chatIntervalMs }));
        const o = await runOrders(opt.mixedSeconds);
        const replies = await all(clients, 'chat-stop');
        return { orders: o, chat: { sent: replies.reduce((s, r) => s + Number(r.sent), 0), heard: replies.reduce((s, r) => s + Number(r.heard), 0), latencyMs: summarize(mergeDelays(replies)) } };
      });
    }
    const memAfter = await memory(server);

    // flat: what a connection costs (from the warm node) is the same at every step, within 25%
    const measured = steps.filter((s) => !s.warmup);
    const perConn = measured.map((s) => s.heapPerConnectionKb);
    const rssPerConn = measured.map((s) => s.rssPerConnectionKb);
    const within = (xs: number[]) => (xs.length > 1 ? Math.max(...xs) / Math.max(1e-9, Math.min(...xs)) <= 1.25 : null);
    const flat = within(perConn);
    const verdict = {
      ordersP99Ms: orders?.latencyMs.p99 ?? null,
      ordersP99Ok: !!orders && orders.latencyMs.p99 !== null && orders.latencyMs.p99 <= TARGET_P99_MS,
      chatP99Ms: chat.latencyMs.p99,
      chatP99Ok: chat.latencyMs.p99 !== null && chat.latencyMs.p99 <= TARGET_P99_MS,
      heapPerConnectionKb: perConn,
      rssPerConnectionKb: rssPerConn,
      memoryFlat: flat,
      rssFlat: within(rssPerConn),
    };
    const results = {
      benchmark: 'realtime',
      at: new Date().toISOString(),
      code: codeVersion(),
      machine: { ...machine, loadAvgAtEnd: os.loadavg().map((x) => Math.round(x * 100) / 100) },
      options: opt,
      how: {
        orders: 'orders module subscriber pushStatusChange.handler called in the server process (emitTo shopper room + order feed over the Redis adapter); send time in orderNo',
        chat: 'real chat:message socket events from shopper and agent; send time in the text; delay at the peer',
      },
      seed: { shops: shops.length, seconds: seedS },
      memory: { startMb: memStart, beforeConnectionsMb: memBefore, afterMb: memAfter },
      connections: steps,
      agentsConnected,
      orders,
      chat: chatResult,
      mixed,
      targets: { p99Ms: TARGET_P99_MS, memoryFlatWithin: '25% between steps' },
      verdict,
      seconds: Math.round((Date.now() - started) / 1000),
    };
    printTable(results.machine.loadAvgAtStart, steps, orders, chatResult, mixed as { orders: { latencyMs: LatencySummary }; chat: { latencyMs: LatencySummary } } | null, verdict);
    writeResults(path.join(benchDir, 'results', `realtime-${new Date().toISOString().slice(0, 10)}${opt.label ? `-${opt.label}` : ''}.json`), results);
  } finally {
    await Promise.all(clients.map((c) => c.stop()));
    await server.stop();
    await conn.end();
    await closePlatform();
  }
}

function printTable(
  loadAvg: number[],
  steps: Step[],
  orders: { sent: number; lost: number; achievedPerSecond: number; loadAvg1Before: number; serverCpuPct: number; latencyMs: LatencySummary } | null,
  chat: { sent: number; heard: number; unanswered: number; perSecond: number; loadAvg1Before: number; serverCpuPct: number; statementsPerMessage: number | null; serverCpuMsPerMessage: number | null; latencyMs: LatencySummary },
  mixed: { orders: { latencyMs: LatencySummary }; chat: { latencyMs: LatencySummary } } | null,
  verdict: { ordersP99Ok: boolean; chatP99Ok: boolean; memoryFlat: boolean | null; rssFlat: boolean | null },
): void {
  const row = (cells: Array<string | number | null>) => console.log(cells.map((c, i) => String(c ?? '-').padStart(i ? 12 : 26)).join(''));
  console.log(`\nload average at start ${loadAvg.join(' ')} (${os.cpus().length} cores)`);
  row(['connections', 'sockets', 'conn/s', 'failed', 'RSS MB', 'heap MB', 'RSS KB/conn', 'heap KB/conn', 'load 1m']);
  for (const s of steps) row([s.warmup ? '(warm-up)' : '', s.sockets, s.perSecond, s.failed, s.memory.rssMb, s.memory.heapUsedMb, s.warmup ? null : s.rssPerConnectionKb, s.warmup ? null : s.heapPerConnectionKb, s.loadAvg1]);
  console.log('');
  row(['delivery (ms)', 'count', 'p50', 'p90', 'p99', 'max', 'server CPU%', 'load 1m']);
  if (orders) row(['order:updated', orders.latencyMs.count, orders.latencyMs.p50, orders.latencyMs.p90, orders.latencyMs.p99, orders.latencyMs.max, orders.serverCpuPct, orders.loadAvg1Before]);
  row(['chat:message', chat.latencyMs.count, chat.latencyMs.p50, chat.latencyMs.p90, chat.latencyMs.p99, chat.latencyMs.max, chat.serverCpuPct, chat.loadAvg1Before]);
  if (mixed) {
    row(['order:updated (mixed)', mixed.orders.latencyMs.count, mixed.orders.latencyMs.p50, mixed.orders.latencyMs.p90, mixed.orders.latencyMs.p99, mixed.orders.latencyMs.max, null, null]);
    row(['chat:message (mixed)', mixed.chat.latencyMs.count, mixed.chat.latencyMs.p50, mixed.chat.latencyMs.p90, mixed.chat.latencyMs.p99, mixed.chat.latencyMs.max, null, null]);
  }
  if (orders) console.log(`\norder updates: ${orders.sent} sent at ${orders.achievedPerSecond}/s (asked: one a second to each shopper), ${orders.lost} not heard`);
  console.log(`chat: ${chat.sent} sent (${chat.perSecond}/s), ${chat.unanswered} unanswered at the stop, ${chat.heard} heard by the peer, ${chat.statementsPerMessage ?? '-'} SQL statements and ${chat.serverCpuMsPerMessage ?? '-'} ms of server CPU per message`);
  console.log(`targets: order p99 <= ${TARGET_P99_MS} ms ${verdict.ordersP99Ok ? 'met' : 'MISSED'}; chat p99 <= ${TARGET_P99_MS} ms ${verdict.chatP99Ok ? 'met' : 'MISSED'}; memory per connection flat: heap ${verdict.memoryFlat === null ? '-' : verdict.memoryFlat ? 'yes' : 'NO'}, RSS ${verdict.rssFlat === null ? '-' : verdict.rssFlat ? 'yes' : 'NO'}`);
}

runMain(main);
