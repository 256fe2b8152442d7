/**
 * The order-placing benchmark (POST /api/v1/shop/orders) on MariaDB:
 *
 *   1. starts our real server (lib/ours-server.ts: openPlatform + buildApp, workers off, so the
 *      unpaid orders are never swept and events never dispatched) and the hand-written baseline
 *      (lib/baseline-orders.ts: node:http + mysql2, one transaction making the same writes), each
 *      in its own child process;
 *   2. checks they write the same rows: the same order placed through both for the same shopper,
 *      SKU and address (with and without freight, a weight-mode template, a remote province) must
 *      leave the same orders / fulfillments / order_items / order_history / domain_events rows (ids, order
 *      number and times aside), take the unit from the same warehouse and answer the same JSON;
 *      refusals (unknown SKU, another shop's token, another shopper's address, off sale) must get
 *      the same status;
 *   3. counts SQL statements per order by kind: ours from Sequelize's logging hook (the SQL text),
 *      the baseline from its own counter, both cross-checked with MariaDB's Com_* counters, plus
 *      Redis commands, InnoDB fsyncs and rows read per order;
 *   4. loads each target with wrk, one thread and one shopper per connection, for a fixed time
 *      after a warm-up, in two scenarios: spread (each order buys 1 unit of a random SKU of the
 *      shopper's shop; connections round-robin over the tenants) and hot (every order buys 1 unit of
 *      the same SKU of one shop, stocked in one warehouse); targets: ours, ours with a unique
 *      Idempotency-Key per request, the baseline, the baseline reserving stock last (just before
 *      COMMIT: what the order of the writes costs on the hot row) and, with --alt <dir>, a changed
 *      copy of the project (its server behind its own lib/ours-server.ts: an A/B of a server change
 *      in the same run, BENCH_ALT_NOTE says what changed). After each run it checks that the orders in the
 *      database carrying the run's remarks are exactly the 201 answers (plus requests still in
 *      flight when wrk stopped that the server finished), that each has its item, fulfilment,
 *      history row and order.created event, and that stock went down by exactly as many units in
 *      sku_stocks and in product_skus, never below zero;
 *   5. profiles our server under the spread load (V8 CPU profile) and sums it by package;
 *   6. prints a table and writes scripts/bench/results/orders-<date>[-<label>].json.
 *
 *   npx tsx scripts/bench/seed-orders.ts && npx tsx scripts/bench/orders.ts
 *   options: --duration 20 --warmup 5 --rounds 2 --connections 50 --only spread,hot
 *            --targets ours,ours-idem,baseline,baseline-late[,ours-alt,ours-alt-idem] --alt <dir> --no-profile --label <name>
 *            --quiet-wait 120 --attempts 3 (a busy shared machine: wait less for quiet, repeat disturbed runs less)
 *   BENCH_PORT_BASE (default 4201): the servers listen on it and the next three ports.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import mysql, { type RowDataPacket } from 'mysql2/promise';
import { benchDatabaseUrl, benchDir, benchRedisUrl, ORDERS_DATABASE_URL, ORDERS_REDIS_URL, projectRoot } from './lib/env.js';
import { Child, closeAll, rssReport, writeResults, CLK_TCK, codeVersion, cpuMs, globalStatus, machineCpu, mb, median, memKb, pidOf, redisCommandCount, request, runMain, sleep, waitQuiet, wrk, type Reply } from './lib/harness.js';
import { ORDER_FRAMES, printProfile, summarizeProfile, type CpuProfile, type ProfileSummary } from './lib/profile.js';
import type { ShoppersFile } from './seed-orders.js';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '5' },
    connections: { type: 'string', default: '50' },
    rounds: { type: 'string', default: '2' },
    only: { type: 'string' },
    targets: { type: 'string' },
    label: { type: 'string' },
    alt: { type: 'string' },
    'no-profile': { type: 'boolean', default: false },
    // on a machine others share: how long to wait for it to be quiet, how often to repeat a disturbed run
    'quiet-wait': { type: 'string', default: '120' },
    attempts: { type: 'string', default: '3' },
  },
});
const DURATION = Number(args.duration);
const WARMUP = Number(args.warmup);
const CONNECTIONS = Number(args.connections);
const ROUNDS = Number(args.rounds);
const TARGET_RATIO = 0.5;
/** A load run during which MariaDB ran more statements than this for other clients is run again. */
const OTHER_DB_STATEMENTS = 300;
const API = '/api/v1/shop/orders';
const SHOPPERS_FILE = path.join(benchDir, 'data', 'orders-shoppers.json');

const dbUrl = benchDatabaseUrl(ORDERS_DATABASE_URL);
process.env.BENCH_DATABASE_URL = dbUrl; // the children (serverEnv) inherit it
const redisUrl = benchRedisUrl(ORDERS_REDIS_URL);
process.env.BENCH_REDIS_URL = redisUrl;

/** Server processes: ours, a changed copy of ours (--alt <dir>: its scripts/bench/lib/ours-server.ts), the baseline in two shapes. */
type ChildName = 'ours' | 'alt' | 'baseline' | 'baseline-late';
type TargetName = 'ours' | 'ours-idem' | 'ours-alt' | 'ours-alt-idem' | 'baseline' | 'baseline-late';
// a base of its own lets two checkouts of the project run the benchmark side by side
const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 4201);
const PORTS: Record<ChildName, number> = { ours: PORT_BASE, baseline: PORT_BASE + 1, 'baseline-late': PORT_BASE + 2, alt: PORT_BASE + 3 };
const isOurs = (c: ChildName) => c === 'ours' || c === 'alt';
const TARGETS: Array<{ name: TargetName; child: ChildName; idempotency: boolean; label: string }> = [
  { name: 'ours', child: 'ours', idempotency: false, label: 'ours' },
  { name: 'ours-idem', child: 'ours', idempotency: true, label: 'ours + Idempotency-Key' },
  { name: 'ours-alt', child: 'alt', idempotency: false, label: 'ours, changed copy' },
  { name: 'ours-alt-idem', child: 'alt', idempotency: true, label: 'changed copy + Idem-Key' },
  { name: 'baseline', child: 'baseline', idempotency: false, label: 'baseline (mysql2)' },
  { name: 'baseline-late', child: 'baseline-late', idempotency: false, label: 'baseline, reserve last' },
];
const SCENARIOS = [
  { key: 'spread', label: 'spread: 1 unit of a random SKU of the shop' },
  { key: 'hot', label: 'hot row: 1 unit of the same SKU, one shop' },
] as const;
type ScenarioKey = (typeof SCENARIOS)[number]['key'];

