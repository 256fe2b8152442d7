/**
 * Selling at a store's counter (收银) through the API: an in-store order paid at the till takes the
 * store's own stock only (never the online warehouses', never below zero under a race), is booked
 * in finance like any order with the till's money kept by the shop (the reconciliation balances to
 * the fen after sales and a refund), is idempotent under a double-tapped till, is refused to a clerk
 * of another store (404), and shows in the order list's and the overview's online/in-store split.
 */
import { expect } from 'chai';
import { runDueJobs } from '../../server/src/core/jobs.js';
import { api, shopApi } from '../support/http.js';
import { merchant, platformToken, shopper, staffWith } from '../factories/index.js';

const store = (name: string, lat: number, lng: number) => ({ name, province: '浙江省', city: '杭州市', district: '西湖区', detail: `${name} 1 号`, hours: '每天 10:00–21:00', phone: '0571-88886666', lat, lng });

async function shopWithStores() {
  const m = await merchant();
  const owner = shopApi(m.slug, m.token);
  const goods = await owner.post('/admin/own-products').send({ title: '柜台蛋糕', skus: [{ specs: { 口味: '原味' }, price: 8800, stock: 100 }, { specs: { 口味: '抹茶' }, price: 9800, stock: 100 }] });
  expect(goods.status, JSON.stringify(goods.body)).to.equal(201);
  // the catalogue product behind the listing (own goods' stock is kept per warehouse there)
  const productId = (await owner.get(`/admin/products/${goods.body.product.id}`)).body.productId as number;
  const [cake, matcha] = goods.body.product.skus.map((s: { id: number }) => s.id) as [number, number];
  const near = await owner.post('/admin/stores').send(store('西湖店', 30.2741, 120.1551));
  const far = await owner.post('/admin/stores').send(store('滨江店', 30.2084, 120.2119));
  expect(near.status, JSON.stringify(near.body)).to.equal(201);
  return { m, owner, productId, cake, matcha, nearId: near.body.id as number, farId: far.body.id as number };
}
type Shop = Awaited<ReturnType<typeof shopWithStores>>;

async function stockUp(shop: Shop, storeId: number, items: Array<{ skuId: number; stock: number }>) {
  const res = await shop.owner.put(`/admin/stores/${storeId}/stock`).send({ items });
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
}
const countAt = async (shop: Shop, storeId: number, skuId: number) => ((await shop.owner.get(`/admin/stores/${storeId}/stock`)).body.items as Array<{ skuId: number; stock: number }>).find((i) => i.skuId === skuId)?.stock ?? 0;
/** The online stock of the product's SKUs (all warehouses), as the console shows it. */
async function onlineStock(shop: Shop): Promise<number[]> {
  const res = await shop.owner.get(`/admin/own-products/${shop.productId}`);
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return (res.body.skus as Array<{ stock: number }>).map((s) => s.stock);
}
const reconciliation = async () => (await api({ token: await platformToken() }).get('/platform/finance/reconciliation')).body;

