/**
 * The screens merchants and operators watch all day: the workbench (to-do counts, setup guide),
 * the new-order alert, the order list's filters and export, the platform dashboard, sign-up that
 * lands signed in, and every main screen at a phone's width without sideways scrolling.
 */
import { expect } from 'chai';
import { config } from '../../server/src/core/config.js';
import { runDueJobs } from '../../server/src/core/jobs.js';
import { paidOrder, storeWithProduct, uniq } from '../factories/index.js';
import { shopApi } from '../support/http.js';
import { BROWSER_TEST_MS, browserSuite, snapshot, textOf, until, type TestPage } from './browser.js';

/** The page does not scroll sideways: whatever is wider scrolls inside its own card. */
async function fitsWidth(page: TestPage): Promise<{ scroll: number; inner: number }> {
  return page.evaluate(() => {
    const g = globalThis as unknown as { document: { scrollingElement: { scrollWidth: number } }; innerWidth: number };
    return { scroll: g.document.scrollingElement.scrollWidth, inner: g.innerWidth };
  });
}

describe('workbenches in the browser', function () {
  this.timeout(BROWSER_TEST_MS * 2);
  const web = browserSuite();
  /** A page that shows the console in Chinese, the product's first language, whatever the machine's. */
  async function newPage(opts?: { mobile?: boolean }): Promise<TestPage> {
    const page = await web.newPage(opts);
    await page.addInitScript("localStorage.setItem('s2b2c:locale', 'zh-CN')");
    return page;
  }

  it('signs a new merchant in on their own host and opens the workbench with the setup guide', async () => {
    const page = await newPage();
    const slug = uniq('m');
    await page.goto(web.server.url(config().platformDomain, '/admin/#/signup'));
    await page.fill('input[data-test=signup-name]', '山间茶舍');
    await page.fill('input[data-test=signup-slug]', slug);
    await page.fill('input[data-test=signup-email]', `${slug}@owner.test`);
    await page.fill('input[data-test=signup-password]', 'Owner#2026');
    await page.click('[data-test=signup-submit]');
    await page.locator('[data-test=setup-guide]').waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).hostname).to.equal(`${slug}.${config().platformDomain}`);
    expect(page.url()).to.not.contain('ticket=');
    expect(await textOf(page, '[data-test=signed-in-as]')).to.contain('山间茶舍');
    expect(await page.locator('[data-test=setup-products] .el-button').count()).to.equal(1);
    await snapshot(page, 'signup-workbench');
  });

  it('shows the workbench counts, chimes a toast for a new paid order, and filters and exports the order list', async () => {
    const { m, s, addressId, skuId } = await storeWithProduct();
    await paidOrder(m.slug, s.token, { items: [{ skuId, quantity: 1 }], addressId });
    await runDueJobs(); // this order's events go out before the console opens
    await shopApi(m.slug).post('/shop/visits').send({ visitorId: 'browser-visitor-1' });
    const page = await newPage();
    await page.setViewportSize({ width: 1440, height: 900 });
    await web.consoleSignIn(page, m.host, m.email, m.password);
    await page.locator('[data-test=workbench]').waitFor();
    await until(async () => (await page.locator('[data-test=todo-toShip] .stat-value').count()) > 0, 'the to-do counts');
    expect(await textOf(page, '[data-test=todo-toShip] .stat-value')).to.equal('1');
    expect(await textOf(page, '[data-test=today-visitors] .stat-value')).to.equal('1');
    await page.locator('[data-test=trend-chart] canvas').waitFor();
    await snapshot(page, 'workbench');

    // a paid order reaches the console over the socket: a toast, and the count follows
    await page.waitForTimeout(500); // the socket joins its rooms
    const second = await paidOrder(m.slug, s.token, { items: [{ skuId, quantity: 2 }], addressId });
    await runDueJobs(); // what the worker does: the order's events go out
    await page.locator('.new-order-toast', { hasText: second.orderNo }).waitFor({ timeout: 10_000 });
    await until(async () => (await textOf(page, '[data-test=todo-toShip] .stat-value')) === '2', 'the to-ship count to follow');

    // muted: the next one is silent (the mute button stays reachable while toasts show)
    await page.click('[data-test=order-alerts]');
    await until(async () => (await page.locator('.new-order-toast').count()) === 0, 'the toast to go', 12_000);
    await paidOrder(m.slug, s.token, { items: [{ skuId, quantity: 3 }], addressId });
    await runDueJobs();
    await page.waitForTimeout(1500);
    expect(await page.locator('.new-order-toast').count()).to.equal(0);

    await page.click('[data-test=todo-toShip]');
    await page.locator('[data-test=orders-table]').waitFor();
    await until(async () => (await textOf(page, '[data-test=orders-count-paid]')) === '3', 'the paid tab count');
    expect(await textOf(page, '[data-test=orders-count-all]')).to.equal('3');
    expect(await page.locator('[data-test=orders-table] .el-table__row').count()).to.equal(3);
    expect(await textOf(page, '[data-test=orders-table]')).to.not.match(/#\d+/); // names, not ids

    await page.fill('input[data-test=orders-search]', second.orderNo);
    await page.click('[data-test=orders-filter]');
    await until(async () => (await page.locator('[data-test=orders-table] .el-table__row').count()) === 1, 'one order to match');
    await snapshot(page, 'orders');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-test=orders-export]')]);
    expect(download.suggestedFilename()).to.equal('orders.xlsx');
  });

  it('keeps the main screens inside a phone\'s width', async () => {
    const { m, s, addressId, skuId } = await storeWithProduct();
    await paidOrder(m.slug, s.token, { items: [{ skuId, quantity: 1 }], addressId });
    const page = await newPage({ mobile: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await web.consoleSignIn(page, m.host, m.email, m.password);
    for (const path of ['dashboard', 'orders', 'shipping', 'aftersales', 'products', 'market', 'finance', 'store', 'customers']) {
      await page.goto(web.server.url(m.host, `/admin/#/${path}`));
      await page.waitForTimeout(700);
      const { scroll, inner } = await fitsWidth(page);
      expect(scroll, `/${path} at 390 px`).to.be.at.most(inner);
    }

    const admin = await newPage({ mobile: true });
    await admin.setViewportSize({ width: 390, height: 844 });
    const { email, password } = config().platformAdmin;
    await web.consoleSignIn(admin, config().platformDomain, email, password, 'platform');
    await admin.locator('[data-test=platform-dashboard]').waitFor();
    await until(async () => (await admin.locator('[data-test=queue-suppliers]').count()) > 0, 'the queues');
    const { scroll, inner } = await fitsWidth(admin);
    expect(scroll, 'the platform dashboard at 390 px').to.be.at.most(inner);
    await snapshot(admin, 'platform-dashboard');
  });
});