const BASELINE_SKIPS = [
  'express stack: request id, access log line, helmet headers',
  'route registry: zod validation of the body (hand-checked instead), the CASL ability built per request (createContext, withTenant, withActor), AsyncLocalStorage context',
  'Sequelize: ours opens its transaction through it (START TRANSACTION and COMMIT go to the driver), and runs its hot-path statements through core/db (the mysql2 driver, with the tenant checks of the safety net); the baseline has no ORM',
  'Redis: ours reads the session (by sid) there, with the shopper cached beside it, and resolves the tenant in process memory (near cache, invalidated through Redis pub/sub); the baseline reads both inside its one SELECT',
  'ours reads listing SKU + listing and SKU + product + category + stocked warehouses in 2 SELECTs before BEGIN (one per module that owns the rows), the address book and freight templates from near caches; the baseline reads all of it in 1 (joins and two subqueries) inside its transaction',
  'one-line express orders only: no split across warehouses or owners, no self-pickup; the quote\'s adjuster pipeline (none registered) is a no-op in ours too; both write order.created\'s one outbox row',
  'no Idempotency-Key support (ours-idem measures ours with it)',
];

// ------------------------------------------------------------------ shared state

const admin = await mysql.createConnection({ uri: dbUrl, charset: 'utf8mb4', timezone: 'Z', supportBigNumbers: true });
const redis = new Redis(redisUrl);

async function rows<T>(sql: string, values: unknown[] = []): Promise<T[]> {
  const [r] = await admin.query<RowDataPacket[]>(sql, values);
  return r as unknown as T[];
}
const redisCommands = () => redisCommandCount(redis);

function loadShoppers(): ShoppersFile {
  try {
    return JSON.parse(readFileSync(SHOPPERS_FILE, 'utf8')) as ShoppersFile;
  } catch {
    throw new Error(`no ${path.relative(process.cwd(), SHOPPERS_FILE)}: run npx tsx scripts/bench/seed-orders.ts first`);
  }
}

function post(port: number, host: string, token: string, body: unknown, idempotencyKey?: string): Promise<Reply> {
  return request(port, 'POST', API, {
    Host: host,
    Authorization: `Bearer ${token}`,
    'Content-Type': 'application/json',
    Accept: 'application/json',
    ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}),
  }, JSON.stringify(body));
}

const children: Partial<Record<ChildName, Child<ChildName>>> = {};

/** Waits until a child's statement counter stops moving: requests wrk left in flight are done. */
async function drained(child: Child<ChildName>): Promise<void> {
  let last = -1;
  for (let i = 0; i < 120; i++) {
    const s = (await child.ask('stats')).statements as number;
    if (s === last) return;
    last = s;
    await sleep(500);
  }
}

// ------------------------------------------------------------------ 1. same writes

interface WrittenOrder {
  order: Record<string, unknown>;
  fulfillments: Array<Record<string, unknown>>;
  items: Array<Record<string, unknown>>;
  history: Array<Record<string, unknown>>;
  events: Array<Record<string, unknown>>;
}

async function written(orderId: number): Promise<WrittenOrder> {
  const [order] = await rows<Record<string, unknown>>('SELECT * FROM orders WHERE id = ?', [orderId]);
  return {
    order: order!,
    fulfillments: await rows('SELECT * FROM fulfillments WHERE order_id = ? ORDER BY id', [orderId]),
    items: await rows('SELECT * FROM order_items WHERE order_id = ? ORDER BY id', [orderId]),
    history: await rows('SELECT * FROM order_history WHERE order_id = ? ORDER BY id', [orderId]),
    events: await rows("SELECT * FROM domain_events WHERE type = 'order.created' AND JSON_EXTRACT(payload, '$.orderId') = ?", [orderId]),
  };
}

/** The rows with what must differ between two orders taken out: ids, order number, times, remark; payloads by shape. */
function comparable(w: WrittenOrder): unknown {
  const drop = (r: Record<string, unknown>, ...keys: string[]) => Object.fromEntries(Object.entries(r).filter(([k]) => !keys.includes(k)).map(([k, v]) => [k, v instanceof Date ? 'date' : v === null ? null : String(v)]));
  const id = w.order.id as number;
  return {
    order: drop(w.order, 'id', 'order_no', 'remark', 'expires_at', 'created_at', 'updated_at'),
    // ours stamps created_at a millisecond or two after it computed the expiry: whole seconds
    expiresAfterCreatedS: Math.round(((w.order.expires_at as Date).getTime() - (w.order.created_at as Date).getTime()) / 1000),
    fulfillments: w.fulfillments.map((f) => drop(f, 'id', 'order_id', 'created_at', 'updated_at')),
    items: w.items.map((i) => ({ ...(drop(i, 'id', 'order_id', 'fulfillment_id', 'created_at', 'updated_at') as object), fulfillmentIsOrders: w.fulfillments.some((f) => f.id === i.fulfillment_id) })),
    history: w.history.map((h) => drop(h, 'id', 'order_id', 'created_at')),
    events: w.events.map((e) => ({ ...(drop(e, 'id', 'payload', 'request_id', 'occurred_at', 'created_at') as object), payloadIsOrder: JSON.parse(String(e.payload)).orderId === id && JSON.parse(String(e.payload)).orderNo === w.order.order_no })),
  };
}

/** The reply with its ids and times taken out. */
function comparableReply(body: string): unknown {
  const o = JSON.parse(body) as Record<string, unknown> & { items?: Array<Record<string, unknown>>; fulfillments?: Array<Record<string, unknown>> };
  const { id: _id, orderNo: _no, createdAt: _c, expiresAt: _e, remark: _r, items, fulfillments, ...rest } = o;
  return {
    ...rest,
    items: items?.map(({ id: _i, ...x }) => x),
    fulfillments: fulfillments?.map(({ id: _f, itemIds, ...x }) => ({ ...x, itemIds: (itemIds as unknown[]).length })),
  };
}

