import { expect } from 'chai';
import sinon from 'sinon';
import { clock, days } from '../../server/src/core/clock.js';
import { runDueJobs } from '../../server/src/core/jobs.js';
import { orderNumbers } from '../../server/src/modules/orders/place.js';
import { api, shopApi } from '../support/http.js';
import { io } from 'socket.io-client';
import { startServer } from '../support/server.js';
import { addressOf, brandOwner, linkToken, paidOrder, platformToken, sandboxMessages, shopper, storeWithProduct } from '../factories/index.js';

describe('the order flow', () => {
  it('places, pays (sandbox), ships (supplier), receives, completes and settles an order', async () => {
    const { product, m, s, addressId, skuId } = await storeWithProduct();
    const shop = shopApi(m.slug, s.token);
    const quote = await shop.post('/shop/orders/quote').send({ items: [{ skuId, quantity: 2 }], addressId });
    expect(quote.status, JSON.stringify(quote.body)).to.equal(200);
    expect(quote.body).to.include({ goodsAmount: 3000, freightAmount: 0, payAmount: 3000 });
    const placed = await shop.post('/shop/orders').send({ items: [{ skuId, quantity: 2, price: 1 }].map(({ skuId: id, quantity }) => ({ skuId: id, quantity })), addressId, remark: '请尽快发货' });
    expect(placed.status, JSON.stringify(placed.body)).to.equal(201);
    expect(placed.body).to.include({ status: 'pending_payment', totalAmount: 3000, payAmount: 3000 });
    expect(placed.body.orderNo).to.match(/^\d{20}$/);
    expect(placed.body.items[0]).to.include({ quantity: 2, unitPrice: 1500, title: placed.body.items[0].title });
    const sup = api({ token: product.supplier.token });
    expect((await sup.get('/supplier/fulfillments')).body.total, 'unpaid orders are invisible to suppliers').to.equal(0);

    const pay = await shop.post(`/shop/orders/${placed.body.id}/pay`).send({ method: 'sandbox' });
    expect(pay.body).to.include({ status: 'pending', amount: 3000 });
    const confirmed = await api({ host: 'anything.example.com' }).post(`/payments/sandbox/${pay.body.paymentId}/confirm`);
    expect(confirmed.status).to.equal(200);
    const paid = await shop.get(`/shop/orders/${placed.body.id}`);
    expect(paid.body.status).to.equal('paid');
    expect(paid.body.fulfillments[0].status).to.equal('to_ship');

    const queue = await sup.get('/supplier/fulfillments?status=to_ship');
    expect(queue.body.total).to.equal(1);
    expect(queue.body.items[0]).to.deep.include({ orderNo: placed.body.orderNo, remark: '请尽快发货' });
    expect(queue.body.items[0].address).to.include({ city: '杭州市' });
    const shipped = await sup.post(`/supplier/fulfillments/${queue.body.items[0].id}/ship`).send({ carrier: 'shunfeng', trackingNo: 'SF1234567890' });
    expect(shipped.status, JSON.stringify(shipped.body)).to.equal(200);
    const afterShip = await shop.get(`/shop/orders/${placed.body.id}`);
    expect(afterShip.body.status).to.equal('shipped');
    expect(afterShip.body.fulfillments[0]).to.include({ status: 'shipped', carrier: 'shunfeng', trackingNo: 'SF1234567890' });

    expect((await shop.post(`/shop/orders/${placed.body.id}/receive`)).body.status).to.equal('received');
    const summary = await shopApi(m.slug, m.token).get('/admin/finance/summary');
    // 3000 paid: supplier 2000, fee 1% of 3000 = 30, margin 970
    expect(summary.body).to.deep.equal({ available: 0, frozen: 970, held: 0 });
    expect((await sup.get('/supplier/finance/summary')).body).to.deep.equal({ available: 0, frozen: 2000, held: 0 });
    clock.travel(days(8));
    await runDueJobs();
    // tokens have expired meanwhile: sign in again
    const owner = (await shopApi(m.slug).post('/admin/auth/login').send({ email: m.email, password: m.password })).body.token;
    const supplierToken = (await api().post('/supplier/auth/login').send({ email: product.supplier.email, password: product.supplier.password })).body.token;
    const again = (await shopApi(m.slug).post('/shop/auth/login').send({ phone: s.phone, password: s.password })).body.token;
    expect((await shopApi(m.slug, again).get(`/shop/orders/${placed.body.id}`)).body.status).to.equal('completed');
    expect((await shopApi(m.slug, owner).get('/admin/finance/summary')).body).to.deep.equal({ available: 970, frozen: 0, held: 0 });
    expect((await api({ token: supplierToken }).get('/supplier/finance/summary')).body).to.deep.equal({ available: 2000, frozen: 0, held: 0 });
    clock.reset();
    const rec = await api({ token: await platformToken() }).get('/platform/finance/reconciliation');
    expect(rec.body.balanced, JSON.stringify(rec.body)).to.equal(true);
  });

  it('cancels an unpaid order after the timeout and returns its stock', async () => {
    const { m, s, addressId, skuId, product } = await storeWithProduct({ stock: 5 });
    const shop = shopApi(m.slug, s.token);
    const placed = await shop.post('/shop/orders').send({ items: [{ skuId, quantity: 3 }], addressId });
    expect(placed.status).to.equal(201);
    const stock = async () => (await shopApi(m.slug).get(`/shop/products/${(await shop.get(`/shop/orders/${placed.body.id}`)).body.items[0].productId}`)).body.skus[0].stock;
    expect(await stock()).to.equal(2);
    clock.travel(days(0) + 29 * 60_000);
    await runDueJobs();
    expect((await shop.get(`/shop/orders/${placed.body.id}`)).body.status).to.equal('pending_payment');
    clock.travel(2 * 60_000);
    await runDueJobs();
    const cancelled = await shop.get(`/shop/orders/${placed.body.id}`);
    expect(cancelled.body).to.include({ status: 'cancelled', cancelReason: 'unpaid in time' });
    expect(await stock()).to.equal(5);
    void product;
  });

  it('cancels each unpaid order once when workers sweep at the same time, in every shop, and leaves a paid one alone', async () => {
    const first = await storeWithProduct({ stock: 5 });
    const second = await storeWithProduct({ stock: 5 });
    const place = async (w: typeof first, quantity: number) => (await shopApi(w.m.slug, w.s.token).post('/shop/orders').send({ items: [{ skuId: w.skuId, quantity }], addressId: w.addressId })).body as { id: number; items: Array<{ productId: number }> };
    const unpaid = await place(first, 2);
    const paid = await place(first, 1);
    const elsewhere = await place(second, 3);
    const pay = await shopApi(first.m.slug, first.s.token).post(`/shop/orders/${paid.id}/pay`).send({ method: 'sandbox' });
    expect((await api().post(`/payments/sandbox/${pay.body.paymentId}/confirm`)).status).to.equal(200);
    clock.travel(31 * 60_000);
    await Promise.all([runDueJobs(), runDueJobs(), runDueJobs()]);
    const status = async (w: typeof first, id: number) => (await shopApi(w.m.slug, w.s.token).get(`/shop/orders/${id}`)).body.status;
    expect([await status(first, unpaid.id), await status(first, paid.id), await status(second, elsewhere.id)]).to.deep.equal(['cancelled', 'paid', 'cancelled']);
    const stock = async (w: typeof first, productId: number) => (await shopApi(w.m.slug).get(`/shop/products/${productId}`)).body.skus[0].stock;
    expect(await stock(first, unpaid.items[0]!.productId), 'two units back once, the paid unit kept').to.equal(4);
    expect(await stock(second, elsewhere.items[0]!.productId)).to.equal(5);
  });

  it('sells exactly the stock when 20 shoppers race for 4 units', async () => {
    const { m, skuId } = await storeWithProduct({ stock: 4 });
    const buyers = await Promise.all(Array.from({ length: 20 }, async () => {
      const b = await shopper(m.slug);
      return { token: b.token, addressId: await addressOf(m.slug, b.token) };
    }));
    const results = await Promise.all(buyers.map((b) => shopApi(m.slug, b.token).post('/shop/orders').send({ items: [{ skuId, quantity: 1 }], addressId: b.addressId })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((x) => x === 201)).to.have.length(4);
    expect(statuses.filter((x) => x === 409)).to.have.length(16);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.error.code === 'insufficient_stock')).to.equal(true);
    const detail = await shopApi(m.slug).get(`/shop/products/${results.find((r) => r.status === 201)!.body.items[0].productId}`);
    expect(detail.body.skus[0].stock).to.equal(0);
  });

  it('refuses to oversell and names the SKU', async () => {
    const { m, s, addressId, skuId } = await storeWithProduct({ stock: 2 });
    const res = await shopApi(m.slug, s.token).post('/shop/orders').send({ items: [{ skuId, quantity: 3 }], addressId });
    expect(res.status).to.equal(409);
    expect(res.body.error).to.deep.include({ code: 'insufficient_stock' });
    expect(res.body.error.details.skuId).to.equal(skuId);
  });

  it('draws another order number when two orders of a shop draw the same one', async () => {
    const { m, s, addressId, skuId } = await storeWithProduct();
    const draw = sinon.stub(orderNumbers, 'next');
    draw.onCall(0).returns('20261124000000000001');
    draw.onCall(1).returns('20261124000000000001');
    draw.onCall(2).returns('20261124000000000002');
    try {
      const first = await shopApi(m.slug, s.token).post('/shop/orders').send({ items: [{ skuId, quantity: 1 }], addressId });
      const second = await shopApi(m.slug, s.token).post('/shop/orders').send({ items: [{ skuId, quantity: 1 }], addressId });
      expect([first.status, second.status]).to.deep.equal([201, 201]);
      expect([first.body.orderNo, second.body.orderNo]).to.deep.equal(['20261124000000000001', '20261124000000000002']);
      expect(draw.callCount).to.equal(3);
    } finally {
      draw.restore();
    }
  });

  it('honours Idempotency-Key on placing and paying', async () => {
    const { m, s, addressId, skuId } = await storeWithProduct();
    const shop = shopApi(m.slug, s.token);
    const body = { items: [{ skuId, quantity: 1 }], addressId };
    const first = await shop.post('/shop/orders').set('Idempotency-Key', 'order-key-1').send(body);
    const again = await shop.post('/shop/orders').set('Idempotency-Key', 'order-key-1').send(body);
    expect(again.status).to.equal(201);
    expect(again.body.id).to.equal(first.body.id);
    const other = await shop.post('/shop/orders').set('Idempotency-Key', 'order-key-1').send({ ...body, remark: 'x' });
    expect(other.status).to.equal(409);
    expect(other.body.error.code).to.equal('idempotency_key_reused');
    expect((await shop.get('/shop/orders')).body.total).to.equal(1);
    const p1 = await shop.post(`/shop/orders/${first.body.id}/pay`).set('Idempotency-Key', 'pay-1').send({ method: 'sandbox' });
    const p2 = await shop.post(`/shop/orders/${first.body.id}/pay`).set('Idempotency-Key', 'pay-1').send({ method: 'sandbox' });
    expect(p2.body.paymentId).to.equal(p1.body.paymentId);
  });

  it('pays from the stored balance after a recharge, and refuses when short', async () => {
    const { m, s, addressId, skuId } = await storeWithProduct();
    const shop = shopApi(m.slug, s.token);
    const placed = await shop.post('/shop/orders').send({ items: [{ skuId, quantity: 1 }], addressId });
    const short = await shop.post(`/shop/orders/${placed.body.id}/pay`).send({ method: 'balance' });
    expect(short.status).to.equal(409);
    expect(short.body.error.code).to.equal('insufficient_balance');
    const top = await shop.post('/shop/balance/recharge').send({ amount: 5000, method: 'sandbox' });
    await api().post(`/payments/sandbox/${top.body.paymentId}/confirm`);
    expect((await shop.get('/shop/balance')).body.balance).to.equal(5000);
    const paid = await shop.post(`/shop/orders/${placed.body.id}/pay`).send({ method: 'balance' });
    expect(paid.body.status).to.equal('succeeded');
    expect((await shop.get(`/shop/orders/${placed.body.id}`)).body.status).to.equal('paid');
    expect((await shop.get('/shop/balance')).body.balance).to.equal(3500);
  });

  it('keeps another shop\'s orders out of reach', async () => {
    const a = await storeWithProduct();
    const b = await storeWithProduct();
    const order = await paidOrder(a.m.slug, a.s.token, { items: [{ skuId: a.skuId, quantity: 1 }], addressId: a.addressId });
    expect((await shopApi(b.m.slug, b.m.token).get(`/admin/orders/${order.id}`)).status).to.equal(404);
    expect((await shopApi(a.m.slug, b.s.token).get(`/shop/orders/${order.id}`)).status).to.equal(401);
    const otherShopper = await shopper(a.m.slug);
    expect((await shopApi(a.m.slug, otherShopper.token).get(`/shop/orders/${order.id}`)).status).to.equal(404);
  });
});

