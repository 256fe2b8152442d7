/**
 * Fills the benchmark database (shop_bench by default) with a realistic catalog:
 *
 *   100 tenants, 1,000 approved suppliers and their warehouses, ~33,000 approved products with
 *   ~100,000 SKUs (Chinese titles from word lists, two spec dimensions such as 颜色 × 尺码), stock
 *   per warehouse, and for each tenant 200–400 listings of market products with their listing SKUs
 *   (title, image and lowest price copied onto the listing as the app does), plus the shop search
 *   index rows the app writes (the app's own termWeights(): title weight 3, spec values weight 1).
 *
 * The schema comes from the server's own migrations (drop every table, then migrateUp). Rows go in
 * through multi-row INSERTs over mysql2: the app's services would take hours for this volume.
 * The data is deterministic (seeded PRNG). When the database already holds a seed with the same
 * parameters, only pending migrations run; --force reseeds.
 *
 *   npx tsx scripts/bench/seed-catalog.ts [--force] [--tenants 100] [--suppliers 1000] [--products 33000]
 *
 * BENCH_DATABASE_URL overrides mysql://shop:shop@127.0.0.1:3306/shop_bench (its name must contain "bench").
 */
import { parseArgs } from 'node:util';
import mysql from 'mysql2/promise';
import { loadConfig } from '../../server/src/core/config.js';
import { closeDatabase, dropAllTables, migrateUp, openDatabase } from '../../server/src/core/db/index.js';
import { termWeights } from '../../server/src/core/search.js';
import { benchDatabaseUrl, serverEnv, slugOf } from './lib/env.js';
import { insert, migrationNames, mulberry32, seedValue, writeSeedValues } from './lib/seeding.js';
import { brands, companyKinds, companyWords, givenNames, kinds, phrases, provinces, seasons, shopWords, surnames, type Kind } from './lib/words.js';

// 2: the search index holds every Han character as well as its bigrams (single-character search)
const SEED_VERSION = 2;

const { values: args } = parseArgs({
  options: {
    force: { type: 'boolean', default: false },
    tenants: { type: 'string', default: '100' },
    suppliers: { type: 'string', default: '1000' },
    products: { type: 'string', default: '33000' },
    'listings-min': { type: 'string', default: '200' },
    'listings-max': { type: 'string', default: '400' },
  },
});

export const params = {
  version: SEED_VERSION,
  tenants: Number(args.tenants),
  suppliers: Number(args.suppliers),
  products: Number(args.products),
  listingsPerTenant: [Number(args['listings-min']), Number(args['listings-max'])] as [number, number],
  offSaleShare: 0.05,
  prngSeed: 20261124,
};

// ---------------------------------------------------------------- deterministic randomness

const rnd = mulberry32(params.prngSeed);
const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const chance = (p: number) => rnd() < p;
/** Zipf-like: the i-th item has weight 1/(i+1). */
function zipf<T>(xs: readonly T[]): T {
  const h = xs.reduce((s, _x, i) => s + 1 / (i + 1), 0);
  let r = rnd() * h;
  for (let i = 0; i < xs.length; i++) {
    r -= 1 / (i + 1);
    if (r <= 0) return xs[i]!;
  }
  return xs[xs.length - 1]!;
}
function shuffle<T>(xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}
/** k distinct values of xs, kept in list order. */
function subset<T>(xs: readonly T[], k: number): T[] {
  const idx = shuffle(xs.map((_x, i) => i)).slice(0, k).sort((a, b) => a - b);
  return idx.map((i) => xs[i]!);
}

// ---------------------------------------------------------------- the catalog in memory

const T0 = Date.UTC(2026, 0, 5, 2, 0, 0);
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

/** The app's price markup (market/listing-service.ts): ceil(supply × (100 + m) / 100) in integers. */
const markup = (supply: number, percent: number) => Math.floor((supply * (100 + percent) + 99) / 100);

