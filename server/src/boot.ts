/**
 * Opening the platform's parts, shared by the server, the worker, the scripts and the tests: the
 * modules (installed here, once per process: this is the composition root), configuration,
 * database (and, when asked, migrations), cache, the first operator, the demo tenants.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { closeCache, openCache } from './core/cache.js';
import { config, loadConfig, useConfig, type Config } from './core/config.js';
import { systemContext, runInContext } from './core/context.js';
import { closeDatabase, migrateUp, openDatabase } from './core/db/index.js';
import { installModules } from './core/install.js';
import { logger } from './core/logger.js';
import { projectRoot } from './core/paths.js';
import { flushTallies } from './core/tally.js';
import { ensurePlatformAdmin, ensurePlatformUser } from './modules/accounts/index.js';
import { modules } from './modules/index.js';
import { applyManifest, type ApplyResult } from './modules/merchants/index.js';

export interface BootOptions {
  migrate?: boolean;
  config?: Config;
}

export async function openPlatform(options: BootOptions = {}): Promise<Config> {
  const c = options.config ?? loadConfig();
  useConfig(c);
  installModules(modules);
  await openDatabase(c);
  openCache(c.redisUrl);
  if (options.migrate) {
    const ran = await migrateUp((await import('./core/db/index.js')).db());
    if (ran.length) logger().info({ migrations: ran }, 'migrations applied');
  }
  return c;
}

export async function closePlatform(): Promise<void> {
  await flushTallies().catch(() => undefined);
  await closeCache();
  await closeDatabase();
}

export async function ensureFirstOperator(): Promise<{ email: string; created: boolean }> {
  const c = config();
  const ctx = systemContext('boot');
  const { created } = await runInContext(ctx, () => ensurePlatformAdmin(ctx, c.platformAdmin.email, c.platformAdmin.password));
  return { email: c.platformAdmin.email, created };
}

/** Demo operators with narrower roles than the first one, so a newcomer can see what each role may do. */
export const DEMO_PLATFORM_STAFF = [
  { email: 'reviewer@platform.local', name: '审核员 小李', password: 'Review#2026', roleCode: 'reviewer' },
  { email: 'finance@platform.local', name: '财务 小张', password: 'Finance#2026', roleCode: 'finance' },
] as const;

export async function ensureDemoPlatformStaff(): Promise<void> {
  const ctx = systemContext('boot');
  await runInContext(ctx, async () => {
    for (const staff of DEMO_PLATFORM_STAFF) await ensurePlatformUser(ctx, staff);
  });
}

export function demoManifestFiles(): string[] {
  const dir = path.join(projectRoot, 'tenants');
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  // brand owners first: their distributors name them as parent
  const manifests = files.map((f) => ({ f, m: JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as { parent?: string | null } }));
  return [...manifests.filter((x) => !x.m.parent), ...manifests.filter((x) => x.m.parent)].map((x) => path.join(dir, x.f));
}

export async function applyManifestFile(file: string): Promise<ApplyResult> {
  const ctx = systemContext('tenant-apply');
  return runInContext(ctx, () => applyManifest(ctx, JSON.parse(readFileSync(file, 'utf8'))));
}
