/**
 * The mini-program under Node: the template is built once per process into a temp dir, pages and
 * components load from there with miniprogram-simulate, and `wx` is the stub of ./wx.ts talking to a
 * real test server. jsdom is registered only around the suites that call `miniprogramSuite()` (and
 * removed after), so other test files in the same mocha worker never see a `window`.
 *
 *   const mp = miniprogramSuite();
 *   it('...', async () => {
 *     const shop = await mp.shop();                     // a merchant with a wechat_mp app; its wx stub installed
 *     const page = await mp.page('pages/home/index');   // attached, onLoad + onShow run, requests settled
 *     expect(page.text()).to.contain('...');
 *     expect(shop.wx.requestsTo('/shop/pages/home')[0].header['X-App-Id']).to.equal(shop.appId);
 *   });
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { buildMiniprogram } from '../../../scripts/miniprogram/build.js';
import type { TenantConfig } from '../../../web/miniprogram/src/lib/tenant-config.js';
import { merchant, type TestMerchant } from '../../factories/index.js';
import { shopApi } from '../../support/http.js';
import { startServer, type RunningServer } from '../../support/server.js';
import { installWx, openSimulator, resetModules, type SimComponent, type Simulator } from './simulator.js';
import { createWx, type WxStub } from './wx.js';

const require = createRequire(import.meta.url);

export type { SimComponent };

let builtDir: string | undefined;

/** The template build every mini-program test loads from (once per process: ~1 s). */
export function miniprogramDir(): string {
  if (!builtDir) {
    builtDir = path.join(mkdtempSync(path.join(os.tmpdir(), 's2b2c-mp-')), 'mp');
    buildMiniprogram({ outDir: builtDir, config: null, projectName: 'test' });
  }
  return builtDir;
}

export const randomAppId = () => `wx${randomBytes(8).toString('hex')}`;

export interface MpShop {
  merchant: TestMerchant;
  appId: string;
  config: TenantConfig;
  wx: WxStub;
  /** The merchant's API on the tenant host (to set up products, pages...). */
  admin: ReturnType<typeof shopApi>;
}

export class PageHandle {
  constructor(
    readonly comp: SimComponent,
    readonly wx: WxStub,
  ) {}

  get data(): Record<string, any> {
    return this.comp.instance.data;
  }

  get instance(): SimComponent['instance'] {
    return this.comp.instance;
  }

  /** The rendered text, whitespace collapsed. */
  text(): string {
    return (this.comp.dom.textContent ?? '').replace(/\s+/g, ' ').trim();
  }

  /** Taps the first element matching a selector of the page's own template (`.class`, `#id`). */
  async tap(selector: string, detail: Record<string, unknown> = {}): Promise<void> {
    const el = this.comp.querySelector(selector);
    if (!el) throw new Error(`nothing matches ${selector}`);
    el.dispatchEvent('tap', detail);
    await this.wx.idle();
  }

  /**
   * A custom component of the page by selector; more selectors go on inside it
   * (`child('.blocks', '.block-banner')`: j-component's querySelector stops at component boundaries).
   */
  child(...selectors: string[]): SimComponent {
    let el: SimComponent | undefined = this.comp;
    for (const selector of selectors) {
      el = el.querySelector(selector);
      if (!el) throw new Error(`nothing matches ${selectors.join(' > ')}`);
    }
    return el!;
  }

  /** Taps an element inside nested components (`tapIn('.blocks', '.block-nav', '.nav-item')`), then waits. */
  async tapIn(...selectors: string[]): Promise<void> {
    this.child(...selectors).dispatchEvent('tap');
    await this.wx.idle();
  }

  async settle(): Promise<void> {
    await this.wx.idle();
  }

  detach(): void {
    this.comp.detach();
  }
}

export interface MiniprogramSuite {
  readonly server: RunningServer;
  readonly dir: string;
  readonly wx: WxStub;
  /** A new merchant with a wechat_mp app, and a fresh wx stub (fresh storage) for it, installed. */
  shop(opts?: { name?: string; primaryColor?: string }): Promise<MpShop>;
  /** Installs a shop's wx stub again (tests with two tenants switch between them). */
  use(shop: MpShop): void;
  /** Loads, renders and attaches a page or component, runs onLoad(options) and onShow, waits for its requests. */
  page(route: string, options?: Record<string, string>, properties?: Record<string, unknown>): Promise<PageHandle>;
  /** A module of the built app (e.g. 'lib/auth'), as the pages get it. */
  lib<T = Record<string, any>>(name: string): T;
}

export function miniprogramSuite(): MiniprogramSuite {
  let sim: Simulator | undefined;
  let server: RunningServer | undefined;
  let current: WxStub | undefined;
  const attached: SimComponent[] = [];
  const stubs: WxStub[] = [];

  before(async function () {
    this.timeout(120_000);
    sim = openSimulator();
    miniprogramDir();
    server = await startServer();
  });

  afterEach(() => {
    while (attached.length) attached.pop()!.detach();
  });

  after(async () => {
    await Promise.all(stubs.map((s) => s.closeSockets()));
    await server?.close();
    sim?.close();
  });

  const install = (stub: WxStub) => {
    current = stub;
    installWx(stub.api);
  };

  const suite: MiniprogramSuite = {
    get server() {
      if (!server) throw new Error('miniprogramSuite: the server starts in before()');
      return server;
    },
    get dir() {
      return miniprogramDir();
    },
    get wx() {
      if (!current) throw new Error('miniprogramSuite: call shop() first');
      return current;
    },
    async shop(opts = {}) {
      const m = await merchant(opts.name ? { name: opts.name } : {});
      const admin = shopApi(m.slug, m.token);
      const appId = randomAppId();
      const app = await admin.post('/admin/store/apps').send({ appid: appId, channel: 'wechat_mp', secret: randomBytes(16).toString('hex') });
      expect(app.status, JSON.stringify(app.body)).to.equal(201);
      if (opts.primaryColor) {
        const branded = await admin.put('/admin/store/branding').send({ primaryColor: opts.primaryColor });
        expect(branded.status, JSON.stringify(branded.body)).to.equal(200);
      }
      const config: TenantConfig = {
        apiBase: suite.server.url('127.0.0.1', '/api/v1'),
        appId,
        slug: m.slug,
        name: m.name,
        primaryColor: opts.primaryColor ?? '#ee0a24',
        logoUrl: null,
        socketUrl: `ws://127.0.0.1:${suite.server.port}`,
      };
      const stub = createWx(config);
      stubs.push(stub);
      resetModules(miniprogramDir());
      install(stub);
      return { merchant: m, appId, config, wx: stub, admin };
    },
    use(shop) {
      resetModules(miniprogramDir());
      install(shop.wx);
    },
    async page(route, options = {}, properties) {
      if (!sim) throw new Error('miniprogramSuite: not started');
      const comp = sim.open(miniprogramDir(), route, options, properties);
      attached.push(comp);
      await suite.wx.idle();
      return new PageHandle(comp, suite.wx);
    },
    lib<T>(name: string): T {
      return require(path.join(miniprogramDir(), name)) as T;
    },
  };
  return suite;
}