interface Sku {
  id: number;
  specs: Record<string, string>;
  specsKey: string;
  supplyPrice: number;
  suggestedPrice: number;
  stock: number;
  grams: number;
}
interface Product {
  id: number;
  supplierId: number;
  warehouseId: number;
  kind: Kind;
  categoryId: number;
  brandId: number | null;
  title: string;
  images: string[];
  dims: Array<{ name: string; values: string[] }>;
  skus: Sku[];
  sales: number;
  createdAt: Date;
}

/** SKUs per product: mean ≈ 3.0, so 33,000 products carry ≈ 100,000 SKUs. */
const SKU_COUNTS: Array<[number, number]> = [[1, 0.15], [2, 0.27], [3, 0.26], [4, 0.19], [6, 0.13]];
function skuCount(): number {
  let r = rnd();
  for (const [n, p] of SKU_COUNTS) if ((r -= p) <= 0) return n;
  return 3;
}
function factor(n: number): [number, number] {
  switch (n) {
    case 1: return [1, 1];
    case 2: return chance(0.5) ? [2, 1] : [1, 2];
    case 3: return chance(0.5) ? [3, 1] : [1, 3];
    case 4: return [2, 2];
    default: return chance(0.5) ? [3, 2] : [2, 3];
  }
}

function titleOf(kind: Kind, brand: string | null): string {
  const q1 = zipf(kind.qualities);
  const q2 = chance(0.4) ? pick(kind.qualities.filter((q) => q !== q1)) : '';
  const parts = [
    brand,
    `${q1}${q2}${zipf(kind.nouns)}`,
    chance(0.7) ? pick(kind.audiences) : null,
    chance(0.5) ? pick(seasons) : null,
    chance(0.6) ? pick(phrases) : null,
  ];
  return parts.filter(Boolean).join(' ').slice(0, 120);
}

