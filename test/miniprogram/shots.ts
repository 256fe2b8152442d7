/**
 * Pictures of mini-program pages for people to look at (not an assertion): with MP_SHOTS_DIR set,
 * a page's rendered DOM is written as HTML with its WXSS (app.wxss + the page's own, rpx turned into
 * px for a 390 px wide phone), ready to photograph in Chromium at 390 x 844 (playwright-core). Input values and images are drawn
 * natively by WeChat, so they do not show here.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PageHandle } from './support/harness.js';

const WIDTH = 390;

/** WXSS as a browser reads it: rpx to px, `page` as the body, the runtime's tags as their classes' hosts. */
export function browserCss(wxss: string): string {
  return wxss
    .replace(/(-?\d*\.?\d+)rpx/g, (_, n: string) => `${((Number(n) * WIDTH) / 750).toFixed(2)}px`)
    .replace(/(^|[\s,}])page(\s*[{,])/g, '$1body$2');
}

/** The simulator's DOM (`wx-view`, classes scoped as `page--x`) as plain HTML the page's CSS applies to. */
function browserHtml(html: string): string {
  const tags: Record<string, string> = { view: 'div', text: 'span', 'scroll-view': 'div', picker: 'div' };
  return html
    .replace(/page--/g, '')
    .replace(/<(\/?)wx-([\w-]+)/g, (_, close: string, tag: string) => (tags[tag] ? `<${close}${tags[tag]}` : close ? '</div' : `<div data-mp="${tag}"`))
    .replace(/<div data-mp="(image|input|textarea|switch)" class="/g, '<div class="mp-$1 ')
    .replace(/<div data-mp="(image|input|textarea|switch)"/g, '<div class="mp-$1"');
}

export function shot(page: PageHandle, dir: string, route: string, name: string): void {
  const out = process.env.MP_SHOTS_DIR;
  if (!out) return;
  mkdirSync(out, { recursive: true });
  const css = ['app.wxss', `${route}.wxss`].map((f) => path.join(dir, f)).filter(existsSync).map((f) => browserCss(readFileSync(f, 'utf8')));
  const html = `<!doctype html><html><head><meta charset="utf-8"><style>
body { margin: 0; font-family: 'PingFang SC', 'WenQuanYi Micro Hei', sans-serif; }
div, .mp-image, .mp-input, .mp-switch { display: block; box-sizing: border-box; }
.mp-image { background: linear-gradient(135deg, #f2f3f5, #dcdee0); }
.mp-input { min-height: 1.4em; }
.mp-switch { width: 52px; height: 32px; border-radius: 16px; background: #e5e5e5; }
${css.join('\n')}
</style></head><body>${browserHtml(page.comp.dom.innerHTML)}</body></html>`;
  writeFileSync(path.join(out, `${name}.html`), html);
}
