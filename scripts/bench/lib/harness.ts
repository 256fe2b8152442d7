/**
 * The machinery every benchmark here shares (catalog.ts, orders.ts): servers in child processes
 * driven over IPC, wrk runs with a Lua script that prints one `BENCHJSON {...}` line, CPU and
 * memory of processes from /proc, MariaDB's global status counters, and the wait for a quiet
 * machine before each load run.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Redis } from 'ioredis';
import type { Connection } from 'mysql2/promise';
import { benchDir, projectRoot, serverEnv } from './env.js';

// ------------------------------------------------------------------ child processes

export interface Message {
  type: string;
  id?: number;
  [k: string]: unknown;
}

/** A server in its own node process (`lib/<file>` under tsx), asked for stats, profiles and its exit over IPC. */
export class Child<N extends string = string> {
  private seq = 0;
  private waiting = new Map<number, (m: Message) => void>();
  readonly pid: number;

  private constructor(
    readonly name: N,
    readonly port: number,
    private readonly proc: ChildProcess,
  ) {
    this.pid = proc.pid!;
    proc.on('message', (m: Message) => {
      if (m.id !== undefined) this.waiting.get(m.id)?.(m);
    });
  }

  /** `file` under lib/ or absolute; its output goes to results/logs/<logName>.log; it must send {type: 'ready'} once listening. */
  static async start<N extends string>(name: N, port: number, file: string, env: Record<string, string> = {}, logName: string = name): Promise<Child<N>> {
    const logDir = path.join(benchDir, 'results', 'logs');
    mkdirSync(logDir, { recursive: true });
    const log = openSync(path.join(logDir, `${logName}.log`), 'w');
    const proc = spawn(process.execPath, ['--import', 'tsx', path.isAbsolute(file) ? file : path.join(benchDir, 'lib', file)], {
      cwd: projectRoot,
      env: serverEnv({ PORT: String(port), ...env }),
      stdio: ['ignore', log, log, 'ipc'],
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name} did not start within 60 s`)), 60_000);
      proc.on('message', (m: Message) => {
        if (m.type === 'ready') {
          clearTimeout(timer);
          resolve();
        }
      });
      proc.on('exit', (code) => reject(new Error(`${name} exited with ${code} before it was ready`)));
    });
    return new Child(name, port, proc);
  }

  ask(cmd: string, extra: Record<string, unknown> = {}, timeoutMs = 60_000): Promise<Message> {
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name}: no answer to ${cmd}`)), timeoutMs);
      this.waiting.set(id, (m) => {
        clearTimeout(timer);
        this.waiting.delete(id);
        resolve(m);
      });
      this.proc.send({ cmd, id, ...extra });
    });
  }

  async stop(): Promise<void> {
    if (this.proc.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.proc.once('exit', () => resolve()));
    this.proc.send({ cmd: 'exit' });
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

// ------------------------------------------------------------------ one request

export interface Reply {
  status: number;
  body: string;
}

/** One HTTP request to a local port (no keep-alive), the body as text. */
export function request(port: number, method: string, urlPath: string, headers: Record<string, string>, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method, path: urlPath, headers: { ...headers, ...(body === undefined ? {} : { 'Content-Length': String(Buffer.byteLength(body)) }) }, agent: false },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.setTimeout(30_000, () => req.destroy(new Error(`timeout ${method} ${urlPath}`)));
    req.end(body);
  });
}

export function get(port: number, urlPath: string, host: string): Promise<Reply> {
  return request(port, 'GET', urlPath, { Host: host, Accept: 'application/json' });
}

// ------------------------------------------------------------------ processes and the machine

export const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** user + system CPU of a process, in ms. */
export function cpuMs(pid: number | null): number | null {
  if (!pid) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / CLK_TCK;
  } catch {
    return null;
  }
}

/** busy and total jiffies over all cores (/proc/stat). */
export function machineCpu(): { busy: number; total: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = f.reduce((a, b) => a + b, 0);
  const idle = (f[3] ?? 0) + (f[4] ?? 0);
  return { busy: total - idle, total };
}

export function memKb(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}
export const mb = (kb: number | null) => (kb === null ? null : Math.round(kb / 102.4) / 10);

