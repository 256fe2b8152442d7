/**
 * 拼团 end to end through the API: a leader's payment opens a group, members join and pay, the
 * group succeeds when full (then, and only then, its orders go to fulfilment), or fails at its
 * deadline and every paid member is refunded once through the original payment; auto-fill
 * completes it by simulation. Seats are taken by a conditional update, so parallel joins never
 * overfill a group.
 */
import { expect } from 'chai';
import sinon from 'sinon';
import { clock, hours, minutes } from '../../server/src/core/clock.js';
import { acrossTenants } from '../../server/src/core/db/index.js';
import { runDueJobs } from '../../server/src/core/jobs.js';
import { closeExpired } from '../../server/src/modules/groupbuy/index.js';
import { Refund } from '../../server/src/modules/payments/model.js';
import { SandboxGateway } from '../../server/src/modules/payments/providers/sandbox.js';
import { systemContext, runInContext } from '../../server/src/core/context.js';
import { api, shopApi } from '../support/http.js';
import { addressOf, shopper, storeWithProduct, type TestMerchant } from '../factories/index.js';
import { assertBooksBalance, orderLines } from '../factories/money.js';

const GROUP_PRICE = 1200;

async function groupShop(opts: { groupSize?: number; autoFill?: boolean; stock?: number; hours?: number } = {}) {
  const shop = await storeWithProduct({ stock: opts.stock ?? 100 });
  const now = clock.now();
  const created = await shopApi(shop.m.slug, shop.m.token)
    .post('/admin/marketing/group-buys')
    .send({ productId: shop.listing.id, groupSize: opts.groupSize ?? 3, hours: opts.hours ?? 24, autoFill: opts.autoFill ?? false, startsAt: new Date(now.getTime() - minutes(1)).toISOString(), endsAt: new Date(now.getTime() + hours(240)).toISOString(), prices: [{ skuId: shop.skuId, price: GROUP_PRICE }] });
  expect(created.status, JSON.stringify(created.body)).to.equal(201);
  return { ...shop, activityId: created.body.id as number };
}

async function buyer(m: TestMerchant) {
  const s = await shopper(m.slug);
  return { ...s, addressId: await addressOf(m.slug, s.token) };
}

async function pay(slug: string, token: string, orderId: number): Promise<void> {
  const started = await shopApi(slug, token).post(`/shop/orders/${orderId}/pay`).send({ method: 'sandbox' });
  expect(started.status, JSON.stringify(started.body)).to.equal(200);
  const confirmed = await api().post(`/payments/sandbox/${started.body.paymentId}/confirm`);
  expect(confirmed.status, JSON.stringify(confirmed.body)).to.equal(200);
  await runDueJobs();
}

type Shop = Awaited<ReturnType<typeof groupShop>>;
type Buyer = Awaited<ReturnType<typeof buyer>>;

function open(shop: Shop, b: Buyer) {
  return shopApi(shop.m.slug, b.token).post(`/shop/group-buys/${shop.activityId}/groups`).send({ skuId: shop.skuId, addressId: b.addressId });
}

function join(shop: Shop, b: Buyer, groupId: number) {
  return shopApi(shop.m.slug, b.token).post(`/shop/groups/${groupId}/join`).send({ skuId: shop.skuId, addressId: b.addressId });
}

/** A group whose leader paid: open to join. */
async function openedGroup(shop: Shop) {
  const leader = await buyer(shop.m);
  const opened = await open(shop, leader);
  expect(opened.status, JSON.stringify(opened.body)).to.equal(201);
  await pay(shop.m.slug, leader.token, opened.body.order.id);
  return { leader, groupId: opened.body.group.id as number, leaderOrder: opened.body.order.id as number };
}

async function joinedAndPaid(shop: Shop, groupId: number) {
  const b = await buyer(shop.m);
  const joined = await join(shop, b, groupId);
  expect(joined.status, JSON.stringify(joined.body)).to.equal(201);
  await pay(shop.m.slug, b.token, joined.body.order.id);
  return { ...b, orderId: joined.body.order.id as number };
}

const group = (shop: Shop, groupId: number) => shopApi(shop.m.slug).get(`/shop/groups/${groupId}`);
const fulfilmentStatuses = async (shop: Shop, orderId: number) => (await orderLines(shop.m, orderId)).fulfillments.map((f) => f.status);

