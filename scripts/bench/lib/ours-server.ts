/**
 * Our real server for the benchmark: the app as main.ts builds it (openPlatform + buildApp() from
 * the sources, node:http server, keep-alive 65 s), with the environment catalog.ts passes
 * (NODE_ENV=production, LOG_LEVEL=warn, RATE_LIMITS=off, DATABASE_URL, REDIS_URL). Not started:
 * socket.io (unless BENCH_REALTIME=on: realtime.ts, see realtime-node.ts), the job worker (it polls the jobs table every second and would blur the statement
 * count), the first operator and demo tenants.
 *
 * Statements are counted by handing Sequelize a `logging` function (a counter; the SQL text only
 * while catalog.ts asks for it). Sequelize builds the log line whether or not a logger is set, so
 * the counter adds one function call per statement.
 */
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Session } from 'node:inspector/promises';
import { monitorEventLoopDelay, PerformanceObserver, constants as perf, type IntervalHistogram } from 'node:perf_hooks';

// BENCH_SERVER=built: the compiled server `npm start` runs (dist/, tsc's output), not the sources
// through tsx, whose transform wraps every function it creates in a naming helper: a real cost on
// a route that creates a few closures per request (flash-sale.ts asks for it)
const built = process.env.BENCH_SERVER === 'built';
if (built && process.env.BENCH_REALTIME === 'on') throw new Error('BENCH_SERVER=built: realtime-node.ts imports the sources; run realtime.ts on them');
const tree = built ? '../../../dist/server/src' : '../../../server/src';
const { buildApp } = (await import(`${tree}/app.js`)) as typeof import('../../../server/src/app.js');
const { closePlatform, openPlatform } = (await import(`${tree}/boot.js`)) as typeof import('../../../server/src/boot.js');
const { loadConfig } = (await import(`${tree}/core/config.js`)) as typeof import('../../../server/src/core/config.js');
const { openDatabase } = (await import(`${tree}/core/db/index.js`)) as typeof import('../../../server/src/core/db/index.js');

const config = loadConfig();
let statements = 0;
let captured: string[] | null = null;
// opened first with the counter; openPlatform then finds the database open and keeps this instance
await openDatabase(config, (sql: string) => {
  statements++;
  if (captured) captured.push(sql.replace(/^Executing \([^)]*\): /, ''));
});
await openPlatform({ config });

const app = buildApp();
const server = createServer(app);
server.keepAliveTimeout = 65_000;
// realtime.ts: core's socket.io on this server, and the commands it drives it with
if (process.env.BENCH_REALTIME === 'on') (await import('./realtime-node.js')).attachBenchRealtime(server);
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.({ type: 'ready', pid: process.pid }));

let session: Session | null = null;

// event loop delay and GC pauses over a measured run (catalog.ts: watch-start / watch-stop)
let eld: IntervalHistogram | null = null;
let gc: { count: number; totalMs: number; maxMs: number; majorCount: number; majorMs: number } | null = null;
const gcObserver = new PerformanceObserver((list) => {
  if (!gc) return;
  for (const e of list.getEntries()) {
    gc.count++;
    gc.totalMs += e.duration;
    gc.maxMs = Math.max(gc.maxMs, e.duration);
    if (((e as unknown as { detail?: { kind?: number } }).detail)?.kind === perf.NODE_PERFORMANCE_GC_MAJOR) {
      gc.majorCount++;
      gc.majorMs += e.duration;
    }
  }
});
gcObserver.observe({ entryTypes: ['gc'] });
const r1 = (n: number) => Math.round(n * 10) / 10;

process.on('message', async (m: { cmd: string; id?: number; file?: string }) => {
  switch (m.cmd) {
    case 'stats':
      process.send?.({ type: 'stats', id: m.id, statements, rss: process.memoryUsage().rss });
      break;
    case 'capture-start':
      captured = [];
      process.send?.({ type: 'ok', id: m.id });
      break;
    case 'capture-stop':
      process.send?.({ type: 'captured', id: m.id, sql: captured ?? [] });
      captured = null;
      break;
    case 'watch-start':
      eld = monitorEventLoopDelay({ resolution: 5 });
      eld.enable();
      gc = { count: 0, totalMs: 0, maxMs: 0, majorCount: 0, majorMs: 0 };
      process.send?.({ type: 'ok', id: m.id });
      break;
    case 'watch-stop': {
      eld?.disable();
      const h = eld!;
      const g = gc!;
      process.send?.({
        type: 'watched',
        id: m.id,
        eventLoopDelayMs: { p50: r1(h.percentile(50) / 1e6), p99: r1(h.percentile(99) / 1e6), max: r1(h.max / 1e6) },
        gc: { count: g.count, totalMs: Math.round(g.totalMs), maxMs: r1(g.maxMs), majorCount: g.majorCount, majorMs: Math.round(g.majorMs) },
      });
      eld = null;
      gc = null;
      break;
    }
    // a CPU profile of this process between two commands (catalog.ts's profile phase only)
    case 'profile-start':
      session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 200 });
      await session.post('Profiler.start');
      process.send?.({ type: 'ok', id: m.id });
      break;
    case 'profile-stop': {
      const { profile } = await session!.post('Profiler.stop');
      session!.disconnect();
      session = null;
      writeFileSync(m.file!, JSON.stringify(profile));
      process.send?.({ type: 'ok', id: m.id });
      break;
    }
    case 'exit':
      server.close();
      server.closeAllConnections();
      setTimeout(() => process.exit(0), 2000).unref();
      void closePlatform().finally(() => process.exit(0));
      break;
  }
});