describe('shipping and tracking', () => {
  it('ships part of a fulfilment, then the rest; the order is shipped only when everything is; shoppers follow the parcels', async () => {
    const { product, m, s, addressId, skuId } = await storeWithProduct();
    const order = await paidOrder(m.slug, s.token, { items: [{ skuId, quantity: 3 }], addressId });
    const sup = api({ token: product.supplier.token });
    const f = (await sup.get('/supplier/fulfillments?status=to_ship')).body.items[0];
    const itemId = f.items[0].id;
    const tooMany = await sup.post(`/supplier/fulfillments/${f.id}/ship`).send({ carrier: '顺丰', trackingNo: 'SF0000000001', items: [{ orderItemId: itemId, quantity: 4 }] });
    expect(tooMany.status).to.equal(400);
    expect(tooMany.body.error.details[0].field).to.equal('items[0].quantity');
    const badCarrier = await sup.post(`/supplier/fulfillments/${f.id}/ship`).send({ carrier: '不存在的快递', trackingNo: 'SF0000000001' });
    expect(badCarrier.body.error.details[0].field).to.equal('carrier');
    const part = await sup.post(`/supplier/fulfillments/${f.id}/ship`).send({ carrier: '顺丰', trackingNo: 'SF0000000001', items: [{ orderItemId: itemId, quantity: 1 }] });
    expect(part.body.status).to.equal('to_ship');
    const shop = shopApi(m.slug, s.token);
    expect((await shop.get(`/shop/orders/${order.id}`)).body.status).to.equal('paid');
    await sup.post(`/supplier/fulfillments/${f.id}/ship`).send({ carrier: 'yuantong', trackingNo: 'YT0000000002' });
    const shipped = await shop.get(`/shop/orders/${order.id}`);
    expect(shipped.body.status).to.equal('shipped');
    expect(shipped.body.fulfillments[0].shipments.map((x: { carrier: string }) => x.carrier)).to.deep.equal(['shunfeng', 'yuantong']);
    clock.travel(2 * 3_600_000);
    const tracking = await shop.get(`/shop/orders/${order.id}/tracking`);
    expect(tracking.status).to.equal(200);
    expect(tracking.body.items.map((x: { carrierName: string }) => x.carrierName)).to.deep.equal(['顺丰速运', '圆通速递']);
    expect(tracking.body.items[0].state).to.equal('in_transit');
    expect(tracking.body.items[0].events.length).to.be.greaterThan(0);
  });
});

