/**
 * The storefront's and the console's first load on a slow phone, measured in Chromium:
 *
 *   1. starts our server in this process from the sources, on SQLite in a throwaway DATA_DIR, with
 *      the built web (`npm run build:web` first) and the demo tenant `acme` (tenants/acme.json);
 *   2. seeds a supplier with a dozen approved products, each with an 800x800 PNG product shot
 *      (~220 KB, generated with sharp: gradients, a shape, a little grain) uploaded through
 *      `POST /uploads`, and imports them into acme, so the home grid is what a real shop shows;
 *   3. loads `http://acme.localhost:<port>/` (the storefront home) and `/admin/` on the same host
 *      (the console's sign-in page) in a fresh browser context each time (empty cache, service
 *      workers blocked so every byte is counted on the page's own network log), at a phone's
 *      viewport with Chrome DevTools' slow-4G-like profile: 1.6 Mbps down, 750 Kbps up, 150 ms
 *      round trip (`Network.emulateNetworkConditions`) and a 4x slower CPU
 *      (`Emulation.setCPUThrottlingRate`);
 *   4. reports per page the requests, the bytes transferred (encoded, headers included) before
 *      images and in all, the largest contentful paint (PerformanceObserver
 *      `largest-contentful-paint`, and what it painted), the first contentful paint; the median of
 *      `--runs` loads (3 by default);
 *   5. prints a markdown table and appends it, with the date and the commit, to
 *      scripts/bench/results/storefront-load.md under the heading given by `--label`.
 *
 *   npm run build:web && npx tsx scripts/bench/storefront-load.ts --label before
 *   options: --runs 3 --label <name> --no-save --keep-open (prints the URLs and waits)
 *            --waterfall (prints each request's start, end, type, bytes and URL) --cpu 4 (the slowdown)
 *            BENCH_PROFILE=1 prints where the page's main thread spent its time (V8 CPU profile)
 *
 * The CPU slowdown multiplies whatever the machine gives Chromium: on a machine shared with other
 * work the paints come later than on a quiet one, so the table records the load average too.
 */
import { execSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchDir, projectRoot } from './lib/env.js';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    label: { type: 'string', default: 'run' },
    'no-save': { type: 'boolean', default: false },
    'keep-open': { type: 'boolean', default: false },
    waterfall: { type: 'boolean', default: false },
    cpu: { type: 'string', default: '4' },
  },
});
const RUNS = Number(args.runs);
const PRODUCTS = 12;

/** Chrome DevTools' "slow 4G"-like profile of the issue: bytes per second and milliseconds. */
const NETWORK = { offline: false, downloadThroughput: (1.6 * 1_000_000) / 8, uploadThroughput: (750 * 1000) / 8, latency: 150 };
const CPU_SLOWDOWN = Number(args.cpu);
const PHONE = { width: 390, height: 844 };
const PHONE_UA = 'Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36';

// ------------------------------------------------------------------ the server, before anything reads its configuration

Object.assign(process.env, {
  NODE_ENV: 'development',
  DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 's2b2c-storefront-load-')),
  PLATFORM_DOMAIN: 'localhost',
  LOG_LEVEL: 'warn',
  RATE_LIMITS: 'off',
  SEED_DEMO: 'off',
  WORKERS: 'off',
});
delete process.env.DATABASE_URL;
delete process.env.REDIS_URL;
delete process.env.OSS_BUCKET;

if (!existsSync(path.join(projectRoot, 'dist/web/shop/index.html'))) throw new Error('the web is not built: npm run build:web');

const { buildApp } = await import('../../server/src/app.js');
const { applyManifestFile, closePlatform, ensureFirstOperator, openPlatform } = await import('../../server/src/boot.js');
const { config } = await import('../../server/src/core/config.js');
const { attachRealtime, closeRealtime } = await import('../../server/src/core/realtime.js');
const { creditCodeCheckChar } = await import('../../server/src/modules/suppliers/index.js');
const { chromium } = await import('playwright-core');
const sharp = (await import('sharp')).default;

