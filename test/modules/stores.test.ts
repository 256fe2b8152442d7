/**
 * 门店 (O2O) through the API: a shop's stores listed nearest first, each store's own stock (set,
 * adjusted, with its history), pickup offered only at a store that holds every line, the store's
 * count never below zero however many shoppers race for the last units, units back when an unpaid
 * order is cancelled, and clerks who work only at their own store's counter.
 */
import { expect } from 'chai';
import { shopApi } from '../support/http.js';
import { api } from '../support/http.js';
import { merchant, shopper, staffWith, type TestMerchant } from '../factories/index.js';

const WEST_LAKE = { lat: 30.2741, lng: 120.1551 };
const store = (name: string, at: { lat: number; lng: number }, extra: Record<string, unknown> = {}) => ({
  name,
  province: '浙江省',
  city: '杭州市',
  district: '西湖区',
  detail: `${name} 1 号`,
  hours: '每天 10:00–21:00',
  phone: '0571-88886666',
  ...at,
  ...extra,
});

/** A shop with its own goods (two SKUs) and two stores: 西湖 (near), 滨江 (about 8 km away). */
async function shopWithStores() {
  const m = await merchant();
  const owner = shopApi(m.slug, m.token);
  const goods = await owner.post('/admin/own-products').send({ title: '门店蛋糕', skus: [{ specs: { 口味: '原味' }, price: 8800, stock: 500 }, { specs: { 口味: '抹茶' }, price: 9800, stock: 500 }] });
  expect(goods.status, JSON.stringify(goods.body)).to.equal(201);
  const [cake, matcha] = goods.body.product.skus.map((s: { id: number }) => s.id) as [number, number];
  const near = await owner.post('/admin/stores').send(store('西湖店', WEST_LAKE, { deliveryRadiusM: 3000, deliveryFee: 600 }));
  expect(near.status, JSON.stringify(near.body)).to.equal(201);
  const far = await owner.post('/admin/stores').send(store('滨江店', { lat: 30.2084, lng: 120.2119 }));
  expect(far.status, JSON.stringify(far.body)).to.equal(201);
  return { m, owner, cake, matcha, nearId: near.body.id as number, farId: far.body.id as number };
}

type Shop = Awaited<ReturnType<typeof shopWithStores>>;

async function setStock(shop: Shop, storeId: number, items: Array<{ skuId: number; stock: number }>) {
  const res = await shop.owner.put(`/admin/stores/${storeId}/stock`).send({ items });
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return res.body.items as Array<{ skuId: number; stock: number; title: string }>;
}

const countAt = async (shop: Shop, storeId: number, skuId: number) => ((await shop.owner.get(`/admin/stores/${storeId}/stock`)).body.items as Array<{ skuId: number; stock: number }>).find((i) => i.skuId === skuId)?.stock ?? 0;

async function pay(m: TestMerchant, token: string, orderId: number) {
  const started = await shopApi(m.slug, token).post(`/shop/orders/${orderId}/pay`).send({ method: 'sandbox' });
  expect(started.status, JSON.stringify(started.body)).to.equal(200);
  expect((await api().post(`/payments/sandbox/${started.body.paymentId}/confirm`)).status).to.equal(200);
}