describe('freight and live updates', () => {
  it('charges freight by the supplier\'s template, per region, free above a threshold', async () => {
    const { product, m, s, skuId } = await storeWithProduct();
    const sup = api({ token: product.supplier.token });
    const template = await sup.post('/supplier/freight-templates').send({
      name: '江浙沪优惠',
      mode: 'piece',
      defaultRule: { first: 1, firstFee: 1000, additional: 2, additionalFee: 300 },
      regionRules: [{ provinces: ['浙江省', '上海市'], first: 1, firstFee: 500, additional: 1, additionalFee: 100 }],
      freeThreshold: 10_000,
      isDefault: true,
    });
    expect(template.status, JSON.stringify(template.body)).to.equal(201);
    const zj = await addressOf(m.slug, s.token, { province: '浙江省', city: '宁波市' });
    const xj = await addressOf(m.slug, s.token, { province: '新疆维吾尔自治区', city: '乌鲁木齐市' });
    const quote = (addressId: number, quantity: number) => shopApi(m.slug, s.token).post('/shop/orders/quote').send({ items: [{ skuId, quantity }], addressId });
    expect((await quote(zj, 3)).body.freightAmount).to.equal(500 + 2 * 100);
    expect((await quote(xj, 3)).body.freightAmount).to.equal(1000 + 300);
    expect((await quote(xj, 4)).body.freightAmount).to.equal(1000 + 2 * 300);
    expect((await quote(xj, 7)).body).to.include({ freightAmount: 0, goodsAmount: 10_500 });
    const order = await paidOrder(m.slug, s.token, { items: [{ skuId, quantity: 3 }], addressId: xj });
    expect(order.payAmount).to.equal(4500 + 1300);
    expect((await sup.get('/supplier/finance/summary')).body.frozen, 'the supplier is paid its freight').to.equal(3000 + 1300);

    // templates are kept in memory between quotes: an edit or a deletion is priced at once
    const edited = await sup.put(`/supplier/freight-templates/${template.body.id}`).send({ name: '全国统一', mode: 'piece', defaultRule: { first: 1, firstFee: 800, additional: 1, additionalFee: 0 }, isDefault: true });
    expect(edited.status, JSON.stringify(edited.body)).to.equal(200);
    expect((await quote(zj, 3)).body.freightAmount).to.equal(800);
    expect((await sup.delete(`/supplier/freight-templates/${template.body.id}`)).status).to.equal(200);
    expect((await quote(zj, 3)).body.freightAmount).to.not.equal(800);
  });

  it('ships to the address as it is now: an edit or a removal is priced at once; another shopper\'s is refused', async () => {
    const { product, m, s, skuId, addressId } = await storeWithProduct();
    const template = await api({ token: product.supplier.token }).post('/supplier/freight-templates').send({
      name: '偏远加价',
      mode: 'piece',
      defaultRule: { first: 1, firstFee: 500, additional: 1, additionalFee: 0 },
      regionRules: [{ provinces: ['新疆维吾尔自治区'], first: 1, firstFee: 2000, additional: 1, additionalFee: 0 }],
      isDefault: true,
    });
    expect(template.status, JSON.stringify(template.body)).to.equal(201);
    const quote = (token = s.token) => shopApi(m.slug, token).post('/shop/orders/quote').send({ items: [{ skuId, quantity: 1 }], addressId });
    expect((await quote()).body.freightAmount).to.equal(500);
    expect((await shopApi(m.slug, s.token).put(`/shop/addresses/${addressId}`).send({ province: '新疆维吾尔自治区', city: '乌鲁木齐市' })).status).to.equal(200);
    expect((await quote()).body.freightAmount).to.equal(2000);
    expect((await quote((await shopper(m.slug)).token)).status).to.equal(404);
    expect((await shopApi(m.slug, s.token).delete(`/shop/addresses/${addressId}`)).status).to.equal(200);
    expect((await quote()).status).to.equal(404);
  });

  it('pushes order:updated to the shop\'s staff and the order\'s shopper over socket.io', async () => {
    const { m, s, addressId, skuId } = await storeWithProduct();
    const server = await startServer();
    const connect = (token: string) =>
      io(`http://127.0.0.1:${server.port}`, { transports: ['websocket'], auth: { token }, extraHeaders: { host: m.host }, reconnection: false, forceNew: true });
    const staff = connect(m.token);
    const buyer = connect(s.token);
    try {
      await Promise.all([staff, buyer].map((c) => new Promise<void>((resolve, reject) => (c.on('connect', () => resolve()), c.on('connect_error', reject)))));
      const seen: Array<{ who: string; status: string }> = [];
      staff.on('order:updated', (e: { status: string }) => seen.push({ who: 'staff', status: e.status }));
      buyer.on('order:updated', (e: { status: string }) => seen.push({ who: 'shopper', status: e.status }));
      const order = await paidOrder(m.slug, s.token, { items: [{ skuId, quantity: 1 }], addressId });
      await runDueJobs();
      await new Promise((r) => setTimeout(r, 200));
      expect(seen).to.deep.include({ who: 'staff', status: 'paid' });
      expect(seen).to.deep.include({ who: 'shopper', status: 'paid' });
      void order;
    } finally {
      staff.close();
      buyer.close();
      await server.close();
    }
  });
});

