/**
 * The mini-program's checkout under miniprogram-simulate, `wx` stubbed at its edge and everything
 * behind it real: sign-in through wx.login, the quote, a first address from the region picker, the
 * order placed with X-App-Id, WeChat Pay handed the server's JSAPI params exactly (against the local
 * WeChat Pay gateway the adapter tests use), a cancelled payment kept for 继续支付, and the balance.
 */
import { expect } from 'chai';
import { wechatPayGateway } from '../adapters/fake-wechat-pay.js';
import { api } from '../support/http.js';
import { miniprogramSuite, type MpShop, type PageHandle } from './support/harness.js';
import { shot } from './shots.js';

describe('mini-program: checkout and paying', function () {
  this.timeout(90_000);
  const mp = miniprogramSuite();
  const gateway = wechatPayGateway();

  /** A shop with WeChat Pay (direct merchant, against the fake gateway) and one product of its own. */
  async function shopWithGoods(price = 2590): Promise<{ shop: MpShop; skuId: number }> {
    const shop = await mp.shop();
    const configured = await shop.admin.put('/admin/payment-accounts/wechat').send(gateway.directAccount(shop.appId));
    expect(configured.status, JSON.stringify(configured.body)).to.equal(200);
    const goods = await shop.admin.post('/admin/own-products').send({ title: '小程序测试品', skus: [{ specs: {}, price, stock: 20 }] });
    expect(goods.status, JSON.stringify(goods.body)).to.equal(201);
    return { shop, skuId: goods.body.product.skus[0].id as number };
  }

  const input = (field: string, value: string) => ({ currentTarget: { dataset: { field } }, detail: { value } });

  /** Adds the first address through the edit page, as checkout opens it (`select=1`), and comes back. */
  async function addAddress(shop: MpShop, checkout: PageHandle): Promise<void> {
    await checkout.tap('#address');
    const url = shop.wx.callsOf('navigateTo').at(-1)!.url as string;
    expect(url).to.equal('/pages/address/edit/index?select=1');
    const edit = await mp.page('pages/address/edit/index', { select: '1' });
    edit.instance.onInput(input('name', '李四'));
    edit.instance.onInput(input('phone', '1390013'));
    edit.instance.onInput(input('detail', '文三路 100 号'));
    await edit.tap('#save');
    expect(edit.text(), 'checked before sending').to.contain('请输入 11 位手机号').and.contain('请选择所在地区');
    expect(shop.wx.requestsTo('/shop/addresses', 'POST')).to.have.length(0);

    edit.instance.onInput(input('phone', '13900139000'));
    edit.instance.onRegion({ detail: { value: ['浙江省', '杭州市', '西湖区'], code: ['330000', '330100', '330106'], postcode: '310000' } });
    expect(edit.text()).to.contain('浙江省 杭州市 西湖区');
    shot(edit, mp.dir, 'pages/address/edit/index', 'address-edit');
    await edit.tap('#save');
    const posted = shop.wx.requestsTo('/shop/addresses', 'POST');
    expect(posted).to.have.length(1);
    expect(posted[0]!.header['X-App-Id']).to.equal(shop.appId);
    expect(posted[0]!.data).to.deep.equal({ name: '李四', phone: '13900139000', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 100 号', isDefault: false, regionCode: '330106' });
    expect(posted[0]!.status).to.equal(201);
    expect(shop.wx.callsOf('navigateBack')).to.have.length(1);
    checkout.instance.onShow();
    await checkout.settle();
  }

  it('signs in with wx.login, quotes, adds an address with the region picker, places the order with X-App-Id and pays with WeChat Pay with exactly the server\'s params', async () => {
    const { shop, skuId } = await shopWithGoods();
    const checkout = await mp.page('pages/checkout/index', { items: encodeURIComponent(JSON.stringify([{ skuId, quantity: 2 }])) });
    expect(shop.wx.callsOf('login')).to.have.length(1);
    const signIn = shop.wx.requestsTo('/shop/auth/wechat', 'POST');
    expect(signIn[0]!.header['X-App-Id']).to.equal(shop.appId);
    const quote = shop.wx.requestsTo('/shop/orders/quote', 'POST');
    expect(quote[0]!.header['X-App-Id']).to.equal(shop.appId);
    expect(quote[0]!.header.Authorization).to.match(/^Bearer /);
    expect(checkout.text()).to.contain('小程序测试品').and.contain('新增收货地址').and.contain('¥51.80').and.contain('微信支付');

    await addAddress(shop, checkout);
    expect(checkout.text()).to.contain('李四').and.contain('浙江省 杭州市 西湖区 文三路 100 号');
    const addressId = checkout.data.address.id as number;
    expect(shop.wx.requestsTo('/shop/orders/quote', 'POST').at(-1)!.data).to.deep.equal({ items: [{ skuId, quantity: 2 }], addressId });

    checkout.instance.onRemark({ detail: { value: '工作日送货' } });
    shot(checkout, mp.dir, 'pages/checkout/index', 'checkout');
    await checkout.tap('#submit');
    const placed = shop.wx.requestsTo('/shop/orders', 'POST').filter((r) => r.path === '/shop/orders');
    expect(placed).to.have.length(1);
    expect(placed[0]!.header['X-App-Id']).to.equal(shop.appId);
    expect(placed[0]!.header['Idempotency-Key']).to.be.a('string');
    expect(placed[0]!.data).to.deep.equal({ items: [{ skuId, quantity: 2 }], addressId, remark: '工作日送货' });
    expect(placed[0]!.status).to.equal(201);

    const orderId = checkout.data.pendingOrderId as number;
    const pay = shop.wx.requestsTo(`/shop/orders/${orderId}/pay`, 'POST');
    expect(pay[0]!.data).to.deep.equal({ method: 'wechat' });
    // the server's answer to that request, again (same Idempotency-Key, same body: the first answer)
    const token = shop.wx.storage.get(`token:${shop.appId}`) as string;
    const again = await api({ appId: shop.appId, token }).post(`/shop/orders/${orderId}/pay`).set('Idempotency-Key', pay[0]!.header['Idempotency-Key']!).send({ method: 'wechat' });
    expect(again.status, JSON.stringify(again.body)).to.equal(200);
    expect(again.body.params).to.include({ appId: shop.appId, package: `prepay_id=${gateway.fake.prepayIds.at(-1)}`, signType: 'RSA' });
    const requested = shop.wx.callsOf('requestPayment');
    expect(requested).to.have.length(1);
    const { success, fail, complete, ...params } = requested[0]!;
    expect(params).to.deep.equal(again.body.params);
    expect(shop.wx.callsOf('redirectTo').at(-1)!.url).to.equal(`/pages/order/index?id=${orderId}`);
  });

  it('a payment the shopper closes leaves the order pending, with 继续支付 paying it again', async () => {
    const { shop, skuId } = await shopWithGoods();
    const checkout = await mp.page('pages/checkout/index', { items: JSON.stringify([{ skuId, quantity: 1 }]) });
    await addAddress(shop, checkout);
    shop.wx.payment = 'cancel';
    await checkout.tap('#submit');
    const orderId = checkout.data.pendingOrderId as number;
    expect(orderId).to.be.greaterThan(0);
    expect(checkout.text()).to.contain('已取消支付').and.contain('继续支付');
    shot(checkout, mp.dir, 'pages/checkout/index', 'checkout-cancelled');
    expect(shop.wx.callsOf('redirectTo')).to.have.length(0);
    const token = shop.wx.storage.get(`token:${shop.appId}`) as string;
    expect((await api({ appId: shop.appId, token }).get(`/shop/orders/${orderId}`)).body.status).to.equal('pending_payment');

    shop.wx.payment = 'success';
    await checkout.tap('#submit');
    expect(shop.wx.requestsTo('/shop/orders', 'POST').filter((r) => r.path === '/shop/orders'), 'no second order').to.have.length(1);
    const calls = shop.wx.callsOf('requestPayment');
    expect(calls).to.have.length(2);
    expect(calls[1]!.package).to.equal(calls[0]!.package);
    expect(shop.wx.callsOf('redirectTo').at(-1)!.url).to.equal(`/pages/order/index?id=${orderId}`);
  });

  it('pays with the balance: short -> a message in words, topped up -> paid at once', async () => {
    const { shop, skuId } = await shopWithGoods(1200);
    const checkout = await mp.page('pages/checkout/index', { items: JSON.stringify([{ skuId, quantity: 1 }]) });
    await addAddress(shop, checkout);
    await checkout.tap('#method-balance');
    expect(checkout.data.method).to.equal('balance');
    await checkout.tap('#submit');
    expect(checkout.text()).to.contain('余额不足，请换用微信支付');
    const orderId = checkout.data.pendingOrderId as number;

    const token = shop.wx.storage.get(`token:${shop.appId}`) as string;
    const topUp = await api({ appId: shop.appId, token }).post('/shop/balance/recharge').send({ amount: 5000, method: 'sandbox' });
    expect(topUp.status, JSON.stringify(topUp.body)).to.equal(201);
    expect((await api().post(`/payments/sandbox/${topUp.body.paymentId}/confirm`)).status).to.equal(200);

    await checkout.tap('#submit');
    expect(shop.wx.requestsTo(`/shop/orders/${orderId}/pay`, 'POST').map((r) => r.data)).to.deep.equal([{ method: 'balance' }, { method: 'balance' }]);
    expect(shop.wx.callsOf('requestPayment')).to.have.length(0);
    expect((await api({ appId: shop.appId, token }).get(`/shop/orders/${orderId}`)).body.status).to.equal('paid');
    expect(shop.wx.callsOf('redirectTo').at(-1)!.url).to.equal(`/pages/order/index?id=${orderId}`);
  });

  it('the address book: a region code the server does not know is sent again by names; chosen from checkout, it goes back with the choice', async () => {
    const { shop } = await shopWithGoods();
    const edit = await mp.page('pages/address/edit/index', { select: '1' });
    edit.instance.onInput(input('name', '赵六'));
    edit.instance.onInput(input('phone', '13600136000'));
    edit.instance.onInput(input('detail', '新区大道 8 号'));
    // WeChat's region data may be newer than the server's: a district code the server lacks
    edit.instance.onRegion({ detail: { value: ['浙江省', '杭州市', '新设区'], code: ['330000', '330100', '330199'] } });
    await edit.tap('#save');
    const posted = shop.wx.requestsTo('/shop/addresses', 'POST');
    expect(posted.map((r) => r.status)).to.deep.equal([400, 201]);
    expect(posted[1]!.data).to.not.have.property('regionCode');
    expect(posted[1]!.data).to.include({ province: '浙江省', city: '杭州市', district: '新设区' });
    const created = JSON.stringify(shop.wx.storage.get('checkout:addressId'));

    const list = await mp.page('pages/address/list/index', { select: '1' });
    expect(list.text()).to.contain('赵六').and.contain('136****6000').and.contain('浙江省 杭州市 新设区 新区大道 8 号');
    shop.wx.storage.delete('checkout:addressId');
    await list.tap(`#address-${created}`);
    expect(shop.wx.storage.get('checkout:addressId')).to.equal(Number(created));
    expect(shop.wx.callsOf('navigateBack')).to.have.length(2);
    shot(list, mp.dir, 'pages/address/list/index', 'address-list');
  });
});

