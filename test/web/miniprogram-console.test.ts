/**
 * The console's 小程序 page in a real browser, in sandbox mode (no WeChat): the owner authorizes on
 * the sandbox's authorization page (模拟微信授权), comes back to the authorized card (or reads why
 * not), submits for audit, watches
 * 审核中 turn into 审核通过 when the audit result is pushed (the page polls), publishes, and opens a
 * product's 小程序码. Staff without `miniprogram.publish` see no menu entry and read the 403 in
 * words. Pending when the web is not built or Chromium is missing; with SCREENSHOT_DIR set, keeps
 * pictures of each screen at a phone's and a desktop's width.
 */
import { expect } from 'chai';
import { clock } from '../../server/src/core/clock.js';
import { config } from '../../server/src/core/config.js';
import { runDueJobs } from '../../server/src/core/jobs.js';
import { listed, marketProduct, merchant, staffWith } from '../factories/index.js';
import { shopApi } from '../support/http.js';
import { BROWSER_TEST_MS, browserSuite, snapshot, textOf, until, type TestPage } from './browser.js';

const menuOf = async (page: TestPage) => (await page.locator('[data-test=side-menu] .el-menu-item').allTextContents()).map((t) => t.trim());
const stepState = (page: TestPage, key: string) => page.locator(`[data-test=mp-step-${key}]`).getAttribute('data-state');

/** The merchant confirms on the sandbox's 模拟微信授权 page; WeChat's redirect brings them back to the console. */
const confirmAuthorization = (page: TestPage) => page.getByRole('button', { name: '确认授权' }).click();

/** The sandbox decides an audit a few seconds after submit_audit, by a job. */
async function auditDecided(): Promise<void> {
  clock.travel(5_000);
  await runDueJobs();
}

