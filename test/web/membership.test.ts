/**
 * Points and member levels in a real browser: the merchant sets the rules and three levels in the
 * console (积分与会员) and adjusts a shopper's points with a reason; the shopper, on a phone, sees the
 * level card on 我的, checks in, reads the points history and the levels, and spends points at
 * checkout with the switch. With SCREENSHOT_DIR set, keeps pictures of each screen.
 */
import { expect } from 'chai';
import { storeWithProduct } from '../factories/index.js';
import { shopApi } from '../support/http.js';
import { BROWSER_TEST_MS, browserSuite, snapshot, textOf, until, type TestPage } from './browser.js';

const LEVELS = [
  { name: '普通会员', growth: 0, discountPercent: 0, freeShipping: false },
  { name: '银卡会员', growth: 500, discountPercent: 5, freeShipping: false },
  { name: '金卡会员', growth: 2000, discountPercent: 10, freeShipping: true },
];

async function inChinese(page: TestPage): Promise<void> {
  await page.addInitScript({ content: "localStorage.setItem('s2b2c:locale', 'zh-CN')" });
}

describe('points and member levels in the browser', function () {
  this.timeout(BROWSER_TEST_MS * 4);
  const web = browserSuite();

  it('lets a merchant set the rules and adjust a shopper; the shopper checks in, reads points and levels, and spends points at checkout', async function () {
    this.timeout(BROWSER_TEST_MS * 4);
    const { m, s, skuId } = await storeWithProduct({ stock: 50 });
    const owner = shopApi(m.slug, m.token);
    const points = async () => (await shopApi(m.slug, s.token).get('/shop/me/points')).body.balance as number;
    expect((await owner.put('/admin/membership/settings').send({ pointsPerYuan: 1, pointValueFen: 1, maxPointsPercent: 30, checkinPoints: 5, reviewPoints: 20, growthPerYuan: 1, levels: LEVELS })).status).to.equal(200);

    // The console: the rules and the level table, then the shopper's points.
    const page = await web.newPage();
    await inChinese(page);
    await web.consoleSignIn(page, m.host, m.email, m.password);
    await page.click('[data-test="menu-marketing/membership"]');
    await page.locator('[data-test=levels-table] .el-table__row').nth(2).waitFor();
    expect(await page.inputValue('input[data-test=level-name-2]')).to.equal('金卡会员');
    await page.fill('[data-test=rule-checkinPoints] input', '10');
    await page.click('[data-test=membership-save]');
    await until(async () => (await owner.get('/admin/membership/settings')).body.checkinPoints === 10, 'the rules saved');
    await snapshot(page, 'console-membership-rules');

    await page.click('#tab-lookup');
    await page.fill('input[data-test=member-search]', s.phone);
    await page.press('input[data-test=member-search]', 'Enter');
    await page.locator(`[data-test=member-open-${s.id}]`).click();
    await page.fill('[data-test=adjust-points] input', '800');
    await page.fill('input[data-test=adjust-reason]', '新会员礼');
    await page.click('[data-test=adjust-submit]');
    await until(async () => (await page.locator('[data-test=member-history] .el-table__row').count()) === 1, 'the adjustment listed');
    expect(await textOf(page, '[data-test=member-history] .el-table__row')).to.contain('新会员礼');
    await snapshot(page, 'console-membership-member');

    // The points mall: the shop's tea (¥15, bought in at ¥10) for 300 points + ¥12.
    await page.keyboard.press('Escape');
    await page.click('#tab-mall');
    await page.click('[data-test=mall-product]');
    await page.locator('.el-select-dropdown__item').first().click();
    await page.fill('[data-test=mall-points] input', '300');
    await page.fill('[data-test=mall-cash] input', '12');
    await page.click('[data-test=mall-add]');
    await until(async () => (await page.locator('[data-test=mall-table] .el-table__row').count()) === 1, 'the mall item listed');
    expect(await textOf(page, '[data-test=mall-table] .el-table__row')).to.contain('300 积分 + ¥12.00');
    await snapshot(page, 'console-membership-mall');

    // The shopper on a phone: 我的 with the level card, a check-in.
    const phone = await web.newPage({ mobile: true });
    await inChinese(phone);
    await web.shopSignIn(phone, m.host, s, '/me');
    await phone.locator('[data-test=member-card]').waitFor();
    expect(await textOf(phone, '[data-test=member-level]')).to.contain('普通会员');
    expect(await textOf(phone, '[data-test=member-points]')).to.contain('800');
    await phone.click('[data-test=member-checkin]');
    await until(async () => (await phone.locator('[data-test=member-streak]').count()) === 1, 'the streak shown');
    expect(await textOf(phone, '[data-test=member-points]')).to.contain('810');
    expect(await textOf(phone, '[data-test=member-checkin]')).to.contain('已签到');
    await snapshot(phone, 'shop-me-member-card');

    await phone.click('[data-test=member-points]');
    await phone.locator('[data-test=points-entry]').nth(1).waitFor();
    expect(await textOf(phone, '[data-test=points-page]')).to.contain('每日签到');
    expect(await textOf(phone, '[data-test=points-rules]')).to.contain('次年 12 月 31 日过期');
    await snapshot(phone, 'shop-points');

    await phone.click('[data-test=points-to-mall]');
    await phone.locator('[data-test^=mall-redeem-]').waitFor();
    await snapshot(phone, 'shop-points-mall');
    await phone.locator('[data-test^=mall-redeem-]').click();
    await phone.locator('.van-dialog__confirm').click();
    await phone.waitForURL(/#\/orders\/\d+/);
    await until(async () => (await points()) === 510, 'the mall took 300 points');

    await phone.goto(web.server.url(m.host, '/#/me/level'));
    await phone.locator('[data-test=level-row]').nth(2).waitFor();
    expect(await textOf(phone, '[data-test=level-next]')).to.contain('银卡会员');
    expect(await textOf(phone, '[data-test=level-page]')).to.contain('9 折');
    await snapshot(phone, 'shop-level');

    // Checkout: the points row, switched on, takes what the 30% cap allows.
    await phone.goto(web.server.url(m.host, `/#/checkout?items=${skuId}x1`));
    await phone.locator('[data-test=points-row]').waitFor();
    await phone.click('[data-test=points-switch]');
    await until(async () => (await textOf(phone, '[data-test=points-row]')).includes('抵扣'), 'the points taken');
    const q = (await shopApi(m.slug, s.token).post('/shop/orders/quote').send({ items: [{ skuId, quantity: 1 }], usePoints: 510 })).body;
    const taken = -(q.discounts.find((d: { kind: string }) => d.kind === 'points')?.amount ?? 0);
    expect(taken).to.be.greaterThan(0);
    await until(async () => (await textOf(phone, '[data-test=points-row]')).includes(`使用 ${taken} 积分`), 'the row names the points');
    await snapshot(phone, 'shop-checkout-points');
  });
});
