import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { db } from '../../server/src/core/db/index.js';
import { runDueJobs } from '../../server/src/core/jobs.js';
import { flushSearchCounts } from '../../server/src/modules/market/hot-words.js';
import { addSearchCounts } from '../../server/src/modules/market/repository.js';
import { api, shopApi } from '../support/http.js';
import { brandOwner, linkToken, listed, marketProduct, merchant, sandboxMessages, uniq } from '../factories/index.js';

describe('importing from the supplier market', () => {
  it('prices SKUs with a markup rounded up to the fen', async () => {
    const product = await marketProduct({ skus: [{ specs: { 规格: 'A' }, supplyPrice: 999, suggestedPrice: 1999, stock: 5 }, { specs: { 规格: 'B' }, supplyPrice: 1, suggestedPrice: 10, stock: 5 }] });
    const m = await merchant();
    const res = await shopApi(m.slug, m.token).post(`/admin/market/products/${product.id}/import`).send({ markupPercent: 33 });
    expect(res.status).to.equal(201);
    expect(res.body.product.status).to.equal('on_sale');
    const prices = Object.fromEntries(res.body.product.skus.map((s: { supplierSkuId: number; price: number }) => [s.supplierSkuId, s.price]));
    expect(prices[product.skus[0]!.id]).to.equal(1329); // 999 × 1.33 = 1328.67
    expect(prices[product.skus[1]!.id]).to.equal(2); // 1 × 1.33 = 1.33
  });

  it('refuses prices below supply, naming prices[i].price, incomplete lists, and a second import', async () => {
    const product = await marketProduct();
    const m = await merchant();
    const owner = shopApi(m.slug, m.token);
    const low = await owner.post(`/admin/market/products/${product.id}/import`).send({
      prices: [
        { supplierSkuId: product.skus[0]!.id, price: 2000 },
        { supplierSkuId: product.skus[1]!.id, price: 1199 },
      ],
    });
    expect(low.status).to.equal(400);
    expect(low.body.error.code).to.equal('validation_failed');
    expect(low.body.error.details[0].field).to.equal('prices[1].price');
    const partial = await owner.post(`/admin/market/products/${product.id}/import`).send({ prices: [{ supplierSkuId: product.skus[0]!.id, price: 2000 }] });
    expect(partial.status).to.equal(400);
    expect(partial.body.error.details[0].field).to.equal('prices');
    const both = await owner.post(`/admin/market/products/${product.id}/import`).send({ markupPercent: 10, prices: [] });
    expect(both.status).to.equal(400);
    const tooMuch = await owner.post(`/admin/market/products/${product.id}/import`).send({ markupPercent: 1001 });
    expect(tooMuch.body.error.details[0].field).to.equal('markupPercent');
    const ok = await owner.post(`/admin/market/products/${product.id}/import`).send({
      prices: product.skus.map((s) => ({ supplierSkuId: s.id, price: s.supplyPrice })),
    });
    expect(ok.status).to.equal(201);
    const twice = await owner.post(`/admin/market/products/${product.id}/import`).send({ markupPercent: 10 });
    expect(twice.status).to.equal(409);
    expect(twice.body.error.code).to.equal('already_imported');
    const reprice = await owner.patch(`/admin/products/${ok.body.product.id}`).send({ prices: [{ skuId: ok.body.product.skus[0].id, price: 1 }] });
    expect(reprice.status).to.equal(400);
    expect(reprice.body.error.details[0].field).to.equal('prices[0].price');
  });

  it('keeps each shop\'s listings and own goods to itself', async () => {
    const product = await marketProduct({ title: `隔离商品 ${uniq('i')}` });
    const a = await merchant();
    const b = await merchant();
    const aListing = await listed(a, product.id);
    const own = await shopApi(a.slug, a.token).post('/admin/own-products').send({ title: 'A 店自营蜂蜜', skus: [{ specs: {}, price: 5800, stock: 9 }] });
    expect(own.status, JSON.stringify(own.body)).to.equal(201);
    const bShop = await shopApi(b.slug).get('/shop/products?pageSize=100');
    expect(bShop.body.total).to.equal(0);
    expect((await shopApi(b.slug).get(`/shop/products/${aListing.id}`)).status).to.equal(404);
    expect((await shopApi(b.slug).get(`/shop/products/${own.body.product.id}`)).status).to.equal(404);
    expect((await shopApi(b.slug, b.token).get('/admin/products')).body.total).to.equal(0);
    expect((await shopApi(b.slug).get('/shop/products?q=蜂蜜')).body.total).to.equal(0);
    const aShop = await shopApi(a.slug).get('/shop/products?q=蜂蜜');
    expect(aShop.body.items.map((p: { title: string }) => p.title)).to.deep.equal(['A 店自营蜂蜜']);
    const market = await shopApi(b.slug, b.token).get(`/admin/market/products?q=${encodeURIComponent('A 店自营蜂蜜')}`);
    expect(market.body.total, 'own goods never appear in the supplier market').to.equal(0);
  });
});

