/**
 * The buying and selling paths in a real browser against a real listening server: a shopper buys
 * through the storefront (search, SKU, cart, checkout, sandbox payment), a merchant imports from the
 * supplier market in the console, the operator approves a supplier's product, the shop and the
 * supplier each ship their part of an order, a supplier decides the after-sales cases about its
 * goods. Pending when the web is not built (`npm run build:web`)
 * or Chromium is missing.
 */
import { expect } from 'chai';
import { config } from '../../server/src/core/config.js';
import { marketProduct, merchant, paidOrder, platformToken, shopper, storeWithProduct, supplier, uniq } from '../factories/index.js';
import { api, shopApi } from '../support/http.js';
import { BROWSER_TEST_MS, browserSuite, submitShopLogin, type TestPage, textOf, until } from './browser.js';
import { pickRegion } from './region-picker.js';

describe('commerce in the browser', function () {
  this.timeout(BROWSER_TEST_MS);

  const web = browserSuite();

  it('lets a shopper find a product, pick a SKU, add it to the cart, check out with a new address and pay with the sandbox', async function () {
    this.timeout(BROWSER_TEST_MS);
    const m = await merchant({ name: '牛肉干小铺' });
    const owner = shopApi(m.slug, m.token);
    const jerky = await owner.post('/admin/own-products').send({
      title: '手工牛肉干 经典装',
      description: '<p>内蒙古<b>风干</b>牛肉</p>',
      skus: [
        { specs: { 口味: '原味', 规格: '250g' }, price: 3990, stock: 20 },
        { specs: { 口味: '原味', 规格: '500g' }, price: 6990, stock: 0 },
        { specs: { 口味: '麻辣', 规格: '250g' }, price: 4290, stock: 10 },
        { specs: { 口味: '麻辣', 规格: '500g' }, price: 7490, stock: 5 },
      ],
    });
    expect(jerky.status, JSON.stringify(jerky.body)).to.equal(201);
    const other = await owner.post('/admin/own-products').send({ title: '桂花蜂蜜', skus: [{ specs: {}, price: 2990, stock: 9 }] });
    expect(other.status, JSON.stringify(other.body)).to.equal(201);
    const productId: number = jerky.body.product.id;
    const spicy250 = (jerky.body.product.skus as Array<{ id: number; specs: Record<string, string> }>).find((s) => s.specs.口味 === '麻辣' && s.specs.规格 === '250g')!;
    const s = await shopper(m.slug);

    const page = await web.newPage({ mobile: true });
    await page.goto(web.server.url(m.host, '/'));
    await page.locator(`[data-test=product-${other.body.product.id}]`).waitFor();

    // Search (Chinese): only the jerky is left.
    await page.fill('[data-test=search] input', '牛肉干');
    await page.press('[data-test=search] input', 'Enter');
    await until(async () => (await page.locator(`[data-test=product-${other.body.product.id}]`).count()) === 0, 'the search to narrow the grid');
    expect(await textOf(page, `[data-test=product-${productId}]`)).to.contain('手工牛肉干');

    // The product page: sold-out combinations are disabled, a full pick prices the SKU.
    await page.click(`[data-test=product-${productId}]`);
    expect(await textOf(page, '[data-test=product-title]')).to.equal('手工牛肉干 经典装');
    expect(await textOf(page, '[data-test=product-description]')).to.equal('内蒙古风干牛肉');
    await page.click('[data-test="spec-口味-原味"]');
    expect(await page.getAttribute('[data-test="spec-规格-500g"]', 'class')).to.contain('disabled');
    await page.click('[data-test="spec-口味-麻辣"]');
    expect(await page.getAttribute('[data-test="spec-规格-500g"]', 'class')).not.to.contain('disabled');
    await page.click('[data-test="spec-规格-250g"]');
    expect(await textOf(page, '[data-test=product-price]')).to.equal('¥42.90');
    await page.click('[data-test=quantity] .van-stepper__plus');
    await page.click('[data-test=add-to-cart]');
    await page.locator('.van-toast', { hasText: '已加入购物车' }).waitFor();

    // Not signed in: the cart is kept on the device until sign-in.
    await page.click('[data-test=product-cart]');
    await page.locator(`[data-test=cart-item-${spicy250.id}]`).waitFor();
    expect(await textOf(page, '[data-test=cart-local-hint]')).to.contain('登录后自动合并');
    await page.click('[data-test=cart-checkout] button');
    await page.waitForURL(/#\/login/);
    await submitShopLogin(page, s);
    await page.waitForURL(/#\/checkout/);

    // The local cart was merged into the shopper's cart.
    const cart = await shopApi(m.slug, s.token).get('/shop/cart');
    expect(cart.body.items.map((i: { skuId: number; quantity: number }) => [i.skuId, i.quantity])).to.deep.equal([[spicy250.id, 2]]);

    // A new address, then the server's quote.
    await page.click('[data-test=address-add]');
    await page.fill('[data-test=address-name] input', '李四');
    await page.fill('[data-test=address-phone] input', '13900139000');
    // the region from the picker: 浙江省 杭州市 西湖区
    await page.click('[data-test=address-region]');
    await pickRegion(page, ['浙江省', '杭州市', '西湖区']);
    await page.fill('[data-test=address-detail] textarea', '文三路 100 号');
    await page.click('[data-test=address-save]');
    expect(await textOf(page, '[data-test=checkout-address]')).to.contain('李四 13900139000');
    await until(async () => (await page.locator('[data-test=quote-total]').textContent())?.includes('¥85.80') ?? false, 'the quote for 2 × ¥42.90');

    await page.click('[data-test=checkout-submit] button');
    await page.click('[data-test=pay-method-sandbox]');
    await page.click('[data-test=pay-submit]');
    await page.click('[data-test=sandbox-confirm]');
    await page.waitForURL(/#\/orders\/\d+$/);
    expect(await textOf(page, '[data-test=order-status]')).to.equal('已支付');

    // One paid order, to the new address; the bought items left the cart.
    const orders = await shopApi(m.slug, s.token).get('/shop/orders');
    expect(orders.body.items).to.have.length(1);
    const [order] = orders.body.items;
    expect(order).to.include({ status: 'paid', payAmount: 8580 });
    expect(order.address).to.include({ name: '李四', detail: '文三路 100 号' });
    expect(order.items.map((i: { skuId: number; quantity: number }) => [i.skuId, i.quantity])).to.deep.equal([[spicy250.id, 2]]);
    expect(page.url()).to.match(new RegExp(`#/orders/${order.id}$`));
    expect((await shopApi(m.slug, s.token).get('/shop/cart')).body.items).to.deep.equal([]);
  });

  it('lets a merchant import a supplier product from the market with a markup; it is on sale in Products', async function () {
    this.timeout(BROWSER_TEST_MS);
    const title = `市场T恤 ${uniq('mk')}`;
    const product = await marketProduct({ title });
    const m = await merchant();

    const page = await web.newPage();
    await web.consoleSignIn(page, m.host, m.email, m.password);
    await page.click('[data-test=menu-market]');
    await page.fill('input[data-test=market-search]', title);
    await page.click('[data-test=market-search-go]');
    await page.click(`[data-test=market-import-${product.id}]`);
    const markup = page.locator('[data-test=import-markup] input');
    await markup.fill('50');
    await markup.press('Tab');
    // ceil(supply × 150 / 100): ¥10.00 -> ¥15.00, ¥12.00 -> ¥18.00
    expect(await textOf(page, '[data-test=import-price-0]')).to.equal('¥15.00');
    expect(await textOf(page, '[data-test=import-price-1]')).to.equal('¥18.00');
    await page.click('[data-test=import-confirm]');
    await page.click('.el-message-box__btns .el-button--primary');
    await page.waitForURL(/#\/products$/);

    const listings = await shopApi(m.slug, m.token).get('/admin/products');
    expect(listings.body.items).to.have.length(1);
    const [listing] = listings.body.items;
    expect(listing).to.include({ productId: product.id, status: 'on_sale' });
    expect(listing.skus.map((k: { price: number }) => k.price)).to.deep.equal([1500, 1800]);
    expect(await textOf(page, `[data-test=listing-title-${listing.id}]`)).to.equal(title);
    expect(await textOf(page, `[data-test=listing-status-${listing.id}]`)).to.contain('在售');
    expect(await textOf(page, `[data-test=listing-price-${listing.id}]`)).to.equal('¥15.00 – ¥18.00');

    // The market now shows it as imported.
    await page.click('[data-test=menu-market]');
    await page.fill('input[data-test=market-search]', title);
    await page.click('[data-test=market-search-go]');
    expect(await textOf(page, `[data-test=market-imported-${product.id}]`)).to.contain('已导入');
  });

  it('lets the operator approve a supplier product waiting in the review queue', async function () {
    this.timeout(BROWSER_TEST_MS);
    const sup = await supplier();
    const caller = api({ token: sup.token });
    const wh = await caller.post('/supplier/warehouses').send({ name: '宁波仓', province: '浙江省', city: '宁波市', address: '北仑区 8 号' });
    expect(wh.status, JSON.stringify(wh.body)).to.equal(201);
    const title = `待审保温杯 ${uniq('rv')}`;
    const created = await caller.post('/supplier/products').send({ title, skus: [{ specs: { 容量: '500ml' }, supplyPrice: 2500, suggestedPrice: 4900, stock: 30 }] });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    expect(created.body.status).to.equal('pending_review');
    const id: number = created.body.id;

    await platformToken(); // makes sure the first operator exists
    const { email, password } = config().platformAdmin;
    const page = await web.newPage();
    await web.consoleSignIn(page, config().platformDomain, email, password, 'platform');
    await page.click('[data-test=menu-product-review]');
    expect(await textOf(page, `[data-test=review-open-${id}]`)).to.equal(title);
    expect(await textOf(page, `[data-test=review-status-${id}]`)).to.contain('待审核');
    await page.click(`[data-test=review-approve-${id}]`);
    await page.locator('.el-message--success').waitFor();
    await until(async () => (await page.locator(`[data-test=review-open-${id}]`).count()) === 0, 'the product to leave the queue');

    const after = await api({ token: await platformToken() }).get(`/platform/products/${id}`);
    expect(after.body.status).to.equal('approved');
    // Approved products are in the market for every shop.
    const m = await merchant();
    const market = await shopApi(m.slug, m.token).get('/admin/market/products').query({ q: title });
    expect(market.body.items.map((p: { id: number }) => p.id)).to.deep.equal([id]);
  });

  it('lets the shop and the supplier each ship their part of one order from the same shipping queue', async function () {
    this.timeout(BROWSER_TEST_MS);
    const { product, m, s, addressId, skuId } = await storeWithProduct();
    const owner = shopApi(m.slug, m.token);
    const honey = await owner.post('/admin/own-products').send({ title: '自营槐花蜜', skus: [{ specs: {}, price: 5800, stock: 9 }] });
    expect(honey.status, JSON.stringify(honey.body)).to.equal(201);
    const order = await paidOrder(m.slug, s.token, { items: [{ skuId, quantity: 2 }, { skuId: honey.body.product.skus[0].id, quantity: 1 }], addressId });
    const fulfillments: Array<{ id: number; owner: string }> = (await owner.get(`/admin/orders/${order.id}`)).body.fulfillments;
    const ours = fulfillments.find((f) => f.owner === 'shop')!;
    const theirs = fulfillments.find((f) => f.owner === 'supplier')!;

    const ship = async (page: TestPage, button: string, trackingNo: string) => {
      await page.click(button);
      await page.click('[data-test=ship-carrier]');
      await page.click('.el-select-dropdown__item:has-text("顺丰速运")');
      await page.fill('input[data-test=ship-tracking]', trackingNo);
      await page.click('[data-test=ship-submit]');
      await page.locator('.el-message--success').waitFor();
      await until(async () => (await page.locator(button).count()) === 0, 'the row to leave "to ship"');
    };

    // The shop sees (and ships) only its own goods.
    const shop = await web.newPage();
    await web.consoleSignIn(shop, m.host, m.email, m.password);
    await shop.click('[data-test=menu-shipping]');
    await shop.locator(`[data-test=ship-${ours.id}]`).waitFor();
    expect(await textOf(shop, '[data-test=shipping-table]')).to.contain(order.orderNo).and.contain('自营槐花蜜').and.contain('文三路 1 号').and.not.contain('纯棉T恤');
    await ship(shop, `[data-test=ship-${ours.id}]`, 'SF1000000001');

    // The supplier ships its goods in the same order from its own console.
    const sup = await web.newPage();
    await web.consoleSignIn(sup, config().platformDomain, product.supplier.email, product.supplier.password, 'supplier');
    await sup.click('[data-test=menu-supplier-shipping]');
    await sup.locator(`[data-test=supplier-ship-${theirs.id}]`).waitFor();
    expect(await textOf(sup, '[data-test=supplier-fulfillments-table]')).to.contain(order.orderNo);
    await ship(sup, `[data-test=supplier-ship-${theirs.id}]`, 'SF1000000002');

    const after: Array<{ id: number; status: string; trackingNo: string | null }> = (await owner.get(`/admin/orders/${order.id}`)).body.fulfillments;
    expect(after.map((f) => [f.id, f.status, f.trackingNo])).to.have.deep.members([
      [ours.id, 'shipped', 'SF1000000001'],
      [theirs.id, 'shipped', 'SF1000000002'],
    ]);
  });

  it('lets a supplier refuse one case about its goods and approve another from its console', async function () {
    this.timeout(BROWSER_TEST_MS);
    const { product, m, s, addressId, skuId } = await storeWithProduct();
    const shop = shopApi(m.slug, s.token);
    const openCase = async (reason: string): Promise<number> => {
      const order = await paidOrder(m.slug, s.token, { items: [{ skuId, quantity: 1 }], addressId });
      const opened = await shop.post(`/shop/orders/${order.id}/aftersales`).send({ type: 'refund_only', reason });
      expect(opened.status, JSON.stringify(opened.body)).to.equal(201);
      return opened.body.id;
    };
    const toRefuse = await openCase('不想要了');
    const toApprove = await openCase('少发一件');

    const sup = await web.newPage();
    await web.consoleSignIn(sup, config().platformDomain, product.supplier.email, product.supplier.password, 'supplier');
    await sup.click('[data-test=menu-supplier-aftersales]');
    await sup.locator(`[data-test=aftersale-refuse-${toRefuse}]`).waitFor();
    expect(await textOf(sup, '[data-test=aftersales-table]')).to.contain(m.name).and.contain('不想要了').and.contain('少发一件');

    await sup.click(`[data-test=aftersale-refuse-${toRefuse}]`);
    await sup.fill('textarea[data-test=aftersale-refuse-reason]', '商品已签收超过七天');
    await sup.click('[data-test=aftersale-refuse-confirm]');
    await until(async () => (await textOf(sup, `[data-test=aftersale-status-${toRefuse}]`)).includes('拒绝'), 'the case to show refused');

    await sup.click(`[data-test=aftersale-approve-${toApprove}]`);
    await sup.click('[data-test=aftersale-approve-confirm]');
    await until(async () => (await textOf(sup, `[data-test=aftersale-status-${toApprove}]`)).includes('退款'), 'the case to show refunded');

    const cases: Array<{ id: number; status: string; refuseReason: string | null }> = (await shop.get('/shop/aftersales')).body.items;
    expect(cases.map((c) => [c.id, c.status, c.refuseReason])).to.have.deep.members([
      [toRefuse, 'refused', '商品已签收超过七天'],
      [toApprove, 'refunded', null],
    ]);
  });
});
