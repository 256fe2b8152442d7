/**
 * Pictures of the mini-program's pages for a person to look at: each page rendered under
 * miniprogram-simulate from canned answers (scripts/miniprogram/canned.ts), its DOM and compiled
 * WXSS (plus app.wxss) written out as HTML with a phone's navigation bar and tab bar drawn around it,
 * and photographed in Chromium at 390x844 (the 750-rpx design width at 0.52 pixels per rpx).
 * A preview, not WeChat's renderer: built-in components are approximated with CSS.
 *
 *   npx tsx scripts/miniprogram/screenshots.ts [out-dir]     (default /work/shots/mpcore)
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { openSimulator, installWx, resetModules } from '../../test/miniprogram/support/simulator.js';
import { buildMiniprogram } from './build.js';
import { cannedConfig, cannedWx } from './canned.js';

const outDir = process.argv[2] ?? '/work/shots/mpcore';
const require = createRequire(import.meta.url);

/**
 * The simulator registers built-in components with an empty template; for pictures, <image> and
 * <video> draw their source (the test suites keep the simulator's own, which ignores it).
 */
function drawMedia(appDir: string): void {
  const jComponent = require('j-component') as { register(def: Record<string, unknown>): string };
  const fill = 'width: 100%; height: 100%; background-size: cover; background-position: center;';
  jComponent.register({
    id: 'image',
    tagName: 'wx-image',
    template: `<view style="${fill} background-image: url('{{url}}')"></view>`,
    // a package path ("/assets/tab/home.png") is a file of the built app
    properties: { src: { type: String, value: '', observer(this: { setData(d: object): void }, src: string) { this.setData({ url: src.startsWith('/') ? `file://${appDir}${src}` : src }); } }, mode: { type: String, value: '' } },
    data: { url: '' },
  });
  jComponent.register({ id: 'video', tagName: 'wx-video', template: `<view style="${fill} background-image: url('{{poster}}')"></view>`, properties: { src: { type: String, value: '' }, poster: { type: String, value: '' } } });
  jComponent.register({
    id: 'rich-text',
    tagName: 'wx-rich-text',
    template: '<view class="rich">{{text}}</view>',
    properties: { nodes: { type: String, value: '', observer(this: { setData(d: object): void }, html: string) { this.setData({ text: html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim() }); } } },
    data: { text: '' },
  });
  jComponent.register({ id: 'input', tagName: 'wx-input', template: '<view class="{{value ? \'\' : \'ph\'}}">{{value || placeholder}}</view>', properties: { value: { type: String, value: '' }, placeholder: { type: String, value: '' } } });
}
const hue = (i: number) => (i * 47) % 360;
const picture = (i: number) =>
  `data:image/svg+xml;utf8,${encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue(i)},55%,88%)"/><stop offset="1" stop-color="hsl(${hue(i) + 35},45%,70%)"/></linearGradient></defs><rect width="400" height="400" fill="url(#g)"/><circle cx="200" cy="180" r="90" fill="rgba(255,255,255,.45)"/><rect x="110" y="300" width="180" height="24" rx="12" fill="rgba(255,255,255,.5)"/></svg>`,
  )}`;

/** Built-in components as the browser should draw them (WeChat's own renderer does this natively). */
const PREVIEW_CSS = `
html, body { margin: 0; background: #f7f8fa; }
body { width: 750px; font-family: 'PingFang SC', 'WenQuanYi Micro Hei', sans-serif; -webkit-font-smoothing: antialiased; }
wx-view, wx-scroll-view, wx-swiper, wx-swiper-item, wx-rich-text, wx-button, wx-video, wx-form { display: block; }
wx-text { display: inline; }
wx-image { display: inline-block; background-size: cover; background-position: center; width: 320px; height: 240px; }
wx-swiper { position: relative; overflow: hidden; }
wx-swiper-item { width: 100%; height: 100%; }
wx-swiper-item ~ wx-swiper-item { display: none; }
wx-scroll-view[scroll-x] { overflow-x: auto; white-space: nowrap; }
wx-input { display: block; line-height: 68px; color: #323233; }
wx-input .ph { color: #969799; }
wx-video { background: #111 center / cover no-repeat; position: relative; }
wx-video::after { content: ''; position: absolute; left: 50%; top: 50%; margin: -36px 0 0 -24px; border: 36px solid transparent; border-left: 56px solid rgba(255,255,255,.9); border-right: 0; }
wx-button { border: 0; background: none; }
.mp-nav { height: 176px; background: #fff; position: sticky; top: 0; z-index: 50; box-sizing: border-box; padding-top: 88px; text-align: center; font-size: 34px; font-weight: 600; line-height: 88px; }
.mp-capsule { position: absolute; right: 14px; top: 100px; width: 174px; height: 64px; border-radius: 32px; border: 1px solid #e5e5e5; box-sizing: border-box; }
.mp-capsule::before { content: ''; position: absolute; left: 86px; top: 14px; bottom: 14px; border-left: 1px solid #e5e5e5; }
.mp-screen { position: relative; transform: translateZ(0); overflow: hidden; }
.mp-tabs { position: fixed; left: 0; right: 0; bottom: 0; height: 100px; padding-bottom: 34px; background: #fff; display: flex; box-shadow: 0 -1px 0 #eee; z-index: 60; }
.mp-tab { flex: 1; text-align: center; font-size: 20px; color: #7d7e80; padding-top: 10px; position: relative; }
.mp-tab img { width: 48px; height: 48px; display: block; margin: 0 auto 4px; }
.mp-tab.on { color: var(--theme); }
.mp-badge { position: absolute; left: 52%; top: 4px; min-width: 32px; padding: 0 8px; box-sizing: border-box; height: 32px; line-height: 32px; border-radius: 16px; background: #ee0a24; color: #fff; font-size: 20px; }
`;

const FILL_SCRIPT = '';

/** Class tokens as the simulator prefixes them (`page--card`) also plain (`card`), so app.wxss rules apply. */
function unprefixClasses(html: string): string {
  return html.replace(/class="([^"]*)"/g, (_m, list: string) => {
    const tokens = list.split(/\s+/).filter(Boolean);
    const plain = tokens.map((t) => t.replace(/^[\w-]+?--/, ''));
    return `class="${[...new Set([...tokens, ...plain])].join(' ')}"`;
  });
}

const TABS = [
  ['pages/home/index', '首页', 'home'],
  ['pages/category/index', '分类', 'category'],
  ['pages/cart/index', '购物车', 'cart'],
  ['pages/me/index', '我的', 'me'],
] as const;

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 's2b2c-mpshots-')), 'mp');
  buildMiniprogram({ outDir: dir, config: cannedConfig, projectName: 'screens' });
  const appWxss = readFileSync(path.join(dir, 'app.wxss'), 'utf8').replace(/(\d+(\.\d+)?)rpx/g, '$1px').replace(/^page\s*\{/m, '.mp-page {');
  const iconData = (name: string) => `data:image/png;base64,${readFileSync(path.join(dir, 'assets', 'tab', `${name}.png`)).toString('base64')}`;

  const canned = cannedWx(picture);
  const sim = openSimulator();
  drawMedia(dir);
  installWx(canned.api);
  const shots: Array<{ name: string; route: string; options?: Record<string, string>; then?: (instance: Record<string, any>) => unknown; withoutHome?: boolean }> = [
    { name: 'home-diy', route: 'pages/home/index' },
    { name: 'home-default', route: 'pages/home/index', withoutHome: true },
    { name: 'category', route: 'pages/category/index' },
    { name: 'search-history', route: 'pages/search/index', then: (p) => p.setData({ history: ['衬衫', '牛仔裤', '帆布鞋'] }) },
    { name: 'search-results', route: 'pages/search/index', options: { q: '衬衫' } },
    { name: 'product', route: 'pages/product/index', options: { id: '1' } },
    { name: 'product-sku-picker', route: 'pages/product/index', options: { id: '1' }, then: (p) => p.setData({ pickerVisible: true }) },
    { name: 'cart', route: 'pages/cart/index' },
    { name: 'me', route: 'pages/me/index' },
    { name: 'me-no-nickname', route: 'pages/me/index', then: (p) => p.setData({ name: '微信用户', initial: '' }) },
    { name: 'checkout', route: 'pages/checkout/index', options: { items: encodeURIComponent(JSON.stringify([{ skuId: 1001, quantity: 2 }])) } },
    { name: 'orders', route: 'pages/orders/index' },
    { name: 'order-shipped', route: 'pages/order/index', options: { id: '1' } },
    { name: 'aftersale', route: 'pages/aftersale/index', options: { orderId: '1' } },
    { name: 'address-list', route: 'pages/address/list/index' },
    { name: 'address-edit', route: 'pages/address/edit/index', options: { id: '1' } },
    { name: 'chat', route: 'pages/chat/index', options: { product: '1' } },
  ];
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 750, height: 1624 }, deviceScaleFactor: 0.52 });
  for (const shot of shots) {
    resetModules(dir);
    canned.reset();
    canned.withoutHome = !!shot.withoutHome;
    const comp = sim.open(dir, shot.route, shot.options ?? {});
    await canned.settled();
    if (shot.then) {
      shot.then(comp.instance);
      await canned.settled();
    }
    // a picker chip chosen, as a shopper would have
    if (shot.name === 'product-sku-picker') {
      const picker = comp.querySelector('.sku-picker')!;
      picker.querySelectorAll('.chip')[1]!.dispatchEvent('tap');
      picker.querySelectorAll('.chip')[5]!.dispatchEvent('tap');
      await canned.settled();
    }
    const styles = [...(globalThis as any).document.querySelectorAll('style')].map((s: { innerHTML: string }) => s.innerHTML).join('\n');
    const tab = TABS.find(([route]) => route === shot.route);
    const title = tab ? (canned.titles.at(-1) ?? cannedConfig.name) : (canned.titles.at(-1) ?? '');
    const tabBar = tab
      ? `<div class="mp-tabs">${TABS.map(([route, label, icon]) => `<div class="mp-tab${route === shot.route ? ' on' : ''}"><img src="${iconData(route === shot.route ? `${icon}-on` : icon)}">${label}${icon === 'cart' ? '<span class="mp-badge">4</span>' : ''}</div>`).join('')}</div>`
      : '';
    const screenHeight = 1624 - 176 - (tab ? 134 : 0);
    const html = `<!doctype html><html><head><meta charset="utf-8"><style>${PREVIEW_CSS}\n${appWxss}\n${styles}</style></head>
<body class="mp-page" style="--theme: ${cannedConfig.primaryColor}"><div class="mp-nav">${title}<div class="mp-capsule"></div></div>
<div class="mp-screen" style="height: ${screenHeight}px">${unprefixClasses(comp.dom.outerHTML as unknown as string)}</div>${tabBar}
<script>${FILL_SCRIPT}</script></body></html>`;
    const file = path.join(outDir, `${shot.name}.html`);
    writeFileSync(file, html);
    await page.goto(`file://${file}`);
    await page.waitForTimeout(200);
    await page.screenshot({ path: path.join(outDir, `${shot.name}.png`) });
    comp.instance.onUnload?.();
    comp.detach();
    console.log(path.join(outDir, `${shot.name}.png`));
  }
  await browser.close();
  sim.close();
}

await main();