describe('offline stores (门店)', () => {
  it('lists the open stores nearest first, with the distance, the same-city reach and whether each holds the lines', async () => {
    const shop = await shopWithStores();
    await setStock(shop, shop.nearId, [{ skuId: shop.cake, stock: 1 }]);
    await setStock(shop, shop.farId, [{ skuId: shop.cake, stock: 5 }, { skuId: shop.matcha, stock: 5 }]);
    const list = await shopApi(shop.m.slug).get('/shop/stores').query({ lat: 30.275, lng: 120.156, items: `${shop.cake}:2` });
    expect(list.status, JSON.stringify(list.body)).to.equal(200);
    const [first, second] = list.body.items;
    expect(first).to.include({ id: shop.nearId, name: '西湖店', delivers: true, deliveryFee: 600, inStock: false });
    expect(first.missing).to.deep.equal([shop.cake]);
    expect(first.distanceM).to.be.below(200);
    expect(second).to.include({ id: shop.farId, delivers: false, inStock: true });
    expect(second.distanceM).to.be.within(7000, 10000);

    await shop.owner.patch(`/admin/stores/${shop.farId}`).send({ active: false });
    expect((await shopApi(shop.m.slug).get('/shop/stores')).body.items.map((s: { id: number }) => s.id)).to.deep.equal([shop.nearId]);
  });

  it('keeps a store\'s stock with its history, and refuses to take it below zero or to stock a supplier\'s goods', async () => {
    const shop = await shopWithStores();
    await setStock(shop, shop.nearId, [{ skuId: shop.cake, stock: 10 }]);
    await setStock(shop, shop.nearId, [{ skuId: shop.cake, stock: 7 }]);
    const added = await shop.owner.post(`/admin/stores/${shop.nearId}/stock/adjust`).send({ skuId: shop.cake, delta: 5, note: '到货' });
    expect(added.status, JSON.stringify(added.body)).to.equal(200);
    expect(added.body.items[0]).to.include({ skuId: shop.cake, stock: 12, title: '门店蛋糕' });
    const under = await shop.owner.post(`/admin/stores/${shop.nearId}/stock/adjust`).send({ skuId: shop.cake, delta: -13 });
    expect(under.status).to.equal(409);
    expect(under.body.error.code).to.equal('store_stock_below_zero');
    const history = (await shop.owner.get(`/admin/stores/${shop.nearId}/stock/history`)).body;
    expect(history.items.map((h: { delta: number; reason: string }) => [h.delta, h.reason])).to.deep.equal([
      [5, 'adjust'],
      [-3, 'set'],
      [10, 'set'],
    ]);
    const twice = await shop.owner.put(`/admin/stores/${shop.nearId}/stock`).send({ items: [{ skuId: shop.cake, stock: 1 }, { skuId: shop.cake, stock: 2 }] });
    expect(twice.status).to.equal(400);
    expect(twice.body.error.details[0].field).to.equal('items[1].skuId');
  });

  it('offers pickup only at a store that holds every line, naming the SKU it lacks', async () => {
    const shop = await shopWithStores();
    await setStock(shop, shop.nearId, [{ skuId: shop.cake, stock: 3 }]);
    await setStock(shop, shop.farId, [{ skuId: shop.cake, stock: 3 }, { skuId: shop.matcha, stock: 3 }]);
    const s = await shopper(shop.m.slug);
    const body = (storeId: number) => ({ items: [{ skuId: shop.cake, quantity: 1 }, { skuId: shop.matcha, quantity: 1 }], storeId });
    const refused = await shopApi(shop.m.slug, s.token).post('/shop/orders').send(body(shop.nearId));
    expect(refused.status, JSON.stringify(refused.body)).to.equal(409);
    expect(refused.body.error.code).to.equal('store_out_of_stock');
    expect(refused.body.error.details).to.include({ skuId: shop.matcha, requested: 1, available: 0 });
    expect(refused.body.error.message).to.contain('门店蛋糕');

    const placed = await shopApi(shop.m.slug, s.token).post('/shop/orders').send(body(shop.farId));
    expect(placed.status, JSON.stringify(placed.body)).to.equal(201);
    expect(await countAt(shop, shop.farId, shop.matcha)).to.equal(2);
    expect(await countAt(shop, shop.nearId, shop.cake)).to.equal(3);

    const other = await merchant();
    const stranger = await shopApi(other.slug, (await shopper(other.slug)).token).post('/shop/orders').send(body(shop.farId));
    expect(stranger.status).to.equal(404);
  });

  it('never sells a store\'s last units twice when a dozen shoppers race for them, and takes them back when an unpaid order is cancelled', async () => {
    const shop = await shopWithStores();
    await setStock(shop, shop.nearId, [{ skuId: shop.cake, stock: 3 }]);
    const buyers = await Promise.all(Array.from({ length: 12 }, () => shopper(shop.m.slug)));
    const results = await Promise.all(buyers.map((b) => shopApi(shop.m.slug, b.token).post('/shop/orders').send({ items: [{ skuId: shop.cake, quantity: 1 }], storeId: shop.nearId })));
    const won = results.filter((r) => r.status === 201);
    expect(won, results.map((r) => `${r.status} ${JSON.stringify(r.body.error ?? {})}`).join('\n')).to.have.length(3);
    for (const r of results.filter((x) => x.status !== 201)) {
      expect(r.status).to.equal(409);
      expect(['store_out_of_stock', 'insufficient_stock']).to.include(r.body.error.code);
    }
    expect(await countAt(shop, shop.nearId, shop.cake)).to.equal(0);

    const loserIndex = results.findIndex((r) => r.status === 201);
    const cancelled = await shopApi(shop.m.slug, buyers[loserIndex]!.token).post(`/shop/orders/${results[loserIndex]!.body.id}/cancel`).send({});
    expect(cancelled.status, JSON.stringify(cancelled.body)).to.equal(200);
    expect(await countAt(shop, shop.nearId, shop.cake)).to.equal(1);
    const history = (await shop.owner.get(`/admin/stores/${shop.nearId}/stock/history`)).body.items as Array<{ delta: number }>;
    expect(history.reduce((sum, h) => sum + h.delta, 0)).to.equal(1);
  });

  it('delivers in the same city within the store\'s radius for its fee, measured from the address\'s map position', async () => {
    const shop = await shopWithStores();
    await setStock(shop, shop.nearId, [{ skuId: shop.cake, stock: 5 }]);
    await setStock(shop, shop.farId, [{ skuId: shop.cake, stock: 5 }]);
    const s = await shopper(shop.m.slug);
    const shopAs = shopApi(shop.m.slug, s.token);
    const address = async (pos: { lat?: number; lng?: number }) => (await shopAs.post('/shop/addresses').send({ name: '张三', phone: '13800138000', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 2 号', ...pos })).body.id as number;
    const near = await address({ lat: 30.28, lng: 120.16 });
    const farAway = await address({ lat: 30.35, lng: 120.3 });
    const unpinned = await address({});
    const body = (storeId: number, addressId: number) => ({ items: [{ skuId: shop.cake, quantity: 2 }], delivery: 'same_city', storeId, addressId });

    const placed = await shopAs.post('/shop/orders').send(body(shop.nearId, near));
    expect(placed.status, JSON.stringify(placed.body)).to.equal(201);
    const order = (await shopAs.get(`/shop/orders/${placed.body.id}`)).body;
    expect(order).to.include({ delivery: 'same_city', freightAmount: 600, goodsAmount: 17600, payAmount: 18200 });
    expect(await countAt(shop, shop.nearId, shop.cake)).to.equal(3);

    const outside = await shopAs.post('/shop/orders').send(body(shop.nearId, farAway));
    expect(outside.status).to.equal(409);
    expect(outside.body.error.code).to.equal('store_out_of_range');
    const noPin = await shopAs.post('/shop/orders').send(body(shop.nearId, unpinned));
    expect(noPin.status).to.equal(400);
    expect(noPin.body.error.details[0].field).to.equal('addressId');
    const noDelivery = await shopAs.post('/shop/orders').send(body(shop.farId, near));
    expect(noDelivery.status).to.equal(400);
    expect(noDelivery.body.error.details[0].field).to.equal('storeId');
    const noStore = await shopAs.post('/shop/orders').send({ items: [{ skuId: shop.cake, quantity: 1 }], delivery: 'same_city', addressId: near });
    expect(noStore.status).to.equal(400);
    expect(noStore.body.error.details[0].field).to.equal('storeId');
    expect(await countAt(shop, shop.nearId, shop.cake)).to.equal(3);
  });

  it('lets a clerk see and hand over only their own store\'s orders', async () => {
    const shop = await shopWithStores();
    await setStock(shop, shop.nearId, [{ skuId: shop.cake, stock: 5 }]);
    await setStock(shop, shop.farId, [{ skuId: shop.cake, stock: 5 }]);
    const s = await shopper(shop.m.slug);
    const atNear = await shopApi(shop.m.slug, s.token).post('/shop/orders').send({ items: [{ skuId: shop.cake, quantity: 1 }], storeId: shop.nearId });
    const atFar = await shopApi(shop.m.slug, s.token).post('/shop/orders').send({ items: [{ skuId: shop.cake, quantity: 1 }], storeId: shop.farId });
    await pay(shop.m, s.token, atNear.body.id);
    await pay(shop.m, s.token, atFar.body.id);
    const codeOf = async (id: number) => (await shopApi(shop.m.slug, s.token).get(`/shop/orders/${id}`)).body.pickupCode as string;
    const [nearCode, farCode] = [await codeOf(atNear.body.id), await codeOf(atFar.body.id)];

    const clerk = await staffWith(shop.m, ['stores.counter']);
    expect((await shop.owner.post(`/admin/stores/${shop.nearId}/clerks`).send({ staffId: clerk.id })).status).to.equal(200);
    const desk = shopApi(shop.m.slug, clerk.token);
    expect((await desk.get('/admin/stores/mine')).body.store).to.include({ id: shop.nearId });
    const mine = await desk.get(`/admin/stores/${shop.nearId}/orders`).query({ today: '1' });
    expect(mine.status, JSON.stringify(mine.body)).to.equal(200);
    expect(mine.body.items.map((o: { id: number }) => o.id)).to.deep.equal([atNear.body.id]);

    // another store's list, its stock, its code: as if they did not exist
    expect((await desk.get(`/admin/stores/${shop.farId}/orders`)).status).to.equal(404);
    expect((await desk.get(`/admin/stores/${shop.farId}/stock`)).status).to.equal(404);
    const foreign = await desk.post(`/admin/stores/${shop.nearId}/verify-pickup`).send({ code: farCode });
    expect(foreign.status).to.equal(404);
    expect((await desk.post(`/admin/stores/${shop.farId}/verify-pickup`).send({ code: farCode })).status).to.equal(404);
    expect((await desk.get(`/admin/stores/${shop.nearId}/pickup`).query({ code: farCode })).status).to.equal(404);
    // nor may a clerk run the stores
    expect((await desk.get('/admin/stores')).status).to.equal(403);
    expect((await desk.put(`/admin/stores/${shop.nearId}/stock`).send({ items: [{ skuId: shop.cake, stock: 99 }] })).status).to.equal(403);

    const seen = await desk.get(`/admin/stores/${shop.nearId}/pickup`).query({ code: nearCode });
    expect(seen.status, JSON.stringify(seen.body)).to.equal(200);
    expect(seen.body.refusal).to.equal(null);
    const handed = await desk.post(`/admin/stores/${shop.nearId}/verify-pickup`).send({ code: nearCode });
    expect(handed.status, JSON.stringify(handed.body)).to.equal(200);
    expect(handed.body.status).to.equal('received');
    const again = await desk.post(`/admin/stores/${shop.nearId}/verify-pickup`).send({ code: nearCode });
    expect(again.status).to.equal(409);
    expect(again.body.error.code).to.equal('pickup_code_used');

    // the far store's order is still waiting, and its own counter (a manager here) hands it over
    expect((await shop.owner.post(`/admin/stores/${shop.farId}/verify-pickup`).send({ code: farCode })).body.status).to.equal('received');
  });

  it('keeps another shop\'s stores out of reach', async () => {
    const shop = await shopWithStores();
    const other = await merchant();
    const them = shopApi(other.slug, other.token);
    expect((await them.get(`/admin/stores/${shop.nearId}`)).status).to.equal(404);
    expect((await them.patch(`/admin/stores/${shop.nearId}`).send({ name: 'x' })).status).to.equal(404);
    expect((await them.put(`/admin/stores/${shop.nearId}/stock`).send({ items: [{ skuId: shop.cake, stock: 1 }] })).status).to.be.oneOf([400, 404]);
    expect((await shopApi(other.slug).get('/shop/stores')).body.items).to.deep.equal([]);
  });
});
