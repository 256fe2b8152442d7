/**
 * After-sales in a real browser: a supplier takes an exchange through its console while the shopper
 * follows it in the storefront, the operator arbitrates escalated cases, the shop sends a refund the
 * gateway refused once more, and the shopper is told in Chinese when a line already has a case.
 * Set SCREENSHOT_DIR to keep pictures of each screen at a phone's and a desktop's width. Pending when
 * the web is not built (`npm run build:web`) or Chromium is missing.
 */
import { expect } from 'chai';
import sinon from 'sinon';
import { clock, days } from '../../server/src/core/clock.js';
import { config } from '../../server/src/core/config.js';
import { runDueJobs } from '../../server/src/core/jobs.js';
import { AccountBalance } from '../../server/src/modules/finance/model.js';
import { SandboxGateway } from '../../server/src/modules/payments/providers/sandbox.js';
import { paidOrder, platformToken, storeWithProduct, type TestMerchant } from '../factories/index.js';
import { api, shopApi } from '../support/http.js';
import { browserSuite, snapshot, textOf, until, type BrowserSuite, type TestPage } from './browser.js';

const returnAddress = { phone: '0571-88888888', address: '杭州市余杭区文一西路 1 号 售后部' };

interface Shop {
  m: TestMerchant;
  s: { phone: string; password: string; token: string };
  supplier: { id: number; email: string; password: string; token: string };
  addressId: number;
  skuId: number;
}

/** A paid order of one line of the supplier's goods, shipped by the supplier (goods can now go back). */
async function shippedOrder(shop: Shop, quantity = 1): Promise<{ id: number; orderNo: string; lineId: number; paid: number }> {
  const order = await paidOrder(shop.m.slug, shop.s.token, { items: [{ skuId: shop.skuId, quantity }], addressId: shop.addressId });
  const sup = api({ token: shop.supplier.token });
  const queue: Array<{ id: number; orderNo: string }> = (await sup.get('/supplier/fulfillments').query({ status: 'to_ship', pageSize: 100 })).body.items;
  const f = queue.find((x) => x.orderNo === order.orderNo)!;
  const shipped = await sup.post(`/supplier/fulfillments/${f.id}/ship`).send({ carrier: 'zhongtong', trackingNo: `ZT${order.id}00001` });
  expect(shipped.status, JSON.stringify(shipped.body)).to.equal(200);
  const detail = (await shopApi(shop.m.slug, shop.m.token).get(`/admin/orders/${order.id}`)).body;
  return { id: order.id, orderNo: order.orderNo, lineId: detail.items[0].id, paid: detail.items[0].paid };
}

async function aShop(): Promise<Shop> {
  const { product, m, s, addressId, skuId } = await storeWithProduct();
  return { m, s, supplier: product.supplier, addressId, skuId };
}

async function shopperSignIn(web: BrowserSuite, page: TestPage, shop: Shop, redirect: string): Promise<void> {
  await web.shopSignIn(page, shop.m.host, shop.s, redirect);
  await page.waitForURL((url) => url.hash === `#${redirect}`);
}

const caseOf = async (shop: Shop, id: number) => (await shopApi(shop.m.slug, shop.s.token).get(`/shop/aftersales/${id}`)).body;

/** A case the supplier refused and the shopper escalated to the platform. */
async function escalatedCase(shop: Shop, type: 'exchange' | 'refund_only', reason: string): Promise<{ id: number; order: Awaited<ReturnType<typeof shippedOrder>> }> {
  const order = await shippedOrder(shop);
  const shopper = shopApi(shop.m.slug, shop.s.token);
  const opened = await shopper.post(`/shop/orders/${order.id}/aftersales`).send({ type, reason, items: [{ orderItemId: order.lineId, quantity: 1 }] });
  expect(opened.status, JSON.stringify(opened.body)).to.equal(201);
  expect((await api({ token: shop.supplier.token }).post(`/supplier/aftersales/${opened.body.id}/refuse`).send({ reason: '商品无质量问题' })).status).to.equal(200);
  expect((await shopper.post(`/shop/aftersales/${opened.body.id}/escalate`)).body.status).to.equal('escalated');
  return { id: opened.body.id, order };
}

