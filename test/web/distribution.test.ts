/**
 * 分销 in a real browser: on a phone a shopper finds 分销中心 in 我的, applies; the merchant
 * approves the application in the console; the distributor sees their invite code, opens the
 * shop's poster and the product's "分享赚" sheet (the poster drawn by the server); a friend opens the
 * share link, signs in and is bound to the distributor; the friend's paid order earns a frozen
 * commission that the distributor's centre and the console's commissions, team and ranking show.
 * With SCREENSHOT_DIR set, keeps pictures of each screen.
 */
import { expect } from 'chai';
import { runDueJobs } from '../../server/src/core/jobs.js';
import { banner } from '../../server/src/demo/images.js';
import { addressOf, merchant, paidOrder, shopper } from '../factories/index.js';
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

/** The poster image in the share sheet, once the browser has drawn it (its natural width). */
async function posterShown(page: TestPage): Promise<void> {
  const img = page.locator('[data-test=share-poster]');
  await img.waitFor();
  await until(async () => (await img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth)) === 750, 'the poster drawn');
}

describe('distribution in the browser', function () {
  this.timeout(BROWSER_TEST_MS * 4);
  const web = browserSuite();

  it('takes a shopper from applying to sharing a poster, binds a friend through the link and shows the commission on both sides', async function () {
    this.timeout(BROWSER_TEST_MS * 4);
    const m = await merchant({ name: '山野小铺' });
    const owner = shopApi(m.slug, m.token);
    const image = await owner.post('/uploads').attach('file', await banner({ title: '古树普洱', subtitle: '357克', color: '#7a4b2a', shape: 'leaf' }), 'tea.jpg');
    expect(image.status, JSON.stringify(image.body)).to.equal(201);
    const tea = await owner.post('/admin/own-products').send({ title: '云南古树普洱茶 357克 饼茶', images: [image.body.url], skus: [{ specs: { 规格: '357克' }, price: 12900, stock: 50 }] });
    expect(tea.status, JSON.stringify(tea.body)).to.equal(201);
    const listingId = tea.body.product.id as number;
    const a = await shopper(m.slug);
    const friend = await shopper(m.slug);

    // The console: 分销 -> settings (two levels, 10% and 5%, by application, minimum ¥1, fee 0.5%).
    const desk = await chinese(await web.newPage());
    await web.consoleSignIn(desk, m.host, m.email, m.password);
    await desk.click('[data-test="menu-marketing/distribution"]');
    await desk.locator('[data-test=distribution-settings]').waitFor();
    await desk.click('[data-test=dist-enabled]');
    await desk.locator('[data-test=dist-rate-1] input').fill('10');
    await desk.locator('[data-test=dist-rate-2] input').fill('5');
    await desk.locator('[data-test=dist-fee] input').fill('0.5');
    await desk.locator('[data-test=dist-fee] input').blur();
    await snapshot(desk, 'console-distribution-settings');
    await desk.click('[data-test=dist-save]');
    await until(async () => (await owner.get('/admin/distribution/settings')).body.enabled === true, 'the settings saved');
    const settings = (await owner.get('/admin/distribution/settings')).body;
    expect(settings).to.include({ enabled: true, depth: 2, becomeBy: 'apply', withdrawalFeeBps: 50 });
    expect(settings.rates).to.deep.equal([1000, 500]);

    // The shopper on a phone signs in, then 我的 -> 分销中心 -> apply.
    const phone = await chinese(await web.newPage({ phone: true }));
    await phone.goto(web.server.url(m.host, '/#/me/coupons'));
    await signIn(phone, a.phone, a.password);
    await phone.waitForURL(/#\/me\/coupons$/);
    await phone.goto(web.server.url(m.host, '/#/me'));
    await phone.click('[data-test=me-distribution]');
    await phone.locator('[data-test=distribution-join]').waitFor();
    expect(await textOf(phone, '[data-test=distribution-join]')).to.contain('一级佣金：实付金额的 10%');
    await snapshot(phone, 'shop-distribution-join');
    await phone.click('[data-test=distribution-apply]');
    expect(await textOf(phone, '[data-test=distribution-status]')).to.equal('审核中');

    // The console approves the application.
    await desk.click('#tab-applications');
    await desk.locator(`[data-test=dist-approve-${a.id}]`).waitFor();
    await snapshot(desk, 'console-distribution-applications');
    await desk.click(`[data-test=dist-approve-${a.id}]`);
    await desk.locator('.el-message-box__btns .el-button--primary').click();
    await until(async () => (await shopApi(m.slug, a.token).get('/shop/distribution/me')).body.status === 'active', 'the application approved');
    const code = (await shopApi(m.slug, a.token).get('/shop/distribution/me')).body.inviteCode as string;

    // The distributor: invite code, the shop's poster, and 分享赚 on the product page.
    await phone.reload();
    expect(await textOf(phone, '[data-test=invite-code]')).to.equal(code);
    await snapshot(phone, 'shop-distribution-centre');
    await phone.click('[data-test=share-shop]');
    await posterShown(phone);
    await snapshot(phone, 'shop-distribution-poster');
    await phone.goto(web.server.url(m.host, `/#/products/${listingId}`));
    expect(await textOf(phone, '[data-test=share-earn-entry]')).to.contain('分享赚¥12.90');
    await phone.click('[data-test=share-earn-entry]');
    await posterShown(phone);
    expect(await textOf(phone, '[data-test=share-earn]')).to.contain('¥12.90');
    await snapshot(phone, 'shop-distribution-share-product');
    const link = (await shopApi(m.slug, a.token).get(`/shop/distribution/share?productId=${listingId}`)).body.link as string;

    // A friend opens the share link, signs in from the product page and is bound to the distributor.
    const friendPhone = await chinese(await web.newPage({ phone: true }));
    const shared = new URL(link);
    await friendPhone.goto(web.server.url(m.host, `/${shared.search}${shared.hash}`));
    await friendPhone.locator('[data-test=product-title]').waitFor();
    await friendPhone.goto(web.server.url(m.host, '/#/orders'));
    await signIn(friendPhone, friend.phone, friend.password);
    await until(async () => (await shopApi(m.slug, friend.token).get('/shop/distribution/me')).body.inviterId === a.id, 'the friend bound to the distributor');

    // The friend's paid order earns the distributor a frozen commission of 10%.
    const skuId = (await shopApi(m.slug).get(`/shop/products/${listingId}`)).body.skus[0].id as number;
    await paidOrder(m.slug, friend.token, { items: [{ skuId, quantity: 1 }], addressId: await addressOf(m.slug, friend.token) });
    await runDueJobs();
    await until(async () => (await shopApi(m.slug, a.token).get('/shop/distribution/me')).body.commission.frozen === 1290, 'the commission booked');

    await phone.goto(web.server.url(m.host, '/#/distribution'));
    expect(await textOf(phone, '[data-test=commission-frozen]')).to.equal('¥12.90');
    await phone.locator('[data-test=commission-row]').first().waitFor();
    expect(await textOf(phone, '[data-test=commission-row]')).to.contain('+¥12.90');
    await phone.click('[data-test=withdraw-open]');
    await phone.locator('[data-test=withdraw-amount] input').fill('5');
    expect(await textOf(phone, '[data-test=withdraw-terms]')).to.contain('手续费 0.5%');
    expect(await textOf(phone, '[data-test=withdraw-net]')).to.contain('实际到账 ¥4.98');
    await snapshot(phone, 'shop-distribution-withdraw');
    await phone.click('[data-test=withdraw-submit]');
    expect(await textOf(phone, '[data-test=withdraw-amount] .van-field__error-message')).to.equal('可提现佣金不足');

    // The console: the commission, the team and the ranking.
    await desk.click('#tab-commissions');
    await desk.locator('[data-test=commission-table] .el-table__row').first().waitFor();
    expect(await textOf(desk, '[data-test=commission-table] .el-table__row')).to.contain('¥12.90');
    await snapshot(desk, 'console-distribution-commissions');
    await desk.click('#tab-ranking');
    await desk.locator('[data-test=ranking-table] .el-table__row').first().waitFor();
    await desk.locator('[data-test=ranking-table] .el-table__row').first().getByRole('button').click();
    await desk.locator('[data-test=team-table] .el-table__row').first().waitFor();
    expect(await desk.locator('[data-test=team-table] .el-table__row').count()).to.equal(1);
    await snapshot(desk, 'console-distribution-team');

    // In English, no Chinese is left on the screens but what people typed (the shop's and product's names).
    const noChinese = async (page: TestPage, selector: string, typed: string[]) => {
      let text = await page.locator(selector).innerText();
      for (const x of typed) text = text.split(x).join('');
      expect(text.match(/[\u4e00-\u9fff]{2,}/g) ?? []).to.deep.equal([]);
    };
    await desk.click('[data-test=locale-switch]');
    await desk.click('[data-test=locale-en]');
    for (const tab of ['settings', 'distributors', 'commissions', 'withdrawals', 'ranking']) {
      await desk.click(`#tab-${tab}`);
      await desk.waitForTimeout(300);
      await noChinese(desk, '.el-main', [m.name]);
    }
    await snapshot(desk, 'console-distribution-en');
    const english = await web.newPage({ phone: true });
    await english.addInitScript("localStorage.setItem('s2b2c:locale', 'en')");
    await english.goto(web.server.url(m.host, '/#/distribution'));
    await signIn(english, a.phone, a.password);
    await english.locator('[data-test=commission-row]').first().waitFor();
    await noChinese(english, '#app', [m.name]);
    await snapshot(english, 'shop-distribution-en');
  });
});