async function refundsOf(orderId: number): Promise<number> {
  return acrossTenants('test', () => Refund.count({ where: { orderId } }));
}

async function sweepTwiceAtOnce(tenantId: number, groupId: number): Promise<void> {
  const ctx = systemContext('test', tenantId);
  await runInContext(ctx, () => Promise.all([closeExpired(ctx, groupId), closeExpired(ctx, groupId)]));
  await runDueJobs();
}

describe('group buys (拼团)', function () {
  this.timeout(120_000);

  it('opens a group when its leader pays, and sends its orders to fulfilment only when it is full', async () => {
    const shop = await groupShop({ groupSize: 3 });
    const leader = await buyer(shop.m);
    const opened = await open(shop, leader);
    expect(opened.status, JSON.stringify(opened.body)).to.equal(201);
    expect(opened.body.group).to.include({ status: 'forming', needed: 3, open: false });
    expect(opened.body.order.discounts).to.deep.equal([{ kind: 'group_buy', label: '拼团价（3人团）', amount: GROUP_PRICE - 1500 }]);
    expect(opened.body.order.payAmount).to.equal(GROUP_PRICE + opened.body.order.freightAmount);

    // not open before the leader pays: invisible to others, nobody joins
    const early = await buyer(shop.m);
    expect((await group(shop, opened.body.group.id)).status).to.equal(404);
    const refused = await join(shop, early, opened.body.group.id);
    expect(refused.status).to.equal(409);
    expect(refused.body.error.code).to.equal('group_not_open');

    await pay(shop.m.slug, leader.token, opened.body.order.id);
    const groupId = opened.body.group.id as number;
    expect((await group(shop, groupId)).body).to.include({ status: 'forming', needed: 2, open: true });
    expect(await fulfilmentStatuses(shop, opened.body.order.id), 'held until the group fills').to.deep.equal(['pending']);
    const activityPage = await shopApi(shop.m.slug).get(`/shop/group-buys/${shop.activityId}`);
    expect(activityPage.status, JSON.stringify(activityPage.body)).to.equal(200);
    expect(activityPage.body).to.include({ groupPrice: GROUP_PRICE, price: 1500, status: 'running' });
    expect(activityPage.body.groups.map((g: { id: number }) => g.id)).to.deep.equal([groupId]);

    const b = await joinedAndPaid(shop, groupId);
    expect(await fulfilmentStatuses(shop, b.orderId)).to.deep.equal(['pending']);
    const c = await joinedAndPaid(shop, groupId);
    const done = (await group(shop, groupId)).body;
    expect(done).to.include({ status: 'succeeded', needed: 0, simulated: false });
    expect(done.members).to.have.length(3);
    expect(done.members[0].leader).to.equal(true);
    for (const orderId of [opened.body.order.id, b.orderId, c.orderId]) expect(await fulfilmentStatuses(shop, orderId)).to.deep.equal(['to_ship']);

    const late = await join(shop, await buyer(shop.m), groupId);
    expect(late.status).to.equal(409);
    expect(late.body.error.code).to.equal('group_closed');

    const figures = (await shopApi(shop.m.slug, shop.m.token).get(`/admin/marketing/group-buys/${shop.activityId}`)).body.figures;
    expect(figures).to.include({ groupsOpened: 1, succeeded: 1, failed: 0, orders: 3, refunds: 0 });
    expect(figures.gmv).to.equal(3 * opened.body.order.payAmount);
    const groups = (await shopApi(shop.m.slug, shop.m.token).get(`/admin/marketing/group-buys/${shop.activityId}/groups`)).body;
    expect(groups.items[0].members.map((m: { orderId: number }) => m.orderId)).to.have.members([opened.body.order.id, b.orderId, c.orderId]);
    await assertBooksBalance();
  });

  it('gives the last seat to exactly one of eight shoppers racing for it', async () => {
    const shop = await groupShop({ groupSize: 2 });
    const { groupId } = await openedGroup(shop);
    const racers = await Promise.all(Array.from({ length: 8 }, () => buyer(shop.m)));
    const results = await Promise.all(racers.map((b) => join(shop, b, groupId)));
    const won = results.filter((r) => r.status === 201);
    expect(won, JSON.stringify(results.map((r) => r.body))).to.have.length(1);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.error.code === 'group_full')).to.equal(true);
    const winner = racers[results.indexOf(won[0]!)]!;
    await pay(shop.m.slug, winner.token, won[0]!.body.order.id);
    expect((await group(shop, groupId)).body).to.include({ status: 'succeeded', needed: 0 });
  });

  it('lets a shopper into a group once, even with four joins at once, and never twice into their own', async () => {
    const shop = await groupShop({ groupSize: 5 });
    const { groupId, leader } = await openedGroup(shop);
    const own = await join(shop, leader, groupId);
    expect(own.status).to.equal(409);
    expect(own.body.error.code).to.equal('already_in_group');
    const b = await buyer(shop.m);
    const results = await Promise.all([1, 2, 3, 4].map(() => join(shop, b, groupId)));
    expect(results.filter((r) => r.status === 201), JSON.stringify(results.map((r) => r.body))).to.have.length(1);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.error.code === 'already_in_group')).to.equal(true);
  });

  it('gives a seat back when an unpaid member cancels, so another shopper can take it', async () => {
    const shop = await groupShop({ groupSize: 2 });
    const { groupId } = await openedGroup(shop);
    const b = await buyer(shop.m);
    const joined = await join(shop, b, groupId);
    expect(joined.status).to.equal(201);
    const c = await buyer(shop.m);
    expect((await join(shop, c, groupId)).body.error.code).to.equal('group_full');
    expect((await shopApi(shop.m.slug, b.token).post(`/shop/orders/${joined.body.order.id}/cancel`)).status).to.equal(200);
    const second = await join(shop, c, groupId);
    expect(second.status, JSON.stringify(second.body)).to.equal(201);
  });

  it('fails a group at its deadline: each paid member refunded once, even by two sweeps at once; the unpaid order cancelled; the books balance', async () => {
    const shop = await groupShop({ groupSize: 4, hours: 2 });
    const { groupId, leaderOrder } = await openedGroup(shop);
    const b = await joinedAndPaid(shop, groupId);
    const c = await buyer(shop.m);
    const unpaid = await join(shop, c, groupId);
    expect(unpaid.status).to.equal(201);

    clock.travel(hours(2) + minutes(1));
    await sweepTwiceAtOnce(shop.m.id, groupId);
    await runDueJobs();

    expect((await group(shop, groupId)).body.status).to.equal('failed');
    for (const orderId of [leaderOrder, b.orderId]) {
      const o = await orderLines(shop.m, orderId);
      expect(o).to.include({ status: 'refunded', refundedAmount: o.payAmount });
      expect(await refundsOf(orderId), 'refunded once').to.equal(1);
    }
    expect((await orderLines(shop.m, unpaid.body.order.id)).status).to.equal('cancelled');
    expect(await refundsOf(unpaid.body.order.id)).to.equal(0);
    const figures = (await shopApi(shop.m.slug, shop.m.token).get(`/admin/marketing/group-buys/${shop.activityId}`)).body.figures;
    expect(figures).to.include({ groupsOpened: 1, failed: 1, succeeded: 0, orders: 2, refunds: 2 });
    await assertBooksBalance();
  });

  it('refunds each paid member once when the gateway fails halfway through, the rest sent again by the refund job', async () => {
    const shop = await groupShop({ groupSize: 3, hours: 1 });
    const { groupId, leaderOrder } = await openedGroup(shop);
    const b = await joinedAndPaid(shop, groupId);
    const refundCall = sinon.stub(SandboxGateway.prototype, 'refund');
    refundCall.onCall(0).callThrough();
    refundCall.onCall(1).rejects(Object.assign(new Error('Request failed with status code 500'), { status: 500 }));
    refundCall.callThrough();

    clock.travel(hours(1) + minutes(1));
    await runDueJobs();
    await sweepTwiceAtOnce(shop.m.id, groupId);
    clock.travel(minutes(10));
    await runDueJobs();

    for (const orderId of [leaderOrder, b.orderId]) {
      const o = await orderLines(shop.m, orderId);
      expect(o, `order ${orderId}`).to.include({ status: 'refunded', refundedAmount: o.payAmount });
      expect(await refundsOf(orderId), 'one refund per member').to.equal(1);
    }
    await assertBooksBalance();
  });

  it('completes an expiring group by the merchant\'s simulation when auto-fill is on, and records it as simulated', async () => {
    const shop = await groupShop({ groupSize: 3, autoFill: true, hours: 1 });
    const { groupId, leaderOrder } = await openedGroup(shop);
    clock.travel(hours(1) + minutes(1));
    await runDueJobs();
    const g = (await group(shop, groupId)).body;
    expect(g).to.include({ status: 'succeeded', simulated: true, needed: 0 });
    expect(g.members.filter((m: { simulated: boolean }) => m.simulated)).to.have.length(2);
    expect(await fulfilmentStatuses(shop, leaderOrder)).to.deep.equal(['to_ship']);
    expect(await refundsOf(leaderOrder)).to.equal(0);
  });

  it('a leader who never pays leaves no group to join', async () => {
    const shop = await groupShop({ groupSize: 2 });
    const leader = await buyer(shop.m);
    const opened = await open(shop, leader);
    expect((await shopApi(shop.m.slug, leader.token).post(`/shop/orders/${opened.body.order.id}/cancel`)).status).to.equal(200);
    const seen = await shopApi(shop.m.slug, leader.token).get(`/shop/groups/${opened.body.group.id}`);
    expect(seen.body.status).to.equal('failed');
    expect((await join(shop, await buyer(shop.m), opened.body.group.id)).body.error.code).to.equal('group_closed');
  });

  it('keeps another shop out of a group buy and its groups', async () => {
    const shop = await groupShop({ groupSize: 3 });
    const { groupId } = await openedGroup(shop);
    const other = await groupShop();
    const stranger = await buyer(other.m);
    expect((await shopApi(other.m.slug).get(`/shop/groups/${groupId}`)).status).to.equal(404);
    expect((await shopApi(other.m.slug, stranger.token).post(`/shop/groups/${groupId}/join`).send({ skuId: shop.skuId, addressId: stranger.addressId })).status).to.equal(404);
    expect((await shopApi(other.m.slug, other.m.token).get(`/admin/marketing/group-buys/${shop.activityId}`)).status).to.equal(404);
    const list = (await shopApi(other.m.slug, other.m.token).get('/admin/marketing/group-buys')).body;
    expect(list.items.map((a: { id: number }) => a.id)).to.deep.equal([other.activityId]);
  });

  it('answers bad activities with a 400 naming the field', async () => {
    const shop = await storeWithProduct();
    const admin = shopApi(shop.m.slug, shop.m.token);
    const base = { productId: shop.listing.id, groupSize: 3, hours: 24, startsAt: '2026-12-01T00:00:00Z', endsAt: '2027-01-01T00:00:00Z', prices: [{ skuId: shop.skuId, price: 1200 }] };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ groupSize: 1 }, 'groupSize'],
      [{ groupSize: 101 }, 'groupSize'],
      [{ hours: 73 }, 'hours'],
      [{ endsAt: '2026-11-01T00:00:00Z' }, 'endsAt'],
      [{ prices: [{ skuId: 999_999, price: 1200 }] }, 'prices[0].skuId'],
      [{ prices: [{ skuId: shop.skuId, price: 1200 }, { skuId: shop.skuId, price: 1250 }] }, 'prices[1].skuId'],
      [{ prices: [{ skuId: shop.skuId, price: 1500 }] }, 'prices[0].price'],
      [{ prices: [{ skuId: shop.skuId, price: 900 }] }, 'prices[0].price'],
      [{ productId: 999_999 }, 'productId'],
    ];
    for (const [change, field] of cases) {
      const res = await admin.post('/admin/marketing/group-buys').send({ ...base, ...change });
      expect(res.status, `${field}: ${JSON.stringify(res.body)}`).to.equal(400);
      expect(res.body.error.details[0].field).to.equal(field);
    }
  });

  it('shows a running group buy on its product with the lowest group price, and not once it is ended', async () => {
    const shop = await groupShop();
    const product = (await shopApi(shop.m.slug).get(`/shop/products/${shop.listing.id}`)).body;
    expect(product.activities).to.deep.include.members([{ kind: 'group_buy', id: shop.activityId, label: '3人团', price: GROUP_PRICE, startsAt: product.activities[0].startsAt, endsAt: product.activities[0].endsAt }]);
    const ended = await shopApi(shop.m.slug, shop.m.token).post(`/admin/marketing/group-buys/${shop.activityId}/end`);
    expect(ended.body.status).to.equal('ended');
    expect((await shopApi(shop.m.slug).get(`/shop/products/${shop.listing.id}`)).body.activities).to.deep.equal([]);
    const leader = await buyer(shop.m);
    expect((await open(shop, leader)).body.error.code).to.equal('group_buy_ended');
  });
});