describe('listings follow their product', () => {
  it('reaches every shop when a supplier raises a price above a shop\'s price, and back once repriced', async () => {
    const product = await marketProduct();
    const shops = [await merchant(), await merchant()];
    const listings = [await listed(shops[0]!, product.id, 10), await listed(shops[1]!, product.id, 100)];
    const sku = product.skus[0]!;
    // 1000 -> 1400 (40 %, applies at once): 10 % markup (1100) is now below supply; 100 % (2000) is not
    await api({ token: product.supplier.token }).put(`/supplier/products/${product.id}/skus/${sku.id}/prices`).send({ supplyPrice: 1400, suggestedPrice: 2500 });
    await runDueJobs();
    const first = await shopApi(shops[0]!.slug, shops[0]!.token).get(`/admin/products/${listings[0]!.id}`);
    expect(first.body).to.include({ status: 'off_sale', offReason: 'below_supply_price' });
    expect(first.body.skus[0].floor).to.equal(1400);
    const second = await shopApi(shops[1]!.slug, shops[1]!.token).get(`/admin/products/${listings[1]!.id}`);
    expect(second.body).to.include({ status: 'on_sale', offReason: null });
    expect((await shopApi(shops[0]!.slug).get('/shop/products')).body.total).to.equal(0);
    const repriced = await shopApi(shops[0]!.slug, shops[0]!.token).patch(`/admin/products/${listings[0]!.id}`).send({ prices: [{ skuId: first.body.skus[0].id, price: 1500 }] });
    expect(repriced.body).to.include({ status: 'on_sale', offReason: null });
  });

  it('takes listings off sale when the supplier delists or runs out, and back when it relists or restocks', async () => {
    const product = await marketProduct({ skus: [{ specs: {}, supplyPrice: 800, suggestedPrice: 1500, stock: 2 }] });
    const m = await merchant();
    const listing = await listed(m, product.id);
    const sup = api({ token: product.supplier.token });
    const state = async () => (await shopApi(m.slug, m.token).get(`/admin/products/${listing.id}`)).body;
    await sup.post(`/supplier/products/${product.id}/delist`);
    await runDueJobs();
    expect(await state()).to.include({ status: 'off_sale', offReason: 'supplier_delisted' });
    const refused = await shopApi(m.slug, m.token).post(`/admin/products/${listing.id}/on-sale`);
    expect(refused.status).to.equal(409);
    await sup.post(`/supplier/products/${product.id}/relist`);
    await runDueJobs();
    expect(await state()).to.include({ status: 'on_sale', offReason: null });
    await sup.put(`/supplier/products/${product.id}/skus/${product.skus[0]!.id}/stock`).send({ warehouseId: product.warehouseId, stock: 0 });
    await runDueJobs();
    expect(await state()).to.include({ status: 'off_sale', offReason: 'out_of_stock' });
    await sup.put(`/supplier/products/${product.id}/skus/${product.skus[0]!.id}/stock`).send({ warehouseId: product.warehouseId, stock: 7 });
    await runDueJobs();
    const back = await state();
    expect(back).to.include({ status: 'on_sale', offReason: null });
    expect(back.skus[0].stock).to.equal(7);
    await shopApi(m.slug, m.token).post(`/admin/products/${listing.id}/off-sale`);
    await sup.post(`/supplier/products/${product.id}/delist`);
    await sup.post(`/supplier/products/${product.id}/relist`);
    await runDueJobs();
    expect(await state(), 'a listing the merchant took off stays off').to.include({ status: 'off_sale', offReason: 'merchant' });
  });

  it('shows shoppers the supplier\'s live stock', async () => {
    const product = await marketProduct();
    const m = await merchant();
    const listing = await listed(m, product.id);
    await api({ token: product.supplier.token }).put(`/supplier/products/${product.id}/skus/${product.skus[1]!.id}/stock`).send({ warehouseId: product.warehouseId, stock: 3 });
    const detail = await shopApi(m.slug).get(`/shop/products/${listing.id}`);
    expect(detail.body.skus.map((s: { stock: number }) => s.stock)).to.deep.equal([50, 3]);
  });
});

