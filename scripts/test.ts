/**
 * `npm test`: the mocha suite on both columns of the infrastructure table.
 *
 *   pass "embedded"  SQLite in a fresh DATA_DIR, in-process cache (DATABASE_URL, REDIS_URL unset)
 *   pass "engines"   DATABASE_URL=$TEST_MYSQL_URL, REDIS_URL=$TEST_REDIS_URL; only when
 *                    TEST_MYSQL_URL is set (tests needing MySQL/Redis are pending in "embedded")
 *
 * Each pass runs in parallel workers (TEST_WORKERS, default the number of CPUs, at least 2 and at
 * most 8; never more than there are spec files), each a mocha process with a share of the spec files
 * (scripts/test/shards.ts) and engines of its own (scripts/test/worker-engines.ts): its own
 * DATA_DIR, MySQL database `<db>_w<n>` and Redis logical database. A worker's output is printed
 * whole when it ends, so reports do not interleave; with one worker it streams as it runs.
 *
 * Arguments after `npm test --` go to mocha (`npm test -- test/core/http.test.ts`, `-- --grep x`);
 * the spec files they name are the ones dealt out. Each worker is bounded by
 * TEST_PASS_TIMEOUT_MINUTES (default 20). The last line printed is `N passed, N failed` over all
 * passes and workers; a worker that ends without its summary counts as 1 failed.
 * When Chromium is present, the web build is refreshed first so browser tests see current code.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readDurations, recordDurations, shard, specFiles, splitArgs } from './test/shards.js';
import { EngineSetupError, workerEngines, type WorkerEngines } from './test/worker-engines.js';

interface Summary {
  passes: number;
  failures: number;
  pending: number;
  /** Milliseconds per spec file (absolute paths), as the reporter timed them. */
  files?: Record<string, number>;
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

/**
 * Newest modification time of the files under dir (node_modules, dot-folders and the mini-program,
 * which the web build does not include, skipped).
 */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'miniprogram' || entry.name.startsWith('.')) continue;
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

/** mocha adds the config's spec to the ones given on the command line: a worker's files replace it. */
function configWithoutSpec(): string {
  const rc = JSON.parse(readFileSync(path.join(root, '.mocharc.json'), 'utf8')) as Record<string, unknown>;
  delete rc.spec;
  const file = path.join(runDir, 'mocharc.json');
  writeFileSync(file, JSON.stringify(rc));
  return file;
}

const rc = JSON.parse(readFileSync(path.join(root, '.mocharc.json'), 'utf8')) as { spec?: string[]; extension?: string[] };
const durationsFile = path.join(root, '.test-durations.json');

function workerCount(): number {
  const given = process.env.TEST_WORKERS;
  // at most 8 by default: each worker holds a whole app (about 450 MB) and a Redis database of 16
  if (given === undefined || given === '') return Math.min(8, Math.max(2, os.availableParallelism()));
  const n = Number(given);
  if (!Number.isInteger(n) || n < 1) throw new EngineSetupError(`TEST_WORKERS must be a whole number of at least 1, not ${given}`);
  return n;
}

interface WorkerResult {
  summary: Summary | undefined;
  exit: string;
  ok: boolean;
  seconds: number;
}

/** One mocha process over some spec files; its output goes to `logFile`, or to the terminal when null. */
function runWorker(args: string[], env: NodeJS.ProcessEnv, summaryFile: string, logFile: string | null): Promise<WorkerResult> {
  const started = Date.now();
  const out = logFile ? createWriteStream(logFile) : null;
  const child = spawn(process.execPath, [mochaBin, '--reporter', reporter, ...args], { cwd: root, env, stdio: out ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
  child.stdout?.pipe(out!, { end: false });
  child.stderr?.pipe(out!, { end: false });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGINT'); // mocha's launcher forwards SIGINT/SIGTERM to its worker process
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  }, passTimeoutMs);
  return new Promise((resolve) => {
    child.on('close', async (code, signal) => {
      clearTimeout(timer);
      if (out) await new Promise<void>((done) => out.end(done));
      const seconds = (Date.now() - started) / 1000;
      const exit = timedOut ? `timed out after ${passTimeoutMs / 60_000} min` : `exit ${code ?? signal}`;
      const summary = existsSync(summaryFile) ? (JSON.parse(readFileSync(summaryFile, 'utf8')) as Summary) : undefined;
      resolve({ summary, exit, ok: code === 0 && !timedOut, seconds });
    });
    child.on('error', (err) => resolve({ summary: undefined, exit: String(err), ok: false, seconds: (Date.now() - started) / 1000 }));
  });
}

