/**
 * Summarises a V8 CPU profile (.cpuprofile, from node:inspector's Profiler) taken under load:
 * self time by package (node_modules/<pkg>, the app's server/src/<folder>, node core, GC, idle),
 * the top functions by self time, and the inclusive time of a few frames worth naming.
 */

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  busyMs: number;
  byPackage: Array<{ name: string; selfMs: number; busyPct: number }>;
  topFunctions: Array<{ fn: string; where: string; selfMs: number; busyPct: number }>;
  inclusive: Array<{ frame: string; ms: number; busyPct: number }>;
}

function packageOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (!url) {
    if (functionName === '(idle)') return '(idle)';
    if (functionName === '(garbage collector)') return '(gc)';
    if (functionName === '(program)') return '(program: native, not JS)';
    if (functionName === '(root)') return '(root)';
    return '(native builtins)';
  }
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + '/node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith('node:')) return 'node core';
  const src = url.indexOf('/server/src/');
  if (src >= 0) {
    const parts = url.slice(src + '/server/src/'.length).split('/');
    return `app: server/src/${parts.length > 1 ? parts.slice(0, parts[0] === 'modules' ? 2 : 1).join('/') : parts[0]}`;
  }
  if (url.includes('/scripts/bench/')) return 'bench harness';
  return url.replace(/^file:\/\//, '');
}

function shortUrl(url: string): string {
  if (!url) return '';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) return url.slice(nm + '/node_modules/'.length);
  const src = url.indexOf('/server/src/');
  if (src >= 0) return url.slice(src + 1);
  return url.replace(/^file:\/\//, '');
}

/**
 * Frames whose inclusive (synchronous) time is worth a line: [label, function name, url part].
 * Middleware is left out: express runs the rest of the chain inside each middleware's next(), so
 * their inclusive time would hold everything after them; their own cost shows as self time.
 */
export type NamedFrame = [label: string, functionName: string, urlPart: string];

/** The catalog read path's frames (the default). */
export const CATALOG_FRAMES: NamedFrame[] = [
  ['CASL abilityFor() (per request, twice: createContext + withTenant)', 'abilityFor', 'core/permissions'],
  ['zod parseInput()', 'parseInput', 'core/http'],
  ['sequelize Model.findAll (sync part)', 'findAll', 'sequelize/lib/model.js'],
  ['sequelize QueryGenerator.selectQuery', 'selectQuery', 'sequelize'],
  ['sequelize query result handling (mysql dialect formatResults)', 'formatResults', 'sequelize'],
  ['mysql2 packet parsing (Connection.handlePacket)', 'handlePacket', 'mysql2'],
  ['express res.json (stringify + send)', 'json', 'express/lib/response.js'],
  ['express ETag of every body (etag: sha1)', 'etag', 'etag/index.js'],
  ['ioredis (Redis tenant cache) sendCommand', 'sendCommand', 'ioredis'],
];

/** The order-placing path's frames (orders.ts). */
export const ORDER_FRAMES: NamedFrame[] = [
  ['CASL abilityFor() (createContext + withTenant + withActor)', 'abilityFor', 'core/permissions'],
  ['zod parseInput()', 'parseInput', 'core/http'],
  ['token HMAC check verifyToken()', 'verifyToken', 'core/auth/tokens'],
  ['sequelize Model.findAll (sync part)', 'findAll', 'sequelize/lib/model.js'],
  ['sequelize Model.create / save (sync part)', 'save', 'sequelize/lib/model.js'],
  ['sequelize Model.bulkCreate (sync part)', 'bulkCreate', 'sequelize/lib/model.js'],
  ['sequelize Model.update (static, sync part)', 'update', 'sequelize/lib/model.js'],
  ['sequelize QueryGenerator.selectQuery', 'selectQuery', 'sequelize'],
  ['sequelize QueryGenerator.insertQuery', 'insertQuery', 'sequelize'],
  ['sequelize QueryGenerator.updateQuery', 'updateQuery', 'sequelize'],
  ['sequelize query result handling (mysql dialect formatResults)', 'formatResults', 'sequelize'],
  ['sequelize transaction begin (Transaction.prepareEnvironment)', 'prepareEnvironment', 'sequelize/lib/transaction.js'],
  ['mysql2 packet parsing (Connection.handlePacket)', 'handlePacket', 'mysql2'],
  ['mysql2 query text formatting (Connection.format)', 'format', 'mysql2/lib'],
  ['the reply (sendReply: JSON.stringify + end)', 'sendReply', 'core/http'],
  ['access log line (accessLog)', 'accessLog', 'core/access-log'],
  ['ioredis (session cache) sendCommand', 'sendCommand', 'ioredis'],
  ['order view building (orderView)', 'orderView', 'modules/orders/views'],
];