describe('a supplier\'s minimum retail price', () => {
  it('holds on import with prices, on a markup and on a price edit, naming the field', async () => {
    const product = await marketProduct({
      skus: [
        { specs: { 规格: '标准' }, supplyPrice: 1000, suggestedPrice: 1990, minRetailPrice: 1500, stock: 5 },
        { specs: { 规格: '大' }, supplyPrice: 2000, suggestedPrice: 2990, stock: 5 },
      ],
    });
    const floored = product.skus[0]!;
    const open = product.skus[1]!;
    const m = await merchant();
    const owner = shopApi(m.slug, m.token);
    const low = await owner.post(`/admin/market/products/${product.id}/import`).send({ prices: [{ supplierSkuId: floored.id, price: 1200 }, { supplierSkuId: open.id, price: 2000 }] });
    expect(low.status).to.equal(400);
    expect(low.body.error.details.map((d: { field: string }) => d.field)).to.deep.equal(['prices[0].price']);
    const markedLow = await owner.post(`/admin/market/products/${product.id}/import`).send({ markupPercent: 20 });
    expect(markedLow.status).to.equal(400);
    expect(markedLow.body.error.details[0]).to.include({ field: 'markupPercent' });
    expect(markedLow.body.error.details[0].message).to.contain('1500').and.contain('50');

    const imported = await owner.post(`/admin/market/products/${product.id}/import`).send({ markupPercent: 50 });
    expect(imported.status, JSON.stringify(imported.body)).to.equal(201);
    const row = imported.body.product.skus.find((s: { supplierSkuId: number }) => s.supplierSkuId === floored.id);
    expect(row.price).to.equal(1500);
    const edit = await owner.patch(`/admin/products/${imported.body.product.id}`).send({ prices: [{ skuId: row.id, price: 1499 }] });
    expect(edit.status).to.equal(400);
    expect(edit.body.error.details[0].field).to.equal('prices[0].price');
    expect((await owner.get(`/admin/products/${imported.body.product.id}`)).body.skus.find((s: { id: number }) => s.id === row.id)).to.include({ price: 1500, floor: 1500 });
  });
});

