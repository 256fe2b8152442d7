/**
 * A store's counter in a real browser, on a phone: a clerk bound to 西湖店 signs in to the console,
 * sees their store, types the pickup code of a shopper's order at that store and hands it over,
 * then finds it in today's orders and the store's stock one lower. With SCREENSHOT_DIR set, keeps a
 * picture of each screen at a phone's and a desktop's width. Pending when the web is not built or
 * Chromium is missing.
 */
import { expect } from 'chai';
import { merchant, paidOrder, shopper } from '../factories/index.js';
import { shopApi } from '../support/http.js';
import { BROWSER_TEST_MS, browserSuite, snapshot, textOf, until, type TestPage } from './browser.js';

/** Element Plus puts a field's data-test on its <input> (el-input) or on its wrapper (el-input-number). */
async function fillIn(page: TestPage, name: string, value: string): Promise<void> {
  await page.locator(`input[data-test=${name}], [data-test=${name}] input`).first().fill(value);
}

/** A shop selling its own 6-inch cake (¥168). */
async function cakeShop() {
  const m = await merchant({ name: '鲜果坊' });
  const owner = shopApi(m.slug, m.token);
  const cake = await owner.post('/admin/own-products').send({ title: '草莓奶油蛋糕', skus: [{ specs: { 尺寸: '6 寸' }, price: 16800, stock: 50 }] });
  return { m, owner, skuId: cake.body.product.skus[0].id as number };
}

async function inChinese(page: TestPage): Promise<void> {
  await page.addInitScript({ content: "localStorage.setItem('s2b2c:locale', 'zh-CN')" });
}

