/**
 * Points and member levels (modules/membership): every rule on SQLite, then on MariaDB + Redis where
 * the races are real: ten check-ins at once, two orders spending the same points, the completed
 * event delivered twice, a refund after the points were spent, and a second shop that sees nothing.
 */
import { expect } from 'chai';
import { clock, days } from '../../server/src/core/clock.js';
import { runInContext, systemContext } from '../../server/src/core/context.js';
import { runDueJobs } from '../../server/src/core/jobs.js';
import { creditCompletedOrder } from '../../server/src/modules/membership/earning.js';
import { addressOf, merchant, paidOrder, shopper, staffWith, storeWithProduct, type TestShopper } from '../factories/index.js';
import { api, shopApi } from '../support/http.js';

const LEVELS = [
  { name: '普通会员', growth: 0, discountPercent: 0 },
  { name: '银卡会员', growth: 30, discountPercent: 10 },
  { name: '金卡会员', growth: 100000, discountPercent: 20, freeShipping: true },
];
const RULES = { pointsPerYuan: 2, pointValueFen: 1, maxPointsPercent: 50, checkinPoints: 5, reviewPoints: 10, growthPerYuan: 1, levels: LEVELS };

const race = <T>(n: number, fn: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => fn(i)));
const fields = (res: { body: { error?: { details?: Array<{ field: string }> } } }) => (res.body.error?.details ?? []).map((d) => d.field).sort();

async function shop(rules: Record<string, unknown> = RULES) {
  const store = await storeWithProduct({ stock: 100 });
  const owner = shopApi(store.m.slug, store.m.token);
  const saved = await owner.put('/admin/membership/settings').send(rules);
  expect(saved.status, JSON.stringify(saved.body)).to.equal(200);
  // orders complete at once after receipt
  expect((await owner.patch('/admin/settings').send({ orders: { afterSalesDays: 0 } })).status).to.equal(200);
  return { ...store, owner, price: store.listing.skus[0]!.price };
}

type Shop = Awaited<ReturnType<typeof shop>>;

/** Paid, shipped, received: completed by the next jobs pass (after-sales window 0). */
async function completedOrder(x: Shop, s: TestShopper, quantity = 1, extra: Record<string, unknown> = {}): Promise<{ id: number; payAmount: number }> {
  const order = await paidOrder(x.m.slug, s.token, { items: [{ skuId: x.skuId, quantity }], addressId: await addressOf(x.m.slug, s.token), ...extra });
  const sup = api({ token: x.product.supplier.token });
  const queue = (await sup.get('/supplier/fulfillments?status=to_ship&pageSize=100')).body.items as Array<{ id: number; orderNo: string }>;
  for (const f of queue.filter((f) => f.orderNo === order.orderNo)) expect((await sup.post(`/supplier/fulfillments/${f.id}/ship`).send({ carrier: 'ems', trackingNo: `EMS${Date.now()}${f.id}` })).status).to.equal(200);
  expect((await shopApi(x.m.slug, s.token).post(`/shop/orders/${order.id}/receive`)).status).to.equal(200);
  await runDueJobs();
  expect((await shopApi(x.m.slug, s.token).get(`/shop/orders/${order.id}`)).body.status).to.equal('completed');
  return order;
}

const points = async (slug: string, s: TestShopper) => (await shopApi(slug, s.token).get('/shop/me/points?pageSize=100')).body as { balance: number; items: Array<{ kind: string; points: number; shortfall: number; orderId: number | null }> };