describe('brand ranges for distributors', () => {
  it('offers a brand owner\'s shared goods to its distributors only, at a fixed supply price and above a minimum retail price', async () => {
    const brand = await brandOwner();
    const own = await shopApi(brand.slug, brand.token)
      .post('/admin/own-products')
      .send({ title: `品牌精华液 ${uniq('b')}`, shareWithDistributors: true, skus: [{ specs: { 容量: '30ml' }, price: 19900, distributorPrice: 9900, minRetailPrice: 15900, stock: 100 }] });
    expect(own.status, JSON.stringify(own.body)).to.equal(201);
    const childSlug = uniq('child');
    const onboard = await shopApi(brand.slug, brand.token).post('/admin/distributors').send({ storeName: '分销店', slug: childSlug, ownerEmail: `${childSlug}@d.cn` });
    expect(onboard.status).to.equal(201);
    const [mail] = await sandboxMessages(`${childSlug}@d.cn`);
    const accepted = await shopApi(childSlug).post('/admin/staff/invitations/accept').send({ token: linkToken(mail!.body), name: 'Child', password: 'Child#2026' });
    const child = shopApi(childSlug, accepted.body.token);
    const range = await child.get('/admin/market/brand-products');
    expect(range.status).to.equal(200);
    const product = range.body.items[0];
    expect(product.title).to.match(/^品牌精华液/);
    expect(product.skus[0]).to.include({ supplyPrice: 9900, minRetailPrice: 15900 });
    const low = await child.post(`/admin/market/brand-products/${product.id}/import`).send({ prices: [{ supplierSkuId: product.skus[0].id, price: 12000 }] });
    expect(low.status).to.equal(400);
    expect(low.body.error.details[0].field).to.equal('prices[0].price');
    const marked = await child.post(`/admin/market/brand-products/${product.id}/import`).send({ markupPercent: 10 });
    expect(marked.status).to.equal(201);
    expect(marked.body.product.skus[0].price, 'a markup never lands below the minimum retail price').to.equal(15900);
    const stranger = await merchant();
    const denied = await shopApi(stranger.slug, stranger.token).get('/admin/market/brand-products');
    expect(denied.status).to.equal(403);
    const sneak = await shopApi(stranger.slug, stranger.token).post(`/admin/market/products/${product.id}/import`).send({ markupPercent: 10 });
    expect(sneak.status).to.equal(404);
  });
});

async function searchCount(tenantId: number, query: string): Promise<number> {
  const rows = await db().query<{ searches: number }>('SELECT searches FROM search_queries WHERE tenant_id = ? AND query = ?', { type: QueryTypes.SELECT, replacements: [tenantId, query] });
  return Number(rows[0]?.searches ?? 0);
}

