/**
 * Times finance's reconciliation report (`reconcile`: gateway money in and out, withdrawals paid,
 * the ledger's total, every account's entries summed per bucket against its balance row) on
 * 100,000 ledger entries, on SQLite and on MariaDB. Each engine runs in a child process of its own
 * (one database per process): the tables are dropped and migrated, then filled by multi-row INSERTs
 * with orders' money as the app books it (payables, the platform fee, the shop's margin, a
 * distributor's commission out of it, settlement moves), a succeeded gateway payment per order and
 * balance rows that agree; the report runs 7 times and the figures are printed (it must say
 * balanced).
 *
 *   npx tsx scripts/bench/reconciliation.ts [--entries 100000] [--engine sqlite|mariadb|both]
 *
 * BENCH_RECON_DATABASE_URL overrides mysql://shop:shop@127.0.0.1:3306/shop_bench_recon (created
 * when missing if the user may; its name must contain "bench" or "test").
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const { values: args } = parseArgs({ options: { entries: { type: 'string', default: '100000' }, engine: { type: 'string', default: 'both' }, child: { type: 'boolean', default: false } } });
const ENTRIES = Number(args.entries);
const DB_URL = process.env.BENCH_RECON_DATABASE_URL ?? 'mysql://shop:shop@127.0.0.1:3306/shop_bench_recon';

async function child(): Promise<void> {
  const { openPlatform } = await import('../../server/src/boot.js');
  const { db, dropAllTables, migrateUp, closeDatabase, acrossTenants } = await import('../../server/src/core/db/index.js');
  const { systemContext, runInContext } = await import('../../server/src/core/context.js');
  const { reconcile } = await import('../../server/src/modules/finance/index.js');
  const { mulberry32 } = await import('./lib/seeding.js');
  await openPlatform();
  const sequelize = db();
  await dropAllTables(sequelize);
  await migrateUp(sequelize);
  const qi = sequelize.getQueryInterface();
  const random = mulberry32(15);
  const now = new Date();
  const entries: Array<Record<string, unknown>> = [];
  const payments: Array<Record<string, unknown>> = [];
  const balances = new Map<string, { account_type: string; account_id: number; available: number; frozen: number; held: number }>();
  const book = (tenantId: number, orderId: number, type: string, id: number, bucket: 'available' | 'frozen' | 'held', amount: number, kind: string, key: string) => {
    entries.push({ account_type: type, account_id: id, bucket, amount, kind, tenant_id: tenantId, order_id: orderId, ref_type: 'payment', ref_id: orderId, dedupe_key: `order:${orderId}:${key}`, note: null, created_at: now });
    const k = `${type}:${id}`;
    const b = balances.get(k) ?? { account_type: type, account_id: id, available: 0, frozen: 0, held: 0 };
    b[bucket] += amount;
    balances.set(k, b);
  };
  for (let orderId = 1; entries.length < ENTRIES; orderId++) {
    const tenantId = 1 + Math.floor(random() * 20);
    const supplierId = 1 + Math.floor(random() * 200);
    const promoterId = 1 + Math.floor(random() * 5000);
    const goods = 1000 + Math.floor(random() * 50_000);
    const payable = Math.floor(goods * 0.6);
    const fee = Math.floor((goods * 60) / 10_000);
    const margin = goods - payable - fee;
    const commission = Math.floor((goods * 1000) / 10_000);
    book(tenantId, orderId, 'supplier', supplierId, 'frozen', payable, 'supplier_payable', 'pay:payable');
    book(tenantId, orderId, 'platform', 0, 'frozen', fee, 'platform_fee', 'pay:fee');
    book(tenantId, orderId, 'tenant', tenantId, 'frozen', margin, 'merchant_margin', 'pay:margin');
    book(tenantId, orderId, 'tenant', tenantId, 'frozen', -commission, 'commission', 'commission:shop');
    book(tenantId, orderId, 'promoter', promoterId, 'frozen', commission, 'commission', 'commission:promoter');
    if (random() < 0.6) {
      book(tenantId, orderId, 'supplier', supplierId, 'frozen', -payable, 'supplier_payable', 'settle:out');
      book(tenantId, orderId, 'supplier', supplierId, 'available', payable, 'supplier_payable', 'settle:in');
      book(tenantId, orderId, 'promoter', promoterId, 'frozen', -commission, 'commission', 'settle:promoter:out');
      book(tenantId, orderId, 'promoter', promoterId, 'available', commission, 'commission', 'settle:promoter:in');
    }
    payments.push({ tenant_id: tenantId, customer_id: 1, order_id: orderId, purpose: 'order', method: 'wechat', amount: goods, status: 'succeeded', out_trade_no: `P${orderId}`, refunded_amount: 0, notify_count: 1, created_at: now, updated_at: now });
  }
  const started = Date.now();
  const rows = [...balances.values()].map((b) => ({ ...b, created_at: now, updated_at: now }));
  // the payments' shoppers and orders are not seeded: foreign keys are off for this transaction
  const mysql = sequelize.getDialect() === 'mysql';
  const fill = async (transaction: import('sequelize').Transaction | null) => {
    for (let i = 0; i < entries.length; i += 1000) await qi.bulkInsert('ledger_entries', entries.slice(i, i + 1000), { transaction });
    for (let i = 0; i < payments.length; i += 1000) await qi.bulkInsert('payments', payments.slice(i, i + 1000), { transaction });
    for (let i = 0; i < rows.length; i += 1000) await qi.bulkInsert('account_balances', rows.slice(i, i + 1000), { transaction });
  };
  if (mysql) {
    await sequelize.transaction(async (transaction) => {
      await sequelize.query('SET FOREIGN_KEY_CHECKS = 0', { transaction });
      await fill(transaction);
      await sequelize.query('SET FOREIGN_KEY_CHECKS = 1', { transaction });
    });
  } else {
    // SQLite: one connection outside transactions; the pragma holds for it
    await sequelize.query('PRAGMA foreign_keys = OFF');
    await fill(null);
    await sequelize.query('PRAGMA foreign_keys = ON');
  }
  const seeded = Date.now() - started;
  const ctx = systemContext('bench');
  const times: number[] = [];
  let last: Awaited<ReturnType<typeof reconcile>> | null = null;
  for (let run = 0; run < 7; run++) {
    const t = process.hrtime.bigint();
    last = await runInContext(ctx, () => acrossTenants('bench: reconciliation', () => reconcile(ctx)));
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const engine = process.env.DATABASE_URL ? 'MariaDB' : 'SQLite';
  console.log(JSON.stringify({
    engine, entries: entries.length, orders: payments.length, accounts: balances.size, seededMs: seeded,
    reconcileMs: { first: +times[0]!.toFixed(1), median: +sorted[3]!.toFixed(1), min: +sorted[0]!.toFixed(1), max: +sorted[6]!.toFixed(1) },
    balanced: last!.balanced, difference: last!.difference,
  }));
  await closeDatabase();
  process.exit(last!.balanced ? 0 : 1);
}

function run(engine: 'sqlite' | 'mariadb'): void {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', NODE_ENV: 'development', DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'bench-recon-')) };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  if (engine === 'mariadb') {
    if (!/bench|test/.test(new URL(DB_URL).pathname)) throw new Error('the benchmark database name must contain "bench" or "test"');
    env.DATABASE_URL = DB_URL;
  }
  const res = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--child', '--entries', String(ENTRIES)], { env, stdio: 'inherit' });
  if (res.status !== 0) process.exitCode = 1;
}

async function ensureDatabase(): Promise<void> {
  const mysql = (await import('mysql2/promise')).default;
  const url = new URL(DB_URL);
  const name = url.pathname.slice(1);
  const conn = await mysql.createConnection({ host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) });
  try {
    await conn.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await conn.end();
  }
}

if (args.child) await child();
else {
  if (args.engine !== 'mariadb') run('sqlite');
  if (args.engine !== 'sqlite') {
    await ensureDatabase();
    run('mariadb');
  }
}
