/**
 * The storefront's search page: one Chinese character finds the goods holding it, the shop's hot
 * searches and the shopper's recent ones are offered before typing.
 */
import { expect } from 'chai';
import { flushSearchCounts } from '../../server/src/modules/market/hot-words.js';
import { merchant } from '../factories/index.js';
import { shopApi } from '../support/http.js';
import { BROWSER_TEST_MS, browserSuite, textOf, until } from './browser.js';

describe('search in the storefront', function () {
  this.timeout(BROWSER_TEST_MS);

  const web = browserSuite();

  it('finds goods by one character, offers hot and recent searches', async function () {
    const m = await merchant({ name: '茶语小铺' });
    const owner = shopApi(m.slug, m.token);
    const ids: Record<string, number> = {};
    for (const title of ['武夷山大红袍 岩茶 100g', '正山小种红茶 罐装', '景德镇青花瓷杯']) {
      const res = await owner.post('/admin/own-products').send({ title, skus: [{ specs: {}, price: 5900, stock: 10 }] });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      ids[title] = res.body.product.id;
    }
    await shopApi(m.slug).get(`/shop/products?q=${encodeURIComponent('红茶')}`);
    await flushSearchCounts();

    const page = await web.newPage({ mobile: true });
    await page.goto(web.server.url(m.host, '/#/search'));
    await page.locator('[data-test=search-hot]').waitFor();
    expect(await textOf(page, '[data-test=search-hot]')).to.contain('红茶');

    await page.fill('[data-test=search-input] input', '茶');
    await page.click('[data-test=search-submit]');
    await page.locator(`[data-test=product-${ids['武夷山大红袍 岩茶 100g']}]`).waitFor();
    await until(async () => (await page.locator(`[data-test=product-${ids['正山小种红茶 罐装']}]`).count()) === 1, 'both teas to show');
    expect(await page.locator(`[data-test=product-${ids['景德镇青花瓷杯']}]`).count(), 'the cup holds no 茶').to.equal(0);
    expect(page.url()).to.contain('q=%E8%8C%B6');

    await page.click('[data-test=search-input] .van-field__clear').catch(() => undefined);
    await page.goto(web.server.url(m.host, '/#/search'));
    await page.locator('[data-test=search-history]').waitFor();
    expect(await textOf(page, '[data-test=search-history]')).to.contain('茶');
    await page.click('[data-test=search-history-clear]');
    await until(async () => (await page.locator('[data-test=search-history]').count()) === 0, 'the history to be cleared');
  });
});
