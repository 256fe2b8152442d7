import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { QueryTypes } from 'sequelize';
import type request from 'supertest';
import { runDueJobs } from '../../server/src/core/jobs.js';
import { db } from '../../server/src/core/db/index.js';
import { shopApi } from '../support/http.js';
import { marketProduct, merchant, paidOrder, staffWith, uniq, type TestShopper } from '../factories/index.js';
import { brandWithRange, buyer, distributor, importBrand, type Brand, type Shop } from '../factories/brand.js';

const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/** What the distributors' paid lines of the brand's goods add up to, read from the order lines themselves. */
async function linesOfBrand(brandId: number, shopIds: number[]): Promise<{ gmv: number; refunds: number; units: number; orders: number }> {
  const [r] = await db().query<{ gmv: string | number | null; refunds: string | number | null; units: string | number | null; orders: string | number }>(
    `SELECT SUM(oi.paid) AS gmv, SUM(oi.refunded_amount) AS refunds, SUM(oi.quantity) AS units, COUNT(DISTINCT oi.order_id) AS orders
       FROM order_items oi JOIN orders o ON o.id = oi.order_id
      WHERE oi.owner_kind = 'tenant' AND oi.owner_id = ? AND oi.tenant_id IN (?) AND o.paid_at IS NOT NULL`,
    { type: QueryTypes.SELECT, replacements: [brandId, shopIds] },
  );
  return { gmv: Number(r!.gmv ?? 0), refunds: Number(r!.refunds ?? 0), units: Number(r!.units ?? 0), orders: Number(r!.orders) };
}

