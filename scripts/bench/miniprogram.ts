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
import type { TenantConfig } from '../../web/miniprogram/src/lib/tenant-config.js';
import { buildMiniprogram } from '../miniprogram/build.js';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 15;
const LIMIT = 2 * 1024 * 1024;

// ---- canned answers ----

const img = (i: number) => `https://cdn.example.com/p/${i}.webp`;
const card = (i: number) => ({ id: i, title: `春季新款 纯棉宽松长袖衬衫 男女同款 ${i}`, price: 9900 + i * 10, image: img(i), salesCount: 100 + i, skus: [] });
const skus = ['白', '蓝', '黑', '卡其'].flatMap((color, c) => ['S', 'M', 'L'].map((size, s) => ({ id: 1000 + c * 3 + s, specs: { 颜色: color, 尺码: size }, price: 9900 + c * 500, stock: (c + s) % 4 === 0 ? 0 : 20 })));
const fixtures: Array<[RegExp, unknown]> = [
  [/^\/shop\/store$/, { name: '轻风小铺', slug: 'bench', branding: { logoUrl: null, primaryColor: '#ee0a24' } }],
  [
    /^\/shop\/pages\/home$/,
    {
      id: 1,
      version: 3,
      blocks: [
        { type: 'search', props: {} },
        { type: 'banner', props: { images: [1, 2, 3].map((i) => ({ url: img(i), link: `/products/${i}` })) } },
        { type: 'notice', props: { text: '满 99 包邮，今日下单明日发货' } },
        { type: 'nav', props: { items: ['上新', '热卖', '男装', '女装', '配饰', '童装', '家居', '清仓'].map((label) => ({ icon: 'hot-o', label, link: '/products' })) } },
        { type: 'products', props: { source: 'newest', limit: 10, columns: 2, title: '新品上架' }, products: Array.from({ length: 10 }, (_, i) => card(i + 1)) },
        { type: 'richtext', props: { html: '<p>关于我们</p>'.repeat(20) } },
        { type: 'video', props: { url: 'https://cdn.example.com/v.mp4', poster: img(9) } },
        { type: 'products', props: { source: 'best_selling', limit: 6, columns: 3, title: '热卖' }, products: Array.from({ length: 6 }, (_, i) => card(i + 20)) },
      ],
    },
  ],
  [/^\/shop\/categories$/, { items: Array.from({ length: 8 }, (_, i) => ({ id: i + 1, name: `分类${i + 1}`, parentId: null, sort: i, iconUrl: null, children: Array.from({ length: 5 }, (_, j) => ({ id: 100 + i * 10 + j, name: `子类${j + 1}`, parentId: i + 1, sort: j, iconUrl: null, children: [] })) })) }],
  [/^\/shop\/search\/hot$/, { words: ['衬衫', '卫衣', '牛仔裤', '连衣裙', '帆布鞋'] }],
  [/^\/shop\/products\/\d+\/reviews/, { items: [1, 2, 3].map((i) => ({ id: i, productId: 1, rating: 5, content: '面料舒服，做工不错，尺码标准', images: [img(i)], specs: { 颜色: '白', 尺码: 'M' }, author: `用户${i}`, reply: null, repliedAt: null, createdAt: '2026-12-01T00:00:00.000Z' })), total: 3, page: 1, pageSize: 3, average: 4.9, count: 3 }],
  [/^\/shop\/products\/\d+$/, { ...card(1), description: '<p>100% 纯棉</p><img src="https://cdn.example.com/d.webp">'.repeat(5), images: [1, 2, 3, 4, 5].map(img), specDimensions: [{ name: '颜色', values: ['白', '蓝', '黑', '卡其'] }, { name: '尺码', values: ['S', 'M', 'L'] }], status: 'on_sale', skus }],
  [/^\/shop\/products/, { items: Array.from({ length: 20 }, (_, i) => card(i + 1)), total: 60, page: 1, pageSize: 20 }],
  [/^\/shop\/auth\/wechat$/, { token: 'bench-token' }],
  [/^\/shop\/cart$/, { items: Array.from({ length: 10 }, (_, i) => ({ id: i + 1, skuId: 1000 + i, productId: i + 1, title: card(i).title, image: img(i), specs: { 颜色: '白', 尺码: 'M' }, price: 9900, quantity: 1, stock: 20, selected: true, available: true, subtotal: 9900 })), selectedCount: 10, selectedAmount: 99000 }],
];

