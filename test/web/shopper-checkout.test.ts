/**
 * A shopper's addresses, checkout and self-pickup in a real browser (phone viewport): the goods
 * found by one character in search and bought now; no address yet, so checkout guides to adding
 * one, picked from the region picker; a second address pasted and recognised; a sandbox payment; a
 * self-pickup order whose code shows as digits and a QR code; the counter verifies the code in the
 * console, and a used code says so. With SCREENSHOT_DIR set, keeps a picture of each screen.
 * Pending when the web is not built or Chromium is missing.
 */
import { expect } from 'chai';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { merchant, shopper } from '../factories/index.js';
import { shopApi } from '../support/http.js';
import { BROWSER_TEST_MS, browserSuite, submitShopLogin, type TestPage, textOf, until } from './browser.js';
import { pickRegion } from './region-picker.js';

async function shot(page: TestPage, name: string): Promise<void> {
  const dir = process.env.SCREENSHOT_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
}

/** A page in Chinese (the product's first language, whatever the browser prefers) at the given size. */
async function chinesePage(open: Promise<TestPage>, viewport: { width: number; height: number }): Promise<TestPage> {
  const page = await open;
  await page.addInitScript("localStorage.setItem('s2b2c:locale', 'zh-CN')");
  await page.setViewportSize(viewport);
  return page;
}