export function pidOf(name: string): number | null {
  const r = spawnSync('pidof', [name], { encoding: 'utf8' });
  const pid = Number(r.stdout.trim().split(/\s+/)[0]);
  return Number.isFinite(pid) && pid > 0 ? pid : null;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Other work on the machine (a test suite, a build) skews a load run. Before each run, wait until
 * the machine is quiet (under 15% busy over a second, our children idle), at most 120 s.
 */
export async function waitQuiet(maxS = 120, belowPct = 15): Promise<{ waitedS: number; busyPct: number }> {
  const t0 = Date.now();
  for (;;) {
    const a = machineCpu();
    await sleep(1000);
    const b = machineCpu();
    const busyPct = Math.round(((b.busy - a.busy) / (b.total - a.total)) * 1000) / 10;
    const waitedS = Math.round((Date.now() - t0) / 1000);
    if (busyPct < belowPct || waitedS >= maxS) return { waitedS, busyPct };
  }
}

export function median(xs: number[]): number {
  const a = [...xs].sort((x, y) => x - y);
  const m = Math.floor(a.length / 2);
  return a.length % 2 ? a[m]! : Math.round(((a[m - 1]! + a[m]!) / 2) * 10) / 10;
}

// ------------------------------------------------------------------ wrk

export interface WrkResult {
  requests: number;
  duration_us: number;
  bytes: number;
  errors: { connect: number; read: number; write: number; status: number; timeout: number };
  latency_us: { mean: number; stdev: number; min: number; p50: number; p90: number; p99: number; max: number };
  /** CPU wrk itself used (ms), from its parent shell's cutime + cstime. */
  cpuMs: number;
}

export interface WrkOptions {
  port: number;
  path: string;
  seconds: number;
  connections: number;
  threads: number;
  /** A Lua script under lib/ (or an absolute path) whose done() prints `BENCHJSON {...}`. */
  script: string;
  /** Environment for the script (os.getenv). */
  env?: Record<string, string>;
  timeoutS?: number;
}

/**
 * wrk under a shell that prints its own /proc stat after waiting for wrk: cutime + cstime = wrk's
 * CPU. The script's BENCHJSON line is parsed as is: a script may add fields of its own (T).
 */
export function wrk<T extends object = object>(o: WrkOptions): Promise<WrkResult & T> {
  return new Promise((resolve, reject) => {
    const script = path.isAbsolute(o.script) ? o.script : path.join(benchDir, 'lib', o.script);
    const wrkArgs = [`-t${o.threads}`, `-c${o.connections}`, `-d${o.seconds}s`, '--timeout', `${o.timeoutS ?? 10}s`, '-s', script, `http://127.0.0.1:${o.port}${o.path}`];
    const proc = spawn('sh', ['-c', 'wrk "$@"; rc=$?; echo "SHSTAT $(cat /proc/$$/stat)"; exit $rc', 'sh', ...wrkArgs], {
      env: { ...process.env, ...(o.env ?? {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    proc.stdout.on('data', (d) => (out += d));
    proc.stderr.on('data', (d) => (err += d));
    proc.on('error', reject);
    proc.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('BENCHJSON '));
      if (code !== 0 || !line) return reject(new Error(`wrk failed (${code}): ${err || out}`));
      const stat = out.split('\n').find((l) => l.startsWith('SHSTAT ')) ?? '';
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cpu = ((Number(f[13]) + Number(f[14])) * 1000) / CLK_TCK;
      resolve({ ...(JSON.parse(line.slice('BENCHJSON '.length)) as Omit<WrkResult, 'cpuMs'> & T), cpuMs: Number.isFinite(cpu) ? cpu : 0 });
    });
  });
}

// ------------------------------------------------------------------ MariaDB

/** SHOW GLOBAL STATUS for some counters (server-wide: other clients count too). */
export async function globalStatus(conn: Connection, names: string[]): Promise<Record<string, number>> {
  const [rows] = (await conn.query(`SHOW GLOBAL STATUS WHERE Variable_name IN (?)`, [names])) as unknown as [Array<{ Variable_name: string; Value: string }>];
  return Object.fromEntries(rows.map((r) => [r.Variable_name, Number(r.Value)]));
}

/** The code measured: a commit, and whether server/ or migrations/ hold uncommitted changes. */
export function codeVersion(): { commit: string; uncommittedServerChanges: string[] } {
  // BENCH_CODE names the code when it is not a git work tree (e.g. a `git archive` snapshot)
  const commit = process.env.BENCH_CODE || spawnSync('git', ['-C', projectRoot, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout.trim() || 'unknown';
  const dirty = process.env.BENCH_CODE ? '' : spawnSync('git', ['-C', projectRoot, 'status', '--porcelain', '--', 'server', 'migrations'], { encoding: 'utf8' }).stdout.trim();
  return { commit, uncommittedServerChanges: dirty ? dirty.split('\n') : [] };
}

export async function redisCommandCount(redis: Redis): Promise<number> {
  const info = await redis.info('stats');
  return Number(/total_commands_processed:(\d+)/.exec(info)?.[1] ?? 0);
}

/** Stops the server children and closes the benchmark's own connections. */
export async function closeAll(children: Array<Child | undefined>, admin: Connection, redis: Redis): Promise<void> {
  await Promise.all(children.map((c) => c?.stop()));
  await admin.end();
  redis.disconnect();
}

export function runMain(main: () => Promise<void>): void {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}

/** Our server's memory over a run, in MB. */
export function rssReport(startKb: number | null, before: { rss: number | null }, after: { rss: number | null; peak: number | null }, afterEachLoadMb: Array<number | null>) {
  return { startMb: mb(startKb), beforeLoadMb: mb(before.rss), rightAfterEachLoadRunMb: afterEachLoadMb, afterAllRunsMb: mb(after.rss), peakMb: mb(after.peak) };
}

export function writeResults(file: string, results: object): void {
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  console.log(`results: ${path.relative(projectRoot, file)}`);
}