async function runPass(name: string, engines: { mysqlUrl?: string; redisUrl?: string }, args: string[]): Promise<PassResult> {
  const { specs, options } = splitArgs(args);
  const files = specFiles(root, specs.length ? specs : (rc.spec ?? []), (rc.extension ?? ['.js'])[0]!.replace(/^\.?/, '.'));
  const shards = files.length ? shard(root, files, workerCount(), readDurations(durationsFile)[name]) : [[]];
  const perWorker = await workerEngines(engines.mysqlUrl, engines.redisUrl, shards.length);
  const kinds = [engines.mysqlUrl ? 'MySQL' : 'SQLite', engines.redisUrl ? 'Redis' : 'in-process cache'].join(' + ');
  log(`pass ${name}: ${kinds}, ${files.length} spec files in ${shards.length} worker${shards.length > 1 ? 's' : ''}`);

  const noSpec = files.length ? ['--config', configWithoutSpec()] : [];
  const started = Date.now();
  const results = await Promise.all(
    shards.map(async (shardFiles, i) => {
      const worker = `${name} worker ${i + 1}/${shards.length}`;
      const dataDir = mkdtempSync(path.join(os.tmpdir(), `s2b2c-test-${name}-w${i + 1}-`));
      const summaryFile = path.join(runDir, `${name}-w${i + 1}.json`);
      const env: NodeJS.ProcessEnv = { ...process.env };
      delete env.DATABASE_URL;
      delete env.REDIS_URL;
      Object.assign(env, { NODE_ENV: 'test', TEST_PROFILE: name, TEST_WORKER: String(i + 1), DATA_DIR: dataDir, TEST_SUMMARY_FILE: summaryFile }, perWorker[i] satisfies WorkerEngines);
      const where = [perWorker[i]!.DATABASE_URL && new URL(perWorker[i]!.DATABASE_URL!).pathname.slice(1), perWorker[i]!.REDIS_URL && `redis db ${new URL(perWorker[i]!.REDIS_URL!).pathname.slice(1) || 0}`, `DATA_DIR=${dataDir}`].filter(Boolean).join(', ');
      if (shards.length > 1) log(`${worker}: ${shardFiles.length} files (${where})`);
      else log(`${worker}: ${where}`);
      const logFile = shards.length > 1 ? path.join(runDir, `${name}-w${i + 1}.log`) : null;
      const r = await runWorker([...noSpec, ...options, ...shardFiles], env, summaryFile, logFile);
      rmSync(dataDir, { recursive: true, force: true });
      if (logFile) {
        process.stdout.write(`\n[test] ---- ${worker}: ${shardFiles.join(' ')}\n`);
        process.stdout.write(readFileSync(logFile, 'utf8'));
        log(`---- ${worker} ended (${r.exit}, ${r.seconds.toFixed(1)} s)`);
      }
      return { worker, ...r };
    }),
  );
  const seconds = ((Date.now() - started) / 1000).toFixed(1);

  const summary: Summary = { passes: 0, failures: 0, pending: 0 };
  const times: Record<string, number> = {};
  const notes: string[] = [];
  for (const r of results) {
    if (!r.summary) {
      summary.failures += 1;
      notes.push(`${r.worker} ended without a summary (${r.exit}, ${r.seconds.toFixed(1)} s): counted as 1 failed`);
      continue;
    }
    summary.passes += r.summary.passes;
    summary.failures += r.summary.failures;
    summary.pending += r.summary.pending;
    for (const [file, ms] of Object.entries(r.summary.files ?? {})) times[path.relative(root, file)] = ms;
    if (!r.ok) notes.push(`${r.worker}: ${r.exit}`);
  }
  // a filtered run times only some of each file's tests: keep the full runs' times
  if (!options.some((o) => /^(-g|--grep|-f|--fgrep|--invert)(=|$)/.test(o))) recordDurations(durationsFile, name, times);
  const workers = results.map((r) => r.seconds.toFixed(0)).join(' / ');
  return { name, summary, ok: results.every((r) => r.ok && r.summary), note: `${seconds} s wall, workers ${workers} s${notes.length ? `; ${notes.join('; ')}` : ''}` };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const results: PassResult[] = [];
  const webBuild = buildWebIfNeeded();
  if (webBuild) results.push(webBuild);

  const mysqlUrl = process.env.TEST_MYSQL_URL;
  const redisUrl = process.env.TEST_REDIS_URL;
  try {
    results.push(await runPass('embedded', {}, args));
    if (mysqlUrl) results.push(await runPass('engines', { mysqlUrl, ...(redisUrl ? { redisUrl } : {}) }, args));
    else log('pass engines: skipped, TEST_MYSQL_URL is not set (tests needing MySQL/Redis were reported pending in the embedded pass)');
  } catch (err) {
    if (!(err instanceof EngineSetupError)) throw err;
    process.stderr.write(`[test] ERROR: ${err.message}\n`);
    results.push({ name: 'setup', summary: { passes: 0, failures: 1, pending: 0 }, ok: false, note: 'the workers\' engines could not be prepared (above)' });
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
}

await main();
