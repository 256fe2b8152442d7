/**
 * Promotions in a real browser: a merchant sets a 满199减30 / 满299减60 and a 限时折扣 in the console
 * (tier editor, SKU picker with the price and the offer price side by side); a shopper on a phone
 * sees the offer price struck through on the cards, the 限时折扣 bar counting down on the product
 * page with the full reduction among its activities, the cart's "再买¥X" hint and savings, and each
 * discount at checkout. With SCREENSHOT_DIR set, keeps pictures of each screen at a phone's and a
 * desktop's width.
 */
import { expect } from 'chai';
import { merchant, shopper } from '../factories/index.js';
import { shopApi } from '../support/http.js';
import { BROWSER_TEST_MS, browserSuite, snapshot, textOf, until, type TestPage } from './browser.js';

async function inChinese(page: TestPage): Promise<void> {
  await page.addInitScript({ content: "localStorage.setItem('s2b2c:locale', 'zh-CN')" });
}

describe('promotions in the browser', function () {
  this.timeout(BROWSER_TEST_MS * 3);
  const web = browserSuite();

  it('lets a merchant set a full reduction and a limited price; a shopper sees them on cards, the product page, the cart and checkout', async function () {
    this.timeout(BROWSER_TEST_MS * 3);
    const m = await merchant({ name: '一叶茶舍' });
    const owner = shopApi(m.slug, m.token);
    const tea = (await owner.post('/admin/own-products').send({ title: '明前龙井 250g', skus: [{ specs: { 规格: '250g' }, price: 12800, stock: 50 }] })).body.product;
    const cup = (await owner.post('/admin/own-products').send({ title: '白瓷盖碗', skus: [{ specs: {}, price: 6800, stock: 50 }] })).body.product;

    // The console: a full reduction with two tiers.
    const page = await web.newPage();
    await inChinese(page);
    await web.consoleSignIn(page, m.host, m.email, m.password);
    await page.click('[data-test="menu-marketing/full-reductions"]');
    await page.locator('[data-test=full-reductions]').waitFor();
    await page.click('[data-test=promo-new]');
    await page.fill('input[data-test=reduction-name]', '店庆满减');
    await page.click('[data-test=tier-add]');
    await page.locator('[data-test=tier-1]').waitFor();
    await snapshot(page, 'console-full-reduction-form');
    await page.click('[data-test=reduction-save]');
    await until(async () => (await page.locator('[data-test=promo-table] .el-table__row').count()) === 1, 'the full reduction listed');
    const row = await textOf(page, '[data-test=promo-table] .el-table__row');
    expect(row).to.contain('满199减30').and.contain('满299减60').and.contain('进行中').and.contain('全店商品');
    await snapshot(page, 'console-full-reductions');

    // A limited price: pick the tea, its SKU shows its price and the offer price (20% off by default).
    await page.click('[data-test="menu-marketing/limited-prices"]');
    await page.locator('[data-test=limited-prices]').waitFor();
    await page.click('[data-test=promo-new]');
    await page.fill('input[data-test=limited-name]', '周末限时折扣');
    await page.locator('[data-test=limited-search] input').pressSequentially('龙井', { delay: 30 });
    await page.locator('.el-select-dropdown__item', { hasText: '明前龙井' }).click();
    await until(async () => (await page.locator('[data-test=limited-rows] .el-table__row').count()) === 1, 'the SKU row');
    const skuRow = await textOf(page, '[data-test=limited-rows] .el-table__row');
    expect(skuRow).to.contain('¥128.00').and.contain('8折');
    await snapshot(page, 'console-limited-price-form');
    await page.click('[data-test=limited-save]');
    await until(async () => (await page.locator('[data-test=promo-table] .el-table__row').count()) === 1, 'the limited price listed');
    expect(await textOf(page, '[data-test=promo-table] .el-table__row')).to.contain('¥102.40').and.contain('进行中');
    await snapshot(page, 'console-limited-prices');

    // The shopper: cards, product page, cart, checkout.
    const s = await shopper(m.slug);
    const cart = shopApi(m.slug, s.token);
    await cart.post('/shop/cart/items').send({ skuId: tea.skus[0].id, quantity: 1 });
    await cart.post('/shop/cart/items').send({ skuId: cup.skus[0].id, quantity: 1 });
    const phone = await web.newPage({ mobile: true });
    await inChinese(phone);
    const url = new URL(web.server.url(m.host, '/'));
    await phone.addInitScript({ content: `localStorage.setItem('s2b2c:${url.host}:shopper:token', ${JSON.stringify(s.token)})` });
    await phone.goto(web.server.url(m.host, '/#/products'));
    await phone.locator(`[data-test=product-${tea.id}] [data-test=promo-was]`).waitFor();
    expect(await textOf(phone, `[data-test=product-${tea.id}]`)).to.contain('102.40').and.contain('¥128.00');
    await snapshot(phone, 'shop-cards');

    await phone.click(`[data-test=product-${tea.id}]`);
    await phone.locator('[data-test=promo-bar]').waitFor();
    expect(await textOf(phone, '[data-test=promo-bar]')).to.contain('102.40').and.contain('限时折扣').and.contain('距结束');
    expect(await textOf(phone, '[data-test=product-activities]')).to.contain('满减').and.contain('满199减30，满299减60');
    await snapshot(phone, 'shop-product');

    await phone.goto(web.server.url(m.host, '/#/cart'));
    await phone.locator('[data-test=cart-hint]').waitFor();
    // 102.40 + 68.00 = 170.40: 满199 is 28.60 away
    expect(await textOf(phone, '[data-test=cart-hint]')).to.contain('再买 ¥28.60').and.contain('可减 ¥30.00');
    expect(await textOf(phone, '[data-test=cart-discounts]')).to.contain('限时折扣').and.contain('-¥25.60');
    await until(async () => (await textOf(phone, '[data-test=cart-checkout]')).includes('170.40'), 'the total after the savings');
    await snapshot(phone, 'shop-cart');

    await phone.goto(web.server.url(m.host, `/#/checkout?items=${tea.skus[0].id}x1,${cup.skus[0].id}x2`));
    await phone.locator('[data-test=discount-full_reduction]').waitFor();
    expect(await textOf(phone, '[data-test=quote]')).to.contain('满199减30').and.contain('-¥30.00').and.contain('限时折扣');
    await snapshot(phone, 'shop-checkout');
  });
});
