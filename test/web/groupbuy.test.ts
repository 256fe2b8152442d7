/**
 * 拼团 in a real browser: a merchant sets up a group buy in the console (product picker, a group
 * price per SKU); on a phone a shopper opens a group from the activity page, picks a SKU, pays in
 * the storefront's pay sheet and lands on the group with its empty seat and countdown; a friend
 * follows the group's link, joins and pays, and the group succeeds; the console lists the group
 * with both members. With SCREENSHOT_DIR set, keeps pictures of each screen.
 */
import { expect } from 'chai';
import { runDueJobs } from '../../server/src/core/jobs.js';
import { banner } from '../../server/src/demo/images.js';
import { addressOf, merchant, shopper } from '../factories/index.js';
import { shopApi } from '../support/http.js';
import { BROWSER_TEST_MS, browserSuite, snapshot, submitShopLogin, type TestPage, textOf, until } from './browser.js';

async function chinese(page: TestPage): Promise<TestPage> {
  await page.addInitScript("localStorage.setItem('s2b2c:locale', 'zh-CN')");
  return page;
}

async function signIn(page: TestPage, phone: string, password: string): Promise<void> {
  await page.waitForURL(/#\/login/);
  await submitShopLogin(page, { phone, password });
}

/** Confirms the group order in the buy sheet and pays it through the sandbox. */
async function buyAndPay(page: TestPage): Promise<void> {
  await page.locator('[data-test=groupbuy-confirm]').waitFor();
  await page.click('[data-test=groupbuy-confirm]');
  await page.click('[data-test=pay-method-sandbox]');
  await page.click('[data-test=pay-submit]');
  await page.click('[data-test=sandbox-confirm]');
}

describe('group buys in the browser', function () {
  this.timeout(BROWSER_TEST_MS * 4);
  const web = browserSuite();

  it('lets a merchant set up a group buy; a shopper opens a group on a phone and pays, a friend joins by its link, and the group succeeds', async function () {
    this.timeout(BROWSER_TEST_MS * 4);
    const m = await merchant({ name: '一叶茶舍' });
    const owner = shopApi(m.slug, m.token);
    const image = await owner.post('/uploads').attach('file', await banner({ title: '明前龙井', subtitle: '2人拼团', color: '#3d6b47', shape: 'leaf' }), 'tea.jpg');
    expect(image.status, JSON.stringify(image.body)).to.equal(201);
    const tea = await owner.post('/admin/own-products').send({ title: '明前龙井 特级 50g', images: [image.body.url], skus: [{ specs: { 规格: '50g' }, price: 12800, stock: 20 }, { specs: { 规格: '100g' }, price: 23800, stock: 10 }] });
    expect(tea.status, JSON.stringify(tea.body)).to.equal(201);
    const leader = await shopper(m.slug);
    const friend = await shopper(m.slug);
    await addressOf(m.slug, leader.token);
    await addressOf(m.slug, friend.token);

    // The console: 拼团 -> 新建拼团, the product by search, a group price per SKU.
    const desk = await chinese(await web.newPage());
    await web.consoleSignIn(desk, m.host, m.email, m.password);
    await desk.click('[data-test="menu-marketing/group-buys"]');
    await desk.locator('[data-test=groupbuy-page]').waitFor();
    await desk.click('[data-test=groupbuy-create]');
    await desk.click('[data-test=groupbuy-product]');
    await desk.locator('[data-test=groupbuy-product] input').pressSequentially('龙井', { delay: 30 });
    await desk.locator('.el-select-dropdown__item', { hasText: '明前龙井' }).first().click();
    await desk.locator('[data-test=groupbuy-price-1]').waitFor();
    await desk.locator('[data-test=groupbuy-price-0] input').fill('99');
    await desk.locator('[data-test=groupbuy-price-1] input').fill('189');
    await snapshot(desk, 'console-groupbuy-form');
    await desk.click('[data-test=groupbuy-save]');
    await until(async () => (await desk.locator('[data-test=groupbuy-table] .el-table__row').count()) === 1, 'the group buy listed');
    const activity = (await owner.get('/admin/marketing/group-buys')).body.items[0];
    expect(activity).to.include({ groupSize: 2, status: 'running' });
    expect(activity.prices.map((p: { price: number }) => p.price)).to.deep.equal([9900, 18900]);
    expect(await textOf(desk, `[data-test=groupbuy-status-${activity.id}]`)).to.equal('进行中');

    // The leader on a phone: the activity page, 发起拼团 (signs in on the way), pays.
    const phone = await chinese(await web.newPage({ phone: true }));
    await phone.goto(web.server.url(m.host, `/#/group-buys/${activity.id}`));
    expect(await textOf(phone, '[data-test=groupbuy-price]')).to.equal('¥99.00');
    expect(await textOf(phone, '[data-test=open-groups]')).to.contain('还没有人开团');
    await snapshot(phone, 'shop-groupbuy-activity');
    await phone.click('[data-test=groupbuy-start]');
    await signIn(phone, leader.phone, leader.password);
    await phone.waitForURL(/#\/group-buys\//);
    await phone.click('[data-test=groupbuy-start]');
    await snapshot(phone, 'shop-groupbuy-sheet');
    await buyAndPay(phone);
    await phone.waitForURL(/#\/groups\/\d+/);
    const groupId = Number(/groups\/(\d+)/.exec(phone.url())![1]);
    // the payment opens the group when its event is delivered: the gateway's confirmation may land
    // after a job pass, so each look runs the jobs again
    await until(async () => {
      await runDueJobs();
      await phone.reload();
      return (await textOf(phone, '[data-test=group-status]')) === '拼团中，还差 1 人';
    }, 'the group open');
    await phone.locator('[data-test=group-invite]').waitFor();
    expect(await textOf(phone, '[data-test=group-share-url]')).to.contain(`#/groups/${groupId}`);
    await snapshot(phone, 'shop-group-forming');

    // The friend follows the link, joins, pays: the group is complete.
    const second = await chinese(await web.newPage({ phone: true }));
    await second.goto(web.server.url(m.host, `/#/groups/${groupId}`));
    await second.click('[data-test=group-join]');
    await signIn(second, friend.phone, friend.password);
    await second.waitForURL(/#\/groups\//);
    await second.click('[data-test=group-join]');
    await buyAndPay(second);
    await until(async () => {
      await runDueJobs();
      return (await owner.get(`/admin/marketing/group-buys/${activity.id}`)).body.figures.succeeded === 1;
    }, 'the group succeeded');
    await second.reload();
    expect(await textOf(second, '[data-test=group-status]')).to.equal('拼团成功，商家将尽快发货');
    await snapshot(second, 'shop-group-succeeded');

    // Back in the console: figures and the group with its two members.
    await desk.reload();
    await desk.locator(`[data-test=groupbuy-figures-${activity.id}]`).waitFor();
    expect(await textOf(desk, `[data-test=groupbuy-figures-${activity.id}]`)).to.equal('开团 1 · 成团 1 · 失败 0');
    await snapshot(desk, 'console-groupbuys');
    await desk.click(`[data-test=groupbuy-groups-${activity.id}]`);
    await until(async () => (await desk.locator('[data-test=groupbuy-group-table] .el-table__row').count()) === 1, 'the group listed');
    expect(await textOf(desk, `[data-test=group-status-${groupId}]`)).to.equal('已成团');
    await snapshot(desk, 'console-groupbuy-groups');
  });
});
