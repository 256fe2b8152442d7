/**
 * Browser tests drive Debian's Chromium through playwright-core (never `npx playwright install`).
 * They need the built web (`npm run build:web`) and a Chromium binary; without either they are
 * reported pending, not passed.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { webRoot } from '../../server/src/app.js';

export const chromiumPath = (): string => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why browser tests cannot run here, or null when they can. */
export function browserTestsUnavailable(): string | null {
  for (const app of ['admin', 'shop']) {
    if (!existsSync(path.join(webRoot(), app, 'index.html'))) return `dist/web/${app} is not built (npm run build:web)`;
  }
  if (!existsSync(chromiumPath())) return `no Chromium at ${chromiumPath()} (set CHROMIUM_PATH)`;
  return null;
}

export type TestPage = Page & { errors: string[] };

export interface TestBrowser {
  /** A page in a fresh context (its own localStorage), collecting uncaught page errors. */
  newPage(opts?: { mobile?: boolean }): Promise<TestPage>;
  close(): Promise<void>;
}

/** Headless Chromium; a plain launch runs on a fresh temporary profile that playwright removes on close. */
export async function launchBrowser(): Promise<TestBrowser> {
  const browser: Browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    async newPage(opts = {}) {
      const context = await browser.newContext({ viewport: opts.mobile ? { width: 390, height: 780 } : { width: 1280, height: 800 } });
      const page = Object.assign(await context.newPage(), { errors: [] as string[] });
      page.setDefaultTimeout(8_000);
      page.on('pageerror', (err) => page.errors.push(err.message));
      return page;
    },
    close: () => browser.close(),
  };
}

/** Text of the first element matching `selector`, once it is visible. */
export async function textOf(page: Page, selector: string): Promise<string> {
  const el = page.locator(selector).first();
  await el.waitFor({ state: 'visible' });
  return ((await el.textContent()) ?? '').trim();
}

/**
 * Polls `check` from the test side until it holds. (page.waitForFunction with a string would be
 * evaluated inside the page, which the server's Content-Security-Policy forbids.)
 */
export async function until(check: () => Promise<boolean>, what: string, timeoutMs = 8_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
