/**
 * After-sales and supplier documents in a real browser: a shopper asks for a refund with a preset
 * reason and a photo and sees what will come back before asking; the supplier, whose goods they
 * are, sees the photo and decides, while the shop follows the case read-only; a supplier uploads a
 * qualification document and the operator reviewing suppliers sees it. Set SCREENSHOT_DIR to keep
 * pictures of each screen. Pending when the web is not built (`npm run build:web`) or Chromium is missing.
 */
import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { config } from '../../server/src/core/config.js';
import { paidOrder, storeWithProduct } from '../factories/index.js';
import { api, shopApi } from '../support/http.js';
import { browserSuite, snapshot, textOf, until } from './browser.js';

/** A small photo of "the damage" (a PNG), as a shopper's phone would send it. */
async function photoFile(name: string, colour: { r: number; g: number; b: number }): Promise<string> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'care-')), name);
  writeFileSync(file, await sharp({ create: { width: 240, height: 180, channels: 3, background: colour } }).png().toBuffer());
  return file;
}

describe('after-sales evidence and supplier documents in the browser', function () {
  this.timeout(240_000);

  const web = browserSuite();

  it("takes a shopper's refund request with a reason, a photo and a preview to the supplier who decides, while the shop watches read-only", async function () {
    const { product, m, s, addressId, skuId } = await storeWithProduct();
    const order = await paidOrder(m.slug, s.token, { items: [{ skuId, quantity: 2 }], addressId });

    // The shopper asks from the order page: a preset reason, a photo, and the refund shown first.
    const shopper = await web.newPage({ mobile: true });
    await web.shopSignIn(shopper, m.host, s, `/orders/${order.id}`);
    await shopper.waitForURL((url) => url.hash === `#/orders/${order.id}`);
    await shopper.click('[data-test=order-aftersale]');
    await until(async () => (await textOf(shopper, '[data-test=aftersale-preview-amount]')) === '¥30.00', 'the refund preview of both units');
    await shopper.click('[data-test=aftersale-reason-damaged]');
    await shopper.fill('[data-test=aftersale-reason] textarea', '外包装压坏，茶叶洒出');
    await shopper.setInputFiles('[data-test=photo-uploader] input[type=file]', await photoFile('damage.png', { r: 200, g: 80, b: 60 }));
    await until(async () => (await shopper.locator('[data-test=photo-uploader] .van-uploader__preview').count()) === 1 && (await shopper.locator('[data-test=photo-uploader] .van-uploader__mask').count()) === 0, 'the photo to upload');
    await snapshot(shopper, 'shop-aftersale-form');
    await shopper.click('[data-test=aftersale-submit]');
    await shopper.waitForURL(/#\/aftersales\/\d+$/);
    const id = Number(/aftersales\/(\d+)$/.exec(shopper.url())![1]);
    expect(await textOf(shopper, '[data-test=aftersale-reason-text]')).to.contain('商品破损').and.contain('外包装压坏');
    await shopper.locator('[data-test=aftersale-timeline] [data-test=timeline-image]').first().waitFor();
    await snapshot(shopper, 'shop-aftersale-case');
    const opened = (await shopApi(m.slug, s.token).get(`/shop/aftersales/${id}`)).body;
    expect(opened).to.include({ reasonCode: 'damaged', amount: 3000 });
    expect(opened.evidence).to.have.length(1);

    // The shop sees the case and its photo, but the supplier decides: no approve or refuse for it.
    const staff = await web.newPage();
    await web.consoleSignIn(staff, m.host, m.email, m.password);
    await staff.click('[data-test=menu-aftersales]');
    await staff.locator(`[data-test=aftersale-read-only-${id}]`).waitFor();
    expect(await staff.locator(`[data-test=aftersale-approve-${id}]`).count()).to.equal(0);
    expect(await textOf(staff, `[data-test=aftersale-read-only-${id}]`)).to.equal('由供应商处理');
    await staff.click(`[data-test=aftersale-open-${id}]`);
    await staff.locator('[data-test=aftersale-read-only]').waitFor();
    expect(await staff.locator('[data-test=aftersale-evidence] img').count()).to.equal(1);
    const supplierName = (await api({ token: product.supplier.token }).get('/supplier/me')).body.supplier.companyName;
    expect(await textOf(staff, '[data-test=aftersale-decider]')).to.contain(supplierName);
    await staff.fill('textarea[data-test=aftersale-message-text]', '已联系供应商尽快处理');
    await staff.click('[data-test=aftersale-message-send]');
    await until(async () => (await textOf(staff, '[data-test=aftersale-timeline]')).includes('已联系供应商尽快处理'), "the shop's message on the timeline");
    await snapshot(staff, 'console-aftersale-shop-read-only');

    // The supplier sees the photo and approves: the refund goes out.
    const sup = await web.newPage();
    await web.consoleSignIn(sup, config().platformDomain, product.supplier.email, product.supplier.password, 'supplier');
    await sup.click('[data-test=menu-supplier-aftersales]');
    await sup.locator(`[data-test=aftersale-evidence-${id}] img`).waitFor();
    await sup.click(`[data-test=aftersale-open-${id}]`);
    await sup.locator('[data-test=aftersale-evidence] img').waitFor();
    expect(await sup.locator('[data-test=aftersale-read-only]').count()).to.equal(0);
    await snapshot(sup, 'console-aftersale-supplier-detail');
    await sup.keyboard.press('Escape');
    await sup.click(`[data-test=aftersale-approve-${id}]`);
    await sup.click('[data-test=aftersale-approve-confirm]');
    await until(async () => (await textOf(sup, `[data-test=aftersale-status-${id}]`)) === '退款成功', 'the case to be refunded');
    const done = (await shopApi(m.slug, s.token).get(`/shop/aftersales/${id}`)).body;
    expect(done.timeline.map((e: { kind: string }) => e.kind)).to.deep.equal(['applied', 'message', 'approved', 'refunded']);
    await shopper.reload();
    await until(async () => (await textOf(shopper, '[data-test=aftersale-stage]')) === '退款成功', 'the shopper to see the refund');
    expect(await textOf(shopper, '[data-test=aftersale-timeline]')).to.contain('供应商').and.contain('退款成功').and.not.contain(supplierName);
  });

  it('shows a qualification document a supplier uploads to the operator reviewing suppliers', async function () {
    const { product } = await storeWithProduct();
    const sup = await web.newPage();
    await web.consoleSignIn(sup, config().platformDomain, product.supplier.email, product.supplier.password, 'supplier');
    await sup.click('[data-test=menu-application]');
    await sup.locator('[data-test=application-docs]').waitFor();
    await sup.fill('input[data-test=doc-name]', '营业执照正本');
    await sup.setInputFiles('[data-test=application-docs] input[type=file]', await photoFile('licence.png', { r: 230, g: 230, b: 210 }));
    await until(async () => (await textOf(sup, '[data-test=qualification-docs]')).includes('营业执照正本'), 'the document to be listed');
    await snapshot(sup, 'console-supplier-application-docs');

    const operator = await web.newPage();
    const { email, password } = config().platformAdmin;
    await web.consoleSignIn(operator, config().platformDomain, email, password, 'platform');
    await operator.click('[data-test=menu-suppliers]');
    await operator.click('[data-test=suppliers-status] label:has-text("已通过")');
    await operator.locator(`[data-test=supplier-docs-${product.supplier.id}]`).waitFor();
    await until(async () => (await textOf(operator, `[data-test=supplier-docs-${product.supplier.id}]`)).includes('营业执照正本'), 'the operator to see the document');
    expect(await textOf(operator, `[data-test=supplier-docs-${product.supplier.id}]`)).to.contain('营业执照');
    expect(await operator.locator(`[data-test=supplier-docs-${product.supplier.id}] img`).count()).to.equal(1);
    await snapshot(operator, 'console-platform-supplier-docs');
  });
});
