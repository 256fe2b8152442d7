/**
 * Same-city delivery from a store, on a phone: a shopper standing near 西湖店 adds an address,
 * locates it with the browser's position, and checkout then offers 同城配送 from that store at its
 * fee; the order goes out from the store. Pending when the web is not built or Chromium is missing.
 */
import { expect } from 'chai';
import { merchant, shopper } from '../factories/index.js';
import { shopApi } from '../support/http.js';
import { BROWSER_TEST_MS, browserSuite, snapshot, textOf, until } from './browser.js';

describe('same-city delivery in the browser', function () {
  this.timeout(BROWSER_TEST_MS * 3);
  const web = browserSuite();

  it('offers a store\'s same-city delivery for an address located near it, at the store\'s fee', async function () {
    this.timeout(BROWSER_TEST_MS * 3);
    const m = await merchant({ name: '鲜果坊' });
    const owner = shopApi(m.slug, m.token);
    const cake = await owner.post('/admin/own-products').send({ title: '草莓奶油蛋糕', skus: [{ specs: { 尺寸: '6 寸' }, price: 16800, stock: 50 }] });
    const skuId = cake.body.product.skus[0].id as number;
    const store = await owner.post('/admin/stores').send({ name: '西湖店', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 100 号', hours: '每天 09:00–21:00', phone: '0571-88886666', lat: 30.2776, lng: 120.1469, deliveryRadiusM: 3000, deliveryFee: 600 });
    expect(store.status, JSON.stringify(store.body)).to.equal(201);
    await owner.put(`/admin/stores/${store.body.id}/stock`).send({ items: [{ skuId, stock: 5 }] });
    const s = await shopper(m.slug);

    const phone = await web.newPage({ mobile: true });
    // about 500 m from the store
    await phone.context().grantPermissions(['geolocation']);
    await phone.context().setGeolocation({ latitude: 30.2811, longitude: 120.1502 });
    await phone.addInitScript({ content: "localStorage.setItem('s2b2c:locale', 'zh-CN')" });
    await web.shopSignIn(phone, m.host, s);
    await phone.goto(web.server.url(m.host, `/#/checkout?items=${skuId}x1`));
    await phone.locator('[data-test=address-add]').waitFor();
    expect(await phone.locator('[data-test=delivery-same-city]').count(), 'no same-city option without a located address').to.equal(0);

    await phone.click('[data-test=address-add]');
    const form = phone.locator('[data-test=address-first]');
    await form.locator('[data-test=address-paste] textarea').fill('张三 13800138000 浙江省杭州市西湖区文三路 200 号');
    await form.locator('[data-test=address-recognize]').click();
    expect(await textOf(phone, '[data-test=address-first] [data-test=address-position]')).to.contain('站在收货地点定位一次');
    await form.locator('[data-test=address-locate]').click();
    await until(async () => (await textOf(phone, '[data-test=address-first] [data-test=address-position]')).includes('已定位'), 'the address located');
    await snapshot(phone, 'shop-address-located');
    await form.locator('[data-test=address-save]').click();
    await phone.locator('[data-test=checkout-address]').waitFor();
    const saved = (await shopApi(m.slug, s.token).get('/shop/addresses')).body.items[0];
    expect(saved.lat).to.be.closeTo(30.2811, 1e-6);

    await phone.locator('[data-test=delivery-same-city]').click();
    await until(async () => ((await phone.locator('[data-test=same-city-store]').textContent()) ?? '').includes('西湖店'), 'the delivering store named');
    await until(async () => (await textOf(phone, '[data-test=quote-freight]')).includes('¥6.00'), 'the store\'s fee as freight');
    expect(await textOf(phone, '[data-test=quote-total]')).to.contain('¥174.00');
    await snapshot(phone, 'shop-checkout-same-city');
    await phone.click('[data-test=checkout-submit] button');
    await phone.locator('.van-action-sheet, [data-test=pay-sheet]').first().waitFor();
    const orders = (await shopApi(m.slug, s.token).get('/shop/orders')).body.items as Array<{ id: number }>;
    expect(orders).to.have.length(1);
    const placed = (await shopApi(m.slug, s.token).get(`/shop/orders/${orders[0]!.id}`)).body;
    expect(placed).to.include({ delivery: 'same_city', freightAmount: 600 });
    expect(phone.errors).to.deep.equal([]);
  });
});
