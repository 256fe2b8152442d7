/**
 * The storefront as an installable web app, in Chromium: its page links the shop's manifest and
 * icon, and registers the service worker, which then controls the page; API answers never come
 * from its caches.
 */
import { expect } from 'chai';
import { merchant } from '../factories/index.js';
import { browserSuite, until } from './browser.js';

describe('storefront as an installable app', function () {
  this.timeout(60_000);
  const web = browserSuite();

  it('links the shop manifest and icon, and registers a service worker that controls the page', async () => {
    const m = await merchant({ name: '小橙子水果店' });
    const page = await web.newPage({ mobile: true });
    await page.goto(web.server.url(m.host, '/'));
    await page.locator('[data-test=store-name]').waitFor();
    const links = (await page.evaluate(`({
      manifest: document.querySelector('link[rel=manifest]')?.getAttribute('href'),
      icon: document.querySelector('link[rel=icon]')?.getAttribute('href'),
    })`)) as { manifest: string; icon: string };
    expect(links).to.deep.equal({ manifest: '/manifest.webmanifest', icon: '/favicon.ico' });
    const manifest = (await page.evaluate(`fetch('/manifest.webmanifest').then((r) => r.json())`)) as { name: string; display: string };
    expect(manifest).to.deep.include({ name: '小橙子水果店', display: 'standalone' });

    const scope = await page.evaluate(`navigator.serviceWorker.ready.then((r) => r.scope)`);
    expect(scope).to.equal(web.server.url(m.host, '/'));
    await page.reload();
    await page.locator('[data-test=store-name]').waitFor();
    await until(async () => Boolean(await page.evaluate('!!navigator.serviceWorker.controller')), 'the service worker to control the page');
    const cached = (await page.evaluate(`caches.keys().then(async (names) => {
      const urls = [];
      for (const n of names) for (const r of await (await caches.open(n)).keys()) urls.push(new URL(r.url).pathname);
      return { names, urls };
    })`)) as { names: string[]; urls: string[] };
    expect(cached.names.some((n) => /^shell-[0-9a-f]{12}$/.test(n)), cached.names.join()).to.equal(true);
    expect(cached.urls.some((u) => u.startsWith('/assets/')), 'the app shell is cached').to.equal(true);
    expect(cached.urls.filter((u) => u.startsWith('/api/')), 'no API answer is cached').to.deep.equal([]);
  });
});