await openPlatform({ migrate: true });
await ensureFirstOperator();
await applyManifestFile(path.join(projectRoot, 'tenants/acme.json'));
const httpServer = createServer(buildApp());
attachRealtime(httpServer);
await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
const port = (httpServer.address() as AddressInfo).port;
const shopHost = `acme.localhost:${port}`;

// ------------------------------------------------------------------ seeding through the API, as people would

/** One API call with the Host that names the tenant (fetch will not send a Host of our choosing). */
async function call<T>(host: string, method: string, urlPath: string, body?: unknown, token?: string): Promise<T> {
  const headers: Record<string, string> = { Host: host };
  if (token) headers.Authorization = `Bearer ${token}`;
  let payload = Buffer.alloc(0);
  if (body !== undefined) {
    const encoded = new Request('http://encode.local/', { method: 'POST', body: body instanceof FormData ? body : JSON.stringify(body), headers: body instanceof FormData ? {} : { 'Content-Type': 'application/json' } });
    payload = Buffer.from(await encoded.arrayBuffer());
    headers['Content-Type'] = encoded.headers.get('content-type')!;
  }
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path: `/api/v1${urlPath}`, headers: { ...headers, 'Content-Length': String(payload.length) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(payload);
  });
  if (status >= 400) throw new Error(`${method} ${urlPath}: ${status} ${text}`);
  return JSON.parse(text) as T;
}

