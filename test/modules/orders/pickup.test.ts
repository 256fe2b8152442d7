/** Self-pickup: offered where the shop has a pickup point, a code once paid, handed over once at the counter. */
import { expect } from 'chai';
import { shopApi } from '../../support/http.js';
import { merchant, paidOrder, shopper, staffWith, storeWithProduct, type TestMerchant } from '../../factories/index.js';

const point = { pickupName: '西湖旗舰店', pickupAddress: '浙江省杭州市西湖区文三路 100 号', pickupHours: '每天 10:00–21:00', pickupPhone: '0571-88886666' };

async function shopWithCake(withPoint = true): Promise<{ m: TestMerchant; skuId: number }> {
  const m = await merchant();
  const owner = shopApi(m.slug, m.token);
  if (withPoint) expect((await owner.patch('/admin/settings').send({ orders: point })).status).to.equal(200);
  const goods = await owner.post('/admin/own-products').send({ title: '门店自提蛋糕', skus: [{ specs: {}, price: 8800, stock: 50 }] });
  expect(goods.status, JSON.stringify(goods.body)).to.equal(201);
  return { m, skuId: goods.body.product.skus[0].id };
}

describe('self-pickup', () => {
  it('is offered only where the shop has a pickup point, and only for its own goods', async () => {
    const bare = await shopWithCake(false);
    const s = await shopper(bare.m.slug);
    expect((await shopApi(bare.m.slug).get('/shop/pickup-points')).body).to.deep.equal({ items: [] });
    const refused = await shopApi(bare.m.slug, s.token).post('/shop/orders/quote').send({ items: [{ skuId: bare.skuId, quantity: 1 }], delivery: 'pickup' });
    expect(refused.status).to.equal(400);
    expect(refused.body.error.details[0].field).to.equal('delivery');

    const { m, skuId } = await shopWithCake();
    expect((await shopApi(m.slug).get('/shop/pickup-points')).body.items).to.deep.equal([{ name: point.pickupName, address: point.pickupAddress, hours: point.pickupHours, phone: point.pickupPhone }]);
    const buyer = await shopper(m.slug);
    const quote = await shopApi(m.slug, buyer.token).post('/shop/orders/quote').send({ items: [{ skuId, quantity: 2 }], delivery: 'pickup' });
    expect(quote.body).to.include({ freightAmount: 0, payAmount: 17600, addressNeeded: false });

    const market = await storeWithProduct();
    await shopApi(market.m.slug, market.m.token).patch('/admin/settings').send({ orders: point });
    const supplierGoods = await shopApi(market.m.slug, market.s.token).post('/shop/orders').send({ items: [{ skuId: market.skuId, quantity: 1 }], delivery: 'pickup' });
    expect(supplierGoods.status).to.equal(400);
    expect(supplierGoods.body.error.details[0].field).to.equal('delivery');
  });

  it('prices the goods before an address exists, and says the address is still needed', async () => {
    const { m, skuId } = await shopWithCake();
    const s = await shopper(m.slug);
    const estimate = await shopApi(m.slug, s.token).post('/shop/orders/quote').send({ items: [{ skuId, quantity: 1 }] });
    expect(estimate.status).to.equal(200);
    expect(estimate.body).to.include({ goodsAmount: 8800, addressNeeded: true });
    const placed = await shopApi(m.slug, s.token).post('/shop/orders').send({ items: [{ skuId, quantity: 1 }] });
    expect(placed.status).to.equal(400);
    expect(placed.body.error.details[0].field).to.equal('addressId');
  });

  it('waits at the shop once paid: a code for the shopper, never in the shipping queue', async () => {
    const { m, skuId } = await shopWithCake();
    const s = await shopper(m.slug);
    const order = await paidOrder(m.slug, s.token, { items: [{ skuId, quantity: 1 }], delivery: 'pickup' });
    const mine = (await shopApi(m.slug, s.token).get(`/shop/orders/${order.id}`)).body;
    expect(mine).to.include({ status: 'paid', delivery: 'pickup', freightAmount: 0 });
    expect(mine.pickupCode).to.match(/^\d{8}$/);
    expect(mine.fulfillments.map((f: { status: string }) => f.status)).to.deep.equal(['ready_for_pickup']);
    const owner = shopApi(m.slug, m.token);
    expect((await owner.get(`/admin/orders/${order.id}`)).body).to.not.have.property('pickupCode');
    expect((await owner.get('/admin/fulfillments').query({ status: 'to_ship' })).body.items).to.have.length(0);
  });

  it('shows the counter the order behind a code, tells a wrong code from a used one, and hands over once when five counters confirm at once', async () => {
    const { m, skuId } = await shopWithCake();
    const s = await shopper(m.slug);
    const order = await paidOrder(m.slug, s.token, { items: [{ skuId, quantity: 2 }], delivery: 'pickup' });
    const code = (await shopApi(m.slug, s.token).get(`/shop/orders/${order.id}`)).body.pickupCode as string;
    const owner = shopApi(m.slug, m.token);

    const wrong = await owner.get('/admin/orders/pickup').query({ code: code === '00000000' ? '00000001' : '00000000' });
    expect(wrong.status).to.equal(404);
    expect(wrong.body.error.code).to.equal('pickup_code_unknown');
    const malformed = await owner.get('/admin/orders/pickup').query({ code: '12ab' });
    expect(malformed.status).to.equal(400);
    expect(malformed.body.error.details[0].field).to.equal('code');

    const seen = await owner.get('/admin/orders/pickup').query({ code });
    expect(seen.status, JSON.stringify(seen.body)).to.equal(200);
    expect(seen.body.order).to.include({ id: order.id, payAmount: 17600 });
    expect(seen.body.order.items[0]).to.include({ title: '门店自提蛋糕', quantity: 2 });
    expect(seen.body.customer).to.include({ id: s.id });
    expect(seen.body.refusal).to.equal(null);

    const tries = await Promise.all(Array.from({ length: 5 }, () => owner.post('/admin/orders/verify-pickup').send({ code })));
    expect(tries.map((r) => r.status).sort()).to.deep.equal([200, 409, 409, 409, 409]);
    expect(tries.filter((r) => r.status === 409).every((r) => r.body.error.code === 'pickup_code_used')).to.equal(true);
    const after = (await shopApi(m.slug, s.token).get(`/shop/orders/${order.id}`)).body;
    expect(after.status).to.equal('received');
    expect(after.fulfillments[0].status).to.equal('received');
    expect((await owner.get('/admin/orders/pickup').query({ code })).body.refusal.code).to.equal('pickup_code_used');
  });

  it('keeps codes within their shop and needs the right to hand orders over', async () => {
    const { m, skuId } = await shopWithCake();
    const s = await shopper(m.slug);
    const order = await paidOrder(m.slug, s.token, { items: [{ skuId, quantity: 1 }], delivery: 'pickup' });
    const code = (await shopApi(m.slug, s.token).get(`/shop/orders/${order.id}`)).body.pickupCode as string;
    const other = await merchant();
    const elsewhere = await shopApi(other.slug, other.token).post('/admin/orders/verify-pickup').send({ code });
    expect(elsewhere.status).to.equal(404);
    const clerk = await staffWith(m, []);
    expect((await shopApi(m.slug, clerk.token).post('/admin/orders/verify-pickup').send({ code })).status).to.equal(403);
    expect((await shopApi(m.slug, s.token).get(`/shop/orders/${order.id}`)).body.status).to.equal('paid');
  });
});