/** The first place two JSON-like values differ (key order aside), or null. */
function firstDifference(a: unknown, b: unknown, at = '$'): string | null {
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`);
      if (d) return d;
    }
    return null;
  }
  return a === b ? null : `${at}: ${JSON.stringify(a)?.slice(0, 160)} vs ${JSON.stringify(b)?.slice(0, 160)}`;
}

async function stockOf(skuId: number): Promise<{ warehouses: Record<number, number>; total: number }> {
  const ws = await rows<{ warehouse_id: number; stock: number }>('SELECT warehouse_id, stock FROM sku_stocks WHERE sku_id = ? ORDER BY warehouse_id', [skuId]);
  const [p] = await rows<{ stock: number }>('SELECT stock FROM product_skus WHERE id = ?', [skuId]);
  return { warehouses: Object.fromEntries(ws.map((w) => [w.warehouse_id, Number(w.stock)])), total: Number(p!.stock) };
}

/** One order through ours and the same through `subject`, with the unit ours took given back in between, so both start from the same stock. */
async function verifySameWrites(shoppers: ShoppersFile, subject: ChildName) {
  const t = shoppers.tenants;
  // samples: a cheap SKU (pays freight), the same from a weight-mode supplier, one above the free-freight
  // threshold, and a shopper in 四川省 (the templates' dearer region) when there is one
  const pickSku = async (tenantId: number, where: string) =>
    (await rows<{ id: number; sku_id: number }>(
      `SELECT ls.id, ls.sku_id FROM listing_skus ls JOIN listings l ON l.tenant_id = ls.tenant_id AND l.id = ls.listing_id AND l.status = 'on_sale'
        JOIN products p ON p.id = l.product_id WHERE ls.tenant_id = ? AND ${where} ORDER BY ls.id LIMIT 1`,
      [tenantId],
    ))[0];
  const sichuan = (x: ShoppersFile['tenants'][number]) => x.shoppers.find((s) => s.province === '四川省') ?? x.shoppers[7]!;
  const samples = [
    { what: 'piece-mode freight (below the free threshold)', tenant: t[0]!, shopper: t[0]!.shoppers[2]!, sku: await pickSku(t[0]!.id, 'ls.price < 29900 AND MOD(p.owner_id, 4) <> 0') },
    { what: 'weight-mode freight template', tenant: t[1 % t.length]!, shopper: t[1 % t.length]!.shoppers[3]!, sku: await pickSku(t[1 % t.length]!.id, 'ls.price < 29900 AND MOD(p.owner_id, 4) = 0') },
    { what: 'free freight (above the threshold)', tenant: t[2 % t.length]!, shopper: t[2 % t.length]!.shoppers[4]!, sku: await pickSku(t[2 % t.length]!.id, 'ls.price >= 29900') },
    { what: 'shopper in 四川省 (regional freight rule), trial plan', tenant: t[2 % t.length]!, shopper: sichuan(t[2 % t.length]!), sku: await pickSku(t[2 % t.length]!.id, 'ls.price < 29900') },
    { what: 'food category (fee rate of its own)', tenant: t[3 % t.length]!, shopper: t[3 % t.length]!.shoppers[5]!, sku: await pickSku(t[3 % t.length]!.id, 'p.category_id IN (SELECT id FROM categories WHERE fee_bps IS NOT NULL)') },
  ];
  const results: Array<{ what: string; host: string; customerId: number; listingSkuId: number; status: [number, number]; freight: number | null; warehouse: number | null; stockTakenFromSameWarehouse: boolean; difference: string | null; ok: boolean }> = [];
  for (const s of samples) {
    if (!s.sku) {
      results.push({ what: s.what, host: s.tenant.host, customerId: s.shopper.customerId, listingSkuId: 0, status: [0, 0], freight: null, warehouse: null, stockTakenFromSameWarehouse: false, difference: 'no such SKU in the seed', ok: false });
      continue;
    }
    const body = (who: string) => ({ items: [{ skuId: s.sku!.id, quantity: 1 }], addressId: s.shopper.addressId, remark: `verify-${who}` });
    const s0 = await stockOf(s.sku.sku_id);
    const a = await post(PORTS.ours, s.tenant.host, s.shopper.token, body('ours'));
    const s1 = await stockOf(s.sku.sku_id);
    // give back what ours took: the subject must choose its warehouse from the same stock
    const [taken] = Object.entries(s0.warehouses).filter(([w, n]) => s1.warehouses[Number(w)] !== n).map(([w]) => Number(w));
    if (taken !== undefined) {
      await admin.query('UPDATE sku_stocks SET stock = stock + ? WHERE sku_id = ? AND warehouse_id = ?', [s0.warehouses[taken]! - s1.warehouses[taken]!, s.sku.sku_id, taken]);
      await admin.query('UPDATE product_skus SET stock = stock + ? WHERE id = ?', [s0.total - s1.total, s.sku.sku_id]);
    }
    const s1r = await stockOf(s.sku.sku_id);
    const b = await post(PORTS[subject], s.tenant.host, s.shopper.token, body(subject));
    const s2 = await stockOf(s.sku.sku_id);
    let difference: string | null = a.status === b.status ? null : `status ${a.status} vs ${b.status}: ${a.body.slice(0, 200)} | ${b.body.slice(0, 200)}`;
    let freight: number | null = null;
    let warehouse: number | null = null;
    let sameWarehouse = false;
    if (!difference && a.status === 201) {
      const wa = await written((JSON.parse(a.body) as { id: number }).id);
      const wb = await written((JSON.parse(b.body) as { id: number }).id);
      difference = firstDifference(comparable(wa), comparable(wb)) ?? firstDifference(comparableReply(a.body), comparableReply(b.body));
      freight = Number(wa.order.freight_amount);
      warehouse = Number(wa.fulfillments[0]?.warehouse_id);
      const took = (x: typeof s0, y: typeof s0) => Object.entries(x.warehouses).filter(([w, n]) => y.warehouses[Number(w)] !== n).map(([w, n]) => [Number(w), n - y.warehouses[Number(w)]!]);
      const tookA = took(s0, s1);
      const tookB = took(s1r, s2);
      sameWarehouse = JSON.stringify(s1r) === JSON.stringify(s0) && tookA.length === 1 && tookB.length === 1 && tookA[0]![0] === warehouse && tookB[0]![0] === warehouse && tookA[0]![1] === 1 && tookB[0]![1] === 1 && s0.total - s1.total === 1 && s1r.total - s2.total === 1;
      if (!difference && !sameWarehouse) difference = `stock: ours took ${JSON.stringify(tookA)} (total -${s0.total - s1.total}), ${subject} ${JSON.stringify(tookB)} (total -${s1r.total - s2.total})`;
    }
    results.push({ what: s.what, host: s.tenant.host, customerId: s.shopper.customerId, listingSkuId: s.sku.id, status: [a.status, b.status], freight, warehouse, stockTakenFromSameWarehouse: sameWarehouse, difference, ok: !difference });
  }

  // refusals: the same status from both
  const t0 = t[0]!;
  const t1 = t[1 % t.length]!;
  const [offSale] = await rows<{ id: number }>("SELECT ls.id FROM listing_skus ls JOIN listings l ON l.tenant_id = ls.tenant_id AND l.id = ls.listing_id WHERE ls.tenant_id = ? AND l.status = 'off_sale' LIMIT 1", [t0.id]);
  const sh = t0.shoppers[0]!;
  const refusals = [
    { what: 'listing SKU of another shop', host: t0.host, token: sh.token, body: { items: [{ skuId: t1.skus[0], quantity: 1 }], addressId: sh.addressId } },
    { what: 'token of another shop', host: t0.host, token: t1.shoppers[0]!.token, body: { items: [{ skuId: t0.skus[0], quantity: 1 }], addressId: t1.shoppers[0]!.addressId } },
    { what: 'another shopper\'s address', host: t0.host, token: sh.token, body: { items: [{ skuId: t0.skus[0], quantity: 1 }], addressId: t0.shoppers[1]!.addressId } },
    { what: 'no address', host: t0.host, token: sh.token, body: { items: [{ skuId: t0.skus[0], quantity: 1 }] } },
    { what: 'tampered token', host: t0.host, token: `${sh.token.slice(0, -2)}xx`, body: { items: [{ skuId: t0.skus[0], quantity: 1 }], addressId: sh.addressId } },
    { what: 'unknown shop', host: 'no-such-shop.localhost', token: sh.token, body: { items: [{ skuId: t0.skus[0], quantity: 1 }], addressId: sh.addressId } },
    ...(offSale ? [{ what: 'listing off sale', host: t0.host, token: sh.token, body: { items: [{ skuId: offSale.id, quantity: 1 }], addressId: sh.addressId } }] : []),
  ];
  const refused: Array<{ what: string; status: [number, number]; ok: boolean }> = [];
  for (const r of refusals) {
    const a = await post(PORTS.ours, r.host, r.token, r.body);
    const b = await post(PORTS[subject], r.host, r.token, r.body);
    refused.push({ what: r.what, status: [a.status, b.status], ok: a.status === b.status && a.status >= 400 });
  }
  return { subject, orders: results, refusals: refused };
}

// ------------------------------------------------------------------ 2. statements per order

const COUNTERS = [
  'Com_select', 'Com_insert', 'Com_update', 'Com_delete', 'Com_begin', 'Com_commit', 'Com_rollback', 'Com_stmt_prepare', 'Com_stmt_execute', 'Questions',
  'Innodb_data_fsyncs', 'Innodb_log_writes', 'Handler_read_key', 'Handler_read_next', 'Handler_read_rnd_next', 'Select_scan', 'Select_full_join',
];

function kindOf(sql: string): string {
  const w = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? '?';
  return w === 'START' ? 'BEGIN' : w;
}

async function countStatements(shoppers: ShoppersFile, target: (typeof TARGETS)[number], n: number) {
  const child = children[target.child]!;
  const port = PORTS[target.child];
  let seq = 0;
  // remarks double as Idempotency-Keys: unique to this run, or a key from an earlier run replays its answer
  const run = Date.now().toString(36);
  const order = async (tag: string) => {
    // four shoppers per tenant, all warmed up first: their sessions are in Redis, as under load
    const tenant = shoppers.tenants[seq % shoppers.tenants.length]!;
    const shopper = tenant.shoppers[Math.floor(seq / shoppers.tenants.length) % 4]!;
    const sku = tenant.skus[(seq * 7919) % tenant.skus.length]!;
    seq++;
    const remark = `${tag}-${run}-${seq}`;
    const r = await post(port, tenant.host, shopper.token, { items: [{ skuId: sku, quantity: 1 }], addressId: shopper.addressId, remark }, target.idempotency ? remark : undefined);
    if (r.status !== 201) throw new Error(`${target.name}: ${r.status} ${r.body.slice(0, 300)}`);
  };
  // every tenant and every session once: the Redis caches hold them, as under load
  for (let i = 0; i < shoppers.tenants.length * 4; i++) await order(`count-warm-${target.name}`);
  // the SQL text (ours) or the counters (baseline) over n orders
  let byKind: Record<string, number> = {};
  let sample: string[] = [];
  if (isOurs(target.child)) {
    await child.ask('capture-start');
    for (let i = 0; i < n; i++) await order(`count-${target.name}`);
    const sql = (await child.ask('capture-stop')).sql as string[];
    for (const s of sql) byKind[kindOf(s)] = (byKind[kindOf(s)] ?? 0) + 1;
    // one order's statements, for the report
    await child.ask('capture-start');
    await order(`count-sample-${target.name}`);
    sample = ((await child.ask('capture-stop')).sql as string[]).map((s) => s.replace(/\s+/g, ' ').slice(0, 240));
  } else {
    const c0 = (await child.ask('stats')).counts as Record<string, number>;
    for (let i = 0; i < n; i++) await order(`count-${target.name}`);
    const c1 = (await child.ask('stats')).counts as Record<string, number>;
    byKind = { BEGIN: c1.begin! - c0.begin!, SELECT: c1.select! - c0.select!, UPDATE: c1.update! - c0.update!, INSERT: c1.insert! - c0.insert!, DELETE: c1.delete! - c0.delete!, COMMIT: c1.commit! - c0.commit!, ROLLBACK: c1.rollback! - c0.rollback! };
  }
  const perOrder = Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, Math.round((v / n) * 100) / 100]));
  // MariaDB's and Redis's server-wide counters: other clients count too, so the smallest of three tries is kept
  const tries: Array<Record<string, number>> = [];
  for (let t = 0; t < 3; t++) {
    const e0 = await globalStatus(admin, COUNTERS);
    const e1 = await globalStatus(admin, COUNTERS); // what reading the counters costs by itself
    const r0 = await redisCommands();
    const g0 = await globalStatus(admin, COUNTERS);
    for (let i = 0; i < n; i++) await order(`count-${target.name}`);
    const g1 = await globalStatus(admin, COUNTERS);
    const r1 = await redisCommands();
    tries.push({
      ...Object.fromEntries(COUNTERS.map((k) => [k, (g1[k]! - g0[k]! - (e1[k]! - e0[k]!)) / n])),
      redisCommands: (r1 - r0 - 1) / n, // less the second INFO itself
    });
  }
  const server = Object.fromEntries(Object.keys(tries[0]!).map((k) => [k, Math.round(Math.min(...tries.map((x) => x[k]!)) * 100) / 100]));
  const total = Object.values(perOrder).reduce((a, b) => a + b, 0);
  return { target: target.name, orders: n, perOrder, total: Math.round(total * 100) / 100, server, sample };
}

// ------------------------------------------------------------------ 3. load

interface OrdersWrk {
  sent: number;
  answered: number;
  statuses: Record<string, number>;
  unanswered: string[];
  errorSamples: string[];
}

interface LoadRow {
  round: number;
  scenario: ScenarioKey;
  target: TargetName;
  tag: string;
  /** 201 answers per second over the measured run. */
  ordersPerS: number;
  requestsPerS: number;
  p50ms: number;
  p90ms: number;
  p99ms: number;
  maxMs: number;
  answered: number;
  created: number;
  statuses: Record<string, number>;
  /** status and body of up to ten answers other than 201 */
  errorSamples: string[];
  /** non-201 answers / answers */
  errorRate: number;
  socketErrors: number;
  cpuMsPerOrder: { server: number; mariadb: number; redis: number; wrk: number };
  statementsPerRequest: number;
  machineBusyPct: number;
  otherLoadPct: number;
  otherDbStatements: number;
  waitedForQuietS: number;
  innodbFsyncsPerOrder: number;
  serverRssMbAfter: number | null;
  attempt: number;
  verification: {
    ordersInDb: number;
    unansweredAtStop: number;
    unansweredTheServerCompleted: number;
    /** orders in the database == 201 answers + unanswered requests the server completed */
    ordersMatch201s: boolean;
    itemsFulfilmentsHistoryEvents: [number, number, number, number];
    unitsOrdered: number;
    stockDecreaseWarehouses: number;
    stockDecreaseSkus: number;
    stockMatches: boolean;
    negativeStockRows: number;
    hotSkuDecrease?: number;
    ok: boolean;
  };
  eventLoopDelayMs?: { p50: number; p99: number; max: number };
  gc?: { count: number; totalMs: number; maxMs: number; majorCount: number; majorMs: number };
  baselineCounts?: Record<string, number>;
}

/** One line per connection for lib/orders.lua: host token addressId skuIds. */
function loadFile(shoppers: ShoppersFile, scenario: ScenarioKey): string {
  const lines: string[] = [];
  const tenants = shoppers.tenants;
  for (let i = 0; i < CONNECTIONS; i++) {
    if (scenario === 'hot') {
      const t = tenants.find((x) => x.id === shoppers.hot.tenantId)!;
      const s = t.shoppers[i % t.shoppers.length]!;
      lines.push(`${t.host} ${s.token} ${s.addressId} ${shoppers.hot.listingSkuId}`);
    } else {
      const t = tenants[i % tenants.length]!;
      const s = t.shoppers[Math.floor(i / tenants.length) % t.shoppers.length]!;
      lines.push(`${t.host} ${s.token} ${s.addressId} ${t.skus.join(',')}`);
    }
  }
  if (scenario === 'hot' && tenants.find((x) => x.id === shoppers.hot.tenantId)!.shoppers.length < CONNECTIONS) console.warn(`  (hot: fewer shoppers than connections; some shoppers have two connections)`);
  const file = path.join(benchDir, 'data', `orders-load-${scenario}.txt`);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

async function stockTotals(): Promise<{ warehouses: number; skus: number; hot: number }> {
  const [a] = await rows<{ n: string }>('SELECT SUM(stock) AS n FROM sku_stocks');
  const [b] = await rows<{ n: string }>('SELECT SUM(stock) AS n FROM product_skus');
  const [h] = await rows<{ n: number }>('SELECT stock AS n FROM product_skus WHERE id = ?', [hotSkuId]);
  return { warehouses: Number(a!.n), skus: Number(b!.n), hot: Number(h!.n) };
}
let hotSkuId = 0;

async function runLoad(round: number, scenario: ScenarioKey, target: (typeof TARGETS)[number], file: string, mariadbPid: number | null, redisPid: number | null, attempt: number): Promise<LoadRow> {
  const child = children[target.child]!;
  const others = Object.values(children).filter((c) => c !== child) as Array<Child<ChildName>>;
  const quiet = await waitQuiet(Number(args['quiet-wait']));
  const runId = `${Date.now().toString(36)}`;
  const load = (seconds: number, tag: string) =>
    wrk<OrdersWrk>({ port: child.port, path: API, seconds, connections: CONNECTIONS, threads: CONNECTIONS, script: 'orders.lua', timeoutS: 30, env: { BENCH_ORDERS_FILE: file, BENCH_TAG: tag, BENCH_IDEMPOTENCY: target.idempotency ? '1' : '0' } });
  await load(WARMUP, `w${runId}`);
  await drained(child);
  const tag = `m${runId}`;
  const stock0 = await stockTotals();
  // only this run places orders from here on (the warm-up drained): its order.created events are the ones after this id
  const [ev0] = await rows<{ id: number | null }>('SELECT MAX(id) AS id FROM domain_events');
  const known = () => [child.pid, mariadbPid, redisPid, ...others.map((o) => o.pid)].map((pid) => cpuMs(pid) ?? 0);
  const c0 = known();
  const self0 = process.cpuUsage();
  const m0 = machineCpu();
  const st0 = await child.ask('stats');
  const d0 = await globalStatus(admin, ['Questions', 'Innodb_data_fsyncs']);
  if (isOurs(target.child)) await child.ask('watch-start');
  const r = await load(DURATION, tag);
  const watched = isOurs(target.child) ? await child.ask('watch-stop') : null;
  const c1 = known();
  const self1 = process.cpuUsage(self0);
  const m1 = machineCpu();
  const d1 = await globalStatus(admin, ['Questions', 'Innodb_data_fsyncs']);
  const st1 = await child.ask('stats');
  await drained(child);
  const rss = memKb(child.pid, 'VmRSS');

  // what the run left in the database
  const created = r.statuses['201'] ?? 0;
  const [db] = await rows<{ orders: number; items: number; units: string | null; fulfillments: number; history: number }>(
    `SELECT COUNT(DISTINCT o.id) AS orders, COUNT(DISTINCT i.id) AS items, SUM(i.quantity) AS units, COUNT(DISTINCT f.id) AS fulfillments, COUNT(DISTINCT h.id) AS history
       FROM orders o
       LEFT JOIN order_items i ON i.tenant_id = o.tenant_id AND i.order_id = o.id
       LEFT JOIN fulfillments f ON f.tenant_id = o.tenant_id AND f.order_id = o.id
       LEFT JOIN order_history h ON h.tenant_id = o.tenant_id AND h.order_id = o.id
      WHERE o.remark LIKE ?`,
    [`${tag}-%`],
  );
  const [ev1] = await rows<{ n: number }>("SELECT COUNT(*) AS n FROM domain_events WHERE type = 'order.created' AND id > ?", [Number(ev0!.id ?? 0)]);
  const events = Number(ev1!.n);
  const completed = r.unanswered.length ? Number((await rows<{ n: number }>('SELECT COUNT(*) AS n FROM orders WHERE remark IN (?)', [r.unanswered]))[0]!.n) : 0;
  const stock1 = await stockTotals();
  const [neg] = await rows<{ n: number }>('SELECT (SELECT COUNT(*) FROM sku_stocks WHERE stock < 0) + (SELECT COUNT(*) FROM product_skus WHERE stock < 0) AS n');
  const units = Number(db!.units ?? 0);
  const verification = {
    ordersInDb: Number(db!.orders),
    unansweredAtStop: r.unanswered.length,
    unansweredTheServerCompleted: completed,
    ordersMatch201s: Number(db!.orders) === created + completed,
    itemsFulfilmentsHistoryEvents: [Number(db!.items), Number(db!.fulfillments), Number(db!.history), events] as [number, number, number, number],
    unitsOrdered: units,
    stockDecreaseWarehouses: stock0.warehouses - stock1.warehouses,
    stockDecreaseSkus: stock0.skus - stock1.skus,
    stockMatches: stock0.warehouses - stock1.warehouses === units && stock0.skus - stock1.skus === units,
    negativeStockRows: Number(neg!.n),
    ...(scenario === 'hot' ? { hotSkuDecrease: stock0.hot - stock1.hot } : {}),
    ok: false,
  };
  const n = Number(db!.orders);
  verification.ok = verification.ordersMatch201s && verification.stockMatches && verification.negativeStockRows === 0 && verification.itemsFulfilmentsHistoryEvents.every((x) => x === n) && units === n && (scenario !== 'hot' || verification.hotSkuDecrease === n);

  const seconds = r.duration_us / 1e6;
  const perOrder = (ms: number) => Math.round((ms / Math.max(1, created)) * 1000) / 1000;
  const machineMs = ((m1.total - m0.total) * 1000) / CLK_TCK;
  const busyMs = ((m1.busy - m0.busy) * 1000) / CLK_TCK;
  const accounted = c1.reduce((sum, v, i) => sum + v - c0[i]!, 0) + r.cpuMs + (self1.user + self1.system) / 1000;
  const answered = r.answered;
  const statements = (st1.statements as number) - (st0.statements as number);
  return {
    round,
    scenario,
    target: target.name,
    tag,
    ordersPerS: Math.round((created / seconds) * 10) / 10,
    requestsPerS: Math.round((answered / seconds) * 10) / 10,
    p50ms: r.latency_us.p50 / 1000,
    p90ms: r.latency_us.p90 / 1000,
    p99ms: r.latency_us.p99 / 1000,
    maxMs: r.latency_us.max / 1000,
    answered,
    created,
    statuses: r.statuses,
    errorSamples: r.errorSamples,
    errorRate: Math.round(((answered - created) / Math.max(1, answered)) * 100000) / 100000,
    socketErrors: r.errors.connect + r.errors.read + r.errors.write + r.errors.timeout,
    cpuMsPerOrder: { server: perOrder(c1[0]! - c0[0]!), mariadb: perOrder(c1[1]! - c0[1]!), redis: perOrder(c1[2]! - c0[2]!), wrk: perOrder(r.cpuMs) },
    statementsPerRequest: Math.round((statements / Math.max(1, answered)) * 100) / 100,
    machineBusyPct: Math.round((busyMs / machineMs) * 1000) / 10,
    otherLoadPct: Math.max(0, Math.round(((busyMs - accounted) / machineMs) * 1000) / 10),
    // Questions counts the baseline's and ours's statements alike; the rest is other clients' work
    otherDbStatements: Math.max(0, d1.Questions! - d0.Questions! - statements - 2),
    waitedForQuietS: quiet.waitedS,
    innodbFsyncsPerOrder: Math.round(((d1.Innodb_data_fsyncs! - d0.Innodb_data_fsyncs!) / Math.max(1, created)) * 100) / 100,
    serverRssMbAfter: mb(rss),
    attempt,
    verification,
    ...(watched ? { eventLoopDelayMs: watched.eventLoopDelayMs as LoadRow['eventLoopDelayMs'], gc: watched.gc as LoadRow['gc'] } : {}),
    ...(!isOurs(target.child)
      ? { baselineCounts: Object.fromEntries(Object.entries(st1.counts as Record<string, number>).map(([k, v]) => [k, v - (st0.counts as Record<string, number>)[k]!])) }
      : {}),
  };
}

// ------------------------------------------------------------------ the run

async function main(): Promise<void> {
  const startedAt = new Date();
  const shoppers = loadShoppers();
  const seededAt = (await rows<{ v: string }>("SELECT v FROM bench_seed WHERE k = 'seeded_at'").catch(() => []))[0]?.v;
  if (!seededAt) throw new Error(`${new URL(dbUrl).pathname.slice(1)} holds no seed: run npx tsx scripts/bench/seed-orders.ts first`);
  if (seededAt !== shoppers.seededAt) throw new Error(`${SHOPPERS_FILE} belongs to another seed: run npx tsx scripts/bench/seed-orders.ts`);
  if (Date.parse(shoppers.tokensExpireAt) < Date.now() + 3_600_000) throw new Error('the shoppers\' tokens expire within the hour: run npx tsx scripts/bench/seed-orders.ts');
  hotSkuId = shoppers.hot.skuId;
  const counts = (await rows<{ v: string }>("SELECT v FROM bench_seed WHERE k = 'counts'"))[0]?.v ?? '{}';
  const [versionRow] = await rows<{ v: string; bp: number; flush: number; iso: string }>('SELECT VERSION() AS v, @@innodb_buffer_pool_size AS bp, @@innodb_flush_log_at_trx_commit AS flush, @@tx_isolation AS iso');
  const code = codeVersion();
  const mariadbPid = pidOf('mariadbd') ?? pidOf('mysqld');
  const redisPid = pidOf('redis-server');
  const targets = TARGETS.filter((t) => (args.targets ? args.targets.split(',').includes(t.name) : t.name !== 'ours-alt-idem' && (t.child !== 'alt' || !!args.alt)));
  if (targets.some((t) => t.child === 'alt') && !args.alt) throw new Error('ours-alt needs --alt <dir of a changed copy of the project>');
  const scenarios = SCENARIOS.filter((s) => !args.only || args.only.split(',').includes(s.key));

  console.log(`order benchmark: ${shoppers.tenants.length} tenants x ${shoppers.tenants[0]!.shoppers.length} shoppers, seed ${counts}`);
  console.log(`  ${os.cpus().length} cores (${os.cpus()[0]?.model}), node ${process.version}, MariaDB ${versionRow!.v} (buffer pool ${Math.round(versionRow!.bp / 1048576)} MB, innodb_flush_log_at_trx_commit=${versionRow!.flush}, ${versionRow!.iso}), code ${code.commit}${code.uncommittedServerChanges.length ? ' + uncommitted changes under server/ or migrations/' : ''}`);

  try {
    // ours always runs (the reference of the same-writes check), the baseline too (the ratio's denominator)
    children.ours = await Child.start('ours', PORTS.ours, 'ours-server.ts', {}, 'orders-ours');
    const oursRssStart = memKb(children.ours.pid, 'VmRSS');
    children.baseline = await Child.start('baseline', PORTS.baseline, 'baseline-orders.ts', {}, 'orders-baseline');
    if (targets.some((t) => t.child === 'baseline-late')) children['baseline-late'] = await Child.start('baseline-late', PORTS['baseline-late'], 'baseline-orders.ts', { BASELINE_RESERVE: 'last' }, 'orders-baseline-late');
    if (args.alt) children.alt = await Child.start('alt', PORTS.alt, path.resolve(args.alt, 'scripts', 'bench', 'lib', 'ours-server.ts'), {}, 'orders-alt');
    console.log(`  started: ${Object.values(children).map((c) => `${c!.name} pid ${c!.pid} :${c!.port}`).join(', ')}`);

    // ---- 1. the same writes
    const same: Array<Awaited<ReturnType<typeof verifySameWrites>>> = [];
    for (const subject of Object.keys(children).filter((c) => c !== 'ours') as ChildName[]) {
      const v = await verifySameWrites(shoppers, subject);
      same.push(v);
      console.log(`\nsame writes, ours vs ${subject} (one order through each, same shopper, SKU, address and stock: rows, warehouse, stock, reply):`);
      for (const o of v.orders) console.log(`  ${o.ok ? 'same     ' : 'DIFFERENT'} ${o.what.padEnd(52)} ${o.host} customer ${o.customerId} SKU ${o.listingSkuId}: ${o.status.join('/')} freight ${o.freight} warehouse ${o.warehouse}${o.difference ? `  ${o.difference}` : ''}`);
      for (const o of v.refusals) console.log(`  ${o.ok ? 'same     ' : 'DIFFERENT'} refusal: ${o.what.padEnd(43)} ${o.status.join(' / ')}`);
    }

    // ---- 2. statements per order
    const statementCounts = [];
    console.log('\nSQL statements per order (one-line order; ours: Sequelize log hook, baseline: its counter; MariaDB Com_* deltas, least of 3 x 20 orders):');
    for (const target of targets) {
      const c = await countStatements(shoppers, target, 20);
      statementCounts.push(c);
      const s = c.server;
      console.log(`  ${target.label.padEnd(24)} ${String(c.total).padStart(5)} statements: ${Object.entries(c.perOrder).map(([k, v]) => `${k} ${v}`).join(', ')}`);
      console.log(`  ${''.padEnd(24)} MariaDB: Com_select ${s.Com_select} insert ${s.Com_insert} update ${s.Com_update} delete ${s.Com_delete} begin ${s.Com_begin} commit ${s.Com_commit} (stmt_execute ${s.Com_stmt_execute}, prepare ${s.Com_stmt_prepare}); fsyncs ${s.Innodb_data_fsyncs}, log writes ${s.Innodb_log_writes}, index reads ${s.Handler_read_key} + ${s.Handler_read_next} next, full scans ${s.Select_scan}, rnd_next ${s.Handler_read_rnd_next}; Redis ${s.redisCommands}`);
    }

    // ---- 3. load
    const rssBefore = children.ours ? { rss: memKb(children.ours.pid, 'VmRSS'), peak: memKb(children.ours.pid, 'VmHWM') } : null;
    const loads: LoadRow[] = [];
    console.log(`\nload: wrk -t${CONNECTIONS} -c${CONNECTIONS} (one shopper per connection), ${WARMUP} s warm-up + ${DURATION} s measured per target, ${ROUNDS} round(s)`);
    for (let round = 1; round <= ROUNDS; round++) {
      const order = round % 2 ? targets : [...targets].reverse();
      for (const sc of scenarios) {
        const file = loadFile(shoppers, sc.key);
        for (const target of order) {
          let row: LoadRow | undefined;
          for (let attempt = 1; attempt <= Number(args.attempts); attempt++) {
            const measured = await runLoad(round, sc.key, target, file, mariadbPid, redisPid, attempt);
            const disturbed = (x: LoadRow) => x.otherLoadPct > 5 || x.otherDbStatements > OTHER_DB_STATEMENTS;
            if (!row || (disturbed(row) && !disturbed(measured)) || (disturbed(row) === disturbed(measured) && measured.otherLoadPct < row.otherLoadPct)) row = measured;
            if (!disturbed(measured)) break;
            console.log(`  r${round} ${sc.key.padEnd(6)} ${target.name.padEnd(9)} disturbed: other work took ${measured.otherLoadPct}% of the machine, ${measured.otherDbStatements} statements of other MariaDB clients (${measured.ordersPerS} orders/s); again`);
          }
          loads.push(row!);
          const c = row!.cpuMsPerOrder;
          const v = row!.verification;
          const statuses = Object.entries(row!.statuses).filter(([k]) => k !== '201').map(([k, n]) => `${k}x${n}`).join(' ');
          console.log(`  r${round} ${sc.key.padEnd(6)} ${target.name.padEnd(9)} ${row!.ordersPerS.toFixed(1).padStart(7)} orders/s  p50 ${row!.p50ms.toFixed(1).padStart(6)}  p99 ${row!.p99ms.toFixed(1).padStart(7)} ms  non-201 ${row!.answered - row!.created}${statuses ? ` (${statuses})` : ''}  ` +
            `CPU ms/order: server ${c.server.toFixed(2)} mariadb ${c.mariadb.toFixed(2)} redis ${c.redis.toFixed(2)} wrk ${c.wrk.toFixed(2)}  busy ${row!.machineBusyPct}% (other ${row!.otherLoadPct}%)  ${row!.statementsPerRequest} SQL/req  fsyncs/order ${row!.innodbFsyncsPerOrder}  RSS ${row!.serverRssMbAfter} MB` +
            (row!.gc ? `  GC ${row!.gc.totalMs} ms, loop delay p99 ${row!.eventLoopDelayMs!.p99} ms` : ''));
          for (const e of [...new Set(row!.errorSamples.map((x) => x.slice(0, 220)))].slice(0, 3)) console.log(`  ${''.padEnd(19)} answered ${e}`);
          console.log(`  ${''.padEnd(19)} check: ${v.ok ? 'OK' : 'FAILED'}: ${v.ordersInDb} orders in the database = ${row!.created} x 201 + ${v.unansweredTheServerCompleted} of ${v.unansweredAtStop} in flight at the stop; items/fulfilments/history/events ${v.itemsFulfilmentsHistoryEvents.join('/')}; stock -${v.stockDecreaseWarehouses} (warehouses) -${v.stockDecreaseSkus} (SKUs) for ${v.unitsOrdered} units${v.hotSkuDecrease !== undefined ? `, hot SKU -${v.hotSkuDecrease}` : ''}; ${v.negativeStockRows} negative`);
        }
      }
    }
    const rssAfter = children.ours ? { rss: memKb(children.ours.pid, 'VmRSS'), peak: memKb(children.ours.pid, 'VmHWM') } : null;

    // ---- 4. where our server's time goes
    let profile: (ProfileSummary & { file: string; scenario: string; ordersPerSWhileProfiling: number }) | null = null;
    if (!args['no-profile'] && children.ours && scenarios.some((s) => s.key === 'spread')) {
      const dir = path.join(benchDir, 'results', 'profiles');
      mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `ours-orders-spread-${startedAt.toISOString().slice(0, 10)}${args.label ? `-${args.label}` : ''}.cpuprofile`);
      const loadFileSpread = loadFile(shoppers, 'spread');
      await waitQuiet();
      await children.ours.ask('profile-start');
      const r = await wrk<OrdersWrk>({ port: PORTS.ours, path: API, seconds: 10, connections: CONNECTIONS, threads: CONNECTIONS, script: 'orders.lua', timeoutS: 30, env: { BENCH_ORDERS_FILE: loadFileSpread, BENCH_TAG: `p${Date.now().toString(36)}`, BENCH_IDEMPOTENCY: '0' } });
      await children.ours.ask('profile-stop', { file });
      await drained(children.ours);
      const summary = summarizeProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, ORDER_FRAMES);
      profile = { ...summary, file: path.relative(projectRoot, file), scenario: 'spread', ordersPerSWhileProfiling: Math.round((r.statuses['201'] ?? 0) / (r.duration_us / 1e6)) };
      console.log(`\nCPU profile of our server, spread orders, 10 s under load (${profile.ordersPerSWhileProfiling} orders/s while profiling), ${profile.busyMs} ms busy of ${profile.totalMs} ms:`);
      printProfile(summary);
    }

    // ---- 5. report
    const of = (sc: ScenarioKey, t: TargetName) => {
      const rs = loads.filter((l) => l.scenario === sc && l.target === t);
      if (!rs.length) return undefined;
      return {
        ordersPerS: median(rs.map((r) => r.ordersPerS)),
        p50ms: median(rs.map((r) => r.p50ms)),
        p99ms: median(rs.map((r) => r.p99ms)),
        errorRate: median(rs.map((r) => r.errorRate)),
        rounds: rs.map((r) => r.ordersPerS),
        serverCpuMsPerOrder: median(rs.map((r) => r.cpuMsPerOrder.server)),
        verified: rs.every((r) => r.verification.ok),
        // orders/s over ours's in the same round (runs next to each other): drift of the machine cancels out
        pairedVsOurs: t === 'ours' ? null : median(rs.map((r) => {
          const o = loads.find((l) => l.scenario === sc && l.target === 'ours' && l.round === r.round);
          return o ? Math.round((r.ordersPerS / o.ordersPerS) * 1000) / 1000 : NaN;
        }).filter((x) => !Number.isNaN(x))),
      };
    };
    const summary = scenarios.map((sc) => {
      const base = of(sc.key, 'baseline');
      const entry = (t: TargetName) => {
        const x = of(sc.key, t);
        return x ? { ...x, ratioToBaseline: base ? Math.round((x.ordersPerS / base.ordersPerS) * 1000) / 1000 : null } : undefined;
      };
      return {
        scenario: sc.key, label: sc.label, ours: entry('ours'), oursIdempotent: entry('ours-idem'), oursAlt: entry('ours-alt'), oursAltIdempotent: entry('ours-alt-idem'), baseline: base, baselineReserveLast: entry('baseline-late'),
        meetsTarget: base && of(sc.key, 'ours') ? of(sc.key, 'ours')!.ordersPerS / base.ordersPerS >= TARGET_RATIO : null,
      };
    });
    const degradation = targets.map((t) => {
      const s = of('spread', t.name);
      const h = of('hot', t.name);
      return { target: t.name, spread: s?.ordersPerS ?? null, hot: h?.ordersPerS ?? null, hotOverSpread: s && h ? Math.round((h.ordersPerS / s.ordersPerS) * 1000) / 1000 : null, p99SpreadMs: s?.p99ms ?? null, p99HotMs: h?.p99ms ?? null };
    });

    console.log(`\n${'='.repeat(120)}`);
    console.log(`orders @ ${CONNECTIONS} shoppers (connections), ${DURATION} s x ${ROUNDS} round(s) (medians), ${os.cpus().length} cores, MariaDB ${versionRow!.v}, pool ${process.env.DB_POOL_MAX ?? 20} connections each`);
    const head = ['scenario', 'target', 'orders/s', 'p50 ms', 'p99 ms', 'errors', 'vs baseline', `>=${TARGET_RATIO * 100}%`, 'vs ours/round', 'CPU ms/order', 'rounds', 'checks'];
    const widths = [8, 24, 9, 8, 8, 8, 12, 6, 14, 13, 26, 7];
    const fmt = (cells: string[]) => cells.map((c, i) => (i <= 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' ');
    console.log(fmt(head));
    for (const s of summary) {
      for (const t of targets) {
        const x = of(s.scenario, t.name);
        if (!x) continue;
        const ratio = s.baseline ? x.ordersPerS / s.baseline.ordersPerS : null;
        console.log(fmt([
          s.scenario, t.label, x.ordersPerS.toFixed(1), x.p50ms.toFixed(1), x.p99ms.toFixed(1), `${(x.errorRate * 100).toFixed(2)}%`,
          t.name === 'baseline' || ratio === null ? '' : `${(ratio * 100).toFixed(1)}%`, t.name === 'ours' && ratio !== null ? (ratio >= TARGET_RATIO ? 'yes' : 'NO') : '',
          x.pairedVsOurs === null || Number.isNaN(x.pairedVsOurs) ? '' : `${(x.pairedVsOurs * 100).toFixed(1)}%`, x.serverCpuMsPerOrder.toFixed(2), x.rounds.join(' | '), x.verified ? 'ok' : 'FAILED',
        ]));
      }
    }
    console.log('hot row vs spread (orders/s): ' + degradation.map((d) => `${d.target} ${d.spread ?? '-'} -> ${d.hot ?? '-'}${d.hotOverSpread !== null ? ` (${(d.hotOverSpread * 100).toFixed(0)}%)` : ''}`).join(', '));
    console.log('statements per order: ' + statementCounts.map((c) => `${c.target} ${c.total} (${Object.entries(c.perOrder).map(([k, v]) => `${k} ${v}`).join(', ')})`).join('; '));
    for (const v of same) console.log(`same writes, ours vs ${v.subject}: ${v.orders.filter((o) => o.ok).length}/${v.orders.length} orders identical, ${v.refusals.filter((o) => o.ok).length}/${v.refusals.length} refusals with the same status`);
    console.log(`load checks: ${loads.filter((l) => l.verification.ok).length}/${loads.length} runs: orders in the database = 201 answers, each with item, fulfilment, history row and order.created event, stock down by exactly the units sold, none negative`);
    const oursRss = loads.filter((l) => l.target === 'ours' || l.target === 'ours-idem').map((l) => l.serverRssMbAfter ?? 0);
    if (rssBefore && rssAfter) console.log(`our server RSS: ${mb(oursRssStart)} MB at start, ${mb(rssBefore.rss)} MB before load, ${Math.min(...oursRss)}-${Math.max(...oursRss)} MB right after its load runs, ${mb(rssAfter.rss)} MB after all runs (peak ${mb(rssAfter.peak)} MB)`);
    console.log('='.repeat(120));

    const outDir = path.join(benchDir, 'results');
    mkdirSync(outDir, { recursive: true });
    const outFile = path.join(outDir, `orders-${startedAt.toISOString().slice(0, 10)}${args.label ? `-${args.label}` : ''}.json`);
    writeResults(outFile, {
      benchmark: 'placing orders (POST /api/v1/shop/orders)',
      label: args.label ?? null,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model, memGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, mariadb: versionRow!.v, innodbBufferPoolMb: Math.round(versionRow!.bp / 1048576), innodbFlushLogAtTrxCommit: versionRow!.flush, isolation: versionRow!.iso },
      code,
      seed: { params: shoppers.params, counts: JSON.parse(counts), seededAt, hot: shoppers.hot },
      settings: {
        connections: CONNECTIONS, wrkThreads: CONNECTIONS, shopperPerConnection: true, rounds: ROUNDS, summaryIs: 'median over rounds', warmupSeconds: WARMUP, durationSeconds: DURATION,
        targetRatio: TARGET_RATIO, dbPoolMax: Number(process.env.DB_POOL_MAX ?? 20), orderLines: 1, quantity: 1,
        spread: 'connections round-robin over the tenants; each request a random on-sale listing SKU of its tenant',
        hot: `every request listing SKU ${shoppers.hot.listingSkuId} of tenant ${shoppers.hot.tenantId} (SKU ${shoppers.hot.skuId}, stocked in warehouse ${shoppers.hot.warehouseId} only)`,
      },
      targets: {
        ours: 'lib/ours-server.ts: openPlatform + buildApp() + node:http, NODE_ENV=production LOG_LEVEL=warn RATE_LIMITS=off WORKERS=off, MariaDB + Redis; no socket.io, no job worker',
        'ours-idem': 'the same server, each request with its own Idempotency-Key',
        'ours-alt': args.alt ? `a changed copy of the project at ${args.alt} (lib/ours-server.ts there), BENCH_ALT_NOTE: ${process.env.BENCH_ALT_NOTE ?? ''}` : undefined,
        'ours-alt-idem': args.alt ? 'the changed copy, each request with its own Idempotency-Key' : undefined,
        baseline: 'lib/baseline-orders.ts: node:http + mysql2 pool, one transaction of 11 statements making the same writes, stock reserved first (as ours)',
        'baseline-late': 'the same with BASELINE_RESERVE=last: the two stock UPDATEs just before COMMIT',
        baselineSkips: BASELINE_SKIPS,
      },
      summary,
      degradation,
      loads,
      statements: statementCounts,
      sameWrites: same,
      rss: rssBefore && rssAfter ? rssReport(oursRssStart, rssBefore, rssAfter, oursRss) : null,
      profile,
    });
  } finally {
    await closeAll(Object.values(children), admin, redis);
  }
}

runMain(main);