function buildCatalog() {
  // categories: one root per kind, its children are the leaves products use
  const categories: unknown[][] = [];
  const leaves = new Map<Kind, number[]>();
  let catId = 0;
  kinds.forEach((kind, k) => {
    const root = ++catId;
    categories.push([root, null, kind.category, k, 1, `/${root}/`, at(0), at(0)]);
    const ids: number[] = [];
    kind.children.forEach((name, c) => {
      const id = ++catId;
      ids.push(id);
      categories.push([id, root, name, c, 2, `/${root}/${id}/`, at(0), at(0)]);
    });
    leaves.set(kind, ids);
  });
  const brandRows = brands.map((name, i) => [i + 1, name, null, at(0), at(0)]);

  const suppliers: unknown[][] = [];
  const warehouses: unknown[][] = [];
  const supplierWarehouses: number[][] = [];
  let whId = 0;
  for (let s = 1; s <= params.suppliers; s++) {
    const [province, cities] = pick(provinces);
    const city = pick(cities);
    const name = `${city.replace(/市$/, '')}${pick(companyWords)}${pick(companyWords)}${pick(companyKinds)}有限公司`;
    const license = `9133${String(s).padStart(13, '0')}X`;
    suppliers.push([
      s, name, license, `${pick(surnames)}${pick(givenNames)}`, `138${String(10_000_000 + s * 7919).slice(-8)}`, 'approved', null,
      JSON.stringify([{ type: 'business_license', url: `https://img.example.com/license/${s}.jpg`, name: '营业执照' }]), at(s), null, at(s - 60), at(s),
    ]);
    const ids: number[] = [];
    for (let w = int(1, 3); w > 0; w--) {
      const [wp, wcs] = w === 1 ? [province, [city]] : pick(provinces);
      const wc = pick(wcs);
      ids.push(++whId);
      warehouses.push([whId, 'supplier', s, `${wc}${ids.length}号仓`, wp, wc, null, `${wc}工业园区${int(1, 99)}号`, 30 + rnd() * 10, 110 + rnd() * 10, at(s), at(s)]);
    }
    supplierWarehouses.push(ids);
  }

  const products: Product[] = [];
  let skuId = 0;
  const perSupplier = Math.floor(params.products / params.suppliers);
  let extra = params.products - perSupplier * params.suppliers;
  for (let s = 1; s <= params.suppliers; s++) {
    const main = pick(kinds);
    const n = perSupplier + (extra-- > 0 ? 1 : 0);
    for (let i = 0; i < n; i++) {
      const id = products.length + 1;
      const kind = chance(0.7) ? main : pick(kinds);
      const brandIdx = chance(0.8) ? Math.floor(rnd() * brands.length) : -1;
      const [a, b] = factor(skuCount());
      const dims = [
        { name: kind.dims[0].name, values: subset(kind.dims[0].values, a) },
        { name: kind.dims[1].name, values: subset(kind.dims[1].values, b) },
      ];
      const base = Math.round(int(kind.price[0], kind.price[1]) / 10) * 10;
      const skus: Sku[] = [];
      dims[0].values.forEach((v0, i0) =>
        dims[1].values.forEach((v1, i1) => {
          const supplyPrice = base + i1 * 500 + i0 * 100;
          skus.push({
            id: ++skuId,
            specs: { [dims[0].name]: v0, [dims[1].name]: v1 },
            specsKey: `${dims[0].name}:${v0}|${dims[1].name}:${v1}`,
            supplyPrice,
            suggestedPrice: Math.ceil((supplyPrice * 1.6) / 100) * 100 - 10,
            stock: chance(0.05) ? 0 : int(5, 800),
            grams: int(kind.grams[0], kind.grams[1]),
          });
        }),
      );
      if (skus.every((x) => x.stock === 0)) skus[0]!.stock = int(5, 50);
      const whs = supplierWarehouses[s - 1]!;
      products.push({
        id,
        supplierId: s,
        warehouseId: whs[i % whs.length]!,
        kind,
        categoryId: pick(leaves.get(kind)!),
        brandId: brandIdx >= 0 ? brandIdx + 1 : null,
        title: titleOf(kind, brandIdx >= 0 ? brands[brandIdx]! : null),
        images: Array.from({ length: int(3, 5) }, (_x, n2) => `https://img.example.com/p/${id}/${n2 + 1}.jpg`),
        dims,
        skus,
        sales: Math.floor(20_000 * rnd() ** 4),
        createdAt: at(1_000 + id),
      });
    }
  }

  const tenants: unknown[][] = [];
  for (let t = 1; t <= params.tenants; t++) {
    tenants.push([
      t, slugOf(t), `${pick(brands)}${pick(shopWords)}${t}`, 'merchant', null, 'active', 'pro', null,
      JSON.stringify({ orders: { autoCancelMinutes: 30, autoReceiveDays: 10, afterSalesDays: 7 } }), at(t), at(t),
    ]);
  }

  // listings: each tenant picks its products from the whole market; ids interleave across tenants
  // as they would when shops import over time
  const pairs: Array<{ tenantId: number; product: Product; markup: number }> = [];
  for (let t = 1; t <= params.tenants; t++) {
    const n = int(params.listingsPerTenant[0], params.listingsPerTenant[1]);
    const chosen = new Set<number>();
    while (chosen.size < n) chosen.add(Math.floor(rnd() * products.length));
    const pct = int(15, 80);
    for (const i of chosen) pairs.push({ tenantId: t, product: products[i]!, markup: pct });
  }
  shuffle(pairs);
  return { categories, brandRows, suppliers, warehouses, products, tenants, pairs };
}

// ---------------------------------------------------------------- writing

