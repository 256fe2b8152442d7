/**
 * Fills the order benchmark's database (shop_bench_orders by default) with what placing an order
 * reads, and signs its shoppers in:
 *
 *   5 tenants (shop001…shop005; plans pro, basic and trial, unpaid timeouts 15–60 minutes), 24
 *   approved suppliers with 1–3 warehouses each in different provinces and a default freight
 *   template each (piece or weight mode, a dearer rule for 四川省, free from ¥299: about half
 *   the listing SKUs pay freight), 400 approved products (1–6 SKUs; stock in every warehouse of
 *   their supplier: 10,000,000 units each, so a run never sells out), 7 platform categories with their children (the food ones carry a fee
 *   rate of their own), 160 listings per tenant (5% off sale) with every SKU, and 60 shoppers per
 *   tenant with one address each (spread over the provinces the warehouses are in, so allocation
 *   has nearer and farther warehouses to choose from).
 *
 * The schema comes from the server's own migrations (drop every table, then migrateUp); rows go
 * in through multi-row INSERTs over mysql2, like seed-catalog.ts. Shopper tokens come from the
 * server's own issueToken() (core/auth), so each has its auth_sessions row and the load exercises
 * the real authentication path; they are written with everything the load script needs to
 * scripts/bench/data/orders-shoppers.json (git-ignored).
 *
 * Idempotent-ish: with the same parameters already seeded, only pending migrations run, and the
 * tokens are issued again only when the file is missing or they expire within a day. --force
 * reseeds. Orders the benchmark placed stay (each run counts its own).
 *
 *   npx tsx scripts/bench/seed-orders.ts [--force] [--tenants 5] [--shoppers 60]
 *
 * BENCH_DATABASE_URL overrides mysql://shop:shop@127.0.0.1:3306/shop_bench_orders (its name must
 * contain "bench"); BENCH_REDIS_URL overrides redis://127.0.0.1:6379/8 (its cached tenants and
 * sessions are dropped when the seed changes).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import mysql from 'mysql2/promise';
import { issueToken } from '../../server/src/core/auth/index.js';
import { loadConfig, useConfig } from '../../server/src/core/config.js';
import { createContext } from '../../server/src/core/context.js';
import { closeDatabase, dropAllTables, migrateUp, openDatabase } from '../../server/src/core/db/index.js';
import { benchDatabaseUrl, benchDir, benchRedisUrl, ORDERS_DATABASE_URL, ORDERS_REDIS_URL, serverEnv, slugOf } from './lib/env.js';
import { insert, migrationNames, mulberry32, seedValue, writeSeedValues } from './lib/seeding.js';
import { brands, companyKinds, companyWords, givenNames, kinds, phrases, provinces, surnames, type Kind } from './lib/words.js';

const SEED_VERSION = 1;
export const SHOPPERS_FILE = path.join(benchDir, 'data', 'orders-shoppers.json');

const { values: args } = parseArgs({
  options: {
    force: { type: 'boolean', default: false },
    tenants: { type: 'string', default: '5' },
    suppliers: { type: 'string', default: '24' },
    products: { type: 'string', default: '400' },
    listings: { type: 'string', default: '160' },
    shoppers: { type: 'string', default: '60' },
  },
});

const params = {
  version: SEED_VERSION,
  tenants: Number(args.tenants),
  suppliers: Number(args.suppliers),
  products: Number(args.products),
  listingsPerTenant: Number(args.listings),
  shoppersPerTenant: Number(args.shoppers),
  stockPerWarehouse: 10_000_000,
  freeShippingAbove: 29_900,
  offSaleShare: 0.05,
  prngSeed: 20261125,
};

/** What orders.ts reads: per tenant its host, its shoppers (token, address) and the listing SKUs on sale. */
export interface ShoppersFile {
  seededAt: string;
  params: typeof params;
  tokensIssuedAt: string;
  tokensExpireAt: string;
  tenants: Array<{
    id: number;
    slug: string;
    host: string;
    plan: string;
    /** Listing SKU ids (the API's skuId) of listings on sale. */
    skus: number[];
    shoppers: Array<{ customerId: number; addressId: number; province: string; city: string; token: string }>;
  }>;
  /** The hot row: a listing SKU of the first tenant whose SKU is stocked in one warehouse only. */
  hot: { tenantId: number; listingSkuId: number; skuId: number; warehouseId: number };
}

