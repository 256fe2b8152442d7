/**
 * 分销等级 in a real browser: the merchant adds a level in the console's 分销等级 tab (name, rank,
 * a rate, an upgrade condition), sees it listed and a distributor's level in the distributor list;
 * the distributor's centre on a phone shows the level and what the next one asks.
 * With SCREENSHOT_DIR set, keeps pictures of each screen.
 */
import { expect } from 'chai';
import { merchant, shopper } from '../factories/index.js';
import { shopApi } from '../support/http.js';
import { BROWSER_TEST_MS, browserSuite, snapshot, submitShopLogin, type TestPage, textOf, until } from './browser.js';

async function chinese(page: TestPage): Promise<TestPage> {
  await page.addInitScript("localStorage.setItem('s2b2c:locale', 'zh-CN')");
  return page;
}

describe('distribution levels in the browser', function () {
  this.timeout(BROWSER_TEST_MS * 3);
  const web = browserSuite();

  it('adds a level with its rate and condition, lists it, and shows the distributor their level and the next', async function () {
    this.timeout(BROWSER_TEST_MS * 3);
    const m = await merchant({ name: '山野小铺' });
    const owner = shopApi(m.slug, m.token);
    expect((await owner.put('/admin/distribution/settings').send({ enabled: true, depth: 2, rates: [1000, 500], becomeBy: 'auto' })).status).to.equal(200);
    expect((await owner.post('/admin/distribution/levels').send({ name: '普通分销商', rank: 1 })).status).to.equal(201);
    const a = await shopper(m.slug);
    expect((await shopApi(m.slug, a.token).get('/shop/distribution/me')).body.level.name).to.equal('普通分销商');

    const desk = await chinese(await web.newPage());
    await web.consoleSignIn(desk, m.host, m.email, m.password);
    await desk.click('[data-test="menu-marketing/distribution"]');
    await desk.click('#tab-levels');
    await desk.locator('[data-test=level-table]').waitFor();
    await desk.click('[data-test=level-new]');
    await desk.locator('[data-test=level-form]').waitFor();
    await desk.fill('[data-test=level-name]', '金牌分销商');
    await desk.locator('[data-test=level-rank] input').fill('2');
    await desk.locator('[data-test=level-rate-1] input').fill('15');
    await desk.locator('[data-test=level-rate-2] input').fill('8');
    await desk.locator('[data-test=level-downlines] input').fill('2');
    await desk.locator('[data-test=level-team-sales] input').fill('1000');
    await desk.locator('[data-test=level-team-sales] input').blur();
    await snapshot(desk, 'console-distribution-level-form');
    await desk.click('[data-test=level-save]');
    await until(async () => (await textOf(desk, '[data-test=level-table]')).includes('金牌分销商'), 'the new level listed');
    const table = await textOf(desk, '[data-test=level-table]');
    expect(table).to.contain('一级 15% / 二级 8%');
    expect(table).to.contain('团队销售额满 ¥1000.00');
    expect(table).to.contain('直属下级满 2 人');
    expect(table).to.contain('入门等级');
    await snapshot(desk, 'console-distribution-levels');
    const saved = (await owner.get('/admin/distribution/levels')).body.items.find((l: { name: string }) => l.name === '金牌分销商');
    expect(saved).to.deep.include({ rank: 2, rates: [1500, 800], conditions: { teamSales: 100000, directDownlines: 2 }, match: 'any' });

    // a rank already taken is refused on the field
    await desk.click('[data-test=level-new]');
    await desk.fill('[data-test=level-name]', '重复');
    await desk.locator('[data-test=level-rank] input').fill('2');
    await desk.locator('[data-test=level-rank] input').blur();
    await desk.click('[data-test=level-save]');
    await desk.locator('[data-test=level-form] .el-form-item__error').first().waitFor();
    await snapshot(desk, 'console-distribution-level-rank-taken');
    await desk.keyboard.press('Escape');

    await desk.click('#tab-distributors');
    await desk.locator(`[data-test=dist-level-${a.id}]`).waitFor();
    expect(await textOf(desk, `[data-test=dist-level-${a.id}]`)).to.equal('普通分销商');
    await snapshot(desk, 'console-distribution-distributors-level');

    const phone = await chinese(await web.newPage({ phone: true }));
    await phone.goto(web.server.url(m.host, '/#/distribution'));
    await phone.waitForURL(/#\/login/);
    await submitShopLogin(phone, a);
    await phone.waitForURL(/#\/distribution/);
    await phone.locator('[data-test=distribution-level]').waitFor();
    expect(await textOf(phone, '[data-test=level-name]')).to.equal('普通分销商');
    expect(await textOf(phone, '[data-test=level-next]')).to.contain('升级到「金牌分销商」');
    expect(await textOf(phone, '[data-test=level-next]')).to.contain('直属下级满 2 人（当前 0 人）');
    await snapshot(phone, 'shop-distribution-level');
  });
});
