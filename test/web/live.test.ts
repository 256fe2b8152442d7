/**
 * Live orders in the browser: the merchant's order list follows a shopper's payment without a
 * reload (a new row, marked, and the menu's badge), the shopper's order page follows the shop
 * shipping, and a supplier's shipping queue follows a paid order of its goods.
 */
import { expect } from 'chai';
import { config } from '../../server/src/core/config.js';
import { runDueJobs } from '../../server/src/core/jobs.js';
import { addressOf, merchant, paidOrder, shopper, storeWithProduct } from '../factories/index.js';
import { shopApi, tenantHost } from '../support/http.js';
import { BROWSER_TEST_MS, browserSuite, snapshot, textOf, until, type TestPage } from './browser.js';

describe('live orders in the browser', function () {
  this.timeout(BROWSER_TEST_MS * 2);
  const web = browserSuite();
  // the suite's browser is a Chinese one: both apps show Chinese
  const newPage = (opts?: { mobile?: boolean }) => web.newPage(opts);

  /** The live dot is green: the socket joined its rooms. */
  const live = (page: TestPage) => page.locator('[data-test=live-status].on').waitFor({ timeout: 10_000 });

  it('adds a paid order to the open order list with a badge, and moves the shopper\'s order page when the shop ships', async () => {
    const m = await merchant({ name: '山间茶舍' });
    const owner = shopApi(m.slug, m.token);
    const goods = await owner.post('/admin/own-products').send({ title: '明前龙井 250g', skus: [{ specs: {}, price: 16800, stock: 50 }] });
    expect(goods.status, JSON.stringify(goods.body)).to.equal(201);
    const skuId = goods.body.product.skus[0].id as number;
    const s = await shopper(m.slug);
    const addressId = await addressOf(m.slug, s.token);
    const first = await paidOrder(m.slug, s.token, { items: [{ skuId, quantity: 1 }], addressId });
    await runDueJobs();

    const desk = await newPage();
    await desk.setViewportSize({ width: 1440, height: 900 });
    await web.consoleSignIn(desk, m.host, m.email, m.password);
    await desk.goto(web.server.url(m.host, '/admin/#/orders'));
    await desk.locator(`[data-test=order-open-${first.id}]`).waitFor();
    await live(desk);
    expect(await textOf(desk, '[data-test=menu-badge-orders]')).to.equal('1');

    // the shopper's order page, on a phone
    const phone = await newPage({ mobile: true });
    await phone.setViewportSize({ width: 390, height: 844 });
    const key = `s2b2c:${tenantHost(m.slug)}:${web.server.port}:shopper:token`;
    await phone.addInitScript(([k, token]) => (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem(k!, token!), [key, s.token]);

    // a second order is paid (through the API, as a gateway's notice would): no reload anywhere
    const second = await paidOrder(m.slug, s.token, { items: [{ skuId, quantity: 2 }], addressId });
    await runDueJobs();
    await desk.locator(`[data-test=order-live-${second.id}]`).waitFor({ timeout: 10_000 });
    expect(await textOf(desk, `[data-test=order-live-${second.id}]`)).to.equal('新');
    expect(await textOf(desk, `[data-test=order-status-${second.id}]`)).to.equal('待发货');
    await until(async () => (await textOf(desk, '[data-test=menu-badge-orders]')) === '2', 'the badge to count both');
    await until(async () => (await textOf(desk, '[data-test=orders-count-paid]')) === '2', 'the 待发货 tab to count both');
    await desk.screenshot({ path: shot('orders-new-row-1440') });

    await phone.goto(web.server.url(m.host, `/#/orders/${second.id}`));
    await until(async () => (await textOf(phone, '[data-test=order-status]')) !== '', 'the order page');
    const before = await textOf(phone, '[data-test=order-status]');
    await phone.waitForTimeout(500); // the shopper's socket joins its room
    await phone.screenshot({ path: shot('shopper-order-paid-390') });
    // and the shopper's order list, in another tab
    const list = await newPage({ mobile: true });
    await list.setViewportSize({ width: 390, height: 844 });
    await list.addInitScript(([k, token]) => (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem(k!, token!), [key, s.token]);
    await list.goto(web.server.url(m.host, '/#/orders'));
    await list.locator(`[data-test=order-status-${second.id}]`).waitFor();
    const listedBefore = await textOf(list, `[data-test=order-status-${second.id}]`);
    await list.waitForTimeout(500);

    // the shop ships it: the shopper's page and the desk's row change by themselves
    const fulfillment = (await owner.get(`/admin/orders/${second.id}`)).body.fulfillments[0].id as number;
    expect((await owner.post(`/admin/fulfillments/${fulfillment}/ship`).send({ carrier: 'shunfeng', trackingNo: 'SF1234567890' })).status).to.equal(200);
    await runDueJobs();
    await until(async () => (await textOf(phone, '[data-test=order-status]')) !== before, 'the shopper\'s page to follow the parcel', 10_000);
    expect(await textOf(phone, '[data-test=order-status]')).to.contain('已发货');
    await phone.locator('[data-test=order-receive]').waitFor();
    await phone.screenshot({ path: shot('shopper-order-shipped-390') });
    await until(async () => (await textOf(list, `[data-test=order-status-${second.id}]`)) !== listedBefore, 'the shopper\'s order list to follow');
    await list.screenshot({ path: shot('shopper-orders-shipped-390') });
    await until(async () => (await textOf(desk, `[data-test=order-status-${second.id}]`)) === '已发货', 'the desk row to follow');
    expect(await textOf(desk, `[data-test=order-live-${second.id}]`)).to.equal('已更新');
    await until(async () => (await textOf(desk, '[data-test=menu-badge-orders]')) === '1', 'the badge to drop the shipped one');
    await snapshot(desk, 'live-orders');
  });

  it('adds a paid order of its goods to the supplier\'s shipping queue with a badge', async () => {
    const shop = await storeWithProduct();
    const page = await newPage();
    await page.setViewportSize({ width: 1440, height: 900 });
    await web.consoleSignIn(page, config().platformDomain, shop.product.supplier.email, shop.product.supplier.password, 'supplier');
    await page.goto(web.server.url(config().platformDomain, '/admin/#/supplier-shipping'));
    await page.locator('[data-test=supplier-fulfillments-table]').waitFor();
    await live(page);
    expect(await page.locator('[data-test=menu-badge-supplier-shipping]').count()).to.equal(0);

    const order = await paidOrder(shop.m.slug, shop.s.token, { items: [{ skuId: shop.skuId, quantity: 1 }], addressId: shop.addressId });
    await runDueJobs();
    const fulfillment = (await shopApi(shop.m.slug, shop.m.token).get(`/admin/orders/${order.id}`)).body.fulfillments[0].id as number;
    await page.locator(`[data-test=supplier-fulfillment-live-${fulfillment}]`).waitFor({ timeout: 10_000 });
    expect(await textOf(page, '[data-test=supplier-fulfillments-table]')).to.contain(order.orderNo);
    await until(async () => (await page.locator('[data-test=menu-badge-supplier-shipping]').count()) === 1, 'the badge');
    expect(await textOf(page, '[data-test=menu-badge-supplier-shipping]')).to.equal('1');
    await snapshot(page, 'live-supplier-shipping');
  });
});

/** Where the screenshots of the moments between snapshots go (SCREENSHOT_DIR, else the temp dir). */
function shot(name: string): string {
  return `${process.env.SCREENSHOT_DIR ?? '/tmp'}/${name}.png`;
}