async function signIn(page: TestPage, phone: string, password: string): Promise<void> {
  await page.waitForURL(/#\/login/);
  await submitShopLogin(page, { phone, password });
}

describe('a shopper\'s addresses, checkout and self-pickup in the browser', function () {
  this.timeout(BROWSER_TEST_MS * 2);
  const web = browserSuite();

  it('guides a shopper without an address to add one from the region picker, fills a second from a pasted line, pays, picks up by code, and the counter verifies it once', async function () {
    this.timeout(BROWSER_TEST_MS * 2);
    const m = await merchant({ name: '西湖茶铺' });
    const owner = shopApi(m.slug, m.token);
    expect((await owner.patch('/admin/settings').send({ orders: { pickupName: '西湖旗舰店', pickupAddress: '浙江省杭州市西湖区龙井路 1 号', pickupHours: '每天 09:00–21:00', pickupPhone: '0571-88886666' } })).status).to.equal(200);
    const tea = await owner.post('/admin/own-products').send({ title: '明前龙井 50g', skus: [{ specs: {}, price: 12800, stock: 20 }] });
    expect(tea.status, JSON.stringify(tea.body)).to.equal(201);
    const skuId: number = tea.body.product.skus[0].id;
    const s = await shopper(m.slug);

    // Finds the tea by one character and buys it now.
    const page = await chinesePage(web.newPage({ mobile: true }), { width: 390, height: 844 });
    await page.goto(web.server.url(m.host, '/#/search'));
    await page.fill('[data-test=search-input] input', '龙');
    await page.click('[data-test=search-submit]');
    await page.click(`[data-test=product-${tea.body.product.id}]`);
    await page.waitForURL(/#\/products\/\d+/);
    await page.click('[data-test=buy-now]');

    // No address yet: checkout prices the goods, leaves shipping to the address and says what is missing.
    await signIn(page, s.phone, s.password);
    await page.waitForURL(/#\/checkout/);
    await page.locator('[data-test=address-add]').waitFor();
    expect(await textOf(page, '[data-test=quote-goods]')).to.contain('¥128.00');
    expect(await textOf(page, '[data-test=quote-freight]')).to.contain('填写地址后计算');
    expect(await page.locator('[data-test=quote-total]').count(), 'no total before it can be computed').to.equal(0);
    expect(await textOf(page, '[data-test=checkout-needs-address]')).to.equal('请先添加收货地址');
    const body = (await page.locator('body').textContent()) ?? '';
    expect(body).to.not.contain('Invalid').and.not.contain('¥0.00');
    await shot(page, 'checkout-no-address');

    // Submitting opens the address form; its own words name what is missing.
    await page.click('[data-test=checkout-submit] button');
    await page.locator('[data-test=address-first] [data-test=address-form]').waitFor();
    await page.click('[data-test=address-first] [data-test=address-save]');
    expect(await textOf(page, '[data-test=address-first] [data-test=address-phone]')).to.contain('请填写正确的 11 位手机号');
    expect(await textOf(page, '[data-test=address-first] [data-test=address-region]')).to.contain('请选择所在地区');
    await page.fill('[data-test=address-first] [data-test=address-name] input', '张三');
    await page.fill('[data-test=address-first] [data-test=address-phone] input', '13800138000');
    await page.click('[data-test=address-first] [data-test=address-region]');
    await shot(page, 'region-picker');
    await pickRegion(page, ['浙江省', '杭州市', '西湖区']);
    expect(await page.inputValue('[data-test=address-first] [data-test=address-region] input')).to.equal('浙江省 杭州市 西湖区');
    await page.fill('[data-test=address-first] [data-test=address-detail] textarea', '文三路 100 号');
    await shot(page, 'address-form');
    await page.click('[data-test=address-first] [data-test=address-save]');
    await until(async () => (await page.locator('[data-test=checkout-address]').count()) === 1, 'the new address to be chosen');
    expect(await textOf(page, '[data-test=checkout-address]')).to.contain('张三 13800138000').and.contain('浙江省 杭州市 西湖区 文三路 100 号');
    await page.locator('[data-test=quote-total]').waitFor();
    const saved = (await shopApi(m.slug, s.token).get('/shop/addresses')).body.items;
    expect(saved[0]).to.include({ regionCode: '330106', province: '浙江省', city: '杭州市', district: '西湖区', isDefault: true });
    await shot(page, 'checkout');

    // A second address, pasted and recognised, from the picker's address book.
    await page.click('[data-test=checkout-address]');
    await page.locator('[data-test=address-picker] .van-address-list__add').click();
    const editor = page.locator('[data-test=address-editor]');
    await editor.locator('[data-test=address-paste] textarea').fill('收货人：李四，电话：139-0013-9000，地址：上海市浦东新区世纪大道 1 号');
    await editor.locator('[data-test=address-recognize]').click();
    expect(await editor.locator('[data-test=address-name] input').inputValue()).to.equal('李四');
    expect(await editor.locator('[data-test=address-phone] input').inputValue()).to.equal('13900139000');
    expect(await editor.locator('[data-test=address-region] input').inputValue()).to.equal('上海市 浦东新区');
    expect(await editor.locator('[data-test=address-detail] textarea').inputValue()).to.equal('世纪大道 1 号');
    await shot(page, 'address-pasted');
    await editor.locator('[data-test=address-save]').click();
    await until(async () => (await page.locator('[data-test=address-picker] .van-address-item').count()) === 2, 'two addresses in the book');
    await shot(page, 'address-picker');
    await page.locator('[data-test=address-picker] .van-address-item', { hasText: '李四' }).click();
    await until(async () => ((await page.locator('[data-test=checkout-address]').textContent()) ?? '').includes('李四'), 'the pasted address to be chosen');

    // Pays with the sandbox.
    await page.locator('[data-test=quote-total]').waitFor();
    await page.click('[data-test=checkout-submit] button');
    await page.click('[data-test=pay-method-sandbox]');
    await page.click('[data-test=pay-submit]');
    await page.click('[data-test=sandbox-confirm]');
    await page.waitForURL(/#\/orders\/\d+$/);
    await until(async () => (await page.locator('[data-test=order-status]').textContent())?.trim() === '已支付', 'the order to show paid');

    // Another order, picked up at the shop: the code as digits and a QR code.
    await page.goto(web.server.url(m.host, `/#/checkout?items=${skuId}x2`));
    await page.click('[data-test=delivery-pickup]');
    await page.locator('[data-test=pickup-point]').waitFor();
    expect(await textOf(page, '[data-test=pickup-point]')).to.contain('西湖旗舰店').and.contain('龙井路 1 号').and.contain('09:00–21:00');
    await until(async () => ((await page.locator('[data-test=quote-total]').textContent()) ?? '').includes('¥256.00'), 'the pickup quote without freight');
    await shot(page, 'checkout-pickup');
    await page.click('[data-test=checkout-submit] button');
    await page.click('[data-test=pay-method-sandbox]');
    await page.click('[data-test=pay-submit]');
    await page.click('[data-test=sandbox-confirm]');
    await page.waitForURL(/#\/orders\/\d+$/);
    await page.locator('[data-test=pickup-qr]').waitFor();
    const orderId = Number(/orders\/(\d+)/.exec(page.url())![1]);
    const code: string = (await shopApi(m.slug, s.token).get(`/shop/orders/${orderId}`)).body.pickupCode;
    expect((await textOf(page, '[data-test=pickup-code-digits]')).replace(/\s/g, '')).to.equal(code);
    expect(await textOf(page, '[data-test=order-status]')).to.equal('待自提');
    expect(await page.getAttribute('[data-test=pickup-qr]', 'src')).to.match(/^data:image\/png;base64,/);
    await page.locator('.van-toast').waitFor({ state: 'hidden' }).catch(() => undefined);
    await shot(page, 'order-pickup-code');

    // The counter: a wrong code is told apart, the right one shows the order and is handed over once.
    const counter = await chinesePage(web.newPage(), { width: 1440, height: 900 });
    await web.consoleSignIn(counter, m.host, m.email, m.password);
    await counter.click('[data-test=menu-pickup-verify]');
    await counter.fill('[data-test=pickup-code-input]', code === '00000000' ? '00000001' : '00000000');
    await counter.locator('[data-test=pickup-error]').waitFor();
    expect(await textOf(counter, '[data-test=pickup-error]')).to.contain('取货码不存在');
    await counter.fill('[data-test=pickup-code-input]', code);
    await counter.locator('[data-test=pickup-order]').waitFor();
    expect(await textOf(counter, '[data-test=pickup-order]')).to.contain('明前龙井 50g').and.contain('¥256.00').and.contain(s.phone.slice(-4));
    expect(await textOf(counter, '[data-test=pickup-status]')).to.equal('待自提');
    await shot(counter, 'pickup-verify');
    await counter.click('[data-test=pickup-confirm]');
    await counter.locator('.el-message-box .el-button--primary').click();
    await counter.locator('[data-test=pickup-done]').waitFor();
    await shot(counter, 'pickup-verified');
    await counter.click('[data-test=pickup-next]');
    await counter.fill('[data-test=pickup-code-input]', code);
    await counter.locator('[data-test=pickup-error]').waitFor();
    expect(await textOf(counter, '[data-test=pickup-error]')).to.contain('已于').and.contain('核销');
    expect(await counter.locator('[data-test=pickup-confirm]').isDisabled()).to.equal(true);

    // The shopper's order reads picked up.
    await page.reload();
    await until(async () => (await page.locator('[data-test=order-status]').textContent())?.trim() === '已取货', 'the shopper to see the goods picked up', 15_000);

    // 我的: the address book and orders by status.
    await page.goto(web.server.url(m.host, '/#/me'));
    await page.locator('[data-test=me-addresses]').waitFor();
    await shot(page, 'me');
    await page.click('[data-test=me-addresses]');
    await until(async () => (await page.locator('.van-address-item').count()) === 2, 'the address book');
    await shot(page, 'address-book');
  });
});