describe('after-sales in the browser', function () {
  this.timeout(180_000);

  const web = browserSuite();

  afterEach(() => sinon.restore());

  it('takes an exchange from request to receipt: the supplier takes the goods back and ships the replacement, the shopper confirms', async function () {
    const shop = await aShop();
    const order = await shippedOrder(shop);

    // The shopper asks for an exchange of the one line (picked for them) from the order page.
    const shopper = await web.newPage({ mobile: true });
    await shopperSignIn(web, shopper, shop, `/orders/${order.id}`);
    await shopper.click('[data-test=order-aftersale]');
    await shopper.click('[data-test=aftersale-type-exchange]');
    expect(await textOf(shopper, `[data-test=aftersale-item-note-${order.lineId}]`)).to.equal('可申请 1 件');
    await shopper.fill('[data-test=aftersale-reason] textarea', '尺码偏小，换大一号');
    await snapshot(shopper, 'shop-aftersale-form');
    await shopper.click('[data-test=aftersale-submit]');
    await shopper.waitForURL(/#\/aftersales\/\d+$/);
    const id = Number(/aftersales\/(\d+)$/.exec(shopper.url())![1]);
    expect(await textOf(shopper, '[data-test=aftersale-stage]')).to.equal('待商家处理');

    // The supplier approves it with the address the goods come back to.
    const sup = await web.newPage();
    await web.consoleSignIn(sup, config().platformDomain, shop.supplier.email, shop.supplier.password, 'supplier');
    await sup.click('[data-test=menu-supplier-aftersales]');
    await sup.locator(`[data-test=aftersale-approve-${id}]`).waitFor();
    expect(await textOf(sup, '[data-test=aftersales-table]')).to.contain(order.orderNo).and.contain(shop.m.name).and.contain('换货').and.contain('× 1');
    await sup.click(`[data-test=aftersale-approve-${id}]`);
    await sup.fill('input[data-test=return-phone]', returnAddress.phone);
    await sup.fill('input[data-test=return-address]', returnAddress.address);
    await sup.click('[data-test=aftersale-approve-confirm]');
    await until(async () => (await textOf(sup, `[data-test=aftersale-status-${id}]`)) === '待买家寄回商品', 'the case to wait for the goods');

    // The shopper sends the goods back and says how.
    await shopper.reload();
    expect(await textOf(shopper, '[data-test=return-address]')).to.contain(returnAddress.address);
    await snapshot(shopper, 'shop-aftersale-send-back');
    await shopper.click('[data-test=aftersale-return]');
    await shopper.click('[data-test=return-carrier]');
    await shopper.click('.van-action-sheet__item:has-text("圆通速递")');
    await shopper.fill('[data-test=return-tracking] input', 'YT1234567890');
    await shopper.click('[data-test=return-submit]');
    await until(async () => (await textOf(shopper, '[data-test=aftersale-stage]')).startsWith('商品寄回中'), 'the case to show the goods on their way');
    expect(await textOf(shopper, '[data-test=return-parcel]')).to.contain('圆通速递').and.contain('YT1234567890');

    // The supplier gets them, then ships the replacement with a carrier and a tracking number.
    await sup.reload();
    await sup.click(`[data-test=aftersale-received-${id}]`);
    await sup.click('.el-message-box__btns .el-button--primary');
    await until(async () => (await textOf(sup, `[data-test=aftersale-status-${id}]`)) === '商家已收货，待寄出换新件', 'the case to wait for the replacement');
    await snapshot(sup, 'console-aftersales-queue');
    await sup.click(`[data-test=aftersale-reship-${id}]`);
    await sup.click('[data-test=ship-carrier]');
    await sup.click('.el-select-dropdown__item:has-text("顺丰速运")');
    await sup.fill('input[data-test=ship-tracking]', 'SF9876543210');
    await snapshot(sup, 'console-reship-dialog');
    await sup.click('[data-test=ship-submit]');
    await until(async () => (await sup.locator(`[data-test=reship-parcel-${id}]`).count()) === 1, 'the replacement parcel to show');
    expect(await textOf(sup, `[data-test=reship-parcel-${id}]`)).to.contain('顺丰速运 SF9876543210');
    expect(await textOf(sup, `[data-test=aftersale-status-${id}]`)).to.equal('已寄出，待买家确认收货');
    await sup.click(`[data-test=aftersale-open-${id}]`);
    expect(await textOf(sup, `[data-test=aftersale-items-${id}]`)).to.contain('纯棉T恤');
    await snapshot(sup, 'console-aftersale-detail');

    // The shopper sees the replacement coming and confirms receipt, which completes the case.
    await shopper.reload();
    expect(await textOf(shopper, '[data-test=reship-parcel]')).to.contain('顺丰速运').and.contain('SF9876543210');
    await snapshot(shopper, 'shop-aftersale-reshipped');
    await shopper.click('[data-test=aftersale-confirm-receipt]');
    await shopper.click('.van-dialog__confirm');
    await until(async () => (await textOf(shopper, '[data-test=aftersale-stage]')) === '售后完成', 'the case to be complete');
    await snapshot(shopper, 'shop-aftersale-done');
    await shopper.goto(web.server.url(shop.m.host, '/#/aftersales'));
    expect(await textOf(shopper, `[data-test=aftersale-status-${id}]`)).to.equal('售后完成');
    await snapshot(shopper, 'shop-aftersales-list');

    expect(await caseOf(shop, id)).to.include({ status: 'closed', returnCarrier: 'yuantong', reshipCarrier: 'shunfeng', reshipTrackingNo: 'SF9876543210', refundedAmount: 0 });
  });

  it('lets the operator arbitrate: approve an exchange with a return address, refund another one', async function () {
    const shop = await aShop();
    const toApprove = await escalatedCase(shop, 'exchange', '收到的颜色与图片不符');
    const toRefund = await escalatedCase(shop, 'exchange', '换货后仍有瑕疵');

    await platformToken(); // makes sure the first operator exists
    const { email, password } = config().platformAdmin;
    const page = await web.newPage();
    await web.consoleSignIn(page, config().platformDomain, email, password, 'platform');
    await page.click('[data-test=menu-arbitration]');
    await page.locator(`[data-test=arbitrate-${toApprove.id}]`).waitFor();
    expect(await textOf(page, `[data-test=arbitration-order-${toApprove.id}]`)).to.equal(toApprove.order.orderNo);
    expect(await textOf(page, '[data-test=arbitration-table]')).to.contain(shop.m.name).and.contain('商品无质量问题').and.contain('纯棉T恤');
    await snapshot(page, 'console-arbitration');

    // 同意: the exchange goes on, with the address the goods come back to (required for it).
    await page.click(`[data-test=arbitrate-${toApprove.id}]`);
    expect(await textOf(page, '[data-test=arbitrate-dialog]')).to.contain(toApprove.order.orderNo);
    await page.click('[data-test=arbitrate-decision-approve]');
    await page.fill('textarea[data-test=arbitrate-reason]', '图片与实物颜色不符，应予换货');
    await page.click('[data-test=arbitrate-confirm]');
    await page.locator('[data-test=arbitrate-dialog] .el-form-item__error').first().waitFor();
    expect(await textOf(page, '[data-test=arbitrate-dialog] .el-form-item__error')).to.match(/^请填写/);
    await page.fill('input[data-test=return-name]', '供应商售后部');
    await page.fill('input[data-test=return-phone]', returnAddress.phone);
    await page.fill('input[data-test=return-address]', returnAddress.address);
    await snapshot(page, 'console-arbitrate-approve');
    await page.click('[data-test=arbitrate-confirm]');
    await until(async () => (await page.locator(`[data-test=arbitrate-${toApprove.id}]`).count()) === 0, 'the approved case to leave the queue');
    const approved = await caseOf(shop, toApprove.id);
    expect(approved).to.include({ status: 'approved', refundedAmount: 0 });
    expect(approved.returnAddress).to.deep.equal({ name: '供应商售后部', ...returnAddress });
    expect(approved.arbitration).to.include({ decision: 'approve' });

    // 退款: the line's money comes back now; the goods stay with the shopper.
    await page.click(`[data-test=arbitrate-${toRefund.id}]`);
    await page.click('[data-test=arbitrate-decision-refund]');
    expect(await textOf(page, '[data-test=arbitrate-dialog] .el-alert')).to.contain('商品留在买家处');
    await page.fill('textarea[data-test=arbitrate-reason]', '无法换货，退还该件货款');
    await snapshot(page, 'console-arbitrate-refund');
    await page.click('[data-test=arbitrate-confirm]');
    await until(async () => (await page.locator(`[data-test=arbitrate-${toRefund.id}]`).count()) === 0, 'the refunded case to leave the queue');
    expect(await caseOf(shop, toRefund.id)).to.include({ status: 'refunded', refundedAmount: toRefund.order.paid });

    // The shopper reads the platform's decision.
    const shopper = await web.newPage({ mobile: true });
    await shopperSignIn(web, shopper, shop, `/aftersales/${toRefund.id}`);
    expect(await textOf(shopper, '[data-test=aftersale-stage]')).to.equal('退款成功');
    expect(await textOf(shopper, '.case-page')).to.contain('平台判定退款').and.contain('无法换货，退还该件货款');
    await snapshot(shopper, 'shop-aftersale-arbitrated');
  });

  it('lets the shop send a refund the gateway refused once more, and shows units being refunded as such', async function () {
    const shop = await aShop();
    const order = await shippedOrder(shop, 2);
    const opened = await shopApi(shop.m.slug, shop.s.token).post(`/shop/orders/${order.id}/aftersales`).send({ type: 'return_refund', reason: '不合适', items: [{ orderItemId: order.lineId, quantity: 1 }] });
    expect(opened.status, JSON.stringify(opened.body)).to.equal(201);
    const id: number = opened.body.id;
    const sup = api({ token: shop.supplier.token });
    await sup.post(`/supplier/aftersales/${id}/approve`).send({ returnAddress: { name: '售后部', ...returnAddress } });
    await shopApi(shop.m.slug, shop.s.token).post(`/shop/aftersales/${id}/return`).send({ carrier: 'yuantong', trackingNo: 'YT5550000001' });

    // The gateway refuses the refund the goods coming back lead to.
    sinon.stub(SandboxGateway.prototype, 'refund').resolves({ status: 'failed', error: 'ACCOUNT_FROZEN' });
    const page = await web.newPage();
    await web.consoleSignIn(page, config().platformDomain, shop.supplier.email, shop.supplier.password, 'supplier');
    await page.click('[data-test=menu-supplier-aftersales]');
    await page.click(`[data-test=aftersale-received-${id}]`);
    await page.click('.el-message-box__btns .el-button--primary');
    await until(async () => (await textOf(page, `[data-test=aftersale-status-${id}]`)) === '退款失败，待商家重新退款', 'the refused refund to show');
    await snapshot(page, 'console-aftersales-refund-failed');

    // While the gateway is still working on the retried refund, the unit shows as being refunded.
    sinon.restore();
    sinon.stub(SandboxGateway.prototype, 'refund').resolves({ status: 'processing', providerRefundId: 'SBX-PENDING' });
    await page.click(`[data-test=aftersale-retry-${id}]`);
    await page.click('.el-message-box__btns .el-button--primary');
    await until(async () => (await textOf(page, `[data-test=aftersale-status-${id}]`)) === '退款中', 'the retried refund to be on its way');

    // The supplier's shipping queue says the unit is being refunded.
    await page.click('[data-test=menu-supplier-shipping]');
    await page.click('[data-test=supplier-shipping-status] label:has-text("已发货")');
    expect(await textOf(page, `[data-test=refunding-${order.lineId}]`)).to.contain('退款中 1 件');
    await snapshot(page, 'console-shipping-refunding');

    const shopper = await web.newPage({ mobile: true });
    await shopperSignIn(web, shopper, shop, `/orders/${order.id}`);
    expect(await textOf(shopper, `[data-test=order-item-refunding-${order.lineId}]`)).to.contain('退款中 1 件');
    await snapshot(shopper, 'shop-order-refunding');

    const staff = await web.newPage();
    await web.consoleSignIn(staff, shop.m.host, shop.m.email, shop.m.password);
    await staff.click('[data-test=menu-orders]');
    await staff.click(`[data-test=order-open-${order.id}]`);
    expect(await textOf(staff, `[data-test=order-item-refunding-${order.lineId}]`)).to.contain('退款中 1 件');
    await snapshot(staff, 'console-order-refunding');
    const refunds: Array<{ status: string }> = (await caseOf(shop, id)).refunds;
    expect(refunds.map((r) => r.status)).to.deep.equal(['failed', 'pending']);
  });

  it('tells the shopper in Chinese that an item already has an after-sales case open', async function () {
    const shop = await aShop();
    const order = await shippedOrder(shop);
    const page = await web.newPage({ mobile: true });
    await shopperSignIn(web, page, shop, `/orders/${order.id}`);
    await page.click('[data-test=order-aftersale]');
    await page.fill('[data-test=aftersale-reason] textarea', '少了配件');
    // meanwhile the same line gets a case from another device
    const other = await shopApi(shop.m.slug, shop.s.token).post(`/shop/orders/${order.id}/aftersales`).send({ type: 'refund_only', reason: '不想要了', items: [{ orderItemId: order.lineId, quantity: 1 }] });
    expect(other.status, JSON.stringify(other.body)).to.equal(201);
    await page.click('[data-test=aftersale-submit]');
    await page.locator('.van-toast', { hasText: '该商品已有进行中的售后' }).waitFor();
    await until(async () => (await textOf(page, `[data-test=aftersale-item-note-${order.lineId}]`)) === '该商品已有进行中的售后', 'the line to show its open case');
    await snapshot(page, 'shop-aftersale-form-held');
  });

  it("shows a supplier's money held for a withdrawal, says whose balance cannot cover a refund, and lists what reconciliation finds", async function () {
    const shop = await aShop();
    const order = await shippedOrder(shop);
    await shopApi(shop.m.slug, shop.s.token).post(`/shop/orders/${order.id}/receive`);
    clock.travel(days(8)); // the after-sales window closes: the order completes and settles
    await runDueJobs();
    const sup = api({ token: (await api().post('/supplier/auth/login').send({ email: shop.supplier.email, password: shop.supplier.password })).body.token });
    const { available } = (await sup.get('/supplier/finance/summary')).body;
    expect(available, 'the supply price, settled').to.be.greaterThan(0);
    const withdrawal = await sup.post('/supplier/finance/withdrawals').send({ amount: available, payee: { accountName: '某某供应链', bankName: '招商银行', accountNo: '6225880012345678' } });
    expect(withdrawal.status, JSON.stringify(withdrawal.body)).to.equal(201);

    const supplierPage = await web.newPage();
    await web.consoleSignIn(supplierPage, config().platformDomain, shop.supplier.email, shop.supplier.password, 'supplier');
    await supplierPage.click('[data-test=menu-supplier-finance]');
    await until(async () => (await textOf(supplierPage, '[data-test=finance-held]')) === `¥${(available / 100).toFixed(2)}`, 'the withdrawal to show as held');
    expect(await textOf(supplierPage, '[data-test=finance-available]')).to.equal('¥0.00');
    await snapshot(supplierPage, 'console-finance-held');

    // The shop refunds the settled order: the supplier's share is held for its withdrawal.
    const staff = await web.newPage();
    await web.consoleSignIn(staff, shop.m.host, shop.m.email, shop.m.password);
    await staff.click('[data-test=menu-orders]');
    await staff.click(`[data-test=order-open-${order.id}]`);
    await staff.click('[data-test=order-refund]');
    await staff.fill('input[data-test=refund-reason]', '质量问题补偿');
    await staff.click('[data-test=refund-confirm]');
    const message = await textOf(staff, '.el-message--error');
    expect(message).to.contain("供应商的可用余额不足以承担这笔退款").and.contain("提现");
    await snapshot(staff, 'console-refund-balance-short');

    // A balance row that disagrees with its entries shows up in reconciliation.
    await platformToken();
    const row = (await AccountBalance.findOne({ where: { accountType: 'supplier', accountId: shop.supplier.id } }))!;
    await row.update({ held: row.held + 100 });
    try {
      const operator = await web.newPage();
      const { email, password } = config().platformAdmin;
      await web.consoleSignIn(operator, config().platformDomain, email, password, 'platform');
      await operator.click('[data-test=menu-reconciliation]');
      expect(await textOf(operator, '[data-test=recon-balanced]')).to.equal('存在差异');
      // the account by its company name, not its id
      const findings = await textOf(operator, '[data-test=recon-findings]');
      expect(findings).to.match(/供应商「供应商 [^」]+」/).and.contain('提现中').and.contain('¥1.00');
      expect(findings).to.not.contain(`#${shop.supplier.id}`);
      await snapshot(operator, 'console-reconciliation-findings');
    } finally {
      await row.update({ held: row.held - 100 });
    }
  });
});
