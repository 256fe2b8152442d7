/**
 * Chinese throughout, English available: the console's and the storefront's main screens, rendered
 * in zh-CN, carry no English a person would read (no run of Latin words beyond brand names, units
 * and what the user typed, and none of Element Plus's or Vant's English defaults); switching the
 * console to English through the language switch shows English labels. `SCREENSHOT_DIR=...` keeps
 * a picture of each screen in both languages.
 */
import { expect } from 'chai';
import { config } from '../../server/src/core/config.js';
import { listed, marketProduct, merchant, platformToken, shopper, supplier } from '../factories/index.js';
import { browserSuite, snapshot, submitShopLogin, until, type TestPage } from './browser.js';

/** Latin words a Chinese screen may show: brands, units, technical names people use as they are. */
const ALLOWED = new Set(['SKU', 'EMS', 'AppID', 'AppSecret', 'Logo', 'HTML', 'URL', 'CNAME', 'PEM', 'CSV', 'XLSX', 'Excel', 'https', 'http', 'POST', 'Webhook', 'APIv3', 'WeChat', 'Alipay', 'PID', 'ID', 'kg', 'g', 'S2B2C', 'GMV', 'PDF']);

/** Element Plus's and Vant's English defaults, which only an unset locale shows. */
const LIBRARY_DEFAULTS = ['No Data', 'Total ', 'Go to', 'Select', 'Confirm', 'Cancel', 'Loading', 'No more', 'Start date', 'End date'];

/**
 * The English left on a screen: runs of Latin words, after taking out what the test itself typed
 * (names, emails, hosts) and the allowed words.
 */
function englishIn(text: string, typed: string[]): string[] {
  let rest = text;
  for (const s of typed) rest = rest.split(s).join(' ');
  // header names a developer copies as they are (X-Webhook-Signature)
  rest = rest.replace(/\bX(-[A-Z][a-z]+)+/g, ' ');
  rest = rest.replace(/\S+@\S+/g, ' ').replace(/[\w-]+(\.[\w-]+)+(:\d+)?(\/\S*)?/g, ' ');
  // data other tests of the run typed is not the screen's words: codes (letters among digits: licence
  // and order numbers, slugs), sizes and models (a lone letter: "T恤"), the factories' "Shop <slug>" and "Brand owner",
  // the shop names the tenant settings tests give ("Distributor", "Renamed"), and the demo shops'
  // brands ("Acme 好物", "鲜果坊 Fresh"), present when the demo's browser test ran first in this worker
  rest = rest.replace(/[A-Za-z0-9]*\d[A-Za-z0-9]*/g, ' ').replace(/\bShop\b|\bBrand owner\b|\bDistributor\b|\bRenamed\b|\bAcme\b|\bFresh\b/g, ' ');
  const runs = rest.match(/[A-Za-z][A-Za-z'’-]*(?:\s+[A-Za-z][A-Za-z'’-]*)*/g) ?? [];
  return runs.filter((run) => run.length > 1 && !run.split(/\s+/).every((w) => ALLOWED.has(w)));
}

/** The Chinese left on a screen in English: runs of Han characters, after taking out what was typed. */
function chineseIn(text: string, typed: string[]): string[] {
  let rest = text;
  for (const s of typed) rest = rest.split(s).join(' ');
  return rest.match(/[\u4e00-\u9fff]+/g) ?? [];
}

async function mainText(page: TestPage, selector: string): Promise<string> {
  await page.locator(selector).first().waitFor();
  // a screen that renders once its first answer is in is blank until then (longer on a loaded machine)
  await until(async () => (await page.locator(selector).first().innerText()).trim() !== '', `${selector} to show something`, 15_000);
  await page.waitForTimeout(300); // lists settle after their first answer
  return page.locator(selector).first().innerText();
}

async function expectChinese(page: TestPage, selector: string, screen: string, typed: string[]): Promise<void> {
  const text = await mainText(page, selector);
  expect(englishIn(text, typed), `English on ${screen}`).to.deep.equal([]);
  for (const d of LIBRARY_DEFAULTS) expect(text, `library default on ${screen}`).to.not.contain(d);
  expect(text, `${screen} shows something`).to.match(/[\u4e00-\u9fff]/);
}

const shots = process.env.SCREENSHOT_DIR;