/** An 800x800 product shot as a merchant's camera leaves it: gradients, a shape, a label, sparse grain. */
async function productShot(i: number): Promise<Buffer> {
  const hue = (i * 37) % 360;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="800">
    <defs><radialGradient id="g" cx="40%" cy="35%" r="75%"><stop offset="0" stop-color="hsl(${hue},70%,88%)"/><stop offset="1" stop-color="hsl(${hue + 40},55%,35%)"/></radialGradient>
    <linearGradient id="b" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue + 180},60%,70%)"/><stop offset="1" stop-color="hsl(${hue + 200},60%,30%)"/></linearGradient></defs>
    <rect width="800" height="800" fill="url(#g)"/><ellipse cx="400" cy="640" rx="260" ry="50" fill="rgba(0,0,0,.25)"/>
    <rect x="250" y="200" width="300" height="430" rx="40" fill="url(#b)"/><circle cx="400" cy="330" r="80" fill="rgba(255,255,255,.5)"/>
    <text x="400" y="560" font-size="64" text-anchor="middle" fill="#fff" font-family="sans-serif">No. ${i + 1}</text></svg>`;
  const { data, info } = await sharp(Buffer.from(svg)).raw().toBuffer({ resolveWithObject: true });
  let seed = 12345 + i;
  for (let k = 0; k < data.length; k++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    if ((seed >> 16) % 50 === 0) data[k] = Math.min(255, data[k]! + 6);
  }
  return sharp(data, { raw: info }).png().toBuffer();
}

const TITLES = ['明前龙井 250g', '安吉白茶礼盒', '云南普洱熟茶饼', '武夷山大红袍', '福鼎白牡丹', '正山小种红茶', '景德镇青花茶具', '竹制茶盘', '手工紫砂壶', '便携旅行茶具', '玻璃公道杯', '桂花乌龙茶'];

async function seedCatalog(): Promise<void> {
  const c = config();
  const operator = await call<{ token: string }>('localhost', 'POST', '/platform/auth/login', { email: c.platformAdmin.email, password: c.platformAdmin.password });
  const licenseBody = '91330100MA2B3C4D5';
  const applied = await call<{ token: string; supplier: { id: number } }>('localhost', 'POST', '/suppliers/apply', {
    companyName: '杭州好茶供应链有限公司', licenseNo: licenseBody + creditCodeCheckChar(licenseBody), contactName: '王茶', email: 'tea@supplier.bench', password: 'Supply#2026',
  });
  await call('localhost', 'POST', `/platform/suppliers/${applied.supplier.id}/approve`, {}, operator.token);
  const supplier = applied.token;
  await call('localhost', 'POST', '/supplier/warehouses', { name: '杭州仓', province: '浙江省', city: '杭州市', address: '余杭区 1 号' }, supplier);
  const owner = await call<{ token: string }>(shopHost, 'POST', '/admin/auth/login', { email: 'owner@acme.test', password: 'Acme#2026' });
  for (let i = 0; i < PRODUCTS; i++) {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await productShot(i))], { type: 'image/png' }), `shot-${i}.png`);
    const image = await call<{ url: string }>('localhost', 'POST', '/uploads', form, supplier);
    const price = 3900 + i * 1000;
    const product = await call<{ id: number }>('localhost', 'POST', '/supplier/products', {
      title: TITLES[i % TITLES.length], images: [image.url],
      skus: [{ specs: { 规格: '标准装' }, supplyPrice: price, suggestedPrice: Math.round(price * 1.6), stock: 200 }],
    }, supplier);
    await call('localhost', 'POST', `/platform/products/${product.id}/approve`, {}, operator.token);
    await call(shopHost, 'POST', `/admin/market/products/${product.id}/import`, { markupPercent: 60 }, owner.token);
  }
}

// ------------------------------------------------------------------ one page load on the slow phone

interface Load {
  requests: number;
  bytesBeforeImages: number;
  bytesTotal: number;
  images: number;
  lcpMs: number;
  lcpWhat: string;
  fcpMs: number;
}

async function loadOnce(browser: import('playwright-core').Browser, url: string, ready: string): Promise<Load> {
  const context = await browser.newContext({ viewport: PHONE, userAgent: PHONE_UA, isMobile: true, hasTouch: true, deviceScaleFactor: 3, serviceWorkers: 'block' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', NETWORK);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  const types = new Map<string, string>();
  const sizes = new Map<string, number>();
  const inFlight = new Set<string>();
  const timing = new Map<string, { url: string; start: number; end?: number }>();
  const t0 = Date.now();
  let lastActivity = Date.now();
  cdp.on('Network.requestWillBeSent', (e) => {
    types.set(e.requestId, e.type ?? 'Other');
    timing.set(e.requestId, { url: e.request.url.replace(/^https?:\/\/[^/]+/, ''), start: Date.now() - t0 });
    inFlight.add(e.requestId);
    lastActivity = Date.now();
  });
  cdp.on('Network.loadingFinished', (e) => {
    sizes.set(e.requestId, e.encodedDataLength);
    const t = timing.get(e.requestId);
    if (t) t.end = Date.now() - t0;
    inFlight.delete(e.requestId);
    lastActivity = Date.now();
  });
  cdp.on('Network.loadingFailed', (e) => {
    inFlight.delete(e.requestId);
    lastActivity = Date.now();
  });
  if (process.env.BENCH_PROFILE) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  await page.locator(ready).first().waitFor({ timeout: 120_000 });
  // settled: nothing in flight for 2 s once the page shows what it is for (playwright's networkidle
  // answers at once when an earlier pause, before the images were asked for, already counted as idle)
  const deadline = Date.now() + 120_000;
  while ((inFlight.size || Date.now() - lastActivity < 2000) && Date.now() < deadline) await page.waitForTimeout(100);
  const paints = await page.evaluate(
    () =>
      new Promise<{ lcp: number; what: string; fcp: number }>((resolve) => {
        const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0;
        new PerformanceObserver((list) => {
          const last = list.getEntries().at(-1) as unknown as { startTime: number; url?: string; element?: { tagName: string; textContent: string | null } | null };
          const el = last.element;
          const what = el ? `${el.tagName.toLowerCase()}${last.url ? ` ${last.url.replace(/^https?:\/\/[^/]+/, '')}` : ` "${(el.textContent ?? '').trim().slice(0, 24)}"`}` : '';
          resolve({ lcp: last.startTime, what, fcp });
        }).observe({ type: 'largest-contentful-paint' as 'mark', buffered: true });
      }),
  );
  if (process.env.BENCH_PROFILE) {
    const { profile } = await cdp.send('Profiler.stop');
    const self = new Map<string, number>();
    const dt = new Map<number, number>();
    profile.samples?.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas?.[i] ?? 0)));
    for (const n of profile.nodes) {
      const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/^.*\//, '')}:${n.callFrame.lineNumber}`;
      self.set(key, (self.get(key) ?? 0) + (dt.get(n.id) ?? 0));
    }
    const byFile = new Map<string, number>();
    for (const [k, v] of self) byFile.set(k.split(' ')[1]!.split(':')[0]!, (byFile.get(k.split(' ')[1]!.split(':')[0]!) ?? 0) + v);
    console.log([...byFile].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `    ${(v / 1000).toFixed(0)} ms ${k}`).join('\n'));
    console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([k, v]) => `    ${(v / 1000).toFixed(0)} ms ${k}`).join('\n'));
  }
  await context.close();
  if (args.waterfall) {
    for (const [id, t] of timing) console.log(`    ${String(t.start).padStart(6)} ${String(t.end ?? '-').padStart(6)} ms  ${(types.get(id) ?? '').padEnd(10)} ${kb(sizes.get(id) ?? 0).padStart(9)}  ${t.url.slice(0, 90)}`);
  }
  let before = 0;
  let total = 0;
  let images = 0;
  for (const [id, bytes] of sizes) {
    total += bytes;
    if (types.get(id) === 'Image') images++;
    else before += bytes;
  }
  return { requests: types.size, bytesBeforeImages: before, bytesTotal: total, images, lcpMs: paints.lcp, lcpWhat: paints.what, fcpMs: paints.fcp };
}