describe('brand owners: their distributors\' sales', function () {
  this.timeout(120_000);
  let brand: Brand;
  let a: Shop;
  let b: Shop;
  const shoppers: Array<TestShopper & { addressId: number }> = [];
  let ownTitle: string;

  before(async () => {
    brand = await brandWithRange();
    a = await distributor(brand, '分销一店');
    b = await distributor(brand, '分销二店');
    const creamA = await importBrand(a, brand.cream.id, { prices: [{ supplierSkuId: brand.cream.skus[0], price: 25000 }, { supplierSkuId: brand.cream.skus[1], price: 39900 }] });
    const serumA = await importBrand(a, brand.serum.id, { markupPercent: 80 });
    const creamB = await importBrand(b, brand.cream.id, { markupPercent: 100 });
    // the distributor's own goods, sold in the same orders: none of it is the brand's business
    ownTitle = `分销商自营茶 ${uniq('t')}`;
    const own = await a.api.post('/admin/own-products').send({ title: ownTitle, skus: [{ specs: {}, price: 8800, stock: 50 }] });
    expect(own.status, JSON.stringify(own.body)).to.equal(201);
    const s1 = await buyer(a);
    const s2 = await buyer(a);
    const s3 = await buyer(b);
    shoppers.push(s1, s2, s3);
    await paidOrder(a.slug, s1.token, { items: [{ skuId: creamA.sku.get(brand.cream.skus[0]!)!.id, quantity: 2 }, { skuId: own.body.product.skus[0].id, quantity: 1 }], addressId: s1.addressId });
    await paidOrder(a.slug, s2.token, { items: [{ skuId: serumA.sku.get(brand.serum.skus[0]!)!.id, quantity: 1 }], addressId: s2.addressId });
    const bOrder = await paidOrder(b.slug, s3.token, { items: [{ skuId: creamB.sku.get(brand.cream.skus[1]!)!.id, quantity: 3 }], addressId: s3.addressId });
    // an unpaid order counts for nothing
    await shopApi(b.slug, s3.token).post('/shop/orders').send({ items: [{ skuId: creamB.sku.get(brand.cream.skus[0]!)!.id, quantity: 5 }], addressId: s3.addressId });
    // one of the three jars of B's order is refunded
    const detail = await b.api.get(`/admin/orders/${bOrder.id}`);
    const refund = await b.api.post(`/admin/orders/${bOrder.id}/refund`).send({ items: [{ orderItemId: detail.body.items[0].id, quantity: 1 }], reason: '顾客退一瓶' });
    expect(refund.status, JSON.stringify(refund.body)).to.equal(200);
  });

  it('sums per distributor exactly what the distributors\' paid lines of the range add up to, refunds subtracted', async () => {
    const res = await brand.api.get('/admin/brand/sales?groupBy=distributor');
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    const expected = await linesOfBrand(brand.m.id, [a.id, b.id]);
    expect(expected.refunds, 'the refund reached the line').to.be.greaterThan(0);
    expect(res.body.totals).to.deep.equal({ orders: 3, units: 6, gmv: expected.gmv, refunds: expected.refunds, refundedUnits: 1, net: expected.gmv - expected.refunds });
    expect(res.body.totals.gmv, 'A: 2 × 250.00 and one serum at +80%; B: 3 × 400.00 (100ml at +100%)').to.equal(2 * 25000 + 17820 + 3 * 40000);
    const rowA = res.body.rows.find((r: { key: string }) => r.key === String(a.id));
    const rowB = res.body.rows.find((r: { key: string }) => r.key === String(b.id));
    expect(rowA).to.deep.include({ label: '分销一店', orders: 2, units: 3, gmv: 2 * 25000 + 17820, refunds: 0 });
    expect(rowB).to.deep.include({ label: '分销二店', orders: 1, units: 3, gmv: 120000, refunds: 40000, refundedUnits: 1, net: 80000 });
    const sum = (k: string) => res.body.rows.reduce((n: number, r: Record<string, number>) => n + r[k]!, 0);
    for (const k of ['units', 'gmv', 'refunds', 'net', 'orders']) expect(sum(k), k).to.equal(res.body.totals[k]);
  });

  it('splits the same figures per product of the range and per day, and nothing of the distributors\' other goods', async () => {
    const byProduct = await brand.api.get('/admin/brand/sales?groupBy=product');
    expect(byProduct.status).to.equal(200);
    expect(byProduct.body.rows.map((r: { key: string }) => Number(r.key)).sort()).to.deep.equal([brand.cream.id, brand.serum.id].sort());
    expect(byProduct.body.rows.find((r: { key: string }) => r.key === String(brand.cream.id))).to.deep.include({ units: 5, gmv: 170000, refunds: 40000, orders: 2 });
    expect(JSON.stringify(byProduct.body)).to.not.include(ownTitle);
    const byDay = await brand.api.get('/admin/brand/sales?groupBy=day');
    expect(byDay.body.rows).to.have.length(30);
    const days = byDay.body.rows.filter((r: { orders: number }) => r.orders > 0);
    expect(days).to.have.length(1);
    expect(days[0]).to.deep.include({ units: 6, gmv: byDay.body.totals.gmv, refunds: byDay.body.totals.refunds });
    expect(byDay.body.totals).to.deep.equal(byProduct.body.totals);
    const onlyA = await brand.api.get(`/admin/brand/sales?groupBy=product&distributorId=${a.id}`);
    expect(onlyA.body.totals).to.deep.include({ orders: 2, units: 3, refunds: 0 });
    const before = await brand.api.get('/admin/brand/sales?from=2020-01-01&to=2020-01-31');
    expect(before.body.totals).to.deep.include({ orders: 0, gmv: 0 });
  });

  it('never shows the distributors\' shoppers: no names, phones, addresses or customer ids', async () => {
    for (const groupBy of ['day', 'distributor', 'product']) {
      const text = JSON.stringify((await brand.api.get(`/admin/brand/sales?groupBy=${groupBy}`)).body);
      for (const s of shoppers) expect(text).to.not.include(s.phone);
      for (const word of ['张三', '13800138000', '文三路', '西湖区', 'customer', 'phone', 'address', 'nickname', 'orderNo']) expect(text, `${groupBy}: ${word}`).to.not.include(word);
    }
    // no field that could carry a shopper: the reply is made of these names only
    const keys = new Set<string>();
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) keys.add(k), walk(x);
    };
    walk((await brand.api.get('/admin/brand/sales?groupBy=distributor')).body);
    walk((await brand.api.get('/admin/brand/sales?groupBy=product')).body);
    const allowed = ['from', 'to', 'groupBy', 'distributorId', 'distributors', 'id', 'name', 'slug', 'totals', 'rows', 'key', 'label', 'orders', 'units', 'gmv', 'refunds', 'refundedUnits', 'net'];
    expect([...keys].filter((k) => !allowed.includes(k))).to.deep.equal([]);
  });

  it('exports the same figures as a sheet, under the same permission', async () => {
    const res = await brand.api.get('/admin/brand/sales/export?groupBy=distributor').buffer(true).parse(binary);
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.match(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as never);
    const rows: unknown[][] = [];
    wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const expected = await linesOfBrand(brand.m.id, [a.id, b.id]);
    expect(rows.at(-1)).to.deep.equal(['合计', 3, 6, 1, expected.gmv / 100, expected.refunds / 100, (expected.gmv - expected.refunds) / 100]);
    expect(rows.map((r) => r[0])).to.include.members(['分销一店', '分销二店']);
    const clerk = await staffWith(brand.m, ['orders.read']);
    expect((await shopApi(brand.m.slug, clerk.token).get('/admin/brand/sales/export')).status).to.equal(403);
    expect((await shopApi(brand.m.slug, clerk.token).get('/admin/brand/sales')).status).to.equal(403);
    const analyst = await staffWith(brand.m, ['brand.sales']);
    expect((await shopApi(brand.m.slug, analyst.token).get('/admin/brand/sales')).body.totals.orders).to.equal(3);
  });

  it('is for brand owners only, each seeing its own distributors', async () => {
    const plain = await merchant();
    const refused = await shopApi(plain.slug, plain.token).get('/admin/brand/sales');
    expect(refused.status).to.equal(403);
    expect(refused.body.error.code).to.equal('not_brand_owner');
    expect((await shopApi(plain.slug, plain.token).get('/admin/brand/sales/export')).status).to.equal(403);
    expect((await a.api.get('/admin/brand/sales')).body.error.code, 'a distributor is no brand owner').to.equal('not_brand_owner');
    const other = await brandWithRange();
    const c = await distributor(other, '别家分销店');
    const theirs = await other.api.get('/admin/brand/sales?groupBy=distributor');
    expect(theirs.body.totals.orders).to.equal(0);
    expect(theirs.body.distributors.map((d: { id: number }) => d.id)).to.deep.equal([c.id]);
    expect((await other.api.get(`/admin/brand/sales?distributorId=${a.id}`)).status, "another brand's distributor").to.equal(404);
    expect((await brand.api.get(`/admin/brand/sales?distributorId=${c.id}`)).status).to.equal(404);
    expect((await brand.api.get('/admin/brand/sales?from=2026-13-01')).status).to.equal(400);
    expect((await brand.api.get('/admin/brand/sales?from=2024-01-01&to=2026-01-01')).status).to.equal(400);
  });
});