describe('withdrawals', () => {
  it('lets a supplier withdraw settled money once; the platform pays it out or rejects it back', async () => {
    const { product, m, s, addressId, skuId } = await storeWithProduct();
    const order = await paidOrder(m.slug, s.token, { items: [{ skuId, quantity: 1 }], addressId });
    const sup = api({ token: product.supplier.token });
    const payee = { accountName: '供应商有限公司', bankName: '招商银行', accountNo: '6225880000001234' };
    const early = await sup.post('/supplier/finance/withdrawals').send({ amount: 500, payee });
    expect(early.status, 'frozen money cannot be withdrawn').to.equal(409);
    const f = (await sup.get('/supplier/fulfillments?status=to_ship')).body.items[0];
    await sup.post(`/supplier/fulfillments/${f.id}/ship`).send({ carrier: 'sf', trackingNo: 'SF1112223334' });
    await shopApi(m.slug, s.token).post(`/shop/orders/${order.id}/receive`);
    clock.travel(days(7) + 60_000);
    await runDueJobs();
    clock.reset();
    expect((await sup.get('/supplier/finance/summary')).body).to.deep.equal({ available: 1000, frozen: 0, held: 0 });
    const [first, second] = await Promise.all([sup.post('/supplier/finance/withdrawals').send({ amount: 800, payee }), sup.post('/supplier/finance/withdrawals').send({ amount: 800, payee })]);
    expect([first.status, second.status].sort()).to.deep.equal([201, 409]);
    const ok = first.status === 201 ? first : second;
    expect(ok.body.payee.accountNo).to.equal('****1234');
    expect(ok.body.account.name, 'the withdrawal names whose it is').to.match(/^供应商 /);
    expect((await sup.get('/supplier/finance/summary')).body, 'a pending withdrawal holds its money').to.deep.equal({ available: 200, frozen: 0, held: 800 });
    const operator = api({ token: await platformToken() });
    expect((await operator.get('/platform/finance/reconciliation')).body.balanced, 'held money still counts while the withdrawal is pending').to.equal(true);
    expect((await operator.post(`/platform/withdrawals/${ok.body.id}/reject`).send({ reason: '户名不符' })).body.status).to.equal('rejected');
    expect((await sup.get('/supplier/finance/summary')).body.available).to.equal(1000);
    const again = await sup.post('/supplier/finance/withdrawals').send({ amount: 1000, payee });
    expect((await operator.post(`/platform/withdrawals/${again.body.id}/approve`)).body.status).to.equal('paid');
    expect((await operator.post(`/platform/withdrawals/${again.body.id}/approve`)).status).to.equal(409);
    expect((await sup.get('/supplier/finance/summary')).body).to.deep.equal({ available: 0, frozen: 0, held: 0 });
    expect((await operator.get('/platform/finance/reconciliation')).body.balanced).to.equal(true);
  });
});

