/**
 * The web front ends in a real browser against a real listening server: what a shopper, a
 * merchant owner and the platform operator see and do. Pending when the web is not built
 * (`npm run build:web`) or Chromium is missing.
 */
import { expect } from 'chai';
import { config } from '../../server/src/core/config.js';
import { merchant, platformToken, uniqPhone } from '../factories/index.js';
import { api, shopApi } from '../support/http.js';
import { browserSuite, textOf, until } from './browser.js';

describe('web front ends in the browser', function () {
  this.timeout(60_000);

  const web = browserSuite();

  it('shows a shopper the branded shop; they register with phone and password and land on Me', async () => {
    const m = await merchant({ name: '小橙子水果店' });
    const branded = await shopApi(m.slug, m.token).put('/admin/store/branding').send({ primaryColor: '#ff6600', theme: { notice: '新店开业 全场包邮' } });
    expect(branded.status).to.equal(200);

    const page = await web.newPage({ mobile: true });
    await page.goto(web.server.url(m.host, '/'));
    expect(await textOf(page, '[data-test=store-name]')).to.equal('小橙子水果店');
    expect(await textOf(page, '[data-test=store-notice]')).to.contain('新店开业');
    expect(await textOf(page, '[data-test=products-coming]')).to.contain('商品即将上架');
    // The shop's colour is Vant's primary colour and paints the header (expressions run in the page).
    const colours = await page.evaluate(`({
      header: getComputedStyle(document.querySelector('[data-test=store-header]')).backgroundColor,
      primary: getComputedStyle(document.documentElement).getPropertyValue('--van-primary-color').trim(),
    })`);
    expect(colours).to.deep.equal({ header: 'rgb(255, 102, 0)', primary: '#ff6600' });

    const phone = uniqPhone();
    await page.click('[data-test=tab-me]');
    await page.click('[data-test=me-sign-in]');
    await page.click('[data-test=go-register]');
    await page.fill('[data-test=register-phone] input', phone);
    await page.fill('[data-test=register-password] input', 'Shopper#2026');
    await page.click('[data-test=register-submit]');
    await page.waitForURL(/#\/me$/);
    expect(await textOf(page, '[data-test=me-phone]')).to.equal(phone);

    // The account is real: the merchant sees the new customer.
    const customers = await shopApi(m.slug, m.token).get('/admin/customers').query({ q: phone });
    expect(customers.body.items.map((c: { phone: string }) => c.phone)).to.deep.equal([phone]);
  });

  it('lets the owner rename the shop in the console; the storefront shows the new name after a reload', async () => {
    const m = await merchant({ name: '旧店名 Old name' });
    const shop = await web.newPage({ mobile: true });
    await shop.goto(web.server.url(m.host, '/'));
    expect(await textOf(shop, '[data-test=store-name]')).to.equal('旧店名 Old name');

    const admin = await web.newPage();
    await web.consoleSignIn(admin, m.host, m.email, m.password);
    await admin.click('[data-test=menu-store]');
    const name = admin.locator('input[data-test=branding-name]');
    await until(async () => (await name.inputValue()) === '旧店名 Old name', 'the branding form to load');
    await name.fill('新店名 New name');
    await admin.click('[data-test=branding-save]');
    await admin.locator('.el-message--success').waitFor();

    await shop.reload();
    expect(await textOf(shop, '[data-test=store-name]')).to.equal('新店名 New name');
  });

  it('lets the operator find a tenant on the platform host and suspend it; its storefront then says it is suspended', async () => {
    await platformToken(); // makes sure the first operator exists
    const m = await merchant({ name: '将被暂停的店' });
    const { email, password } = config().platformAdmin;

    const page = await web.newPage();
    await page.goto(web.server.url(config().platformDomain, '/'));
    await page.waitForURL(/\/admin\/#\/login/);
    await page.fill('input[data-test=login-email]', email);
    await page.fill('input[data-test=login-password]', password);
    await page.click('[data-test=login-submit]');
    await page.click('[data-test=menu-tenants]');
    await page.fill('input[data-test=tenants-search]', m.slug);
    await page.click('[data-test=tenants-search-go]');
    expect(await textOf(page, `[data-test=tenant-name-${m.slug}]`)).to.equal('将被暂停的店');
    expect(await textOf(page, `[data-test=tenant-status-${m.slug}]`)).to.equal('营业中');

    await page.click(`[data-test=tenant-suspend-${m.slug}]`);
    await page.click('.el-message-box__btns .el-button--primary');
    await page.locator(`[data-test=tenant-status-${m.slug}]`, { hasText: '已暂停' }).waitFor();
    const tenant = await api({ token: await platformToken() }).get(`/platform/tenants/${m.id}`);
    expect(tenant.body.status).to.equal('suspended');

    const shop = await web.newPage({ mobile: true });
    await shop.goto(web.server.url(m.host, '/'));
    expect(await textOf(shop, '[data-test=shop-suspended]')).to.contain('店铺暂停营业');
    expect(await shop.locator('[data-test=store-name]').count()).to.equal(0);
  });
});
