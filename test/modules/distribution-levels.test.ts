/**
 * 分销等级: the merchant's levels (CRUD, field errors, a held level cannot go), a chain whose
 * payees' levels change what they earn (a product's own rates still win), automatic upgrades once
 * however many completions race, staff setting a level (audited, down too), and level rates kept
 * under the shop's margin.
 */
import { expect } from 'chai';
import { runInContext, systemContext } from '../../server/src/core/context.js';
import { runDueJobs } from '../../server/src/core/jobs.js';
import { evaluateLevel } from '../../server/src/modules/distribution/levels.js';
import { LevelChange } from '../../server/src/modules/distribution/model.js';
import { addressOf, paidOrder, storeWithProduct, uniqPhone, type TestShopper } from '../factories/index.js';
import { assertBooksBalance } from '../factories/money.js';
import { api, shopApi } from '../support/http.js';
import { acrossTenants } from '../../server/src/core/db/index.js';

const race = <T>(n: number, fn: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => fn(i)));

async function distShop(settings: Record<string, unknown> = {}, markup = 100) {
  const store = await storeWithProduct({ stock: 500, markup });
  const owner = shopApi(store.m.slug, store.m.token);
  const saved = await owner.put('/admin/distribution/settings').send({ enabled: true, depth: 3, rates: [1000, 500, 200], becomeBy: 'auto', ...settings });
  expect(saved.status, JSON.stringify(saved.body)).to.equal(200);
  expect((await owner.patch('/admin/settings').send({ orders: { afterSalesDays: 0 } })).status).to.equal(200);
  return { ...store, owner };
}
type Shop = Awaited<ReturnType<typeof distShop>>;

async function signUp(slug: string, inviteCode?: string): Promise<TestShopper> {
  const phone = uniqPhone();
  const res = await shopApi(slug).post('/shop/auth/register').send({ phone, password: 'Shopper#2026', ...(inviteCode ? { inviteCode } : {}) });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return { id: res.body.customer.id, token: res.body.token, phone, password: 'Shopper#2026' };
}

const me = async (slug: string, s: TestShopper) => (await shopApi(slug, s.token).get('/shop/distribution/me')).body;
const frozen = async (x: Shop, s: TestShopper) => (await me(x.m.slug, s)).commission.frozen as number;
const buy = async (x: Shop, s: TestShopper, quantity: number) => paidOrder(x.m.slug, s.token, { items: [{ skuId: x.skuId, quantity }], addressId: await addressOf(x.m.slug, s.token) });

async function ship(x: Shop, orderNo: string) {
  const sup = api({ token: x.product.supplier.token });
  const queue = (await sup.get('/supplier/fulfillments?status=to_ship&pageSize=100')).body.items as Array<{ id: number; orderNo: string }>;
  for (const f of queue.filter((f) => f.orderNo === orderNo)) expect((await sup.post(`/supplier/fulfillments/${f.id}/ship`).send({ carrier: 'ems', trackingNo: `EMS${Date.now()}${f.id}` })).status).to.equal(200);
}

const changesOf = (tenantId: number, customerId: number) => acrossTenants('test: level changes', () => LevelChange.findAll({ where: { tenantId, customerId }, raw: true }));

