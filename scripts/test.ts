/**
 * `npm test`: the mocha suite on both columns of the infrastructure table.
 *
 *   pass "embedded"  SQLite in a fresh DATA_DIR, in-process cache (DATABASE_URL, REDIS_URL unset)
 *   pass "engines"   DATABASE_URL=$TEST_MYSQL_URL, REDIS_URL=$TEST_REDIS_URL; only when
 *                    TEST_MYSQL_URL is set (tests needing MySQL/Redis are pending in "embedded")
 *
 * Arguments after `npm test --` go to mocha (`npm test -- test/core/http.test.ts`, `-- --grep x`).
 * Each pass is bounded by TEST_PASS_TIMEOUT_MINUTES (default 20). The last line printed is
 * `N passed, N failed` over all passes; a pass that ends without its summary counts as 1 failed.
 * When Chromium is present, the web build is refreshed first so browser tests see current code.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface Summary {
  passes: number;
  failures: number;
  pending: number;
}

interface PassResult {
  name: string;
  summary: Summary;
  ok: boolean;
  note: string;
}

function findRoot(start: string): string {
  for (let dir = start; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, '.mocharc.json'))) return dir;
  }
  throw new Error(`no package.json with .mocharc.json above ${start}`);
}

const root = findRoot(path.dirname(fileURLToPath(import.meta.url)));
const mochaBin = path.join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');
const reporter = path.join(root, 'test', 'support', 'summary-reporter.cjs');
const passTimeoutMs = Number(process.env.TEST_PASS_TIMEOUT_MINUTES ?? 20) * 60_000;
const runDir = mkdtempSync(path.join(os.tmpdir(), 's2b2c-test-run-'));
const log = (line: string): void => void process.stdout.write(`[test] ${line}\n`);

/** Newest modification time of the files under dir (node_modules and dot-folders skipped). */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Rebuilds dist/web when browser tests can run and the build is missing or stale. */
function buildWebIfNeeded(): PassResult | undefined {
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(chromium)) return void log(`web build: skipped (no Chromium at ${chromium})`);
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const script = pkg.scripts?.['build:web'];
  const configs = [...(script ?? '').matchAll(/--config\s+(\S+)/g)].map((m) => m[1] ?? '');
  if (!script || configs.some((c) => !existsSync(path.join(root, c)))) {
    return void log('web build: skipped (no build:web script or web sources yet)');
  }
  const built = ['admin', 'shop'].map((app) => path.join(root, 'dist', 'web', app, 'index.html'));
  const builtAt = Math.min(...built.map((f) => (existsSync(f) ? statSync(f).mtimeMs : 0)));
  if (builtAt >= newestMtime(path.join(root, 'web'))) return void log('web build: up to date');
  log('web build: npm run build:web');
  const started = Date.now();
  const r = spawnSync('npm', ['run', 'build:web'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status === 0) return void log(`web build: done in ${seconds} s`);
  return { name: 'web build', summary: { passes: 0, failures: 1, pending: 0 }, ok: false, note: `npm run build:web failed (exit ${r.status ?? r.signal}) after ${seconds} s` };
}

/** mocha adds the config's spec to the ones given on the command line; a given spec replaces it. */
function specOverride(args: string[]): string[] {
  const takesValue = new Set(['-g', '--grep', '-f', '--fgrep', '-t', '--timeout', '-R', '--reporter', '-O', '--reporter-option', '-r', '--require', '-u', '--ui', '-s', '--slow', '--retries', '-j', '--jobs', '--ignore', '--exclude', '--file', '--extension', '--config']);
  const given = args.some((a, i) => !a.startsWith('-') && !takesValue.has(args[i - 1] ?? '') && (existsSync(a) || /[*?{]/.test(a)));
  if (!given) return [];
  const rc = JSON.parse(readFileSync(path.join(root, '.mocharc.json'), 'utf8')) as Record<string, unknown>;
  delete rc.spec;
  const file = path.join(runDir, 'mocharc.json');
  writeFileSync(file, JSON.stringify(rc));
  return ['--config', file];
}

function runPass(name: string, extraEnv: Record<string, string>, args: string[]): PassResult {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `s2b2c-test-${name}-`));
  const summaryFile = path.join(runDir, `${name}.json`);
  Object.assign(env, { NODE_ENV: 'test', TEST_PROFILE: name, DATA_DIR: dataDir, TEST_SUMMARY_FILE: summaryFile }, extraEnv);
  const engines = [env.DATABASE_URL ? 'MySQL' : 'SQLite', env.REDIS_URL ? 'Redis' : 'in-process cache'].join(' + ');
  log(`pass ${name}: ${engines}, DATA_DIR=${dataDir}`);

  const started = Date.now();
  const r = spawnSync(process.execPath, [mochaBin, '--reporter', reporter, ...specOverride(args), ...args], {
    cwd: root,
    env,
    stdio: 'inherit',
    timeout: passTimeoutMs,
    killSignal: 'SIGINT', // mocha's launcher forwards SIGINT/SIGTERM to its worker process
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  rmSync(dataDir, { recursive: true, force: true });

  const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  const exit = timedOut ? `timed out after ${passTimeoutMs / 60_000} min` : r.error ? String(r.error) : `exit ${r.status ?? r.signal}`;
  let summary: Summary | undefined;
  if (existsSync(summaryFile)) summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as Summary;
  if (!summary) {
    return { name, summary: { passes: 0, failures: 1, pending: 0 }, ok: false, note: `mocha ended without a summary (${exit}, ${seconds} s): counted as 1 failed` };
  }
  return { name, summary, ok: r.status === 0 && !r.error, note: `${exit}, ${seconds} s` };
}

const args = process.argv.slice(2);
const results: PassResult[] = [];
const webBuild = buildWebIfNeeded();
if (webBuild) results.push(webBuild);

results.push(runPass('embedded', {}, args));
const mysqlUrl = process.env.TEST_MYSQL_URL;
if (mysqlUrl) {
  const redisUrl = process.env.TEST_REDIS_URL;
  results.push(runPass('engines', { DATABASE_URL: mysqlUrl, ...(redisUrl ? { REDIS_URL: redisUrl } : {}) }, args));
} else {
  log('pass engines: skipped, TEST_MYSQL_URL is not set (tests needing MySQL/Redis were reported pending in the embedded pass)');
}
rmSync(runDir, { recursive: true, force: true });

const total: Summary = { passes: 0, failures: 0, pending: 0 };
process.stdout.write('\n');
for (const r of results) {
  total.passes += r.summary.passes;
  total.failures += r.summary.failures;
  total.pending += r.summary.pending;
  log(`${r.name}: ${r.summary.passes} passed, ${r.summary.failures} failed, ${r.summary.pending} pending (${r.note})`);
}
if (!mysqlUrl) log('engines: skipped (TEST_MYSQL_URL not set)');
process.stdout.write(`pending: ${total.pending}\n`);
process.exitCode = total.failures > 0 || results.some((r) => !r.ok) ? 1 : 0;
process.stdout.write(`${total.passes} passed, ${total.failures} failed\n`);
