/**
 * The mini-program's weight and speed (issue 13's closing note):
 *   - the main package's size as built (bytes, against WeChat's 2 MB limit), per kind of file;
 *   - each page's first render under miniprogram-simulate: from loading the page to its data shown
 *     (onLoad, onShow, every request answered, setData applied), the API stubbed at wx.request with
 *     canned answers of realistic size (no network), median and p90 of N renders after a warm-up.
 *
 *   npx tsx scripts/bench/miniprogram.ts [--runs 15]
 */
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { installWx, openSimulator, resetModules } from '../../test/miniprogram/support/simulator.js';
import { buildMiniprogram } from '../miniprogram/build.js';
import { cannedConfig as config, cannedWx } from '../miniprogram/canned.js';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 15;
const LIMIT = 2 * 1024 * 1024;

const canned = cannedWx();

function sizes(dir: string): { total: number; byKind: Record<string, number> } {
  const byKind: Record<string, number> = {};
  let total = 0;
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else {
        const size = statSync(full).size;
        const kind = path.extname(e.name).slice(1) || 'other';
        byKind[kind] = (byKind[kind] ?? 0) + size;
        total += size;
      }
    }
  };
  walk(dir);
  return { total, byKind };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.9) - 1)]!;

async function main(): Promise<void> {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 's2b2c-mpbench-')), 'mp');
  buildMiniprogram({ outDir: dir, config, projectName: 'bench' });
  const { total, byKind } = sizes(dir);
  console.log(`main package: ${total} bytes (${(total / 1024).toFixed(1)} KB) = ${((total / LIMIT) * 100).toFixed(1)}% of WeChat's 2 MB limit`);
  console.log(`  by kind: ${Object.entries(byKind).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${(v / 1024).toFixed(1)} KB`).join(', ')}`);

  const sim = openSimulator();
  installWx(canned.api);
  const pages: Array<[string, string, Record<string, string>, boolean?]> = [
    ['home (DIY, 8 blocks)', 'pages/home/index', {}],
    ['home (default, 404)', 'pages/home/index', {}, true],
    ['category', 'pages/category/index', {}],
    ['search (20 results)', 'pages/search/index', { q: '衬衫' }],
    ['product (12 SKUs)', 'pages/product/index', { id: '1' }],
    ['cart (4 lines)', 'pages/cart/index', {}],
    ['me', 'pages/me/index', {}],
    ['checkout (3 lines)', 'pages/checkout/index', { items: encodeURIComponent(JSON.stringify([1001, 1002, 1003].map((skuId) => ({ skuId, quantity: 1 })))) }],
    ['orders (10 rows)', 'pages/orders/index', {}],
    ['order (shipped, tracking)', 'pages/order/index', { id: '1' }],
    ['aftersale', 'pages/aftersale/index', { orderId: '1' }],
    ['address list (3)', 'pages/address/list/index', {}],
    ['address edit', 'pages/address/edit/index', { id: '1' }],
    ['chat (socket, 12 msgs)', 'pages/chat/index', { product: '1' }],
  ];
  console.log(`\nfirst render under miniprogram-simulate (load -> data shown), ${runs} runs after one warm-up:`);
  console.log('page                         cold ms   median ms   p90 ms');
  for (const [name, route, options, noHome] of pages) {
    canned.withoutHome = !!noHome;
    const times: number[] = [];
    let cold = 0;
    for (let i = 0; i <= runs; i++) {
      resetModules(dir);
      canned.reset();
      const start = performance.now();
      const comp = sim.open(dir, route, options);
      await canned.settled();
      const ms = performance.now() - start;
      if (i === 0) cold = ms;
      else times.push(ms);
      if (!comp.dom.textContent?.trim()) throw new Error(`${route} rendered nothing`);
      if (canned.failed.length) throw new Error(`${route} asked for what the canned shop lacks: ${canned.failed.join(', ')}`);
      // the chat page's socket is let go of as WeChat does when the page closes
      (comp.instance as { onUnload?: () => void }).onUnload?.();
      comp.detach();
    }
    console.log(`${name.padEnd(27)} ${cold.toFixed(1).padStart(8)} ${median(times).toFixed(1).padStart(11)} ${p90(times).toFixed(1).padStart(8)}`);
  }
  sim.close();
}

await main();