async function main(): Promise<void> {
  const started = Date.now();
  const url = benchDatabaseUrl();
  const config = loadConfig(serverEnv());
  const conn = await mysql.createConnection({ uri: url, charset: 'utf8mb4', timezone: 'Z', supportBigNumbers: true });
  const wanted = JSON.stringify(params);
  const have = await seedValue(conn, 'params');
  const sequelize = await openDatabase(config);
  try {
    if (have === wanted && !args.force) {
      const ran = await migrateUp(sequelize);
      console.log(`shop_bench already holds this seed (${wanted}); ${ran.length ? `applied pending migrations: ${ran.join(', ')}` : 'nothing to do'}. --force reseeds.`);
      await conn.end();
      return;
    }
    console.log(`seeding ${new URL(url).pathname.slice(1)}: ${wanted}`);
    await dropAllTables(sequelize);
    const ran = await migrateUp(sequelize);
    console.log(`  schema: ${ran.length} migrations (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } finally {
    await closeDatabase();
  }

  const t1 = Date.now();
  const c = buildCatalog();
  console.log(`  generated in memory (${((Date.now() - t1) / 1000).toFixed(1)} s)`);

  await conn.query('SET SESSION foreign_key_checks = 0, unique_checks = 0');
  const step = async (label: string, fn: () => Promise<number>) => {
    const t = Date.now();
    await conn.query('START TRANSACTION');
    const n = await fn();
    await conn.query('COMMIT');
    console.log(`  ${label.padEnd(14)} ${String(n).padStart(9)} rows  ${((Date.now() - t) / 1000).toFixed(1)} s`);
    return n;
  };
  const counts: Record<string, number> = {};
  const stamp = ['created_at', 'updated_at'];

  counts.tenants = await step('tenants', async () => {
    await insert(conn, 'tenants', ['id', 'slug', 'name', 'kind', 'parent_id', 'status', 'plan', 'plan_expires_at', 'settings', ...stamp], c.tenants);
    return c.tenants.length;
  });
  counts.categories = await step('categories', async () => {
    await insert(conn, 'categories', ['id', 'parent_id', 'name', 'sort', 'level', 'path', ...stamp], c.categories);
    await insert(conn, 'brands', ['id', 'name', 'logo_url', ...stamp], c.brandRows);
    return c.categories.length;
  });
  counts.suppliers = await step('suppliers', async () => {
    await insert(conn, 'suppliers', ['id', 'company_name', 'license_no', 'contact_name', 'contact_phone', 'status', 'reject_reason', 'documents', 'reviewed_at', 'reviewed_by', ...stamp], c.suppliers);
    return c.suppliers.length;
  });
  counts.warehouses = await step('warehouses', async () => {
    await insert(conn, 'warehouses', ['id', 'owner_kind', 'owner_id', 'name', 'province', 'city', 'district', 'address', 'lat', 'lng', ...stamp], c.warehouses);
    return c.warehouses.length;
  });
  counts.products = await step('products', async () => {
    const rows = c.products.map((p) => {
      const prices = p.skus.map((s) => s.supplyPrice);
      return [
        p.id, 'supplier', p.supplierId, p.title,
        `<p>${p.title}</p><p>${p.kind.category}好物，${pick(phrases)}。</p><img src="${p.images[0]}">`,
        JSON.stringify(p.images), p.categoryId, p.brandId, JSON.stringify(p.dims), 'approved', null, null, null, null, 0,
        Math.min(...prices), Math.max(...prices), p.skus.reduce((n, s) => n + s.stock, 0), p.sales, p.createdAt, p.createdAt, p.createdAt, p.createdAt,
      ];
    });
    await insert(conn, 'products', [
      'id', 'owner_kind', 'owner_id', 'title', 'description_html', 'images', 'category_id', 'brand_id', 'spec_dimensions', 'status', 'reject_reason',
      'revision', 'revision_status', 'revision_reason', 'shared_with_distributors', 'min_supply_price', 'max_supply_price', 'total_stock', 'sales_count',
      'submitted_at', 'approved_at', ...stamp,
    ], rows, 1000);
    return rows.length;
  });
  counts.product_skus = await step('product_skus', async () => {
    const rows = c.products.flatMap((p) =>
      p.skus.map((s, i) => [s.id, p.id, `SP${p.id}-${i + 1}`, JSON.stringify(s.specs), s.specsKey, s.supplyPrice, s.suggestedPrice, null, s.grams, s.stock, 'active', p.createdAt, p.createdAt]),
    );
    await insert(conn, 'product_skus', ['id', 'product_id', 'code', 'specs', 'specs_key', 'supply_price', 'suggested_price', 'min_retail_price', 'weight_grams', 'stock', 'status', ...stamp], rows);
    return rows.length;
  });
  counts.sku_stocks = await step('sku_stocks', async () => {
    const rows = c.products.flatMap((p) => p.skus.map((s) => [s.id, s.id, p.warehouseId, s.stock, p.createdAt, p.createdAt]));
    await insert(conn, 'sku_stocks', ['id', 'sku_id', 'warehouse_id', 'stock', ...stamp], rows);
    return rows.length;
  });

  const listings: unknown[][] = [];
  const listingSkus: unknown[][] = [];
  const termsByTenant = new Map<number, unknown[][]>();
  let lsId = 0;
  c.pairs.forEach(({ tenantId, product: p, markup: pct }, i) => {
    const id = i + 1;
    const prices = p.skus.map((s) => markup(s.supplyPrice, pct));
    const off = chance(params.offSaleShare);
    const created = at(100_000 + i);
    listings.push([
      id, tenantId, p.id, 'supplier', p.title, p.images[0] ?? null, null, off ? 'off_sale' : 'on_sale', off ? 'merchant' : null,
      Math.min(...prices), Math.floor(p.sales * rnd() * 0.2), created, created,
    ]);
    p.skus.forEach((s, k) => listingSkus.push([++lsId, tenantId, id, s.id, prices[k], created, created]));
    // what DatabaseSearch.index() writes for a listing (market/listing-service.ts indexListing)
    const weights = termWeights([{ text: p.title, weight: 3 }, { text: p.skus.flatMap((s) => Object.values(s.specs)).join(' '), weight: 1 }]);
    const rows = termsByTenant.get(tenantId) ?? [];
    for (const [term, weight] of weights) rows.push([tenantId, 'listing', term, id, weight]);
    termsByTenant.set(tenantId, rows);
  });
  counts.listings = await step('listings', async () => {
    await insert(conn, 'listings', ['id', 'tenant_id', 'product_id', 'source', 'title', 'image', 'store_category_id', 'status', 'off_reason', 'min_price', 'sales_count', ...stamp], listings);
    return listings.length;
  });
  counts.listing_skus = await step('listing_skus', async () => {
    await insert(conn, 'listing_skus', ['id', 'tenant_id', 'listing_id', 'sku_id', 'price', ...stamp], listingSkus);
    return listingSkus.length;
  });
  counts.search_terms = await step('search_terms', async () => {
    let n = 0;
    for (const [, rows] of [...termsByTenant].sort((a, b) => a[0] - b[0])) {
      // primary key order (scope, type, term, doc): appends instead of page splits
      rows.sort((a, b) => (a[2] as string < (b[2] as string) ? -1 : a[2] === b[2] ? (a[3] as number) - (b[3] as number) : 1));
      await insert(conn, 'search_terms', ['scope_id', 'doc_type', 'term', 'doc_id', 'weight'], rows, 5000);
      n += rows.length;
    }
    return n;
  });
  counts.listings_on_sale = listings.filter((l) => l[7] === 'on_sale').length;

  const ta = Date.now();
  for (const table of ['tenants', 'products', 'product_skus', 'sku_stocks', 'listings', 'listing_skus', 'search_terms']) await conn.query(`ANALYZE TABLE \`${table}\``);
  console.log(`  analyze        ${((Date.now() - ta) / 1000).toFixed(1)} s`);

  await writeSeedValues(conn, { params: wanted, counts: JSON.stringify(counts), migrations: JSON.stringify(migrationNames()), seeded_at: new Date().toISOString() });
  await conn.end();
  console.log(`seeded in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(counts)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
