/**
 * The process: config -> database (migrations in embedded mode) -> first operator and demo
 * tenants -> HTTP + socket.io -> workers. SIGTERM/SIGINT drain connections and stop cleanly.
 */
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { buildApp } from './app.js';
import { DEMO_SUPPLIER_PASSWORD, DEMO_SUPPLIERS, seedDemo, type DemoTenant } from './demo/index.js';
import { applyManifestFile, closePlatform, DEMO_PLATFORM_STAFF, demoManifestFiles, ensureDemoPlatformStaff, ensureFirstOperator, openPlatform } from './boot.js';
import { isEmbedded } from './core/config.js';
import { startJobWorker, stopJobWorker } from './core/jobs.js';
import { logger } from './core/logger.js';
import { attachRealtime, closeRealtime } from './core/realtime.js';
import { tenantUrl, platformUrl } from './core/tenancy.js';

const started = process.hrtime.bigint();
const config = await openPlatform({ migrate: isEmbedded() || process.env.MIGRATE_ON_START === 'on' });
const log = logger();

const operator = await ensureFirstOperator();
const demo: Array<{ slug: string; owner: string; password: string }> = [];
const demoTenants: DemoTenant[] = [];
if (config.seedDemo) {
  await ensureDemoPlatformStaff();
  for (const file of demoManifestFiles()) {
    const result = await applyManifestFile(file);
    const m = JSON.parse(readFileSync(file, 'utf8')) as Omit<DemoTenant, 'slug'>;
    demo.push({ slug: result.slug, owner: m.owner.email, password: m.owner.password });
    demoTenants.push({ ...m, slug: result.slug });
  }
}

const app = buildApp();
// the demo's suppliers, market, shops and trade, through the app's own routes (once: a later start finds them)
// a demo that could not finish is reported, not a reason to keep the platform down
const seeded = config.seedDemo
  ? await seedDemo(app, demoTenants, { port: config.port }).catch((err: unknown) => {
      log.error({ err }, 'demo seed failed; starting with what was seeded');
      return null;
    })
  : null;
const server = createServer(app);
server.keepAliveTimeout = 65_000;
attachRealtime(server);
if (config.workers.enabled) startJobWorker(config.workers.pollMs);

server.listen(config.port, () => {
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  log.info({ port: config.port, startupMs: Math.round(ms), rssMb: Math.round(process.memoryUsage().rss / 1048576) }, 'listening');
  const lines = [
    '',
    `  S2B2C commerce cloud is up in ${Math.round(ms)} ms (${config.databaseUrl ? 'MySQL' : 'SQLite'}, ${config.redisUrl ? 'Redis' : 'in-process cache'})`,
    `  Platform console:  ${platformUrl('/admin/')}   ${operator.email}${config.platformAdmin.fromEnv ? '' : ` / ${config.platformAdmin.password}`}`,
    ...(config.seedDemo ? DEMO_PLATFORM_STAFF.map((s) => `  Platform ${s.roleCode}:  ${platformUrl('/admin/')}   ${s.email} / ${s.password}`) : []),
    ...demo.map((d) => `  Shop ${d.slug}: ${tenantUrl(d.slug)}   console ${tenantUrl(d.slug, '/admin/')}   ${d.owner} / ${d.password}`),
    ...(config.seedDemo ? DEMO_SUPPLIERS.map((s) => `  Supplier ${s.key}:  ${platformUrl('/admin/')}   ${s.email} / ${DEMO_SUPPLIER_PASSWORD}  (${s.companyName})`) : []),
    ...(seeded?.seeded ? [`  Demo data seeded in ${seeded.ms} ms: ${seeded.products} products, ${seeded.trade?.orders} orders`] : []),
    `  API docs:          ${platformUrl('/api/docs')}`,
    '',
  ];
  if (config.env !== 'production' || config.seedDemo) process.stdout.write(lines.join('\n') + '\n');
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'shutting down');
  const force = setTimeout(() => process.exit(1), 15_000);
  force.unref();
  server.close();
  server.closeIdleConnections();
  await closeRealtime();
  await stopJobWorker();
  await closePlatform();
  log.info('stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