const rnd = mulberry32(params.prngSeed);
const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const chance = (p: number) => rnd() < p;

const T0 = Date.UTC(2026, 0, 5, 2, 0, 0);
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const stamp = ['created_at', 'updated_at'];
const markup = (supply: number, percent: number) => Math.floor((supply * (100 + percent) + 99) / 100);

const PLANS = ['pro', 'basic', 'trial', 'pro', 'basic'];
const CANCEL_MINUTES = [30, 15, 60, 30, 45];

function build() {
  const categories: unknown[][] = [];
  const leaves = new Map<Kind, number[]>();
  let catId = 0;
  kinds.forEach((kind, k) => {
    const root = ++catId;
    categories.push([root, null, kind.category, k, 1, `/${root}/`, null, at(0), at(0)]);
    const ids: number[] = [];
    kind.children.forEach((name, c) => {
      const id = ++catId;
      ids.push(id);
      // food carries its own platform fee rate; every other category falls back to the plan's
      categories.push([id, root, name, c, 2, `/${root}/${id}/`, kind.category === '食品' ? 50 : null, at(0), at(0)]);
    });
    leaves.set(kind, ids);
  });

  const suppliers: unknown[][] = [];
  const warehouses: unknown[][] = [];
  const templates: unknown[][] = [];
  const supplierWarehouses: number[][] = [];
  let whId = 0;
  for (let s = 1; s <= params.suppliers; s++) {
    const name = `${pick(companyWords)}${pick(companyWords)}${pick(companyKinds)}有限公司${s}`;
    suppliers.push([s, name, `9133${String(s).padStart(13, '0')}X`, `${pick(surnames)}${pick(givenNames)}`, `139${String(10_000_000 + s * 7919).slice(-8)}`, 'approved', null, '[]', at(s), null, at(s - 60), at(s)]);
    // 1–3 warehouses, each in another province (supplier 1: one, for the hot row)
    const ids: number[] = [];
    const used = new Set<string>();
    for (let w = s === 1 ? 1 : int(1, 3); w > 0; w--) {
      let [province, cities] = pick(provinces);
      while (used.has(province)) [province, cities] = pick(provinces);
      used.add(province);
      const city = pick(cities);
      ids.push(++whId);
      warehouses.push([whId, 'supplier', s, `${city}${ids.length}号仓`, province, city, null, `${city}物流园${int(1, 99)}号`, 30 + rnd() * 10, 110 + rnd() * 10, at(s), at(s)]);
    }
    supplierWarehouses.push(ids);
    const weight = s % 4 === 0;
    templates.push([
      s, 'supplier', s, weight ? '按重量' : '按件', weight ? 'weight' : 'piece',
      JSON.stringify(weight ? { first: 1000, firstFee: 800, additional: 500, additionalFee: 300 } : { first: 1, firstFee: 600, additional: 1, additionalFee: 200 }),
      JSON.stringify([{ provinces: ['四川省'], ...(weight ? { first: 1000, firstFee: 1500, additional: 500, additionalFee: 500 } : { first: 1, firstFee: 1000, additional: 1, additionalFee: 500 }) }]),
      params.freeShippingAbove, 1, at(s), at(s),
    ]);
  }

  const products: unknown[][] = [];
  const skus: unknown[][] = [];
  const stocks: unknown[][] = [];
  const productSkus: Array<{ productId: number; supplierId: number; skus: Array<{ id: number; supply: number }> }> = [];
  let skuId = 0;
  let stockId = 0;
  for (let p = 1; p <= params.products; p++) {
    const s = ((p - 1) % params.suppliers) + 1;
    const kind = pick(kinds);
    const brand = chance(0.8) ? pick(brands) : null;
    const title = [brand, `${pick(kind.qualities)}${pick(kind.nouns)}`, chance(0.6) ? pick(kind.audiences) : null, chance(0.5) ? pick(phrases) : null].filter(Boolean).join(' ');
    const n = pick([1, 2, 2, 3, 3, 4, 6]);
    const [a, b] = n === 1 ? [1, 1] : n === 2 ? [2, 1] : n === 3 ? [3, 1] : n === 4 ? [2, 2] : [3, 2];
    const base = Math.round(int(kind.price[0], kind.price[1]) / 10) * 10;
    const whs = supplierWarehouses[s - 1]!;
    const mine: Array<{ id: number; supply: number }> = [];
    const prices: number[] = [];
    for (let i0 = 0; i0 < a; i0++) {
      for (let i1 = 0; i1 < b; i1++) {
        const id = ++skuId;
        const supply = base + i1 * 500 + i0 * 100;
        prices.push(supply);
        mine.push({ id, supply });
        const v0 = kind.dims[0].values[i0]!;
        const v1 = kind.dims[1].values[i1]!;
        const specs = { [kind.dims[0].name]: v0, [kind.dims[1].name]: v1 };
        skus.push([id, p, `OB${p}-${mine.length}`, JSON.stringify(specs), `${kind.dims[0].name}:${v0}|${kind.dims[1].name}:${v1}`, supply, Math.ceil((supply * 1.6) / 100) * 100 - 10, null, int(kind.grams[0], kind.grams[1]), params.stockPerWarehouse * whs.length, 'active', at(p), at(p)]);
        for (const w of whs) stocks.push([++stockId, id, w, params.stockPerWarehouse, at(p), at(p)]);
      }
    }
    products.push([
      p, 'supplier', s, title, `<p>${title}</p>`, JSON.stringify([`https://img.example.com/o/${p}/1.jpg`]), pick(leaves.get(kind)!), null,
      JSON.stringify([{ name: kind.dims[0].name, values: kind.dims[0].values.slice(0, a) }, { name: kind.dims[1].name, values: kind.dims[1].values.slice(0, b) }]),
      'approved', null, null, null, null, 0, Math.min(...prices), Math.max(...prices), params.stockPerWarehouse * whs.length * mine.length, 0,
      chance(0.7) ? s : null, at(p), at(p), at(p), at(p),
    ]);
    productSkus.push({ productId: p, supplierId: s, skus: mine });
  }

  const tenants: unknown[][] = [];
  for (let t = 1; t <= params.tenants; t++) {
    tenants.push([t, slugOf(t), `${pick(brands)}订单测试店${t}`, 'merchant', null, 'active', PLANS[(t - 1) % PLANS.length], null,
      JSON.stringify({ orders: { autoCancelMinutes: CANCEL_MINUTES[(t - 1) % CANCEL_MINUTES.length], autoReceiveDays: 10, afterSalesDays: 7 } }), at(t), at(t)]);
  }

  const listings: unknown[][] = [];
  const listingSkus: unknown[][] = [];
  const onSale = new Map<number, number[]>();
  let listingId = 0;
  let lsId = 0;
  for (let t = 1; t <= params.tenants; t++) {
    const chosen = new Set<number>();
    // product 1 (supplier 1) is in every shop: the hot row's candidate
    chosen.add(0);
    while (chosen.size < params.listingsPerTenant) chosen.add(Math.floor(rnd() * productSkus.length));
    const pct = int(20, 80);
    const sale: number[] = [];
    for (const i of [...chosen].sort((x, y) => x - y)) {
      const p = productSkus[i]!;
      const id = ++listingId;
      const off = i !== 0 && chance(params.offSaleShare);
      const prices = p.skus.map((x) => markup(x.supply, pct));
      const title = (products[i]![3] as string).slice(0, 120);
      listings.push([id, t, p.productId, 'supplier', title, `https://img.example.com/o/${p.productId}/1.jpg`, null, off ? 'off_sale' : 'on_sale', off ? 'merchant' : null, Math.min(...prices), 0, at(1000 + id), at(1000 + id)]);
      p.skus.forEach((x, k) => {
        listingSkus.push([++lsId, t, id, x.id, prices[k], at(1000 + id), at(1000 + id)]);
        if (!off) sale.push(lsId);
      });
    }
    onSale.set(t, sale);
  }

  const customers: unknown[][] = [];
  const addresses: unknown[][] = [];
  const people: Array<{ tenantId: number; customerId: number; addressId: number; province: string; city: string }> = [];
  let customerId = 0;
  for (let t = 1; t <= params.tenants; t++) {
    for (let k = 1; k <= params.shoppersPerTenant; k++) {
      const id = ++customerId;
      customers.push([id, t, `137${String(t).padStart(2, '0')}${String(k).padStart(6, '0')}`, null, `买家${t}-${k}`, null, null, null, 'active', null, at(5000 + id), at(5000 + id)]);
      const [province, cities] = pick(provinces);
      const city = pick(cities);
      addresses.push([id, t, id, `${pick(surnames)}${pick(givenNames)}`, `138${String(id).padStart(8, '0')}`, province, city, '某某区', `${pick(companyWords)}路${int(1, 300)}号`, 1, at(5000 + id), at(5000 + id)]);
      people.push({ tenantId: t, customerId: id, addressId: id, province, city });
    }
  }
  return { categories, suppliers, warehouses, templates, products, skus, stocks, tenants, listings, listingSkus, onSale, customers, addresses, people };
}

