/**
 * Paying outside the mini-program, in a real browser against a real listening server and local
 * gateways that check signatures: the storefront offers what the shop can take where the shopper
 * is (a phone browser: WeChat H5 and Alipay's mobile cashier; a desktop: WeChat's QR code and
 * Alipay's page cashier), goes to the gateway and comes back to an order that waits for the
 * notification. Set SCREENSHOT_DIR to keep a picture of each screen. Pending when the web is not
 * built or Chromium is missing.
 */
import { expect } from 'chai';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { config, useConfig } from '../../server/src/core/config.js';
import { addressOf, merchant, shopper, type TestMerchant, type TestShopper } from '../factories/index.js';
import { fakeAlipay, type FakeAlipay } from '../adapters/fake-alipay.js';
import { fakeWechatPay, type FakeWechatPay } from '../adapters/fake-wechat-pay.js';
import { shopApi, tenantHost } from '../support/http.js';
import { readQrCode } from '../support/qr.js';
import { BROWSER_TEST_MS, browserSuite, textOf, until, type TestPage } from './browser.js';

describe('paying in the browser outside WeChat', function () {
  this.timeout(60_000);

  const web = browserSuite();
  const merchantKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const appKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const mchid = '1900000109';
  const serialNo = randomBytes(20).toString('hex').toUpperCase();
  const apiV3Key = randomBytes(16).toString('hex');
  const alipayAppId = '2021004100000003';
  let wechat: FakeWechatPay;
  let alipay: FakeAlipay;

  before(async () => {
    wechat = await fakeWechatPay({ mchid, merchantSerialNo: serialNo, merchantPublicKey: merchantKeys.publicKey, apiV3Key });
    alipay = await fakeAlipay({ appId: alipayAppId, appPublicKey: appKeys.publicKey, sellerId: '2088102100000003' });
  });
  after(async () => {
    await wechat?.close();
    await alipay?.close();
  });

  const shots = process.env.SCREENSHOT_DIR;
  async function shot(page: TestPage, name: string) {
    if (!shots) return;
    mkdirSync(shots, { recursive: true });
    await page.waitForTimeout(350); // let popups finish sliding in
    await page.screenshot({ path: path.join(shots, `${name}.png`) });
  }

  async function shopTakingBoth(): Promise<{ m: TestMerchant; s: TestShopper; skuId: number }> {
    const m = await merchant({ name: '坚果铺子' });
    const owner = shopApi(m.slug, m.token);
    const w = await owner.put('/admin/payment-accounts/wechat').send({
      mode: 'direct', mchid, appid: `wx${randomBytes(8).toString('hex')}`, serialNo, apiV3Key, baseUrl: wechat.url, platformCertificates: [wechat.platform],
      privateKeyPem: merchantKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    });
    expect(w.status, JSON.stringify(w.body)).to.equal(200);
    const a = await owner.put('/admin/payment-accounts/alipay').send({ appId: alipayAppId, privateKey: appKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), alipayPublicKey: alipay.alipayPublicKey, gateway: alipay.gateway });
    expect(a.status, JSON.stringify(a.body)).to.equal(200);
    const goods = await owner.post('/admin/own-products').send({ title: '每日坚果 30 包', skus: [{ specs: {}, price: 2590, stock: 50 }] });
    const s = await shopper(m.slug);
    await addressOf(m.slug, s.token);
    return { m, s, skuId: goods.body.product.skus[0].id };
  }

  async function signedIn(page: TestPage, m: TestMerchant, s: TestShopper) {
    const key = `s2b2c:${tenantHost(m.slug)}:${web.server.port}:shopper:token`;
    // runs in the page, which has a localStorage (this file is typed for node)
    await page.addInitScript(([k, token]) => (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem(k!, token!), [key, s.token]);
  }

  async function optionsShown(page: TestPage): Promise<string[]> {
    await page.locator('[data-test^=pay-method-]').first().waitFor();
    return page.locator('[data-test^=pay-method-]').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-test')!.replace('pay-method-', '')));
  }

  const notifyPath = (method: string, m: TestMerchant) => web.server.url('127.0.0.1', `/api/v1/payments/notify/${method}/${m.id}`);

  it('on a phone: offers WeChat H5, Alipay, the balance and the sandbox; Alipay\'s cashier sends the shopper back to an order that waits, then shows it paid', async function () {
    this.timeout(BROWSER_TEST_MS);
    const { m, s, skuId } = await shopTakingBoth();
    const page = await web.newPage({ phone: true });
    await signedIn(page, m, s);
    await page.goto(web.server.url(tenantHost(m.slug), `/#/checkout?items=${skuId}x2`));
    await until(async () => (await page.locator('[data-test=quote-total]').textContent())?.includes('¥51.80') ?? false, 'the quote');
    await shot(page, 'phone-checkout');
    await page.click('[data-test=checkout-submit] button');
    expect(await optionsShown(page)).to.deep.equal(['wechat', 'alipay', 'balance', 'sandbox']);
    expect(await textOf(page, '[data-test=pay-method-wechat]')).to.contain('跳转微信完成支付');
    expect(await textOf(page, '[data-test=pay-method-alipay]')).to.contain('跳转支付宝完成支付');
    await shot(page, 'phone-pay-sheet');

    await page.click('[data-test=pay-method-alipay]');
    await page.click('[data-test=pay-submit]');
    await page.waitForURL((url) => url.href.startsWith(alipay.gateway));
    expect(await page.textContent('body')).to.contain('支付宝收银台');
    const sent = new URL(page.url());
    const outTradeNo = JSON.parse(sent.searchParams.get('biz_content')!).out_trade_no as string;

    // the shopper paid; Alipay sends the browser back with its own parameters appended, before its notification
    await page.goto(`${sent.searchParams.get('return_url')}?charset=utf-8&out_trade_no=${outTradeNo}&method=alipay.trade.wap.pay.return&sign_type=RSA2&sign=x`);
    await page.waitForURL(/#\/orders\/\d+\?payment=\d+$/);
    expect(await textOf(page, '[data-test=order-status]')).to.equal('支付确认中');
    expect(await textOf(page, '[data-test=order-pay]'), 'a shopper who gave up at the gateway can pay again').to.contain('重新支付');
    expect(await page.locator('[data-test=order-cancel]').count(), 'no cancelling while a payment may be arriving').to.equal(0);
    await shot(page, 'phone-confirming');

    expect(await alipay.deliver(notifyPath('alipay', m), alipay.paid(outTradeNo))).to.deep.equal({ status: 200, text: 'success' });
    await until(async () => (await page.locator('[data-test=order-status]').textContent())?.trim() === '已支付', 'the order to show paid');
    await shot(page, 'phone-paid');
  });

  it('on a desktop: shows WeChat Pay\'s QR code, which says the code_url, and the order turns paid once WeChat notifies', async function () {
    this.timeout(BROWSER_TEST_MS);
    const { m, s, skuId } = await shopTakingBoth();
    const order = await shopApi(m.slug, s.token).post('/shop/orders').send({ items: [{ skuId, quantity: 1 }], addressId: (await shopApi(m.slug, s.token).get('/shop/addresses')).body.items[0].id });
    const page = await web.newPage();
    await signedIn(page, m, s);
    await page.goto(web.server.url(tenantHost(m.slug), `/#/checkout?items=${skuId}x1`));
    await page.locator('[data-test=quote-total]').waitFor();
    await shot(page, 'desktop-checkout');
    await page.goto(web.server.url(tenantHost(m.slug), `/#/orders/${order.body.id}`));
    await page.click('[data-test=order-pay]');
    expect(await optionsShown(page)).to.deep.equal(['wechat', 'alipay', 'balance', 'sandbox']);
    expect(await textOf(page, '[data-test=pay-method-wechat]')).to.contain('微信扫码支付');
    expect(await textOf(page, '[data-test=pay-method-alipay]')).to.contain('支付宝收银台');
    await shot(page, 'desktop-pay-sheet');

    await page.click('[data-test=pay-method-wechat]');
    await page.click('[data-test=pay-submit]');
    const qr = page.locator('[data-test=pay-qr]');
    await qr.waitFor();
    expect(readQrCode((await qr.getAttribute('src'))!)).to.equal(wechat.codeUrls.at(-1));
    await shot(page, 'desktop-qr');

    const prepay = JSON.parse(wechat.requests.at(-1)!.body) as { out_trade_no: string };
    const n = wechat.notification({ mchid, appid: 'wx', out_trade_no: prepay.out_trade_no, transaction_id: '4200000000202612050000000001', trade_type: 'NATIVE', trade_state: 'SUCCESS', amount: { total: 2590, payer_total: 2590, currency: 'CNY' } });
    const delivered = await fetch(notifyPath('wechat', m), { method: 'POST', headers: { ...n.headers, 'content-type': 'application/json' }, body: n.body });
    expect(delivered.status).to.equal(200);
    await until(async () => (await page.locator('[data-test=order-status]').textContent())?.trim() === '已支付', 'the order to show paid');
    await until(async () => !(await page.locator('[data-test=pay-qr]').isVisible()), 'the QR code to go away once paid');
    await shot(page, 'desktop-paid');
  });

  it('shows no sandbox while sandbox payments are off, and tops up the balance through the same choice', async function () {
    this.timeout(BROWSER_TEST_MS);
    const { m, s } = await shopTakingBoth();
    const previous = useConfig({ ...config(), sandboxPayments: false })!;
    try {
      const page = await web.newPage({ phone: true });
      await signedIn(page, m, s);
      await page.goto(web.server.url(tenantHost(m.slug), '/#/me'));
      await page.click('[data-test=me-recharge]');
      await page.fill('[data-test=recharge-amount] input', '50');
      await shot(page, 'phone-recharge-amount');
      await page.click('[data-test=recharge-dialog] .van-dialog__confirm');
      expect(await optionsShown(page), 'no balance to top itself up, no sandbox').to.deep.equal(['wechat', 'alipay']);
      await shot(page, 'phone-recharge-sheet');
      await page.click('[data-test=pay-method-alipay]');
      await page.click('[data-test=pay-submit]');
      await page.waitForURL((url) => url.href.startsWith(alipay.gateway));
      const sent = new URL(page.url());
      const outTradeNo = JSON.parse(sent.searchParams.get('biz_content')!).out_trade_no as string;
      expect(JSON.parse(sent.searchParams.get('biz_content')!).total_amount).to.equal('50.00');

      await page.goto(sent.searchParams.get('return_url')!);
      await page.waitForURL(/#\/me\?payment=\d+$/);
      await page.locator('[data-test=me-recharge-confirming]').waitFor();
      await shot(page, 'phone-recharge-confirming');
      await alipay.deliver(notifyPath('alipay', m), alipay.paid(outTradeNo));
      await until(async () => (await page.locator('[data-test=me-balance-amount]').textContent())?.trim() === '¥50.00', 'the balance to show the top-up');
    } finally {
      useConfig(previous);
    }
  });

  it('lets the owner set the shop\'s own Alipay app in the console; its keys are not shown again', async function () {
    this.timeout(BROWSER_TEST_MS);
    const m = await merchant();
    const page = await web.newPage();
    await web.consoleSignIn(page, m.host, m.email, m.password);
    await page.click('[data-test=menu-payments]');
    expect(await textOf(page, '[data-test=wechat-status]')).to.contain('未开通微信支付');
    await shot(page, 'console-wechat');
    await page.click('#tab-alipay');
    expect(await textOf(page, '[data-test=alipay-status]')).to.contain('未开通支付宝');
    await page.fill('input[data-test=alipay-app-id]', alipayAppId);
    await page.fill('textarea[data-test=alipay-private-key]', 'not a key '.repeat(20));
    await page.fill('textarea[data-test=alipay-public-key]', alipay.alipayPublicKey);
    await page.click('[data-test=alipay-save]');
    expect(await textOf(page, '.el-form-item__error')).to.contain('不是有效的 RSA 私钥');
    await shot(page, 'console-alipay-error');
    await page.fill('textarea[data-test=alipay-private-key]', appKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    await page.click('[data-test=alipay-save]');
    await page.locator('.el-message--success').waitFor();
    expect(await textOf(page, '[data-test=alipay-status]')).to.contain(`本店支付宝应用 ${alipayAppId}`);
    expect(await page.inputValue('textarea[data-test=alipay-private-key]'), 'the key is not shown again').to.equal('');
    await shot(page, 'console-alipay');
    const s = await shopper(m.slug);
    expect((await shopApi(m.slug, s.token).get('/shop/payment-methods')).body.methods.map((x: { method: string }) => x.method)).to.include('alipay');
  });
});
