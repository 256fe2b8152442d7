/**
 * Category and search pages call the shop API with the tenant's X-App-Id: the category rail loads
 * the chosen category's products, search keeps its history, sorts, pages on and says when nothing
 * matched.
 */
import { expect } from 'chai';
import { listed, marketProduct } from '../factories/index.js';
import { miniprogramSuite } from './support/harness.js';

describe('mini-program category and search', function () {
  this.timeout(120_000);
  const mp = miniprogramSuite();

  it('shows the category tree and the chosen category\'s products', async () => {
    const shop = await mp.shop();
    const tea = await shop.admin.post('/admin/store-categories').send({ name: '茶叶' });
    const green = await shop.admin.post('/admin/store-categories').send({ name: '绿茶', parentId: tea.body.id });
    const ware = await shop.admin.post('/admin/store-categories').send({ name: '茶具' });
    for (const r of [tea, green, ware]) expect(r.status, JSON.stringify(r.body)).to.equal(201);
    const cup = await listed(shop.merchant, (await marketProduct({ title: '青瓷茶杯' })).id);
    const filed = await shop.admin.patch(`/admin/products/${cup.id}`).send({ storeCategoryId: ware.body.id });
    expect(filed.status, JSON.stringify(filed.body)).to.equal(200);

    const page = await mp.page('pages/category/index');
    expect(page.data.rail.map((c: { name: string }) => c.name)).to.deep.equal(['茶叶', '茶具']);
    expect(page.data.activeId).to.equal(tea.body.id);
    expect(page.text()).to.contain('全部').and.contain('绿茶').and.contain('该分类暂无商品');
    const first = shop.wx.requestsTo('/shop/products?')[0]!;
    expect(first.path).to.equal(`/shop/products?categoryId=${tea.body.id}&page=1&pageSize=20`);
    expect(first.header['X-App-Id']).to.equal(shop.appId);
    expect(shop.wx.requestsTo('/shop/categories')[0]!.header['X-App-Id']).to.equal(shop.appId);

    page.comp.querySelectorAll('.rail-item')[1]!.dispatchEvent('tap');
    await page.settle();
    expect(page.data.activeId).to.equal(ware.body.id);
    expect(shop.wx.requestsTo('/shop/products?').at(-1)!.path).to.equal(`/shop/products?categoryId=${ware.body.id}&page=1&pageSize=20`);
    expect(page.text()).to.contain('青瓷茶杯');
  });

  it('searches, remembers the words, sorts, loads the next page at the bottom and says when nothing matched', async () => {
    const shop = await mp.shop();
    const titles = Array.from({ length: 23 }, (_, i) => `白茶饼 ${String(i + 1).padStart(2, '0')}`);
    for (const title of titles) await listed(shop.merchant, (await marketProduct({ title })).id);

    const page = await mp.page('pages/search/index', { q: encodeURIComponent('白茶') });
    const first = shop.wx.requestsTo('/shop/products?')[0]!;
    expect(first.path).to.equal(`/shop/products?q=${encodeURIComponent('白茶')}&page=1&pageSize=20`);
    expect(first.header['X-App-Id']).to.equal(shop.appId);
    expect(page.data.results).to.have.length(20);
    expect(page.data.more).to.equal(true);

    await page.instance.onReachBottom();
    await page.settle();
    expect(shop.wx.requestsTo('/shop/products?').at(-1)!.path).to.contain('page=2');
    expect(page.data.results).to.have.length(23);
    expect(page.data.more).to.equal(false);
    expect(page.text()).to.contain('没有更多了');

    page.comp.querySelectorAll('.tab')[3]!.dispatchEvent('tap'); // price
    await page.settle();
    expect(shop.wx.requestsTo('/shop/products?').at(-1)!.path).to.contain('sort=price_desc');

    // nothing matches: said in words; both words kept in the history, newest first
    page.instance.typed({ detail: { value: '普洱' } });
    await page.instance.submit();
    await page.settle();
    expect(page.data.results).to.have.length(0);
    expect(page.text()).to.contain('没有找到相关商品').and.contain('换个关键词试试');
    expect(shop.wx.storage.get('searchHistory')).to.deep.equal(['普洱', '白茶']);

    // a new visit shows the history
    const again = await mp.page('pages/search/index');
    expect(again.text()).to.contain('搜索历史').and.contain('普洱').and.contain('白茶');
    await again.tap('.history-word');
    expect(shop.wx.requestsTo('/shop/products?').at(-1)!.path).to.contain(`q=${encodeURIComponent('普洱')}`);
  });
});