async function main(): Promise<void> {
  const started = Date.now();
  const url = benchDatabaseUrl(ORDERS_DATABASE_URL);
  process.env.BENCH_DATABASE_URL = url;
  const redisUrl = benchRedisUrl(ORDERS_REDIS_URL);
  process.env.BENCH_REDIS_URL = redisUrl;
  const config = loadConfig(serverEnv());
  useConfig(config);
  const conn = await mysql.createConnection({ uri: url, charset: 'utf8mb4', timezone: 'Z', supportBigNumbers: true });
  const wanted = JSON.stringify(params);
  const have = await seedValue(conn, 'params');
  const sequelize = await openDatabase(config);
  const name = new URL(url).pathname.slice(1);
  try {
    let seeded = false;
    if (have === wanted && !args.force) {
      const ran = await migrateUp(sequelize);
      console.log(`${name} already holds this seed (${wanted}); ${ran.length ? `applied pending migrations: ${ran.join(', ')}` : 'no pending migrations'}. --force reseeds.`);
    } else {
      console.log(`seeding ${name}: ${wanted}`);
      await dropAllTables(sequelize);
      const ran = await migrateUp(sequelize);
      console.log(`  schema: ${ran.length} migrations (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      const c = build();
      await conn.query('SET SESSION foreign_key_checks = 0, unique_checks = 0');
      await conn.query('START TRANSACTION');
      await insert(conn, 'tenants', ['id', 'slug', 'name', 'kind', 'parent_id', 'status', 'plan', 'plan_expires_at', 'settings', ...stamp], c.tenants);
      await insert(conn, 'categories', ['id', 'parent_id', 'name', 'sort', 'level', 'path', 'fee_bps', ...stamp], c.categories);
      await insert(conn, 'suppliers', ['id', 'company_name', 'license_no', 'contact_name', 'contact_phone', 'status', 'reject_reason', 'documents', 'reviewed_at', 'reviewed_by', ...stamp], c.suppliers);
      await insert(conn, 'warehouses', ['id', 'owner_kind', 'owner_id', 'name', 'province', 'city', 'district', 'address', 'lat', 'lng', ...stamp], c.warehouses);
      await insert(conn, 'freight_templates', ['id', 'owner_kind', 'owner_id', 'name', 'mode', 'default_rule', 'region_rules', 'free_threshold', 'is_default', ...stamp], c.templates);
      await insert(conn, 'products', [
        'id', 'owner_kind', 'owner_id', 'title', 'description_html', 'images', 'category_id', 'brand_id', 'spec_dimensions', 'status', 'reject_reason',
        'revision', 'revision_status', 'revision_reason', 'shared_with_distributors', 'min_supply_price', 'max_supply_price', 'total_stock', 'sales_count',
        'freight_template_id', 'submitted_at', 'approved_at', ...stamp,
      ], c.products);
      await insert(conn, 'product_skus', ['id', 'product_id', 'code', 'specs', 'specs_key', 'supply_price', 'suggested_price', 'min_retail_price', 'weight_grams', 'stock', 'status', ...stamp], c.skus);
      await insert(conn, 'sku_stocks', ['id', 'sku_id', 'warehouse_id', 'stock', ...stamp], c.stocks);
      await insert(conn, 'listings', ['id', 'tenant_id', 'product_id', 'source', 'title', 'image', 'store_category_id', 'status', 'off_reason', 'min_price', 'sales_count', ...stamp], c.listings);
      await insert(conn, 'listing_skus', ['id', 'tenant_id', 'listing_id', 'sku_id', 'price', ...stamp], c.listingSkus);
      await insert(conn, 'customers', ['id', 'tenant_id', 'phone', 'password_hash', 'nickname', 'avatar_url', 'wechat_openid', 'wechat_unionid', 'status', 'last_login_at', ...stamp], c.customers);
      await insert(conn, 'addresses', ['id', 'tenant_id', 'customer_id', 'name', 'phone', 'province', 'city', 'district', 'detail', 'is_default', ...stamp], c.addresses);
      await conn.query('COMMIT');
      await conn.query('SET SESSION foreign_key_checks = 1, unique_checks = 1');
      for (const table of ['tenants', 'products', 'product_skus', 'sku_stocks', 'listings', 'listing_skus', 'customers', 'addresses', 'warehouses', 'freight_templates']) await conn.query(`ANALYZE TABLE \`${table}\``);
      const counts = {
        tenants: c.tenants.length, suppliers: c.suppliers.length, warehouses: c.warehouses.length, products: c.products.length, product_skus: c.skus.length,
        sku_stocks: c.stocks.length, listings: c.listings.length, listing_skus: c.listingSkus.length, customers: c.customers.length,
      };
      await writeSeedValues(conn, { params: wanted, counts: JSON.stringify(counts), migrations: JSON.stringify(migrationNames()), seeded_at: new Date().toISOString() });
      console.log(`  rows: ${JSON.stringify(counts)} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      seeded = true;
      // the server caches tenants by slug and sessions by id in Redis: forget this database's old ones
      const redis = new Redis(redisUrl);
      let dropped = 0;
      for (const pattern of ['s2b2c:tenant:*', 's2b2c:sess:*']) {
        for (let cursor = '0'; ; ) {
          const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
          if (keys.length) dropped += await redis.del(...keys);
          cursor = next;
          if (cursor === '0') break;
        }
      }
      redis.disconnect();
      console.log(`  Redis ${redisUrl}: dropped ${dropped} cached tenant/session keys`);
    }

    // tokens: issued by the server's own issueToken (an auth_sessions row each), kept in a file
    const existing = existsSync(SHOPPERS_FILE) ? (JSON.parse(readFileSync(SHOPPERS_FILE, 'utf8')) as ShoppersFile) : null;
    const seededAt = (await seedValue(conn, 'seeded_at')) ?? '';
    const fresh = existing && !seeded && existing.seededAt === seededAt && JSON.stringify(existing.params) === wanted && Date.parse(existing.tokensExpireAt) > Date.now() + 86_400_000;
    if (fresh) {
      console.log(`tokens: ${path.relative(process.cwd(), SHOPPERS_FILE)} is current (expires ${existing.tokensExpireAt})`);
    } else {
      const [tenantRows] = (await conn.query('SELECT id, slug, plan FROM tenants ORDER BY id')) as unknown as [Array<{ id: number; slug: string; plan: string }>];
      const [people] = (await conn.query(
        'SELECT c.tenant_id, c.id AS customer_id, a.id AS address_id, a.province, a.city FROM customers c JOIN addresses a ON a.tenant_id = c.tenant_id AND a.customer_id = c.id ORDER BY c.id',
      )) as unknown as [Array<{ tenant_id: number; customer_id: number; address_id: number; province: string; city: string }>];
      const [sale] = (await conn.query(
        "SELECT ls.tenant_id, ls.id FROM listing_skus ls JOIN listings l ON l.tenant_id = ls.tenant_id AND l.id = ls.listing_id WHERE l.status = 'on_sale' ORDER BY ls.id",
      )) as unknown as [Array<{ tenant_id: number; id: number }>];
      const [[hot]] = (await conn.query(
        `SELECT ls.tenant_id, ls.id AS listing_sku_id, ls.sku_id, MIN(ss.warehouse_id) AS warehouse_id
           FROM listing_skus ls JOIN listings l ON l.tenant_id = ls.tenant_id AND l.id = ls.listing_id AND l.status = 'on_sale'
           JOIN sku_stocks ss ON ss.sku_id = ls.sku_id
          WHERE ls.tenant_id = ? GROUP BY ls.tenant_id, ls.id, ls.sku_id HAVING COUNT(*) = 1 ORDER BY ls.id LIMIT 1`,
        [tenantRows[0]!.id],
      )) as unknown as [Array<{ tenant_id: number; listing_sku_id: number; sku_id: number; warehouse_id: number }>];
      if (!hot) throw new Error('no listing SKU stocked in one warehouse only in the first tenant');
      // old bench sessions of these shoppers are revoked, so a stale file cannot be used by mistake
      await conn.query("UPDATE auth_sessions SET revoked_at = UTC_TIMESTAMP(3) WHERE actor_kind = 'shopper' AND revoked_at IS NULL");
      const t0 = Date.now();
      const ctx = createContext({ requestId: 'seed-orders', userAgent: 'scripts/bench/seed-orders.ts' });
      const tokens = new Map<number, string>();
      let expiresAt = '';
      for (const p of people) {
        const issued = await issueToken(ctx, 'shopper', p.customer_id, p.tenant_id);
        tokens.set(p.customer_id, issued.token);
        expiresAt = issued.expiresAt;
      }
      const file: ShoppersFile = {
        seededAt,
        params,
        tokensIssuedAt: new Date().toISOString(),
        tokensExpireAt: expiresAt,
        tenants: tenantRows.map((t) => ({
          id: t.id,
          slug: t.slug,
          host: `${t.slug}.localhost`,
          plan: t.plan,
          skus: sale.filter((s) => s.tenant_id === t.id).map((s) => s.id),
          shoppers: people.filter((p) => p.tenant_id === t.id).map((p) => ({ customerId: p.customer_id, addressId: p.address_id, province: p.province, city: p.city, token: tokens.get(p.customer_id)! })),
        })),
        hot: { tenantId: hot.tenant_id, listingSkuId: hot.listing_sku_id, skuId: hot.sku_id, warehouseId: hot.warehouse_id },
      };
      mkdirSync(path.dirname(SHOPPERS_FILE), { recursive: true });
      writeFileSync(SHOPPERS_FILE, JSON.stringify(file, null, 1) + '\n');
      console.log(`tokens: ${people.length} shopper sessions through issueToken() (${((Date.now() - t0) / 1000).toFixed(1)} s), expire ${expiresAt}; written to ${path.relative(process.cwd(), SHOPPERS_FILE)}`);
      console.log(`  hot row: tenant ${hot.tenant_id}, listing SKU ${hot.listing_sku_id} (SKU ${hot.sku_id}, warehouse ${hot.warehouse_id} only)`);
    }
  } finally {
    await closeDatabase();
    await conn.end();
  }
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
