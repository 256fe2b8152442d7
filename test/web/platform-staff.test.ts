/**
 * The operator console's Platform users page in a real browser: the administrator adds a reviewer,
 * who then sees only the reviewing part of the console, on a phone too. Pending when the web is not
 * built (`npm run build:web`) or Chromium is missing.
 */
import { expect } from 'chai';
import { config } from '../../server/src/core/config.js';
import { platformToken, uniq } from '../factories/index.js';
import { api } from '../support/http.js';
import { browserSuite, textOf, type TestPage } from './browser.js';

const menuOf = async (page: TestPage) => (await page.locator('[data-test=side-menu] .el-menu-item').allTextContents()).map((t) => t.trim());

describe('platform users in the browser', function () {
  this.timeout(60_000);

  const web = browserSuite();

  it('lets the administrator add a reviewer, who then sees only the reviewing sections, on a phone too', async () => {
    await platformToken();
    const { email, password } = config().platformAdmin;
    const host = config().platformDomain;
    const page = await web.newPage();
    await web.consoleSignIn(page, host, email, password, 'platform');
    await page.click('[data-test=menu-platform-users]');
    await page.click('[data-test=platform-user-add]');
    const reviewer = `${uniq('rev')}@platform.test`;
    await page.fill('input[data-test=platform-user-email]', reviewer);
    await page.fill('input[data-test=platform-user-name]', '李审核');
    await page.fill('input[data-test=platform-user-password]', 'Review#2026');
    await page.click('[data-test=platform-user-role]');
    await page.click('.el-select-dropdown__item:visible:has-text("审核员")');
    await page.click('[data-test=platform-user-save]');
    await page.locator('.el-message--success').waitFor();
    await page.locator(`[data-test="platform-user-name-${reviewer}"]`).waitFor();
    const created = (await api({ token: await platformToken() }).get('/platform/users?pageSize=100')).body.items.find((u: { email: string }) => u.email === reviewer);
    expect(created.role.code).to.equal('reviewer');

    const phone = await web.newPage({ mobile: true });
    await web.consoleSignIn(phone, host, reviewer, 'Review#2026', 'platform');
    expect(await textOf(phone, '[data-test=signed-in-as]')).to.contain('审核 Reviewer');
    await phone.click('[data-test=menu-toggle]');
    expect(await menuOf(phone)).to.deep.equal(['平台概览', '供应商审核', '商品审核', '账号']);
    await phone.click('[data-test=menu-suppliers]');
    await phone.locator('[data-test=suppliers-table]').waitFor();
    // the menu gives the page the phone's whole width: nothing spills sideways
    expect(await phone.evaluate('document.documentElement.scrollWidth')).to.be.at.most(390);
    // a section the role may not see sends it to its first one: the dashboard of its queues
    await phone.goto(web.server.url(host, '/admin/#/platform-users'));
    await phone.locator('[data-test=platform-dashboard]').waitFor();
  });
});