const config: TenantConfig = { apiBase: 'https://bench.example.com/api/v1', appId: 'wx0123456789abcdef', slug: 'bench', name: '轻风小铺', primaryColor: '#ee0a24', logoUrl: null, socketUrl: 'wss://bench.example.com' };

let inFlight = 0;
/** The default home is what a shop without a published home page gets: its request answers 404. */
let withoutHome = false;
const storage = new Map<string, unknown>();
type Opts = Record<string, any>;
const ok = (o: Opts, res: unknown) => {
  o.success?.(res);
  o.complete?.(res);
};
const wxStub: Record<string, unknown> = {
  getExtConfigSync: () => ({ ext: config }),
  request(o: Opts) {
    const p = String(o.url).slice(config.apiBase.length).split('?')[0]!;
    const found = withoutHome && p === '/shop/pages/home' ? undefined : fixtures.find(([re]) => re.test(p));
    inFlight++;
    setImmediate(() => {
      inFlight--;
      ok(o, found ? { statusCode: 200, data: structuredClone(found[1]) } : { statusCode: 404, data: { error: { code: 'not_found', message: 'Not found' } } });
    });
    return { abort() {} };
  },
  login: (o: Opts) => setImmediate(() => ok(o, { code: 'bench' })),
  getStorageSync: (k: string) => storage.get(k) ?? '',
  setStorageSync: (k: string, v: unknown) => void storage.set(k, v),
  removeStorageSync: (k: string) => void storage.delete(k),
};
for (const name of ['setNavigationBarTitle', 'setTabBarBadge', 'removeTabBarBadge', 'showToast', 'stopPullDownRefresh', 'setTabBarStyle', 'setTabBarItem']) wxStub[name] = (o: Opts = {}) => ok(o, {});

/** Until no canned answer is pending for a few turns of the event loop (answers chain into requests). */
async function settled(): Promise<void> {
  for (let quiet = 0; quiet < 3; ) {
    await new Promise((r) => setImmediate(r));
    quiet = inFlight === 0 ? quiet + 1 : 0;
  }
}

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
  installWx(wxStub);
  const pages: Array<[string, string, Record<string, string>, boolean?]> = [
    ['home (DIY, 8 blocks)', 'pages/home/index', {}],
    ['home (default, 404)', 'pages/home/index', {}, true],
    ['category', 'pages/category/index', {}],
    ['search (20 results)', 'pages/search/index', { q: '衬衫' }],
    ['product (12 SKUs)', 'pages/product/index', { id: '1' }],
    ['cart (10 lines)', 'pages/cart/index', {}],
    ['me', 'pages/me/index', {}],
  ];
  console.log(`\nfirst render under miniprogram-simulate (load -> data shown), ${runs} runs after one warm-up:`);
  console.log('page                      cold ms   median ms   p90 ms');
  for (const [name, route, options, noHome] of pages) {
    withoutHome = !!noHome;
    const times: number[] = [];
    let cold = 0;
    for (let i = 0; i <= runs; i++) {
      resetModules(dir);
      storage.clear();
      const start = performance.now();
      const comp = sim.open(dir, route, options);
      await settled();
      const ms = performance.now() - start;
      if (i === 0) cold = ms;
      else times.push(ms);
      if (!comp.dom.textContent?.trim()) throw new Error(`${route} rendered nothing`);
      comp.detach();
    }
    console.log(`${name.padEnd(24)} ${cold.toFixed(1).padStart(8)} ${median(times).toFixed(1).padStart(11)} ${p90(times).toFixed(1).padStart(8)}`);
  }
  sim.close();
}

await main();