describe('selling at the counter (门店收银)', () => {
  it('sells from the store\'s own stock, paid at the till and handed over at once, leaving the online stock alone', async () => {
    const shop = await shopWithStores();
    await stockUp(shop, shop.nearId, [{ skuId: shop.cake, stock: 5 }, { skuId: shop.matcha, stock: 5 }]);
    const online = await onlineStock(shop);
    const quote = await shop.owner.post(`/admin/stores/${shop.nearId}/counter-quote`).send({ items: [{ skuId: shop.cake, quantity: 1 }, { skuId: shop.matcha, quantity: 1 }, { skuId: shop.cake, quantity: 1 }] });
    expect(quote.status, JSON.stringify(quote.body)).to.equal(200);
    expect(quote.body.payAmount).to.equal(8800 * 2 + 9800);

    // the same SKU listed twice adds up
    const sold = await shop.owner.post(`/admin/stores/${shop.nearId}/counter-orders`).send({ items: [{ skuId: shop.cake, quantity: 1 }, { skuId: shop.matcha, quantity: 1 }, { skuId: shop.cake, quantity: 1 }], payMethod: 'cash' });
    expect(sold.status, JSON.stringify(sold.body)).to.equal(201);
    expect(sold.body).to.include({ status: 'received', channel: 'counter', delivery: 'pickup', pickupKind: 'store', pickupPlaceId: shop.nearId, payAmount: 8800 * 2 + 9800, paidAmount: 8800 * 2 + 9800, storeKind: 'counter', payMethod: 'cash' });
    expect(await countAt(shop, shop.nearId, shop.cake)).to.equal(3);
    expect(await countAt(shop, shop.nearId, shop.matcha)).to.equal(4);
    expect(await onlineStock(shop), 'the online warehouses are not touched').to.deep.equal(online);

    // more than the store holds: refused, nothing sold
    const tooMany = await shop.owner.post(`/admin/stores/${shop.nearId}/counter-orders`).send({ items: [{ skuId: shop.cake, quantity: 2 }, { skuId: shop.cake, quantity: 2 }], payMethod: 'card' });
    expect(tooMany.status, JSON.stringify(tooMany.body)).to.equal(409);
    expect(tooMany.body.error.code).to.equal('store_out_of_stock');
    expect(await countAt(shop, shop.nearId, shop.cake)).to.equal(3);

    const listed = await shop.owner.get(`/admin/stores/${shop.nearId}/orders`);
    expect(listed.body.items.map((o: { id: number; storeKind: string }) => [o.id, o.storeKind])).to.deep.equal([[sold.body.id, 'counter']]);
    const detail = await shop.owner.get(`/admin/orders/${sold.body.id}`);
    expect(detail.status).to.equal(200);
    expect(detail.body.paymentMethod ?? 'till').to.equal('till');
  });

  it('never sells more than the store holds when ten tills race, and a double-tapped till sells once', async () => {
    const shop = await shopWithStores();
    await stockUp(shop, shop.nearId, [{ skuId: shop.cake, stock: 3 }]);
    const tries = await Promise.all(Array.from({ length: 10 }, () => shop.owner.post(`/admin/stores/${shop.nearId}/counter-orders`).send({ items: [{ skuId: shop.cake, quantity: 1 }], payMethod: 'cash' })));
    expect(tries.filter((r) => r.status === 201)).to.have.length(3);
    expect(tries.filter((r) => r.status !== 201).every((r) => r.status === 409 && r.body.error.code === 'store_out_of_stock'), JSON.stringify(tries.map((r) => r.body))).to.equal(true);
    expect(await countAt(shop, shop.nearId, shop.cake)).to.equal(0);

    await stockUp(shop, shop.nearId, [{ skuId: shop.cake, stock: 10 }]);
    const key = `till-${Date.now()}`;
    const taps = await Promise.all(Array.from({ length: 10 }, () => shop.owner.post(`/admin/stores/${shop.nearId}/counter-orders`).set('Idempotency-Key', key).send({ items: [{ skuId: shop.cake, quantity: 2 }], payMethod: 'wechat_scan' })));
    const ids = new Set(taps.filter((r) => r.status === 201).map((r) => r.body.id));
    expect(ids.size, JSON.stringify(taps.map((r) => [r.status, r.body.error?.code]))).to.equal(1);
    expect(taps.every((r) => r.status === 201 || (r.status === 409 && r.body.error.code === 'idempotency_in_progress'))).to.equal(true);
    expect(await countAt(shop, shop.nearId, shop.cake)).to.equal(8);
  });

  it('lets a clerk sell only at their own store', async () => {
    const shop = await shopWithStores();
    await stockUp(shop, shop.nearId, [{ skuId: shop.cake, stock: 5 }]);
    await stockUp(shop, shop.farId, [{ skuId: shop.cake, stock: 5 }]);
    const clerk = await staffWith(shop.m, ['stores.counter']);
    expect((await shop.owner.post(`/admin/stores/${shop.nearId}/clerks`).send({ staffId: clerk.id })).status).to.equal(200);
    const desk = shopApi(shop.m.slug, clerk.token);
    const sale = { items: [{ skuId: shop.cake, quantity: 1 }], payMethod: 'card' };
    const elsewhere = await desk.post(`/admin/stores/${shop.farId}/counter-orders`).send(sale);
    expect(elsewhere.status, JSON.stringify(elsewhere.body)).to.equal(404);
    const quoteElsewhere = await desk.post(`/admin/stores/${shop.farId}/counter-quote`).send({ items: sale.items });
    expect(quoteElsewhere.status, JSON.stringify(quoteElsewhere.body)).to.equal(404);
    expect(await countAt(shop, shop.farId, shop.cake)).to.equal(5);
    const mine = await desk.post(`/admin/stores/${shop.nearId}/counter-orders`).send(sale);
    expect(mine.status, JSON.stringify(mine.body)).to.equal(201);
    // another shop's staff reach nothing
    const other = await merchant();
    const theirs = await shopApi(other.slug, other.token).post(`/admin/stores/${shop.nearId}/counter-orders`).send(sale);
    expect(theirs.status, JSON.stringify(theirs.body)).to.equal(404);
    // a member of the shop may be named; a stranger may not
    const member = await shopper(shop.m.slug);
    const forMember = await desk.post(`/admin/stores/${shop.nearId}/counter-orders`).send({ ...sale, customerId: member.id });
    expect(forMember.status, JSON.stringify(forMember.body)).to.equal(201);
    expect(forMember.body.customerId).to.equal(member.id);
    const stranger = await desk.post(`/admin/stores/${shop.nearId}/counter-orders`).send({ ...sale, customerId: 99_999_999 });
    expect(stranger.status).to.equal(400);
    expect(stranger.body.error.details[0].field).to.equal('customerId');
  });

  it('keeps the books balanced to the fen after counter sales and a refund at the counter, and the shop cannot withdraw its till money', async () => {
    const shop = await shopWithStores();
    await stockUp(shop, shop.nearId, [{ skuId: shop.cake, stock: 20 }, { skuId: shop.matcha, stock: 20 }]);
    const before = await reconciliation();
    expect(before.balanced, JSON.stringify(before)).to.equal(true);
    const balance0 = (await shop.owner.get('/admin/finance/summary')).body;
    const a = await shop.owner.post(`/admin/stores/${shop.nearId}/counter-orders`).send({ items: [{ skuId: shop.cake, quantity: 3 }], payMethod: 'cash' });
    const b = await shop.owner.post(`/admin/stores/${shop.nearId}/counter-orders`).send({ items: [{ skuId: shop.matcha, quantity: 1 }, { skuId: shop.cake, quantity: 1 }], payMethod: 'card' });
    expect([a.status, b.status]).to.deep.equal([201, 201]);
    const mid = await reconciliation();
    expect(mid.balanced, JSON.stringify(mid)).to.equal(true);
    const tills = mid.flows.find((f: { name: string }) => f.name === 'tills');
    const tillsBefore = before.flows.find((f: { name: string }) => f.name === 'tills') ?? { moneyIn: 0, moneyOut: 0 };
    expect(tills.moneyIn - tillsBefore.moneyIn).to.equal(a.body.payAmount + b.body.payAmount);
    const balance1 = (await shop.owner.get('/admin/finance/summary')).body;
    expect(balance1, 'the shop holds its share in the till, not in its account').to.deep.equal(balance0);

    // a partial refund of one line, handed back at the counter
    const line = b.body.items.find((i: { specs: Record<string, string> }) => i.specs['口味'] === '原味');
    const refund = await shop.owner.post(`/admin/orders/${b.body.id}/refund`).send({ items: [{ orderItemId: line.id, quantity: 1 }], reason: '顾客退货' });
    expect(refund.status, JSON.stringify(refund.body)).to.equal(200);
    await runDueJobs();
    const after = (await shop.owner.get(`/admin/orders/${b.body.id}`)).body;
    expect(after.refundedAmount).to.equal(8800);
    const rec = await reconciliation();
    expect(rec.balanced, JSON.stringify(rec)).to.equal(true);
    expect(rec.difference).to.equal(0);
    // the whole of the other sale
    const whole = await shop.owner.post(`/admin/orders/${a.body.id}/refund`).send({ reason: '整单退' });
    expect(whole.status, JSON.stringify(whole.body)).to.equal(200);
    await runDueJobs();
    expect((await shop.owner.get(`/admin/orders/${a.body.id}`)).body.status).to.equal('refunded');
    const end = await reconciliation();
    expect(end.balanced, JSON.stringify(end)).to.equal(true);
    expect((await shop.owner.get('/admin/finance/summary')).body).to.deep.equal(balance0);
  });

  it('takes a store pickup order from the store\'s count only, and a cancel gives back to the store only', async () => {
    const shop = await shopWithStores();
    await stockUp(shop, shop.nearId, [{ skuId: shop.cake, stock: 4 }]);
    const online = await onlineStock(shop);
    const s = await shopper(shop.m.slug);
    const placed = await shopApi(shop.m.slug, s.token).post('/shop/orders').send({ items: [{ skuId: shop.cake, quantity: 3 }], storeId: shop.nearId });
    expect(placed.status, JSON.stringify(placed.body)).to.equal(201);
    expect(await countAt(shop, shop.nearId, shop.cake)).to.equal(1);
    expect(await onlineStock(shop), 'the warehouses keep their stock').to.deep.equal(online);
    const cancelled = await shopApi(shop.m.slug, s.token).post(`/shop/orders/${placed.body.id}/cancel`).send({});
    expect(cancelled.status, JSON.stringify(cancelled.body)).to.equal(200);
    expect(await countAt(shop, shop.nearId, shop.cake)).to.equal(4);
    expect(await onlineStock(shop), 'nothing given to the warehouses either').to.deep.equal(online);
  });

  it('splits the order list and the overview into online and in-store sales', async () => {
    const shop = await shopWithStores();
    await stockUp(shop, shop.nearId, [{ skuId: shop.cake, stock: 10 }]);
    const s = await shopper(shop.m.slug);
    const placed = await shopApi(shop.m.slug, s.token).post('/shop/orders').send({ items: [{ skuId: shop.cake, quantity: 1 }], storeId: shop.nearId });
    expect(placed.status, JSON.stringify(placed.body)).to.equal(201);
    const started = await shopApi(shop.m.slug, s.token).post(`/shop/orders/${placed.body.id}/pay`).send({ method: 'sandbox' });
    expect((await api().post(`/payments/sandbox/${started.body.paymentId}/confirm`)).status).to.equal(200);
    const sold = await shop.owner.post(`/admin/stores/${shop.nearId}/counter-orders`).send({ items: [{ skuId: shop.cake, quantity: 2 }], payMethod: 'cash' });
    expect(sold.status).to.equal(201);

    const counter = await shop.owner.get('/admin/orders').query({ channel: 'counter' });
    expect(counter.status, JSON.stringify(counter.body)).to.equal(200);
    expect(counter.body.items.map((o: { id: number }) => o.id)).to.deep.equal([sold.body.id]);
    expect(counter.body.items[0].paymentMethod).to.equal('till');
    const onlineOrders = await shop.owner.get('/admin/orders').query({ channel: 'online' });
    expect(onlineOrders.body.items.map((o: { id: number; channel: string }) => [o.id, o.channel])).to.deep.equal([[placed.body.id, 'online']]);
    expect((await shop.owner.get('/admin/orders').query({ channel: 'shop' })).status).to.equal(400);

    const bench = await shop.owner.get('/admin/workbench');
    expect(bench.status, JSON.stringify(bench.body)).to.equal(200);
    const split = { online: { orders: 1, amount: 8800 }, counter: { orders: 1, amount: 17600 } };
    expect(bench.body.channels).to.deep.equal({ today: split, month: split });
  });

  it('applies a coupon the shopper shows at the counter to a sale, and marks a shown coupon used once however many clerks verify it', async () => {
    const shop = await shopWithStores();
    await stockUp(shop, shop.nearId, [{ skuId: shop.cake, stock: 10 }]);
    const coupon = await shop.owner.post('/admin/marketing/coupons').send({ name: '到店立减', kind: 'amount', value: 1000, total: 10, perShopper: 2, startsAt: new Date(Date.now() - 3_600_000).toISOString(), endsAt: new Date(Date.now() + 30 * 86_400_000).toISOString() });
    expect(coupon.status, JSON.stringify(coupon.body)).to.equal(201);
    const s = await shopper(shop.m.slug);
    const me = shopApi(shop.m.slug, s.token);
    expect((await me.post(`/shop/coupons/${coupon.body.id}/claim`).send({})).status).to.equal(201);
    expect((await me.post(`/shop/coupons/${coupon.body.id}/claim`).send({})).status).to.equal(201);
    const mine = (await me.get('/shop/me/coupons')).body.items as Array<{ id: number; code: string }>;
    expect(mine).to.have.length(2);
    const [first, second] = mine.map((h) => h.code) as [string, string];
    expect(first).to.match(/^[A-Z0-9]{10}$/);

    const looked = await shop.owner.get(`/admin/stores/${shop.nearId}/coupon`).query({ code: first.toLowerCase() });
    expect(looked.status, JSON.stringify(looked.body)).to.equal(200);
    expect(looked.body).to.include({ status: 'unused', usable: true });
    const quoted = await shop.owner.post(`/admin/stores/${shop.nearId}/counter-quote`).send({ items: [{ skuId: shop.cake, quantity: 1 }], couponCode: first });
    expect(quoted.status, JSON.stringify(quoted.body)).to.equal(200);
    expect(quoted.body).to.include({ payAmount: 7800, customerId: s.id });
    const sold = await shop.owner.post(`/admin/stores/${shop.nearId}/counter-orders`).send({ items: [{ skuId: shop.cake, quantity: 1 }], couponCode: first, payMethod: 'cash' });
    expect(sold.status, JSON.stringify(sold.body)).to.equal(201);
    expect(sold.body).to.include({ payAmount: 7800, customerId: s.id });
    const again = await shop.owner.post(`/admin/stores/${shop.nearId}/counter-orders`).send({ items: [{ skuId: shop.cake, quantity: 1 }], couponCode: first, payMethod: 'cash' });
    expect(again.status, 'a used code sells nothing').to.equal(409);
    expect(await countAt(shop, shop.nearId, shop.cake)).to.equal(9);

    const verifies = await Promise.all(Array.from({ length: 10 }, () => shop.owner.post(`/admin/stores/${shop.nearId}/verify-coupon`).send({ code: second })));
    expect(verifies.filter((r) => r.status === 200), JSON.stringify(verifies.map((r) => r.body))).to.have.length(1);
    expect(verifies.filter((r) => r.status === 409 && r.body.error.code === 'coupon_code_used')).to.have.length(9);
    expect(((await me.get('/shop/me/coupons').query({ status: 'used' })).body.items as unknown[]).length).to.equal(2);

    // another shop's clerk, and an unknown code
    const other = await merchant();
    const theirStore = await shopApi(other.slug, other.token).post('/admin/stores').send(store('别家店', 30.27, 120.15));
    expect((await shopApi(other.slug, other.token).post(`/admin/stores/${theirStore.body.id}/verify-coupon`).send({ code: second })).status).to.equal(404);
    expect((await shop.owner.post(`/admin/stores/${shop.nearId}/verify-coupon`).send({ code: 'ZZZZZZZZZZ' })).status).to.equal(404);
  });
});