describe('distribution levels', () => {
  it('keeps the shop\'s levels: create, list, change, field errors, a held level cannot go', async () => {
    const x = await distShop();
    const basic = await x.owner.post('/admin/distribution/levels').send({ name: '普通分销商', rank: 1 });
    expect(basic.status, JSON.stringify(basic.body)).to.equal(201);
    expect(basic.body).to.deep.include({ name: '普通分销商', rank: 1, rates: [], conditions: {}, match: 'any', holders: 0 });
    const gold = await x.owner.post('/admin/distribution/levels').send({ name: '金牌分销商', rank: 2, rates: [1500, 800], conditions: { teamSales: 100000, directDownlines: 5 }, match: 'all' });
    expect(gold.status).to.equal(201);
    const taken = await x.owner.post('/admin/distribution/levels').send({ name: '重复', rank: 2 });
    expect(taken.status).to.equal(400);
    expect(taken.body.error.details.map((d: { field: string }) => d.field)).to.deep.equal(['rank']);
    const bad = await x.owner.post('/admin/distribution/levels').send({ name: '坏', rank: 3, rates: [6000], conditions: { ownOrders: -1 } });
    expect(bad.status).to.equal(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).to.deep.equal(['conditions.ownOrders', 'rates[0]']);
    const changed = await x.owner.put(`/admin/distribution/levels/${gold.body.id}`).send({ name: '金牌分销商', rank: 5, rates: [1500, 800, 300], conditions: { ownOrders: 3 }, match: 'any' });
    expect(changed.body).to.deep.include({ rank: 5, rates: [1500, 800, 300], conditions: { ownOrders: 3 } });
    // a new distributor starts at the entry level (no conditions)
    const a = await signUp(x.m.slug);
    const mine = await me(x.m.slug, a);
    expect(mine.level).to.deep.include({ name: '普通分销商', rank: 1 });
    expect(mine.nextLevel).to.deep.include({ name: '金牌分销商', conditions: { ownOrders: 3 }, match: 'any' });
    expect(mine.nextLevel.progress).to.deep.equal({ teamSales: 0, ownOrders: 0, directDownlines: 0, commissionEarned: 0 });
    const list = (await x.owner.get('/admin/distribution/levels')).body.items;
    expect(list.map((l: { name: string; holders: number }) => [l.name, l.holders])).to.deep.equal([['普通分销商', 1], ['金牌分销商', 0]]);
    const inUse = await x.owner.delete(`/admin/distribution/levels/${basic.body.id}`);
    expect(inUse.status).to.equal(409);
    expect(inUse.body.error.code).to.equal('level_in_use');
    // staff move the distributor (audited), then the level can go
    const set = await x.owner.put(`/admin/distribution/distributors/${a.id}/level`).send({ levelId: gold.body.id });
    expect(set.body).to.deep.equal({ customerId: a.id, levelId: gold.body.id });
    expect((await x.owner.get(`/admin/distribution/distributors/${a.id}`)).body.level).to.deep.equal({ id: gold.body.id, name: '金牌分销商', rank: 5 });
    const audit = (await x.owner.get('/admin/audit-log?action=distribution.level.set')).body;
    expect(audit.items?.length ?? 0, JSON.stringify(audit).slice(0, 300)).to.equal(1);
    expect((await x.owner.delete(`/admin/distribution/levels/${basic.body.id}`)).status).to.equal(200);
    // another shop cannot see or set them
    const other = await distShop();
    expect((await other.owner.put(`/admin/distribution/levels/${gold.body.id}`).send({ name: 'x', rank: 9 })).status).to.equal(404);
    expect((await other.owner.put(`/admin/distribution/distributors/${a.id}/level`).send({ levelId: null })).status).to.equal(404);
    expect((await x.owner.put(`/admin/distribution/distributors/${a.id}/level`).send({ levelId: 999999 })).body.error.details[0].field).to.equal('levelId');
    // staff may put it down; every change is kept
    expect((await x.owner.put(`/admin/distribution/distributors/${a.id}/level`).send({ levelId: null })).status).to.equal(200);
    const changes = await changesOf(x.m.id, a.id);
    expect(changes.map((c) => [c.source, c.toLevelId === null ? null : Number(c.toLevelId)])).to.deep.equal([['auto', basic.body.id], ['staff', gold.body.id], ['staff', null]]);
  });

  it('pays each payee at their level\'s rates (product rates still win); upgrades by direct downlines', async () => {
    const x = await distShop();
    await x.owner.post('/admin/distribution/levels').send({ name: '普通分销商', rank: 1 });
    const gold = (await x.owner.post('/admin/distribution/levels').send({ name: '金牌分销商', rank: 2, rates: [2000, 1000, 400], conditions: { directDownlines: 2 } })).body;
    const a = await signUp(x.m.slug);
    const b = await signUp(x.m.slug, (await me(x.m.slug, a)).inviteCode);
    const c = await signUp(x.m.slug, (await me(x.m.slug, b)).inviteCode);
    const d = await signUp(x.m.slug, (await me(x.m.slug, c)).inviteCode);
    expect((await me(x.m.slug, a)).level.name).to.equal('普通分销商');
    await signUp(x.m.slug, (await me(x.m.slug, a)).inviteCode); // A's second direct downline
    expect((await me(x.m.slug, a)).level).to.deep.include({ id: gold.id, name: '金牌分销商' });
    expect((await me(x.m.slug, a)).nextLevel).to.equal(null);
    await buy(x, d, 3); // goods 6000: C 10% (shop), B 5% (shop), A 4% (金牌 level 3)
    expect([await frozen(x, c), await frozen(x, b), await frozen(x, a)]).to.deep.equal([600, 300, 240]);
    // staff make C gold: 20% at level 1
    expect((await x.owner.put(`/admin/distribution/distributors/${c.id}/level`).send({ levelId: gold.id })).status).to.equal(200);
    await buy(x, d, 1); // 2000
    expect([await frozen(x, c), await frozen(x, b), await frozen(x, a)]).to.deep.equal([600 + 400, 300 + 100, 240 + 80]);
    // a product's own rates win over the level's
    expect((await x.owner.put(`/admin/distribution/product-rates/${x.listing.id}`).send({ rates: [300, 200, 100] })).status).to.equal(200);
    await buy(x, d, 1);
    expect([await frozen(x, c), await frozen(x, b), await frozen(x, a)]).to.deep.equal([1000 + 60, 400 + 40, 320 + 20]);
    await assertBooksBalance();
  });

  it('upgrades once when ten completions race, never down by itself', async function () {
    this.timeout(120_000); // ten orders paid, shipped and received
    const x = await distShop({ depth: 1, rates: [1000] });
    await x.owner.post('/admin/distribution/levels').send({ name: '普通分销商', rank: 1 });
    const gold = (await x.owner.post('/admin/distribution/levels').send({ name: '金牌分销商', rank: 2, rates: [1500], conditions: { ownOrders: 1, teamSales: 1_000_000_000 }, match: 'any' })).body;
    const buyer = await signUp(x.m.slug);
    const orders = await race(10, () => buy(x, buyer, 1));
    for (const o of orders) await ship(x, o.orderNo);
    const received = await race(10, (i) => shopApi(x.m.slug, buyer.token).post(`/shop/orders/${orders[i]!.id}/receive`));
    expect(received.map((r) => r.status)).to.deep.equal(Array(10).fill(200));
    // the completions' evaluations, truly at once as well
    const ctx = systemContext('test', x.m.id);
    await race(10, () => runInContext(ctx, () => evaluateLevel(ctx, buyer.id)));
    await runDueJobs();
    expect((await me(x.m.slug, buyer)).level.id).to.equal(gold.id);
    const changes = await changesOf(x.m.id, buyer.id);
    expect(changes.filter((c) => Number(c.toLevelId) === gold.id)).to.have.length(1);
    // nothing takes it away: a refund of a completed order's money does not downgrade
    await race(3, () => runInContext(ctx, () => evaluateLevel(ctx, buyer.id)));
    expect((await changesOf(x.m.id, buyer.id)).length).to.equal(changes.length);
  });

  it('keeps level rates under the shop\'s margin', async () => {
    // supply 1000, sold at 1100: margin 100 a unit less the platform fee
    const x = await distShop({ depth: 3, rates: [100, 50, 20] }, 10);
    await x.owner.post('/admin/distribution/levels').send({ name: '钻石', rank: 1, rates: [5000, 5000, 5000] });
    const a = await signUp(x.m.slug);
    const b = await signUp(x.m.slug, (await me(x.m.slug, a)).inviteCode);
    const c = await signUp(x.m.slug, (await me(x.m.slug, b)).inviteCode);
    const d = await signUp(x.m.slug, (await me(x.m.slug, c)).inviteCode);
    const order = await buy(x, d, 1);
    const rows = (await x.owner.get(`/admin/distribution/commissions?orderId=${order.id}`)).body.items as Array<{ level: number; amount: number; capped: number }>;
    const paid = rows.reduce((s, r) => s + r.amount, 0);
    expect(paid).to.be.greaterThan(0);
    expect(paid).to.be.at.most(100);
    expect(rows.find((r) => r.level === 1)!.amount + rows.find((r) => r.level === 1)!.capped).to.equal(550); // 50% of 1100
    expect(rows.reduce((s, r) => s + r.capped, 0)).to.be.greaterThan(0);
    await assertBooksBalance();
  });
});