const loadAverages: number[] = [];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function measure(browser: import('playwright-core').Browser, name: string, url: string, ready: string): Promise<string> {
  const loads: Load[] = [];
  for (let r = 0; r < RUNS; r++) {
    const load = await loadOnce(browser, url, ready);
    console.log(`  ${name} #${r + 1}: ${load.requests} requests, ${kb(load.bytesBeforeImages)} before images, ${kb(load.bytesTotal)} in all, LCP ${sec(load.lcpMs)} (${load.lcpWhat})`);
    loads.push(load);
  }
  const mid = [...loads].sort((a, b) => a.lcpMs - b.lcpMs)[Math.floor(loads.length / 2)]!;
  loadAverages.push(os.loadavg()[0]!);
  return `| ${name} | ${median(loads.map((l) => l.requests))} | ${kb(median(loads.map((l) => l.bytesBeforeImages)))} | ${median(loads.map((l) => l.images))} | ${kb(median(loads.map((l) => l.bytesTotal)))} | ${sec(median(loads.map((l) => l.fcpMs)))} | ${sec(mid.lcpMs)} | ${mid.lcpWhat} |`;
}

async function main(): Promise<void> {
  console.log(`seeding ${PRODUCTS} products with 800x800 images into acme…`);
  await seedCatalog();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  if (args['keep-open']) {
    console.log(`storefront http://${shopHost}/   console http://${shopHost}/admin/   (Ctrl-C to stop)`);
    await new Promise(() => undefined);
  }
  const rows: string[] = [];
  try {
    rows.push(await measure(browser, 'storefront home', `http://${shopHost}/`, '[data-test=product-grid] img'));
    rows.push(await measure(browser, 'console sign-in', `http://${shopHost}/admin/`, '[data-test=login-email]'));
  } finally {
    await browser.close();
    await closeRealtime();
    httpServer.closeAllConnections();
    await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    await closePlatform();
  }
  const commit = execSync('git rev-parse --short HEAD', { cwd: projectRoot }).toString().trim();
  const dirty = execSync('git status --porcelain -- web server', { cwd: projectRoot }).toString().trim() ? ' (with uncommitted changes)' : '';
  const table = [
    `## ${args.label}: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, commit ${commit}${dirty}`,
    '',
    `Median of ${RUNS} first loads (fresh context, empty cache), ${PHONE.width}x${PHONE.height} phone, 1.6 Mbps down / 750 Kbps up / 150 ms RTT, CPU ${CPU_SLOWDOWN}x slower; ${PRODUCTS} products with 800x800 PNG images; machine load average ${loadAverages.map((l) => l.toFixed(1)).join(' / ')} on ${os.cpus().length} cores.`,
    '',
    '| page | requests | transferred before images | images | transferred in all | FCP | LCP | LCP element |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
  console.log(`\n${table}`);
  if (!args['no-save']) appendFileSync(path.join(benchDir, 'results', 'storefront-load.md'), `\n${table}`);
}

await main();
process.exit(0);