describe('Chinese throughout, English available (browser)', function () {
  this.timeout(180_000);

  const web = browserSuite();

  it('shows the operator, a merchant and a supplier their main console screens in Chinese, and English after switching', async () => {
    await platformToken();
    const { email, password } = config().platformAdmin;
    const host = config().platformDomain;
    const page = await web.newPage();
    await page.addInitScript("localStorage.setItem('s2b2c:locale', 'zh-CN')");
    await web.consoleSignIn(page, host, email, password, 'platform');
    const platformScreens = [['/tenants', 'tenants'], ['/suppliers', 'suppliers'], ['/product-review', 'product review'], ['/categories', 'categories'], ['/withdrawals', 'withdrawals'], ['/reconciliation', 'reconciliation']] as const;
    for (const [path, screen] of platformScreens) {
      await page.goto(web.server.url(host, `/admin/#${path}`));
      await expectChinese(page, '.el-main', `platform ${screen}`, [email]);
      if (shots) await snapshot(page, `zh-platform${path.replace(/\//g, '-')}`);
    }

    const m = await merchant({ name: '茶香小铺' });
    const shop = await web.newPage();
    await shop.addInitScript("localStorage.setItem('s2b2c:locale', 'zh-CN')");
    await web.consoleSignIn(shop, m.host, m.email, m.password);
    const merchantScreens = ['/dashboard', '/products', '/market', '/own-products', '/reviews', '/finance', '/store', '/miniprogram', '/payments', '/staff', '/customers', '/webhooks', '/account'];
    for (const path of merchantScreens) {
      await shop.goto(web.server.url(m.host, `/admin/#${path}`));
      await expectChinese(shop, '.el-main', `merchant ${path}`, [m.email, m.slug, m.name]);
      if (shots) await snapshot(shop, `zh-merchant${path.replace(/\//g, '-')}`);
    }

    // the language switch turns the menu and the screen English
    await shop.click('[data-test=locale-switch]');
    await shop.click('[data-test=locale-en]');
    await shop.goto(web.server.url(m.host, '/admin/#/products'));
    const menu = (await shop.locator('[data-test=side-menu] .el-menu-item').allTextContents()).map((t) => t.trim());
    expect(menu).to.include.members(['Products', 'Finance', 'Staff']);
    expect(await mainText(shop, '.el-main')).to.not.match(/[\u4e00-\u9fff]{2}/);
    if (shots) await snapshot(shop, 'en-merchant-products');
    // and no Chinese is left on the screens, only what people typed (the shop's name; the market
    // lists other tests' products, titled in Chinese)
    for (const path of merchantScreens.filter((p) => p !== '/market')) {
      await shop.goto(web.server.url(m.host, `/admin/#${path}`));
      expect(chineseIn(await mainText(shop, '.el-main'), [m.name]), `Chinese on merchant ${path} in English`).to.deep.equal([]);
      if (shots) await snapshot(shop, `en-merchant${path.replace(/\//g, '-')}`);
    }
    await page.click('[data-test=locale-switch]');
    await page.click('[data-test=locale-en]');
    await page.goto(web.server.url(host, '/admin/#/reconciliation'));
    expect(chineseIn(await mainText(page, '.el-main'), []), 'Chinese on platform reconciliation in English').to.deep.equal([]);
    if (shots) await snapshot(page, 'en-platform-reconciliation');

    const sup = await supplier();
    const sp = await web.newPage();
    await sp.addInitScript("localStorage.setItem('s2b2c:locale', 'zh-CN')");
    await web.consoleSignIn(sp, host, sup.email, sup.password, 'supplier');
    await sp.goto(web.server.url(host, '/admin/#/warehouses'));
    await expectChinese(sp, '.el-main', 'supplier warehouses', [sup.email]);
    if (shots) await snapshot(sp, 'zh-supplier-warehouses');
  });

  it('shows the storefront in Chinese on a phone: home, product, cart and sign-in, and English when asked', async () => {
    const product = await marketProduct({ title: '西湖龙井 明前特级', skus: [{ specs: { 规格: '250克' }, supplyPrice: 1000, suggestedPrice: 2000, stock: 100 }] });
    const m = await merchant({ name: '茶香小铺' });
    const listing = await listed(m, product.id, 50);
    const s = await shopper(m.slug);
    const page = await web.newPage({ mobile: true });
    await page.addInitScript("localStorage.setItem('s2b2c:locale', 'zh-CN')");
    const typed = [m.name, m.slug];
    await page.goto(web.server.url(m.host, '/'));
    await expectChinese(page, '#app', 'home', typed);
    if (shots) await snapshot(page, 'zh-shop-home');
    await page.goto(web.server.url(m.host, `/#/products/${listing.id}`));
    await page.locator('[data-test=add-to-cart]').waitFor();
    await expectChinese(page, '#app', 'product', typed);
    if (shots) await snapshot(page, 'zh-shop-product');
    await page.goto(web.server.url(m.host, '/#/cart'));
    await expectChinese(page, '#app', 'cart', typed);
    await page.goto(web.server.url(m.host, '/#/login'));
    await page.locator('[data-test=login-submit]').waitFor();
    await expectChinese(page, '#app', 'sign-in', typed);
    if (shots) await snapshot(page, 'zh-shop-login');
    await submitShopLogin(page, s);
    await page.waitForURL((url) => !url.hash.includes('login'));
    // 我的 (Me.vue) is converted with the address book's work; its check joins this list then
    await page.goto(web.server.url(m.host, '/#/me'));
    await page.locator('.van-tabbar').waitFor();
    if (shots) await snapshot(page, 'zh-shop-me');

    // English for a shopper who asked for it
    await page.addInitScript("localStorage.setItem('s2b2c:locale', 'en')");
    await page.goto(web.server.url(m.host, '/#/cart'));
    await page.reload();
    await page.locator('.van-tabbar').waitFor();
    expect(await page.locator('.van-tabbar').innerText()).to.contain('Cart');
    if (shots) await snapshot(page, 'en-shop-cart');
  });
});