export function summarizeProfile(profile: CpuProfile, named: NamedFrame[] = CATALOG_FRAMES): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

  const totalUs = [...self.values()].reduce((a, b) => a + b, 0);
  const idleUs = [...self].filter(([id]) => byId.get(id)!.callFrame.functionName === '(idle)').reduce((a, [, us]) => a + us, 0);
  const busyUs = totalUs - idleUs;
  const pct = (us: number) => Math.round((1000 * us) / busyUs) / 10;

  const pkg = new Map<string, number>();
  const fns = new Map<string, { fn: string; where: string; us: number }>();
  for (const [id, us] of self) {
    const f = byId.get(id)!.callFrame;
    const p = packageOf(f);
    if (p === '(idle)') continue;
    pkg.set(p, (pkg.get(p) ?? 0) + us);
    const key = `${f.functionName}|${f.url}|${f.lineNumber}`;
    const e = fns.get(key) ?? { fn: f.functionName || '(anonymous)', where: `${shortUrl(f.url)}:${f.lineNumber + 1}`, us: 0 };
    e.us += us;
    fns.set(key, e);
  }

  // inclusive time of named frames: each sample counts once per frame found on its stack
  const inclusive = new Map<string, number>();
  profile.samples.forEach((leaf, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    const seen = new Set<string>();
    for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id)!.callFrame;
      for (const [label, name, urlPart] of named) {
        if (!seen.has(label) && f.functionName === name && f.url.includes(urlPart)) {
          seen.add(label);
          inclusive.set(label, (inclusive.get(label) ?? 0) + us);
        }
      }
    }
  });

  return {
    totalMs: Math.round(totalUs / 1000),
    busyMs: Math.round(busyUs / 1000),
    byPackage: [...pkg].sort((a, b) => b[1] - a[1]).map(([name, us]) => ({ name, selfMs: Math.round(us / 1000), busyPct: pct(us) })),
    topFunctions: [...fns.values()].sort((a, b) => b.us - a.us).slice(0, 25).map((e) => ({ fn: e.fn, where: e.where, selfMs: Math.round(e.us / 1000), busyPct: pct(e.us) })),
    inclusive: named.map(([label]) => ({ frame: label, ms: Math.round((inclusive.get(label) ?? 0) / 1000), busyPct: pct(inclusive.get(label) ?? 0) })),
  };
}

/** The summary as the benchmarks print it. */
export function printProfile(summary: ProfileSummary): void {
  console.log('  self time by package:');
  for (const p of summary.byPackage.slice(0, 16)) console.log(`    ${p.name.padEnd(44)} ${String(p.busyPct).padStart(5)}%`);
  console.log('  top functions (self):');
  for (const f of summary.topFunctions.slice(0, 15)) console.log(`    ${String(f.busyPct).padStart(5)}%  ${f.fn}  ${f.where}`);
  console.log('  inclusive (synchronous) time of named frames:');
  for (const f of summary.inclusive) console.log(`    ${String(f.busyPct).padStart(5)}%  ${f.frame}`);
}