describe('brand ranges sold by distributors', () => {
  it('lets the brand owner ship what its distributor sold, and pays it the distributor price', async () => {
    const brand = await brandOwner();
    const brandApi = shopApi(brand.slug, brand.token);
    await brandApi.post('/admin/warehouses').send({ name: '品牌仓', province: '广东省', city: '深圳市', address: '南山区 1 号' });
    const own = await brandApi.post('/admin/own-products').send({ title: '品牌面霜', shareWithDistributors: true, skus: [{ specs: {}, price: 30000, distributorPrice: 12000, minRetailPrice: 20000, stock: 10 }] });
    const childSlug = `child${Date.now().toString(36)}`;
    await brandApi.post('/admin/distributors').send({ storeName: '分销一店', slug: childSlug, ownerEmail: `${childSlug}@d.cn` });
    const [mail] = await sandboxMessages(`${childSlug}@d.cn`);
    const child = await shopApi(childSlug).post('/admin/staff/invitations/accept').send({ token: linkToken(mail!.body), name: 'Child', password: 'Child#2026' });
    const range = await shopApi(childSlug, child.body.token).get('/admin/market/brand-products');
    const imported = await shopApi(childSlug, child.body.token).post(`/admin/market/brand-products/${range.body.items[0].id}/import`).send({ prices: [{ supplierSkuId: range.body.items[0].skus[0].id, price: 25000 }] });
    const buyer = await shopper(childSlug);
    const addressId = await addressOf(childSlug, buyer.token);
    const order = await paidOrder(childSlug, buyer.token, { items: [{ skuId: imported.body.product.skus[0].id, quantity: 1 }], addressId });
    const queue = await brandApi.get('/admin/fulfillments?status=to_ship');
    expect(queue.body.items.map((f: { orderNo: string }) => f.orderNo)).to.include(order.orderNo);
    const f = queue.body.items.find((x: { orderNo: string }) => x.orderNo === order.orderNo);
    expect((await brandApi.post(`/admin/fulfillments/${f.id}/ship`).send({ carrier: 'sf', trackingNo: 'SF7778889990' })).body.status).to.equal('shipped');
    expect((await shopApi(childSlug, buyer.token).get(`/shop/orders/${order.id}`)).body.status).to.equal('shipped');
    expect((await brandApi.get('/admin/finance/summary')).body.frozen, 'the brand owner is owed the distributor price').to.equal(12000);
    expect((await shopApi(childSlug, child.body.token).get('/admin/finance/summary')).body.frozen).to.equal(25000 - 12000 - Math.floor(25000 * 100 / 10000));
    void own;
  });
});