describe('the shop catalog', () => {
  it('searches Chinese titles, filters by store category and price, sorts and pages', async () => {
    const m = await merchant();
    const owner = shopApi(m.slug, m.token);
    const titles = ['红色纯棉短袖T恤', '蓝色牛仔裤', '红富士苹果 5斤装', '纯棉袜子 五双装'];
    const ids: number[] = [];
    for (const [i, title] of titles.entries()) {
      const res = await owner.post('/admin/own-products').send({ title, skus: [{ specs: {}, price: 1000 * (i + 1), stock: 10 }] });
      ids.push(res.body.product.id);
    }
    const cotton = await shopApi(m.slug).get(`/shop/products?q=${encodeURIComponent('纯棉')}`);
    expect(cotton.body.items.map((p: { title: string }) => p.title).sort()).to.deep.equal(['纯棉袜子 五双装', '红色纯棉短袖T恤'].sort());
    const tshirt = await shopApi(m.slug).get(`/shop/products?q=${encodeURIComponent('红色 T恤')}`);
    expect(tshirt.body.items[0].title).to.equal('红色纯棉短袖T恤');
    const none = await shopApi(m.slug).get(`/shop/products?q=${encodeURIComponent('电视机')}`);
    expect(none.body).to.deep.include({ total: 0, items: [] });
    const found = async (q: string, extra = '') =>
      ((await shopApi(m.slug).get(`/shop/products?q=${encodeURIComponent(q)}${extra}`)).body as { items: Array<{ title: string }> }).items.map((p) => p.title);
    expect((await found('红')).sort(), 'one character, inside a word').to.deep.equal(['红色纯棉短袖T恤', '红富士苹果 5斤装'].sort());
    expect(await found('袜'), 'one character, the last of a word').to.deep.equal(['纯棉袜子 五双装']);
    expect(await found('t恤'), 'Latin and Han mixed, any case').to.deep.equal(['红色纯棉短袖T恤']);
    expect(await found('5斤'), 'digits and Han').to.deep.equal(['红富士苹果 5斤装']);
    expect(await found('棉', '&sort=price_desc'), 'a search sorted by price').to.deep.equal(['纯棉袜子 五双装', '红色纯棉短袖T恤']);
    const searchPast = await shopApi(m.slug).get(`/shop/products?q=${encodeURIComponent('棉')}&page=3&pageSize=1`);
    expect(searchPast.body, 'a search past its last page still counts its hits').to.deep.include({ total: 2, items: [] });
    for (let i = 0; i < 3; i++) await shopApi(m.slug).get(`/shop/products?q=${encodeURIComponent(' 纯棉 ')}`);
    await flushSearchCounts();
    const hot = await shopApi(m.slug).get('/shop/search/hot');
    expect(hot.status).to.equal(200);
    expect(hot.body.words[0], 'the most searched first, as typed less its spaces').to.equal('纯棉');
    expect(hot.body.words, 'a search that found nothing is no word to suggest').to.not.include('电视机');
    const other = await merchant();
    expect((await shopApi(other.slug).get('/shop/search/hot')).body.words, "another shop's shoppers are not counted").to.deep.equal([]);
    // processes flushing the same word at once add up (one upsert each, no lost update)
    await Promise.all(Array.from({ length: 10 }, () => addSearchCounts([{ tenantId: other.id, day: '2026-12-06', query: '茶', count: 2 }])));
    await Promise.all(Array.from({ length: 10 }, () => addSearchCounts([{ tenantId: other.id, day: '2026-12-06', query: '茶', count: 1 }])));
    expect(await searchCount(other.id, '茶')).to.equal(30);
    const cat = await owner.post('/admin/store-categories').send({ name: '服饰' });
    const sub = await owner.post('/admin/store-categories').send({ name: '袜子', parentId: cat.body.id });
    await owner.patch(`/admin/products/${ids[0]}`).send({ storeCategoryId: cat.body.id });
    await owner.patch(`/admin/products/${ids[3]}`).send({ storeCategoryId: sub.body.id });
    const clothes = await shopApi(m.slug).get(`/shop/products?categoryId=${cat.body.id}&sort=price_asc`);
    expect(clothes.body.items.map((p: { id: number }) => p.id)).to.deep.equal([ids[0], ids[3]]);
    const categories = await shopApi(m.slug).get('/shop/categories');
    expect(categories.body.items[0]).to.deep.include({ name: '服饰' });
    expect(categories.body.items[0].children[0].name).to.equal('袜子');
    const priced = await shopApi(m.slug).get('/shop/products?minPrice=2000&maxPrice=3000&sort=price_desc');
    expect(priced.body.items.map((p: { price: number }) => p.price)).to.deep.equal([3000, 2000]);
    const page2 = await shopApi(m.slug).get('/shop/products?pageSize=3&page=2&sort=price_asc');
    expect(page2.body).to.deep.include({ total: 4, page: 2, pageSize: 3 });
    expect(page2.body.items.map((p: { price: number }) => p.price)).to.deep.equal([4000]);
    const past = await shopApi(m.slug).get('/shop/products?pageSize=3&page=9');
    expect(past.body).to.deep.include({ total: 4, items: [] });
    const detail = await shopApi(m.slug).get(`/shop/products/${ids[0]}`);
    expect(detail.body).to.deep.include({ title: '红色纯棉短袖T恤', price: 1000, status: 'on_sale' });
    expect(detail.body.skus).to.deep.equal([{ id: detail.body.skus[0].id, specs: {}, price: 1000, stock: 10, promoPrice: null, promo: null }]);
    expect((await shopApi(m.slug).get('/shop/products?pageSize=0')).status).to.equal(400);
  });
});
