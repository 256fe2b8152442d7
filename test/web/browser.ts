/**
 * Browser tests drive Debian's Chromium through playwright-core (never `npx playwright install`).
 * They need the built web (`npm run build:web`) and a Chromium binary; without either they are
 * reported pending, not passed. A suite calls `browserSuite()` inside its `describe`.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { chromium, type Browser, type Page } from 'playwright-core';
import { webRoot } from '../../server/src/app.js';
import { startServer, type RunningServer } from '../support/server.js';

export const chromiumPath = (): string => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * What one browser test may take. A walk through a few screens takes 10-15 s on an idle CI
 * machine; a busy one (a parallel suite, two cores) doubles that, and a timeout there says nothing
 * about the product.
 */
export const BROWSER_TEST_MS = 60_000;

/** Why browser tests cannot run here, or null when they can. */
export function browserTestsUnavailable(): string | null {
  for (const app of ['admin', 'shop']) {
    if (!existsSync(path.join(webRoot(), app, 'index.html'))) return `dist/web/${app} is not built (npm run build:web)`;
  }
  if (!existsSync(chromiumPath())) return `no Chromium at ${chromiumPath()} (set CHROMIUM_PATH)`;
  return null;
}

export type TestPage = Page & { errors: string[] };

/** `mobile`: a phone-sized viewport; `phone`: also a phone's user agent, as a phone browser sends it. */
export interface PageOptions {
  mobile?: boolean;
  phone?: boolean;
}

export const PHONE_USER_AGENT = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

export interface TestBrowser {
  /** A page in a fresh context (its own localStorage), collecting uncaught page errors. */
  newPage(opts?: PageOptions): Promise<TestPage>;
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
      const small = opts.mobile || opts.phone;
      // a Chinese browser, as the product's first audience has (the apps follow navigator.language)
      const context = await browser.newContext({ locale: 'zh-CN', viewport: small ? { width: 390, height: 780 } : { width: 1280, height: 800 }, ...(opts.phone ? { userAgent: PHONE_USER_AGENT, hasTouch: true } : {}) });
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

/**
 * With SCREENSHOT_DIR set, saves what the page shows at a phone's width (390×844) and a desktop's
 * (1440×900) as `<name>-390.png` and `<name>-1440.png`, for a person to look at; nothing otherwise.
 */
export async function snapshot(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOT_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const before = page.viewportSize();
  for (const [width, height] of [
    [390, 844],
    [1440, 900],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(500); // layouts and transitions settle
    await page.screenshot({ path: path.join(dir, `${name}-${width}.png`), fullPage: true });
  }
  if (before) await page.setViewportSize(before);
}

export interface BrowserSuite {
  /** The listening server (once the suite's `before` ran). */
  readonly server: RunningServer;
  /** A page in a fresh context; the suite checks after each test that none of its pages threw. */
  newPage(opts?: PageOptions): Promise<TestPage>;
  /** Signs in to the console at `host` (the platform host asks which kind of account first). */
  consoleSignIn(page: TestPage, host: string, email: string, password: string, kind?: 'platform' | 'supplier'): Promise<void>;
  /** Signs a shopper in to the storefront at `host` and waits until it left the sign-in page for `redirect`. */
  shopSignIn(page: TestPage, host: string, who: ShopperLogin, redirect?: string): Promise<void>;
}

export interface ShopperLogin {
  phone: string;
  password: string;
}

/** Fills the storefront's sign-in form the page shows (wherever the shopper was sent to it from) and submits it. */
export async function submitShopLogin(page: Page, who: ShopperLogin): Promise<void> {
  await page.fill('[data-test=login-phone] input', who.phone);
  await page.fill('[data-test=login-password] input', who.password);
  await page.click('[data-test=login-submit]');
}

/**
 * Call inside a `describe`: a real listening server and headless Chromium for its tests (reported
 * pending when they cannot run here), no uncaught script errors on any page a test opened, both
 * closed at the end.
 */
export function browserSuite(): BrowserSuite {
  let server: RunningServer | undefined;
  let browser: TestBrowser | undefined;
  const pages: TestPage[] = [];

  before(async function () {
    const missing = browserTestsUnavailable();
    if (missing) {
      console.log(`      (browser tests pending: ${missing})`);
      this.skip();
    }
    server = await startServer();
    browser = await launchBrowser();
  });

  afterEach(async function () {
    const errors = pages.flatMap((p) => p.errors);
    pages.length = 0;
    expect(errors, 'uncaught errors in the page').to.deep.equal([]);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const suite: BrowserSuite = {
    get server() {
      if (!server) throw new Error('the browser suite has not started');
      return server;
    },
    async newPage(opts) {
      if (!browser) throw new Error('the browser suite has not started');
      const page = await browser.newPage(opts);
      pages.push(page);
      return page;
    },
    async consoleSignIn(page, host, email, password, kind) {
      await page.goto(suite.server.url(host, '/admin/'));
      if (kind) await page.click(`[data-test=kind-${kind}]`);
      await page.fill('input[data-test=login-email]', email);
      await page.fill('input[data-test=login-password]', password);
      await page.click('[data-test=login-submit]');
      await page.locator('[data-test=signed-in-as]').waitFor();
    },
    async shopSignIn(page, host, who, redirect) {
      await page.goto(suite.server.url(host, redirect ? `/#/login?redirect=${encodeURIComponent(redirect)}` : '/#/login'));
      await submitShopLogin(page, who);
      await page.waitForURL((url) => !url.hash.startsWith('#/login'));
    },
  };
  return suite;
}