describe('the 小程序 page in the browser (sandbox)', function () {
  this.timeout(BROWSER_TEST_MS * 3);
  const web = browserSuite();
  // the authorization page and WeChat's redirect back name this installation's public address
  let port: number;
  before(() => {
    port = config().port;
    config().port = web.server.port;
  });
  after(() => {
    config().port = port;
  });

  it('authorizes, submits for audit, follows the audit to 审核通过 by itself, publishes, and shows a product\'s 小程序码', async function () {
    this.timeout(BROWSER_TEST_MS * 3);
    const m = await merchant({ name: '一叶茶舍' });
    const product = await marketProduct({ title: '明前龙井 250g' });
    const listing = await listed(m, product.id);
    await runDueJobs(); // the sandbox's WeChat pushes its first component_verify_ticket

    const page = await web.newPage();
    await page.setViewportSize({ width: 1440, height: 900 });
    await web.consoleSignIn(page, m.host, m.email, m.password);
    expect(await menuOf(page)).to.include('小程序');
    await page.click('[data-test=menu-miniprogram]');
    await page.locator('[data-test=mp-authorize-card]').waitFor();
    expect(await textOf(page, '[data-test=mp-sandbox]')).to.contain('演示授权与审核，不连接微信');
    await snapshot(page, 'miniprogram-authorize');

    // before authorizing, a product's code says what is missing, in words
    await page.goto(web.server.url(m.host, '/admin/#/products'));
    await page.click(`[data-test=listing-share-code-${listing.id}]`);
    expect(await textOf(page, '[data-test=share-code-error]')).to.contain('店铺还没有授权微信小程序');
    await page.click('[data-test=share-code-authorize]');
    await page.locator('[data-test=mp-authorize-card]').waitFor();

    // the sandbox's authorization page, in this window, then back to the console
    await page.click('[data-test=mp-authorize]');
    await page.waitForURL((u) => !u.pathname.startsWith('/admin/'));
    await snapshot(page, 'miniprogram-sandbox-authorization');
    await confirmAuthorization(page);
    await page.locator('[data-test=mp-authorizer]').waitFor();
    await page.locator('.el-message--success', { hasText: '小程序授权成功' }).waitFor();
    expect(page.url()).to.match(/#\/miniprogram$/); // the result read, the address cleaned
    expect(await textOf(page, '[data-test=mp-nickname]')).to.contain('沙箱小程序');
    expect(await stepState(page, 'authorized')).to.equal('success');
    expect(await stepState(page, 'submit')).to.equal('process');
    expect(await textOf(page, '[data-test=mp-released]')).to.contain('尚未发布');
    await snapshot(page, 'miniprogram-authorized');

    // submit: 审核中, the trial version's code, the history row
    await page.click('[data-test=mp-submit]');
    await page.fill('textarea[data-test=mp-description]', '首页改版，新增直播入口');
    await page.click('[data-test=mp-submit-confirm]');
    await page.locator('.el-message--success', { hasText: '已提交审核' }).waitFor();
    await until(async () => (await stepState(page, 'auditing')) === 'process', '审核中');
    expect(await textOf(page, '[data-test=mp-notice]')).to.contain('微信正在审核版本');
    await page.locator('[data-test=mp-withdraw]').waitFor();
    await page.locator('[data-test=mp-watching]').waitFor();
    await page.locator('[data-test=mp-preview-code]').waitFor();
    expect(await textOf(page, '[data-test=mp-history] .el-table__row')).to.contain('审核中');
    await snapshot(page, 'miniprogram-auditing');

    // WeChat's result arrives on the server; the page shows it without a reload
    await auditDecided();
    await until(async () => (await stepState(page, 'approved')) === 'success', '审核通过 shown by polling', 15_000);
    expect(await textOf(page, '[data-test=mp-notice]')).to.contain('已通过审核');
    await snapshot(page, 'miniprogram-approved');

    await page.click('[data-test=mp-release]');
    await page.click('.el-message-box__btns .el-button--primary');
    await until(async () => (await stepState(page, 'released')) === 'success', '已发布');
    expect(await textOf(page, '[data-test=mp-released]')).to.contain('1.0.0');
    expect(await textOf(page, '[data-test=mp-history] .el-table__row')).to.contain('已发布');
    expect(await page.locator('[data-test=mp-watching]').count()).to.equal(0); // nothing left to wait for
    await snapshot(page, 'miniprogram-released');

    // a product's 小程序码 now draws
    await page.goto(web.server.url(m.host, '/admin/#/products'));
    await page.click(`[data-test=listing-share-code-${listing.id}]`);
    await page.locator('[data-test=share-code-image]').waitFor();
    await page.locator('[data-test=share-code-download]').waitFor();
    await snapshot(page, 'miniprogram-share-code');
  });

  it('says in words why an authorization came back unfinished; on a phone, shows a rejection with WeChat\'s reason and lets the shop submit again', async () => {
    const m = await merchant();
    await runDueJobs();
    const page = await web.newPage({ mobile: true });
    await web.consoleSignIn(page, m.host, m.email, m.password);
    await page.goto(web.server.url(m.host, '/admin/#/miniprogram?authorized=0&error=authorization_state_invalid'));
    expect(await textOf(page, '[data-test=mp-authorize-error]')).to.contain('授权链接无效或已过期');
    await until(async () => page.url().endsWith('#/miniprogram'), 'the result read, the address cleaned');
    await page.click('[data-test=mp-authorize]');
    await page.waitForURL((u) => !u.pathname.startsWith('/admin/'));
    await confirmAuthorization(page);
    await page.locator('[data-test=mp-authorizer]').waitFor();
    await page.click('[data-test=mp-submit]');
    await page.fill('textarea[data-test=mp-description]', '请驳回这一版');
    await page.click('[data-test=mp-submit-confirm]');
    await until(async () => (await stepState(page, 'auditing')) === 'process', '审核中');
    await auditDecided();
    await until(async () => (await stepState(page, 'auditing')) === 'error', '审核未通过', 15_000);
    expect(await textOf(page, '[data-test=mp-step-auditing]')).to.contain('审核未通过');
    expect(await textOf(page, '[data-test=mp-reason]')).to.contain('微信审核意见');
    await snapshot(page, 'miniprogram-rejected');
    await page.locator('[data-test=mp-submit]').waitFor(); // and may go again
  });

  it('hides the page from staff without the permission, and says so in words when it is taken away', async () => {
    const m = await merchant();
    const clerk = await staffWith(m, ['catalog.read']);
    const page = await web.newPage();
    await web.consoleSignIn(page, m.host, clerk.email, 'Staff#2026');
    expect(await menuOf(page)).not.to.include('小程序');
    await page.goto(web.server.url(m.host, '/admin/#/miniprogram'));
    await until(async () => !page.url().includes('/miniprogram'), 'sent to a section it may see');

    const publisher = await staffWith(m, ['miniprogram.publish', 'catalog.read']);
    const other = await web.newPage();
    await web.consoleSignIn(other, m.host, publisher.email, 'Staff#2026');
    await other.click('[data-test=menu-miniprogram]');
    await other.locator('[data-test=mp-authorize-card]').waitFor();
    const owner = shopApi(m.slug, m.token);
    const changed = await owner.put(`/admin/roles/${publisher.roleId}`).send({ permissions: ['catalog.read'] });
    expect(changed.status, JSON.stringify(changed.body)).to.be.oneOf([200, 204]);
    const asPublisher = shopApi(m.slug, publisher.token);
    await until(async () => (await asPublisher.get('/admin/miniprogram')).status === 403, 'the role change in force', 15_000);
    // the menu still shows it until the next sign-in; opened again, the API refuses and the page says why
    await other.click('[data-test=menu-products]');
    await other.locator('[data-test=products-table]').waitFor();
    await other.click('[data-test=menu-miniprogram]');
    const refusal = await textOf(other, '[data-test=mp-load-error]');
    expect(refusal).to.contain('没有权限执行此操作');
    expect(refusal).to.contain('授权、提交审核与发布微信小程序'); // the permission by its name, and whom to ask
    expect(refusal).not.to.match(/forbidden|miniprogram\.publish/);
    await snapshot(other, 'miniprogram-forbidden');
  });
});