describe('membership: points and levels', () => {
  it('is off until the merchant saves it, refuses bad settings naming the field, needs membership.manage', async () => {
    const { m, s } = await storeWithProduct();
    const owner = shopApi(m.slug, m.token);
    expect((await owner.get('/admin/membership/settings')).body).to.deep.include({ enabled: false, levels: [] });
    expect((await shopApi(m.slug, s.token).post('/shop/me/checkin')).body.error.code).to.equal('membership_off');
    expect((await shopApi(m.slug, s.token).get('/shop/me')).body).not.to.have.property('level');

    const bad: Array<[Record<string, unknown>, string[]]> = [
      [{ ...RULES, pointValueFen: 0 }, ['pointValueFen']],
      [{ ...RULES, levels: [LEVELS[0], { ...LEVELS[1], growth: 0 }] }, ['levels.1.growth']],
      [{ ...RULES, levels: [{ ...LEVELS[0], discountPercent: 100 }] }, ['levels.0.discountPercent']],
      [{ ...RULES, levels: [{ ...LEVELS[0], growth: 5 }] }, ['levels.0.growth']],
      [{ ...RULES, levels: [LEVELS[0], { ...LEVELS[1], name: '普通会员' }] }, ['levels.1.name']],
      [{ ...RULES, colour: 'red' }, ['colour']],
    ];
    for (const [body, expected] of bad) {
      const res = await owner.put('/admin/membership/settings').send(body);
      expect(res.status, JSON.stringify(body)).to.equal(400);
      expect(fields(res).map((f) => f.replace(/\[(\d+)\]/g, '.$1')), JSON.stringify(res.body)).to.deep.equal(expected);
    }
    const saved = await owner.put('/admin/membership/settings').send(RULES);
    expect(saved.status, JSON.stringify(saved.body)).to.equal(200);
    expect(saved.body).to.deep.include({ enabled: true, pointsPerYuan: 2, checkinPoints: 5 });
    expect(saved.body.levels[2]).to.deep.equal({ name: '金卡会员', growth: 100000, discountPercent: 20, freeShipping: true });
    expect((await owner.get('/admin/membership/settings')).body).to.deep.equal(saved.body);
    expect((await shopApi(m.slug, s.token).get('/shop/me')).body.level).to.deep.equal({ name: '普通会员', rank: 0 });

    const clerk = await staffWith(m, ['orders.read']);
    expect((await shopApi(m.slug, clerk.token).get('/admin/membership/settings')).status).to.equal(403);
    expect((await shopApi(m.slug, clerk.token).put('/admin/membership/settings').send(RULES)).status).to.equal(403);
  });

  it('awards one check-in a day when ten race, and counts the streak', async () => {
    const x = await shop();
    const replies = await race(10, () => shopApi(x.m.slug, x.s.token).post('/shop/me/checkin'));
    const ok = replies.filter((r) => r.status === 200);
    expect(ok, JSON.stringify(replies.map((r) => r.body))).to.have.length(1);
    expect(ok[0]!.body).to.deep.equal({ points: 5, balance: 5, streak: 1 });
    expect(replies.filter((r) => r.status === 409).every((r) => r.body.error.code === 'already_checked_in')).to.equal(true);
    expect((await points(x.m.slug, x.s)).balance).to.equal(5);
    expect((await shopApi(x.m.slug, x.s.token).get('/shop/me/level')).body).to.include({ checkedInToday: true, streak: 1, balance: 5 });

    clock.travel(days(1));
    const token = (await shopApi(x.m.slug).post('/shop/auth/login').send({ phone: x.s.phone, password: x.s.password })).body.token;
    expect((await shopApi(x.m.slug, token).post('/shop/me/checkin')).body).to.deep.equal({ points: 5, balance: 10, streak: 2 });
  });

  it('credits an order once when it completes, even when the event comes twice at once; the level follows growth', async () => {
    const x = await shop();
    const order = await completedOrder(x, x.s, 2);
    const goods = x.price * 2;
    const first = await points(x.m.slug, x.s);
    expect(first.balance).to.equal(Math.floor((goods * 2) / 100));
    expect(first.items.filter((i) => i.kind === 'earn_order')).to.have.length(1);

    const ctx = systemContext('test', x.m.id);
    await runInContext(ctx, () => Promise.all([creditCompletedOrder(ctx, order.id), creditCompletedOrder(ctx, order.id)]));
    const again = await points(x.m.slug, x.s);
    expect(again.balance, 'delivered again: nothing more').to.equal(first.balance);
    expect(again.items).to.have.length(1);

    const level = (await shopApi(x.m.slug, x.s.token).get('/shop/me/level')).body;
    expect(level.growth).to.equal(Math.floor(goods / 100));
    expect(level.level).to.include({ name: '银卡会员', rank: 1, discountPercent: 10 });
    expect(level.next).to.include({ name: '金卡会员', needed: 100000 - level.growth });
    expect((await shopApi(x.m.slug, x.s.token).get('/shop/me')).body.level).to.deep.equal({ name: '银卡会员', rank: 1 });
  });

  it('prices the member discount per line, and the gold level ships free', async () => {
    const x = await shop({ ...RULES, levels: [LEVELS[0], { ...LEVELS[1], growth: 1, freeShipping: true }] });
    await completedOrder(x, x.s);
    const addressId = await addressOf(x.m.slug, x.s.token);
    const q = (await shopApi(x.m.slug, x.s.token).post('/shop/orders/quote').send({ items: [{ skuId: x.skuId, quantity: 3 }], addressId })).body;
    const member = q.adjustments.find((a: { type: string }) => a.type === 'member_discount');
    expect(member, JSON.stringify(q)).to.deep.include({ label: '银卡会员9折', amount: -Math.floor((x.price * 3) / 10), lines: [{ index: 0, amount: -Math.floor((x.price * 3) / 10) }] });
    expect(q.discounts.map((d: { kind: string }) => d.kind)).to.include('member_discount');
    if (q.freightAmount > 0) expect(q.adjustments.find((a: { type: string }) => a.type === 'free_shipping')).to.include({ amount: -q.freightAmount, onFreight: true });
  });

  it('spends points in the quote capped by the percentage and the balance; two orders racing for the same points: one fails; cancelling gives them back', async () => {
    const x = await shop({ ...RULES, levels: [] });
    const owner = x.owner;
    expect((await owner.post(`/admin/membership/members/${x.s.id}/points`).send({ points: 300, reason: '测试' })).status).to.equal(201);
    const addressId = await addressOf(x.m.slug, x.s.token);
    const body = { items: [{ skuId: x.skuId, quantity: 1 }], addressId, usePoints: 100000 };
    const q = (await shopApi(x.m.slug, x.s.token).post('/shop/orders/quote').send(body)).body;
    const spent = Math.min(300, Math.floor(x.price / 2));
    expect(q.adjustments.find((a: { type: string }) => a.type === 'points'), JSON.stringify(q)).to.deep.include({ amount: -spent, label: `积分抵扣（${spent}积分）` });

    const replies = await race(2, () => shopApi(x.m.slug, x.s.token).post('/shop/orders').send({ ...body, usePoints: 300 }));
    const placed = replies.filter((r) => r.status === 201);
    expect(placed, JSON.stringify(replies.map((r) => r.body))).to.have.length(1);
    expect(replies.find((r) => r.status !== 201)!.body.error.code).to.equal('insufficient_points');
    expect((await points(x.m.slug, x.s)).balance).to.equal(300 - spent);

    expect((await shopApi(x.m.slug, x.s.token).post(`/shop/orders/${placed[0]!.body.id}/cancel`)).status).to.equal(200);
    const after = await points(x.m.slug, x.s);
    expect(after.balance, 'given back').to.equal(300);
    expect(after.items.map((i) => i.kind)).to.deep.equal(['spend_release', 'spend_order', 'admin_adjust']);
  });

  it('takes points back by a refund in proportion, never below zero once they were spent', async () => {
    const x = await shop({ ...RULES, maxPointsPercent: 100, levels: [] });
    const order = await completedOrder(x, x.s, 2);
    const earned = (await points(x.m.slug, x.s)).balance;
    expect(earned).to.be.greaterThan(0);
    // spend them all on a second, paid order
    await paidOrder(x.m.slug, x.s.token, { items: [{ skuId: x.skuId, quantity: 1 }], addressId: await addressOf(x.m.slug, x.s.token), usePoints: earned });
    expect((await points(x.m.slug, x.s)).balance).to.equal(0);
    const refunded = await x.owner.post(`/admin/orders/${order.id}/refund`).send({ reason: '质量问题' });
    expect(refunded.status, JSON.stringify(refunded.body)).to.equal(200);
    const after = await points(x.m.slug, x.s);
    expect(after.balance, 'never below zero').to.equal(0);
    const reversal = after.items.find((i) => i.kind === 'refund_reversal')!;
    expect(reversal).to.include({ points: 0, shortfall: earned, orderId: order.id });
    expect((await shopApi(x.m.slug, x.s.token).get('/shop/me/level')).body.growth, 'growth goes back with the money').to.equal(0);
  });

  it('gives half the points back for half the order refunded', async () => {
    const x = await shop({ ...RULES, levels: [] });
    const order = await completedOrder(x, x.s, 2);
    const earned = (await points(x.m.slug, x.s)).balance;
    const line = (await x.owner.get(`/admin/orders/${order.id}`)).body.items[0];
    expect((await x.owner.post(`/admin/orders/${order.id}/refund`).send({ reason: '少发一件', items: [{ orderItemId: line.id, quantity: 1 }] })).status).to.equal(200);
    expect((await points(x.m.slug, x.s)).balance).to.equal(earned - Math.floor(earned / 2));
  });

  it('credits a review once', async () => {
    const x = await shop({ ...RULES, levels: [] });
    const order = await completedOrder(x, x.s);
    const before = (await points(x.m.slug, x.s)).balance;
    const item = (await shopApi(x.m.slug, x.s.token).get(`/shop/orders/${order.id}`)).body.items[0];
    const replies = await race(3, () => shopApi(x.m.slug, x.s.token).post(`/shop/products/${x.listing.id}/reviews`).send({ orderItemId: item.id, rating: 5 }));
    expect(replies.filter((r) => r.status === 201)).to.have.length(1);
    await runDueJobs();
    await runDueJobs();
    expect((await points(x.m.slug, x.s)).balance).to.equal(before + 10);
  });

  it('expires a year\'s points at the end of the next year, once', async () => {
    const x = await shop({ ...RULES, levels: [] });
    expect((await shopApi(x.m.slug, x.s.token).post('/shop/me/checkin')).status).to.equal(200);
    const soon = (await points(x.m.slug, x.s));
    expect(soon.balance).to.equal(5);
    clock.travel(days(366));
    await runDueJobs();
    let token = (await shopApi(x.m.slug).post('/shop/auth/login').send({ phone: x.s.phone, password: x.s.password })).body.token;
    expect((await points(x.m.slug, { ...x.s, token })).balance, 'not yet: a year later').to.equal(5);
    clock.travel(days(400));
    await runDueJobs();
    await runDueJobs();
    token = (await shopApi(x.m.slug).post('/shop/auth/login').send({ phone: x.s.phone, password: x.s.password })).body.token;
    const after = await points(x.m.slug, { ...x.s, token });
    expect(after.balance).to.equal(0);
    expect(after.items.filter((i) => i.kind === 'expire')).to.have.length(1);
  });

  it('lets staff look a shopper up, adjust with a reason (never below zero), and keeps shops apart', async () => {
    const x = await shop({ ...RULES, levels: [] });
    const other = await merchant();
    const stranger = await shopper(other.slug);
    const ownerB = shopApi(other.slug, other.token);
    expect((await ownerB.put('/admin/membership/settings').send(RULES)).status).to.equal(200);

    const add = await x.owner.post(`/admin/membership/members/${x.s.id}/points`).send({ points: 50, reason: '客诉补偿' });
    expect(add.body).to.include({ balance: 50 });
    expect((await x.owner.post(`/admin/membership/members/${x.s.id}/points`).send({ points: -80, reason: '扣回' })).body.error.code).to.equal('insufficient_points');
    expect((await x.owner.post(`/admin/membership/members/${x.s.id}/points`).send({ points: 0, reason: '' })).status).to.equal(400);
    const detail = (await x.owner.get(`/admin/membership/members/${x.s.id}`)).body;
    expect(detail.member).to.include({ customerId: x.s.id, balance: 50 });
    expect(detail.items[0]).to.include({ kind: 'admin_adjust', points: 50, note: '客诉补偿' });
    expect((await x.owner.get('/admin/membership/members')).body.items.map((i: { customerId: number }) => i.customerId)).to.include(x.s.id);

    // the other shop cannot see or change this shopper, nor its own shopper see these points
    expect((await ownerB.get(`/admin/membership/members/${x.s.id}`)).status).to.equal(404);
    expect((await ownerB.post(`/admin/membership/members/${x.s.id}/points`).send({ points: 10, reason: '越权' })).status).to.equal(404);
    expect((await x.owner.get(`/admin/membership/members/${stranger.id}`)).status).to.equal(404);
    expect((await ownerB.get('/admin/membership/members')).body.items).to.deep.equal([]);
    expect((await points(other.slug, stranger)).balance).to.equal(0);
    expect((await points(x.m.slug, x.s)).balance).to.equal(50);
  });

  it('redeems a points-mall item as an order of its cash part; two redemptions racing for the points: one fails; cancelling gives them back; shops apart', async () => {
    const x = await shop({ ...RULES, levels: [] });
    const bad: Array<[Record<string, unknown>, string[]]> = [
      [{ skuId: 999999999, points: 100 }, ['skuId']],
      [{ skuId: x.skuId, points: 100, cash: x.price }, ['cash']],
      // below what the shop pays its supplier for it
      [{ skuId: x.skuId, points: 100, cash: 1 }, ['cash']],
      [{ skuId: x.skuId, points: 0 }, ['points']],
    ];
    for (const [body, expected] of bad) expect(fields(await x.owner.post('/admin/membership/mall').send(body)), JSON.stringify(body)).to.deep.equal(expected);
    const cash = x.price - 100;
    const created = await x.owner.post('/admin/membership/mall').send({ skuId: x.skuId, points: 100, cash });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    const listed = (await shopApi(x.m.slug).get('/shop/points-mall')).body.items;
    expect(listed).to.have.length(1);
    expect(listed[0]).to.include({ id: created.body.id, skuId: x.skuId, productId: x.listing.id, price: x.price, points: 100, cash, sellable: true });
    await x.owner.post(`/admin/membership/members/${x.s.id}/points`).send({ points: 150, reason: '测试' });
    const addressId = await addressOf(x.m.slug, x.s.token);
    const replies = await race(2, () => shopApi(x.m.slug, x.s.token).post(`/shop/points-mall/${created.body.id}/redeem`).send({ addressId }));
    const placed = replies.filter((r) => r.status === 201);
    expect(placed, JSON.stringify(replies.map((r) => r.body))).to.have.length(1);
    expect(replies.find((r) => r.status !== 201)!.body.error.code).to.equal('insufficient_points');
    const order = placed[0]!.body;
    expect(order.status).to.equal('pending_payment');
    expect(order.payAmount).to.equal(cash + order.freightAmount);
    expect(order.discounts).to.deep.equal([{ kind: 'points_mall', label: '积分兑换（100积分）', amount: cash - x.price }]);
    expect((await points(x.m.slug, x.s)).balance).to.equal(50);

    expect((await shopApi(x.m.slug, x.s.token).post(`/shop/orders/${order.id}/cancel`)).status).to.equal(200);
    expect((await points(x.m.slug, x.s)).balance, 'given back').to.equal(150);

    const other = await merchant();
    const stranger = await shopper(other.slug);
    expect((await shopApi(other.slug, other.token).put('/admin/membership/settings').send(RULES)).status).to.equal(200);
    expect((await shopApi(other.slug).get('/shop/points-mall')).body.items).to.deep.equal([]);
    expect((await shopApi(other.slug, stranger.token).post(`/shop/points-mall/${created.body.id}/redeem`).send({ addressId: await addressOf(other.slug, stranger.token) })).status).to.equal(404);
    expect((await shopApi(other.slug, other.token).delete(`/admin/membership/mall/${created.body.id}`)).status).to.equal(404);
    expect((await x.owner.delete(`/admin/membership/mall/${created.body.id}`)).body).to.deep.equal({ deleted: true });
    expect((await shopApi(x.m.slug, x.s.token).post(`/shop/points-mall/${created.body.id}/redeem`).send({ addressId })).status).to.equal(404);
  });
});
