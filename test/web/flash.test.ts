/**
 * Flash sales in a real browser: a merchant creates a session in the console (秒杀: a SKU from the
 * picker, its sale price, stock and limit) and sees it listed as not started; a shopper on a phone
 * opens a running session, sees the countdown, the sale and struck prices and the sold bar, taps
 * 马上抢, confirms with an address and gets the pay sheet of an order at the sale price. Pending
 * when the web is not built or Chromium is missing. With SCREENSHOT_DIR set, keeps pictures of
 * each screen at a phone's and a desktop's width.
 */
import { expect } from 'chai';
import { addressOf, merchant, shopper } from '../factories/index.js';
import { shopApi } from '../support/http.js';
import { BROWSER_TEST_MS, browserSuite, snapshot, textOf, until, type TestPage } from './browser.js';

async function inChinese(page: TestPage): Promise<void> {
  await page.addInitScript({ content: "localStorage.setItem('s2b2c:locale', 'zh-CN')" });
}

describe('flash sales in the browser', function () {
  this.timeout(BROWSER_TEST_MS * 3);
  const web = browserSuite();

  it('lets a merchant set up a session from the console, and a shopper grab an item at the sale price on a phone', async function () {
    this.timeout(BROWSER_TEST_MS * 3);
    const m = await merchant({ name: '一叶茶舍' });
    const owner = shopApi(m.slug, m.token);
    const tea = await owner.post('/admin/own-products').send({ title: '明前龙井 250g 礼盒', skus: [{ specs: { 规格: '250g' }, price: 26800, stock: 200 }] });
    const cups = await owner.post('/admin/own-products').send({ title: '青瓷品茗杯 两只装', skus: [{ specs: {}, price: 8800, stock: 80 }] });
    expect(tea.status, JSON.stringify(tea.body)).to.equal(201);

    // The console: a new session for the cups, picked from the shop's goods.
    const page = await web.newPage();
    await inChinese(page);
    await web.consoleSignIn(page, m.host, m.email, m.password);
    await page.click('[data-test="menu-marketing/flash-sales"]');
    await page.locator('[data-test=flash-sales]').waitFor();
    await page.click('[data-test=flash-new]');
    await page.fill('input[data-test=flash-name]', '周末整点秒杀');
    await page.click('[data-test=flash-add-items]');
    const cupSku = cups.body.product.skus[0].id as number;
    await page.click(`[data-test=flash-pick-${cupSku}]`);
    await page.click('[data-test=flash-picker-done]');
    await page.locator('[data-test=flash-items] .el-table__row').waitFor();
    await snapshot(page, 'console-flash-form');
    await page.click('[data-test=flash-save]');
    await until(async () => (await page.locator('[data-test=flash-table] .el-table__row').count()) === 1, 'the session listed');
    expect(await textOf(page, '[data-test=flash-table] .el-table__row')).to.contain('周末整点秒杀').and.contain('未开始');
    const created = (await owner.get('/admin/marketing/flash-sales')).body.items[0];
    expect(created).to.deep.include({ name: '周末整点秒杀', status: 'not_started', itemCount: 1 });

    // A session running now for the tea, made through the API.
    const now = Date.now();
    const running = await owner.post('/admin/marketing/flash-sales').send({ name: '龙井限时秒杀', startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 2 * 3_600_000).toISOString(), items: [{ skuId: tea.body.product.skus[0].id, price: 16800, stock: 20, perShopperLimit: 1 }] });
    expect(running.status, JSON.stringify(running.body)).to.equal(201);
    await page.reload();
    await until(async () => (await page.locator('[data-test=flash-table] .el-table__row').count()) === 2, 'both sessions listed');
    await snapshot(page, 'console-flash-list');

    // The shopper, signed in, on the session page.
    const s = await shopper(m.slug);
    await addressOf(m.slug, s.token);
    const phone = await web.newPage({ mobile: true });
    await inChinese(phone);
    const host = new URL(web.server.url(m.host, '/')).host;
    await phone.addInitScript({ content: `localStorage.setItem('s2b2c:${host}:shopper:token', ${JSON.stringify(s.token)})` });
    await phone.goto(web.server.url(m.host, `/#/flash-sales/${running.body.id}`));
    await phone.locator('[data-test=flash-countdown]').waitFor();
    const item = running.body.items[0].id as number;
    expect(await textOf(phone, '[data-test=flash-banner]')).to.contain('龙井限时秒杀').and.contain('距结束');
    expect(await textOf(phone, `[data-test=flash-item-${item}]`)).to.contain('168.00').and.contain('268.00').and.contain('马上抢');
    await snapshot(phone, 'shop-flash-sale');

    await phone.click(`[data-test=flash-buy-${item}]`);
    await phone.locator('[data-test=flash-confirm] [data-test=flash-submit]').waitFor();
    await snapshot(phone, 'shop-flash-confirm');
    await phone.click('[data-test=flash-submit]');
    await phone.locator('[data-test=pay-sheet] [data-test=pay-amount]').waitFor();
    expect(await textOf(phone, '[data-test=pay-amount]')).to.contain('168.00');
    await snapshot(phone, 'shop-flash-pay');
    const orders = (await shopApi(m.slug, s.token).get('/shop/orders')).body.items as Array<{ status: string; discounts: Array<{ kind: string }> }>;
    expect(orders).to.have.length(1);
    expect(orders[0]!.discounts.map((d) => d.kind)).to.deep.equal(['flash_sale']);
  });
});
