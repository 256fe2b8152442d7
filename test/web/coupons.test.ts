/**
 * Coupons in a real browser: a merchant makes a 9折 coupon in the console (营销 · 优惠券) beside two
 * made by API; a shopper on a phone claims them in the coupon centre, sees them in 我的优惠券, and
 * at checkout gets the best one chosen for them, opens the choice, takes another, and pays less by
 * it. With SCREENSHOT_DIR set, keeps a picture of each screen at a phone's and a desktop's width.
 * Pending when the web is not built or Chromium is missing.
 */
import { expect } from 'chai';
import { addressOf, merchant, shopper } from '../factories/index.js';
import { shopApi } from '../support/http.js';
import { BROWSER_TEST_MS, browserSuite, snapshot, submitShopLogin, type TestPage, textOf, until } from './browser.js';

async function inChinese(page: TestPage): Promise<void> {
  await page.addInitScript({ content: "localStorage.setItem('s2b2c:locale', 'zh-CN')" });
}

describe('coupons in the browser', function () {
  this.timeout(BROWSER_TEST_MS * 4);
  const web = browserSuite();

  it('lets a merchant make a coupon; a shopper claims it in the coupon centre and saves by the best one at checkout', async function () {
    this.timeout(BROWSER_TEST_MS * 4);
    const m = await merchant({ name: '一叶茶舍' });
    const owner = shopApi(m.slug, m.token);
    await owner.post('/admin/freight-templates').send({ name: '运费', mode: 'piece', defaultRule: { first: 1, firstFee: 800, additional: 1, additionalFee: 0 }, isDefault: true });
    const tea = await owner.post('/admin/own-products').send({ title: '明前龙井 50g', skus: [{ specs: {}, price: 12800, stock: 20 }] });
    const skuId: number = tea.body.product.skus[0].id;
    const window = { startsAt: new Date(Date.now() - 3_600_000).toISOString(), endsAt: new Date(Date.now() + 30 * 86_400_000).toISOString() };
    await owner.post('/admin/marketing/coupons').send({ name: '满99减10', kind: 'amount', value: 1000, threshold: 9900, total: 100, ...window, description: '全场通用' });
    await owner.post('/admin/marketing/coupons').send({ name: '包邮券', kind: 'free_shipping', value: 0, threshold: 5900, total: 50, validDays: 7, stacksWithFullReduction: false, ...window });

    // The console: the list, then a 9折 coupon made in the form.
    const desk = await web.newPage();
    await inChinese(desk);
    await web.consoleSignIn(desk, m.host, m.email, m.password);
    await desk.click('[data-test="menu-marketing/coupons"]');
    await until(async () => (await desk.locator('[data-test=coupons-table] .el-table__row').count()) === 2, 'the coupons listed');
    await desk.click('[data-test=coupon-new]');
    await desk.fill('input[data-test=coupon-name]', '茶叶9折券');
    await desk.locator('[data-test=coupon-kind] .el-radio-button', { hasText: '折扣券' }).click();
    await desk.locator('[data-test=coupon-zhe]').waitFor();
    await snapshot(desk, 'console-coupon-form');
    await desk.click('[data-test=coupon-save]');
    await until(async () => (await desk.locator('[data-test=coupons-table] .el-table__row').count()) === 3, 'the new coupon listed');
    expect(await textOf(desk, '[data-test=coupons-table] .el-table__row')).to.contain('茶叶9折券').and.contain('打 9 折').and.contain('进行中');
    const made = (await owner.get('/admin/marketing/coupons?q=9折')).body.items[0];
    expect(made).to.include({ kind: 'percent_off', value: 10, threshold: 9900 });
    await snapshot(desk, 'console-coupons');

    // The shopper: signs in from the coupon centre, claims two.
    const s = await shopper(m.slug);
    await addressOf(m.slug, s.token);
    const phone = await web.newPage({ mobile: true });
    await inChinese(phone);
    await phone.goto(web.server.url(m.host, '/#/coupons'));
    await phone.locator('[data-test^=coupon-card-]').first().waitFor();
    expect(await phone.locator('[data-test^=coupon-card-]').count()).to.equal(3);
    await snapshot(phone, 'shop-coupon-centre');
    const ids = (await owner.get('/admin/marketing/coupons')).body.items as Array<{ id: number; name: string }>;
    const idOf = (name: string) => ids.find((c) => c.name === name)!.id;
    await phone.click(`[data-test=coupon-claim-${idOf('满99减10')}]`);
    await phone.waitForURL(/#\/login/);
    await submitShopLogin(phone, s);
    await phone.waitForURL(/#\/coupons/);
    for (const name of ['满99减10', '包邮券', '茶叶9折券']) {
      await phone.click(`[data-test=coupon-claim-${idOf(name)}]`);
      await phone.locator(`[data-test=coupon-use-${idOf(name)}]`).waitFor();
    }
    await snapshot(phone, 'shop-coupon-centre-claimed');
    await phone.goto(web.server.url(m.host, '/#/me/coupons'));
    await until(async () => (await phone.locator('[data-test^=coupon-card-]').count()) === 3, 'my coupons');
    await snapshot(phone, 'shop-my-coupons');
    await phone.goto(web.server.url(m.host, '/#/me'));
    await phone.locator('[data-test=me-coupons]').waitFor();
    await snapshot(phone, 'shop-me-entry');

    // A share link opens a coupon kept out of the centre.
    const friends = await owner.post('/admin/marketing/coupons').send({ name: '老友专享券', kind: 'amount', value: 2000, threshold: 15000, total: 10, inCentre: false, ...window });
    const code = (await owner.get(`/admin/marketing/coupons/${friends.body.id}`)).body.shareCode as string;
    await phone.goto(web.server.url(m.host, `/#/coupons/${friends.body.id}?code=${code}`));
    await phone.click(`[data-test=coupon-claim-${friends.body.id}]`);
    await phone.locator(`[data-test=coupon-use-${friends.body.id}]`).waitFor();
    await snapshot(phone, 'shop-coupon-share');

    // Checkout: the best coupon (¥12.80 off) is chosen; the shopper switches to free shipping.
    await phone.goto(web.server.url(m.host, `/#/checkout?items=${skuId}x1`));
    await until(async () => (await phone.locator('[data-test=checkout-coupon-chosen]').count()) === 1, 'the best coupon chosen');
    expect(await textOf(phone, '[data-test=checkout-coupon-chosen]')).to.equal('-¥12.80');
    await until(async () => (await textOf(phone, '[data-test=quote-total]')).includes('¥123.20'), 'the total with 9折');
    await snapshot(phone, 'shop-checkout-coupon');
    await phone.click('[data-test=checkout-coupon]');
    await phone.locator('[data-test=coupon-popup] [data-test^=coupon-pick-]').first().waitFor();
    expect(await phone.locator('[data-test=coupon-popup] [data-test^=coupon-pick-]').count()).to.equal(3);
    // the popup names the shopper's coupons by their own ids: the share coupon is the one unusable
    expect(await phone.locator('[data-test=coupon-popup] [data-test^=coupon-unusable-]').count()).to.equal(1);
    expect(await textOf(phone, '[data-test=coupon-popup] [data-test^=coupon-unusable-]'), 'why the share coupon does not apply').to.contain('还差 ¥22 可用');
    await snapshot(phone, 'shop-checkout-coupon-popup');
    await phone.locator('[data-test=coupon-popup] [data-test^=coupon-pick-]', { hasText: '包邮券' }).click();
    await until(async () => (await textOf(phone, '[data-test=checkout-coupon-chosen]')) === '-¥8.00', 'free shipping chosen');
    await until(async () => (await textOf(phone, '[data-test=quote-total]')).includes('¥128.00'), 'the total without freight');
    await phone.click('[data-test=checkout-submit] button');
    await phone.locator('.van-action-sheet, [data-test=pay-sheet]').first().waitFor();
    const orders = (await shopApi(m.slug, s.token).get('/shop/orders')).body.items as Array<{ payAmount: number }>;
    expect(orders.map((o) => o.payAmount)).to.deep.equal([12800]);
    expect((await shopApi(m.slug, s.token).get('/shop/me/coupons?status=used')).body.items.map((h: { coupon: { name: string } }) => h.coupon.name)).to.deep.equal(['包邮券']);
  });
});