describe('a store counter in the browser', function () {
  this.timeout(BROWSER_TEST_MS * 3);
  const web = browserSuite();

  it('lets a clerk hand over a pickup order of their store from a phone', async function () {
    this.timeout(BROWSER_TEST_MS * 3);
    const { m, owner, skuId } = await cakeShop();
    const store = await owner.post('/admin/stores').send({ name: '西湖店', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 100 号', hours: '每天 09:00–21:00', phone: '0571-88886666', lat: 30.2776, lng: 120.1469 });
    await owner.put(`/admin/stores/${store.body.id}/stock`).send({ items: [{ skuId, stock: 5 }] });
    const role = await owner.post('/admin/roles').send({ name: '门店店员', permissions: ['stores.counter'] });
    const clerk = await owner.post('/admin/staff').send({ email: `clerk@${m.slug}.test`, name: '小林', roleId: role.body.id, password: 'Clerk#2026' });
    await owner.post(`/admin/stores/${store.body.id}/clerks`).send({ staffId: clerk.body.id });
    const s = await shopper(m.slug);
    const order = await paidOrder(m.slug, s.token, { items: [{ skuId, quantity: 1 }], storeId: store.body.id });
    const code: string = (await shopApi(m.slug, s.token).get(`/shop/orders/${order.id}`)).body.pickupCode;

    const phone = await web.newPage({ mobile: true });
    await inChinese(phone);
    await web.consoleSignIn(phone, m.host, `clerk@${m.slug}.test`, 'Clerk#2026');
    await phone.goto(web.server.url(m.host, '/admin/#/store-counter'));
    await phone.locator('[data-test=counter-store]').waitFor();
    expect(await textOf(phone, '[data-test=counter-store]')).to.contain('西湖店');
    await snapshot(phone, 'console-store-counter');

    await phone.locator('.el-tabs__item', { hasText: '核销取货' }).click();
    await phone.fill('input[data-test=pickup-code-input]', code);
    await phone.locator('[data-test=pickup-order]').waitFor();
    expect(await textOf(phone, '[data-test=pickup-order]')).to.contain('草莓奶油蛋糕');
    await snapshot(phone, 'console-store-counter-order');
    await phone.click('[data-test=pickup-confirm]');
    await phone.locator('.el-message-box__btns .el-button--primary').click();
    await phone.locator('[data-test=pickup-done]').waitFor();
    expect((await shopApi(m.slug, s.token).get(`/shop/orders/${order.id}`)).body.status).to.equal('received');

    await phone.locator('.el-tabs__item', { hasText: '今日订单' }).click();
    await until(async () => (await phone.locator('[data-test=counter-order]').count()) === 1, 'today\'s order listed');
    expect(await textOf(phone, '[data-test=counter-order]')).to.contain('到店自提').and.contain('已');
    await snapshot(phone, 'console-store-counter-today');
    await phone.locator('.el-tabs__item', { hasText: '本店库存' }).click();
    await until(async () => (await textOf(phone, '[data-test=counter-stock]')).includes('4'), 'the stock one lower');
    await snapshot(phone, 'console-store-counter-stock');
  });

  it('lets the owner set up a store and its stock in the console', async function () {
    this.timeout(BROWSER_TEST_MS * 3);
    const m = await merchant({ name: '鲜果坊' });
    const owner = shopApi(m.slug, m.token);
    const cake = await owner.post('/admin/own-products').send({ title: '芒果千层', skus: [{ specs: { 尺寸: '6 寸' }, price: 12800, stock: 50 }] });
    const skuId: number = cake.body.product.skus[0].id;
    const desk = await web.newPage();
    await inChinese(desk);
    await web.consoleSignIn(desk, m.host, m.email, m.password);
    await desk.goto(web.server.url(m.host, '/admin/#/stores'));
    await desk.click('[data-test=store-new]');
    await fillIn(desk, 'store-name', '滨江店');
    await fillIn(desk, 'store-province', '浙江省');
    await fillIn(desk, 'store-city', '杭州市');
    await fillIn(desk, 'store-district', '滨江区');
    await fillIn(desk, 'store-detail', '江南大道 588 号');
    await fillIn(desk, 'store-hours', '每天 10:00–22:00');
    await fillIn(desk, 'store-phone', '0571-86668888');
    await fillIn(desk, 'store-lat', '30.2084');
    await fillIn(desk, 'store-lng', '120.2119');
    await fillIn(desk, 'store-radius', '3000');
    await fillIn(desk, 'store-fee', '6');
    await snapshot(desk, 'console-store-form');
    await desk.click('[data-test=store-save]');
    await until(async () => (await desk.locator('[data-test=stores-table] .el-table__row').count()) === 1, 'the store listed');
    expect(await textOf(desk, '[data-test=stores-table]')).to.contain('滨江店').and.contain('同城 3.0 公里');
    const made = (await owner.get('/admin/stores')).body.items[0];
    expect(made).to.include({ name: '滨江店', deliveryRadiusM: 3000, deliveryFee: 600, lat: 30.2084 });
    await snapshot(desk, 'console-stores');

    await desk.click(`[data-test=store-stock-${made.id}]`);
    await desk.click('[data-test=store-stock-add]');
    // the dropdown may still be sliding in, or be placed past the viewport's edge on a slow machine:
    // the option gets its click wherever it is
    await desk.locator('.el-select-dropdown__item', { hasText: '芒果千层' }).dispatchEvent('click');
    await desk.locator('.el-drawer .el-button', { hasText: '添加' }).click();
    await fillIn(desk, 'store-stock-input-0', '12');
    await desk.click('[data-test=store-stock-save]');
    await until(async () => ((await owner.get(`/admin/stores/${made.id}/stock`)).body.items[0]?.stock ?? 0) === 12, 'the stock saved');
    expect((await owner.get(`/admin/stores/${made.id}/stock`)).body.items[0]).to.include({ skuId, stock: 12 });
    await snapshot(desk, 'console-store-stock');
  });

  it('lets a shopper choose a store that has the goods at checkout, on a phone', async function () {
    this.timeout(BROWSER_TEST_MS * 3);
    const { m, owner, skuId } = await cakeShop();
    const place = { province: '浙江省', city: '杭州市', hours: '每天 09:00–21:00', phone: '0571-88886666' };
    const empty = await owner.post('/admin/stores').send({ ...place, name: '西湖店', district: '西湖区', detail: '文三路 100 号', lat: 30.2776, lng: 120.1469 });
    const stocked = await owner.post('/admin/stores').send({ ...place, name: '滨江店', district: '滨江区', detail: '江南大道 588 号', lat: 30.2084, lng: 120.2119 });
    await owner.put(`/admin/stores/${stocked.body.id}/stock`).send({ items: [{ skuId, stock: 3 }] });
    const s = await shopper(m.slug);

    const phone = await web.newPage({ mobile: true });
    await inChinese(phone);
    await web.shopSignIn(phone, m.host, s);
    await phone.goto(web.server.url(m.host, `/#/checkout?items=${skuId}x2`));
    await phone.click('[data-test=delivery-store]');
    await phone.locator(`[data-test=store-${stocked.body.id}]`).waitFor();
    expect(await textOf(phone, `[data-test=store-${empty.body.id}]`)).to.contain('库存不足');
    await until(async () => (await textOf(phone, '[data-test=quote-total]')).includes('¥336.00'), 'the store order priced');
    await snapshot(phone, 'shop-checkout-store');
    await phone.click('[data-test=checkout-submit] button');
    await phone.locator('.van-action-sheet, [data-test=pay-sheet]').first().waitFor();
    const orders = (await shopApi(m.slug, s.token).get('/shop/orders')).body.items as Array<{ id: number }>;
    expect(orders).to.have.length(1);
    expect((await owner.get(`/admin/stores/${stocked.body.id}/stock`)).body.items[0].stock).to.equal(1);
  });
});
