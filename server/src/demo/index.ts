/**
 * The living demo: on a fresh embedded start (config `seedDemo`, off in production), after the
 * tenant manifests, the platform is filled the way people would fill it: suppliers apply and are
 * approved, list products in a category tree, the demo shops stock and brand themselves (and
 * publish their mini-programs through the sandbox's WeChat third-party platform), shoppers
 * buy over two weeks, and the after-sales window closes on the oldest orders so the ledger
 * settles. Runs once: a second start finds the demo's first supplier and changes nothing.
 */
import type { Express } from 'express';
import { config } from '../core/config.js';
import { runInContext, systemContext } from '../core/context.js';
import { runDueJobs } from '../core/jobs.js';
import { logger } from '../core/logger.js';
import { listSuppliers } from '../modules/suppliers/index.js';
import { DEMO_PRODUCTS, seedCategories, seedProducts } from './catalog.js';
import { seedChat } from './chat.js';
import { seedCoupons } from './coupons.js';
import { seedDistribution } from './distribution.js';
import { seedStores } from './stores.js';
import { seedFlashSales } from './flash.js';
import { seedMembership } from './membership.js';
import { seedMiniprogram } from './miniprogram.js';
import { seedPromotions } from './promotions.js';
import { DemoApi } from './client.js';
import { seedPlatformHelp, seedShopContent } from './content.js';
import { seedGroupBuys } from './groupbuy.js';
import { seedCommunity } from './community.js';
import { seedBrand } from './brand.js';
import { seedShop, SHOP_PLANS, type SeededShop } from './shops.js';
import { seedTrade, type DemoShopper, type TradeSummary } from './shoppers-orders.js';
import { creditCode, DEMO_SUPPLIERS, seedSuppliers } from './suppliers.js';

export { DEMO_SUPPLIERS, DEMO_SUPPLIER_PASSWORD } from './suppliers.js';

/** What main.ts knows of a demo tenant from its manifest. */
export interface DemoTenant {
  slug: string;
  owner: { email: string; password: string };
  /** The manifest's mini-programs: the first is authorized to the platform and published. */
  apps?: Array<{ appid: string }>;
  demo?: { customers?: Array<{ phone: string; password: string; nickname?: string }> };
}

export interface DemoSeedResult {
  seeded: boolean;
  ms: number;
  products?: number;
  listings?: Record<string, number>;
  trade?: TradeSummary;
  homePages?: Record<string, boolean>;
}

/** True when the demo's first supplier exists: the seed ran (a second start changes nothing). */
export async function demoSeeded(): Promise<boolean> {
  const ctx = systemContext('demo-seed');
  const page = await runInContext(ctx, () => listSuppliers(ctx, { page: 1, pageSize: 1, q: creditCode(DEMO_SUPPLIERS[0]!.codeBody) }));
  return page.total > 0;
}

export async function seedDemo(app: Express, tenants: DemoTenant[], options: { port?: number } = {}): Promise<DemoSeedResult> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  if (await demoSeeded()) return { seeded: false, ms: ms() };
  const log = logger();
  const api = await DemoApi.open(app, options.port);
  try {
    const admin = config().platformAdmin;
    const operator = api.platform((await api.platform().post('/platform/auth/login', { email: admin.email, password: admin.password })).token);

    const [suppliers, categories] = await Promise.all([seedSuppliers(api, operator), seedCategories(operator)]);
    const products = await seedProducts(operator, suppliers, categories, api);
    log.info({ ms: ms(), products: products.size }, 'demo: suppliers and market seeded');

    const shops: SeededShop[] = [];
    const people = new Map<string, DemoShopper[]>();
    for (const plan of SHOP_PLANS) {
      const tenant = tenants.find((t) => t.slug === plan.slug);
      if (!tenant) continue;
      const { token } = await api.shop(plan.slug).post('/admin/auth/login', { email: tenant.owner.email, password: tenant.owner.password });
      const shop = await seedShop(api.shop(plan.slug, token as string), plan, products, categories);
      await seedShopContent(shop);
      // the sandbox's WeChat only: a live platform would send the merchant to WeChat's own page
      if (!config().wechatOpen.live) await seedMiniprogram(shop.owner, api.platform(), tenant.apps?.[0]?.appid);
      shops.push(shop);
      people.set(plan.slug, (tenant.demo?.customers ?? []).map((c) => ({ phone: c.phone, password: c.password, nickname: c.nickname ?? c.phone })));
    }
    await seedPlatformHelp(operator);
    log.info({ ms: ms() }, 'demo: shops stocked, branded and written');

    const ownerOf = new Map<string, 'tea' | 'ceramics' | 'snacks'>(DEMO_PRODUCTS.map((p) => [p.key, p.supplier]));
    const trade = await seedTrade({ api, suppliers, supplierOf: (key) => ownerOf.get(key) ?? 'own' }, shops, people);
    // before anything that runs the jobs (the group buys' payments do), which completes the oldest
    // orders: the demo shoppers earn points from them
    await seedMembership(api, shops, people);
    for (const shop of shops) await seedCoupons(api, shop, people.get(shop.plan.slug) ?? []);
    for (const shop of shops) await seedDistribution(api, shop, people.get(shop.plan.slug) ?? []);
    for (const shop of shops) await seedGroupBuys(api, shop, people.get(shop.plan.slug) ?? []);
    for (const shop of shops) await seedStores(api, shop, people.get(shop.plan.slug) ?? []);
    for (const shop of shops) await seedCommunity(api, shop, people.get(shop.plan.slug) ?? []);
    await seedBrand(api, shops, tenants);
    // the oldest orders' after-sales windows have closed: complete them, settle the ledger, deliver events
    await runDueJobs();
    for (const shop of shops) await seedChat(api, shop, people.get(shop.plan.slug) ?? []);
    for (const shop of shops) await seedPromotions(shop);
    for (const shop of shops) await seedFlashSales(shop);
    const result: DemoSeedResult = {
      seeded: true,
      ms: ms(),
      products: products.size,
      listings: Object.fromEntries(shops.map((s) => [s.plan.slug, s.listings.size])),
      trade,
      homePages: Object.fromEntries(shops.map((s) => [s.plan.slug, s.homePage])),
    };
    log.info(result, 'demo: seeded');
    return result;
  } finally {
    await api.close();
  }
}