describe('brand owners: retail price floors', function () {
  this.timeout(120_000);

  it('lifts distributors\' listings below a raised floor to it, with an entry in their audit log', async () => {
    const brand = await brandWithRange();
    const a = await distributor(brand, '分销一店');
    const listing = await importBrand(a, brand.cream.id, { prices: [{ supplierSkuId: brand.cream.skus[0], price: 25000 }, { supplierSkuId: brand.cream.skus[1], price: 39900 }] });
    const floors = await brand.api.get('/admin/brand/price-floors');
    expect(floors.status, JSON.stringify(floors.body)).to.equal(200);
    const row = floors.body.items.find((p: { productId: number }) => p.productId === brand.cream.id).skus[0];
    expect(row).to.deep.include({ skuId: brand.cream.skus[0], distributorPrice: 12000, minRetailPrice: 20000 });
    const set = await brand.api.put('/admin/brand/price-floors').send({ items: [{ skuId: brand.cream.skus[0], minRetailPrice: 26000, suggestedPrice: 29900 }] });
    expect(set.status, JSON.stringify(set.body)).to.equal(200);
    expect(set.body.items[0]).to.deep.include({ minRetailPrice: 26000, suggestedPrice: 29900 });
    const serum = await brand.api.put('/admin/brand/price-floors').send({ items: [{ skuId: brand.serum.skus[0], minRetailPrice: 26000 }] });
    expect(serum.body.items[0], 'the suggested price (199.00) goes up with the floor').to.deep.include({ minRetailPrice: 26000, suggestedPrice: 26000 });
    await runDueJobs();
    const after = await a.api.get(`/admin/products/${listing.id}`);
    const sku = after.body.skus.find((s: { supplierSkuId: number }) => s.supplierSkuId === brand.cream.skus[0]);
    expect(sku).to.deep.include({ price: 26000, floor: 26000 });
    expect(after.body.status, 'lifted, not taken off sale').to.equal('on_sale');
    expect(after.body.skus.find((s: { supplierSkuId: number }) => s.supplierSkuId === brand.cream.skus[1]).price, 'above its floor: untouched').to.equal(39900);
    // ten owners' tabs saving floors at once: every save lands whole, the last one holds, the listing follows it
    const racing = await Promise.all(
      Array.from({ length: 10 }, (_, i) => brand.api.put('/admin/brand/price-floors').send({ items: [{ skuId: brand.cream.skus[1], minRetailPrice: 40000 + i * 100 }, { skuId: brand.cream.skus[0], minRetailPrice: 26000 }] })),
    );
    expect(racing.map((r) => r.status)).to.deep.equal(Array(10).fill(200));
    await runDueJobs();
    const held = (await brand.api.get('/admin/brand/price-floors')).body.items.find((p: { productId: number }) => p.productId === brand.cream.id).skus[1].minRetailPrice;
    expect(held).to.be.within(40000, 40900);
    const followed = (await a.api.get(`/admin/products/${listing.id}`)).body.skus.find((s: { supplierSkuId: number }) => s.supplierSkuId === brand.cream.skus[1]);
    expect(followed, 'the distributor price follows the floor that held').to.deep.include({ price: held, floor: held });
    const log = await a.api.get('/admin/audit-log?action=listing.price.lifted_to_floor');
    expect(log.body.items[0]).to.deep.include({ action: 'listing.price.lifted_to_floor' });
    expect(log.body.items.map((e: { details: { from: number; to: number } }) => e.details)).to.deep.include({ skuId: sku.id, from: 25000, to: 26000 });
  });

  it('refuses a floor body listing a SKU twice, another owner\'s SKU, a floor below the distributor price, and non-brand-owners', async () => {
    const brand = await brandWithRange();
    const [s50, s100] = brand.cream.skus as [number, number];
    const twice = await brand.api.put('/admin/brand/price-floors').send({ items: [{ skuId: s50, minRetailPrice: 30000 }, { skuId: s50, minRetailPrice: 21000 }] });
    expect(twice.status).to.equal(400);
    expect(twice.body.error.details[0].field).to.equal('items[1].skuId');
    const low = await brand.api.put('/admin/brand/price-floors').send({ items: [{ skuId: s100, minRetailPrice: 36000 }, { skuId: s50, minRetailPrice: 11000 }] });
    expect(low.status).to.equal(400);
    expect(low.body.error.details[0].field).to.equal('items[1].minRetailPrice');
    const untouched = (await brand.api.get('/admin/brand/price-floors')).body.items.find((p: { productId: number }) => p.productId === brand.cream.id).skus;
    expect(untouched.map((s: { minRetailPrice: number }) => s.minRetailPrice), 'all or none').to.deep.equal([20000, 35000]);
    const suggested = await brand.api.put('/admin/brand/price-floors').send({ items: [{ skuId: s50, minRetailPrice: 30000, suggestedPrice: 29000 }] });
    expect(suggested.body.error.details[0].field).to.equal('items[0].suggestedPrice');
    const other = await brandWithRange();
    expect((await brand.api.put('/admin/brand/price-floors').send({ items: [{ skuId: other.serum.skus[0], minRetailPrice: 20000 }] })).status, "another brand's SKU").to.equal(404);
    const market = await marketProduct();
    expect((await brand.api.put('/admin/brand/price-floors').send({ items: [{ skuId: market.skus[0]!.id, minRetailPrice: 20000 }] })).status, "a supplier's SKU").to.equal(404);
    const plain = await merchant();
    const refused = await shopApi(plain.slug, plain.token).put('/admin/brand/price-floors').send({ items: [{ skuId: s50, minRetailPrice: 30000 }] });
    expect(refused.status).to.equal(403);
    expect(refused.body.error.code).to.equal('not_brand_owner');
    const clerk = await staffWith(brand.m, ['brand.sales']);
    expect((await shopApi(brand.m.slug, clerk.token).put('/admin/brand/price-floors').send({ items: [{ skuId: s50, minRetailPrice: 30000 }] })).status).to.equal(403);
  });

  it('keeps a distributor from listing or repricing below the floor on every path, a SKU listed twice included', async () => {
    const brand = await brandWithRange();
    const a = await distributor(brand, '分销一店');
    const [s50, s100] = brand.cream.skus as [number, number];
    const low = await a.api.post(`/admin/market/brand-products/${brand.cream.id}/import`).send({ prices: [{ supplierSkuId: s50, price: 19999 }, { supplierSkuId: s100, price: 40000 }] });
    expect(low.status).to.equal(400);
    expect(low.body.error.details[0]).to.deep.include({ field: 'prices[0].price' });
    expect(low.body.error.details[0].message).to.include(`SKU ${s50}`).and.include('20000');
    const marked = await importBrand(a, brand.cream.id, { markupPercent: 10 });
    expect(marked.sku.get(s50)!.price, 'a markup lands on the floor at least').to.equal(20000);
    expect(marked.sku.get(s100)!.price).to.equal(35000);
    const lid = marked.sku.get(s50)!.id;
    const reprice = await a.api.patch(`/admin/products/${marked.id}`).send({ prices: [{ skuId: lid, price: 19000 }] });
    expect(reprice.status).to.equal(400);
    expect(reprice.body.error.details[0].message).to.include(`SKU ${lid}`).and.include('20000');
    const twice = await a.api.patch(`/admin/products/${marked.id}`).send({ prices: [{ skuId: lid, price: 30000 }, { skuId: lid, price: 100 }] });
    expect(twice.status, 'the second entry of the same SKU is checked too').to.equal(400);
    expect(twice.body.error.details[0].field).to.equal('prices[1].price');
    const kept = await a.api.get(`/admin/products/${marked.id}`);
    expect(kept.body.skus.find((s: { id: number }) => s.id === lid).price, 'nothing of the refused edit stays').to.equal(20000);
    const ok = await a.api.patch(`/admin/products/${marked.id}`).send({ prices: [{ skuId: lid, price: 22000 }] });
    expect(ok.status).to.equal(200);
    // repricing just above the old floor while the brand raises it: whichever commits first, the
    // listing ends at or above the floor that holds
    const raced = await Promise.all([
      ...Array.from({ length: 5 }, () => a.api.patch(`/admin/products/${marked.id}`).send({ prices: [{ skuId: lid, price: 21000 }] })),
      brand.api.put('/admin/brand/price-floors').send({ items: [{ skuId: s50, minRetailPrice: 26000 }] }),
    ]);
    expect(raced.map((r) => r.status).every((st) => st === 200 || st === 400), JSON.stringify(raced.map((r) => r.body))).to.equal(true);
    await runDueJobs();
    const final = (await a.api.get(`/admin/products/${marked.id}`)).body.skus.find((x: { id: number }) => x.id === lid);
    expect(final.floor).to.equal(26000);
    expect(final.price).to.be.at.least(26000);
  });
});
