/**
 * 分销 end to end through the API: settings, becoming a distributor, first-touch binding per shop,
 * a three-level chain's commissions booked frozen in the ledger out of the shop's margin, reversed
 * to the fen by partial and full refunds, settled with the order, and withdrawn (two racing
 * withdrawals over the available amount: exactly one wins). The books balance throughout.
 */
import { expect } from 'chai';
import { runDueJobs } from '../../server/src/core/jobs.js';
import { LedgerEntry } from '../../server/src/modules/finance/model.js';
import { addressOf, merchant, paidOrder, shopper, storeWithProduct, uniqPhone, type TestShopper } from '../factories/index.js';
import { assertBooksBalance } from '../factories/money.js';
import { api, shopApi } from '../support/http.js';

const race = <T>(n: number, fn: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => fn(i)));

async function distShop(settings: Record<string, unknown> = {}) {
  // supply 1000, sold at 2000: margin 1000 a unit less the platform fee
  const store = await storeWithProduct({ stock: 500, markup: 100 });
  const owner = shopApi(store.m.slug, store.m.token);
  const saved = await owner.put('/admin/distribution/settings').send({ enabled: true, depth: 3, rates: [1000, 500, 200], becomeBy: 'auto', ...settings });
  expect(saved.status, JSON.stringify(saved.body)).to.equal(200);
  expect((await owner.patch('/admin/settings').send({ orders: { afterSalesDays: 0 } })).status).to.equal(200);
  return { ...store, owner, price: store.listing.skus[0]!.price };
}
type Shop = Awaited<ReturnType<typeof distShop>>;

async function signUp(slug: string, inviteCode?: string): Promise<TestShopper> {
  const phone = uniqPhone();
  const password = 'Shopper#2026';
  const res = await shopApi(slug).post('/shop/auth/register').send({ phone, password, ...(inviteCode ? { inviteCode } : {}) });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return { id: res.body.customer.id, token: res.body.token, phone, password };
}

const me = async (slug: string, s: TestShopper) => (await shopApi(slug, s.token).get('/shop/distribution/me')).body;

/** A → B → C → D: each signed up with the one before's code. */
async function chain(x: Shop) {
  const a = await signUp(x.m.slug);
  const b = await signUp(x.m.slug, (await me(x.m.slug, a)).inviteCode);
  const c = await signUp(x.m.slug, (await me(x.m.slug, b)).inviteCode);
  const d = await signUp(x.m.slug, (await me(x.m.slug, c)).inviteCode);
  return { a, b, c, d };
}

async function buy(x: Shop, s: TestShopper, quantity: number) {
  return paidOrder(x.m.slug, s.token, { items: [{ skuId: x.skuId, quantity }], addressId: await addressOf(x.m.slug, s.token) });
}

async function complete(x: Shop, s: TestShopper, order: { id: number; orderNo: string }) {
  const sup = api({ token: x.product.supplier.token });
  const queue = (await sup.get('/supplier/fulfillments?status=to_ship&pageSize=100')).body.items as Array<{ id: number; orderNo: string }>;
  for (const f of queue.filter((f) => f.orderNo === order.orderNo)) expect((await sup.post(`/supplier/fulfillments/${f.id}/ship`).send({ carrier: 'ems', trackingNo: `EMS${Date.now()}${f.id}` })).status).to.equal(200);
  expect((await shopApi(x.m.slug, s.token).post(`/shop/orders/${order.id}/receive`)).status).to.equal(200);
  await runDueJobs();
  expect((await shopApi(x.m.slug, s.token).get(`/shop/orders/${order.id}`)).body.status).to.equal('completed');
}

async function refund(x: Shop, orderId: number, body: Record<string, unknown>) {
  const res = await x.owner.post(`/admin/orders/${orderId}/refund`).send({ reason: 'goodwill', ...body });
  if (res.status >= 400) {
    const dump = await LedgerEntry.findAll({ where: { orderId }, raw: true });
    console.log(dump.map((e) => `${e.accountType}:${e.accountId} ${e.bucket} ${e.kind} ${e.amount} ${e.dedupeKey}`).join('\n'));
  }
  expect(res.status, JSON.stringify(res.body)).to.be.oneOf([200, 201, 202]);
  await runDueJobs();
}

const commission = async (x: Shop, s: TestShopper) => (await me(x.m.slug, s)).commission as { frozen: number; available: number; held: number };
const orderEntriesSum = async (orderId: number) => (await LedgerEntry.findAll({ where: { orderId }, raw: true })).reduce((sum, e) => sum + Number(e.amount), 0);

describe('distribution', () => {
  it('saves settings, refuses bad ones naming the field, and is closed to shoppers while off', async () => {
    const { m, s } = await storeWithProduct();
    const owner = shopApi(m.slug, m.token);
    expect((await owner.get('/admin/distribution/settings')).body).to.deep.include({ enabled: false, depth: 2, rates: [1000, 500], becomeBy: 'apply' });
    expect((await shopApi(m.slug, s.token).post('/shop/distribution/apply')).body.error.code).to.equal('distribution_off');
    const bad = await owner.put('/admin/distribution/settings').send({ enabled: true, depth: 3, rates: [1000, 500], becomeBy: 'apply' });
    expect(bad.status).to.equal(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).to.deep.equal(['rates']);
    const spend = await owner.put('/admin/distribution/settings').send({ enabled: true, depth: 1, rates: [800], becomeBy: 'spend' });
    expect(spend.status).to.equal(400);
    expect(spend.body.error.details.map((d: { field: string }) => d.field)).to.deep.equal(['spendThreshold']);
    const four = await owner.put('/admin/distribution/settings').send({ enabled: true, depth: 4, rates: [1, 2, 3, 4], becomeBy: 'apply' });
    expect(four.status).to.equal(400);
    const ok = await owner.put('/admin/distribution/settings').send({ enabled: true, depth: 1, rates: [800], becomeBy: 'apply', selfPurchase: true });
    expect(ok.body).to.deep.include({ enabled: true, depth: 1, rates: [800], selfPurchase: true });
  });

  it('applies and approves: pending until the merchant decides, then an invite code', async () => {
    const x = await distShop({ becomeBy: 'apply' });
    expect((await me(x.m.slug, x.s)).status).to.equal('none');
    expect((await shopApi(x.m.slug, x.s.token).post('/shop/distribution/apply')).body).to.deep.equal({ status: 'pending' });
    expect((await me(x.m.slug, x.s))).to.include({ status: 'pending', inviteCode: null });
    const apps = (await x.owner.get('/admin/distribution/applications')).body;
    expect(apps.items.map((i: { customerId: number }) => i.customerId)).to.deep.equal([x.s.id]);
    const decided = await race(5, () => x.owner.post(`/admin/distribution/distributors/${x.s.id}/approve`));
    expect(decided.filter((r) => r.status === 200)).to.have.length(1);
    const mine = await me(x.m.slug, x.s);
    expect(mine.status).to.equal('active');
    expect(mine.inviteCode).to.match(/^[A-Z2-9]{8}$/);
  });

  it('pays a three-level chain the right amounts, frozen, out of the shop margin; books balance', async () => {
    const x = await distShop();
    const { a, b, c, d } = await chain(x);
    expect((await me(x.m.slug, c)).teamSize, 'C has D').to.equal(1);
    expect((await me(x.m.slug, a)).teamSize, 'A has B, C and D').to.equal(3);
    const order = await buy(x, d, 3); // goods 6000
    expect(order.payAmount).to.equal(6000);
    expect(await commission(x, c)).to.deep.equal({ frozen: 600, available: 0, held: 0 });
    expect(await commission(x, b)).to.deep.equal({ frozen: 300, available: 0, held: 0 });
    expect(await commission(x, a)).to.deep.equal({ frozen: 120, available: 0, held: 0 });
    expect(await commission(x, d)).to.deep.equal({ frozen: 0, available: 0, held: 0 });
    expect(await orderEntriesSum(order.id)).to.equal(6000);
    const list = (await x.owner.get(`/admin/distribution/commissions?orderId=${order.id}`)).body;
    expect(list.items.map((i: { level: number; amount: number }) => [i.level, i.amount]).sort()).to.deep.equal([[1, 600], [2, 300], [3, 120]]);
    const mine = (await shopApi(x.m.slug, c.token).get('/shop/distribution/commissions')).body;
    expect(mine.items).to.have.length(1);
    expect(mine.items[0]).to.deep.include({ orderId: order.id, amount: 600, status: 'frozen' });
    await assertBooksBalance();
    // settlement makes it available
    await complete(x, d, order);
    expect(await commission(x, c)).to.deep.equal({ frozen: 0, available: 600, held: 0 });
    expect(await commission(x, a)).to.deep.equal({ frozen: 0, available: 120, held: 0 });
    expect((await shopApi(x.m.slug, c.token).get('/shop/distribution/commissions')).body.items[0].status).to.equal('available');
    await assertBooksBalance();
  });

  it('depth and per-product rates and self-purchase change who earns', async () => {
    const x = await distShop({ depth: 2, rates: [1000, 500], selfPurchase: true });
    const { a, b, c } = await chain(x);
    expect((await x.owner.put(`/admin/distribution/product-rates/${x.listing.id}`).send({ rates: [1500, 300] })).status).to.equal(200);
    // C buys: C (self, level 1) 15%, B (level 2) 3%, A nothing (depth 2)
    await buy(x, c, 1); // 2000
    expect((await commission(x, c)).frozen).to.equal(300);
    expect((await commission(x, b)).frozen).to.equal(60);
    expect((await commission(x, a)).frozen).to.equal(0);
    await assertBooksBalance();
  });

  it('never pays more than the shop margin: the order\'s commission is capped and the cap recorded', async () => {
    // supply 1000 sold at 1100: margin 100 less the fee
    const store = await storeWithProduct({ stock: 50, markup: 10 });
    const owner = shopApi(store.m.slug, store.m.token);
    expect((await owner.put('/admin/distribution/settings').send({ enabled: true, depth: 3, rates: [5000, 5000, 5000], becomeBy: 'auto' })).status).to.equal(200);
    const x = { ...store, owner, price: store.listing.skus[0]!.price };
    const { a, b, c, d } = await chain(x);
    const order = await buy(x, d, 1);
    const margin = (await LedgerEntry.findAll({ where: { orderId: order.id, kind: 'merchant_margin' }, raw: true })).reduce((sum, e) => sum + Number(e.amount), 0);
    expect(margin).to.be.greaterThan(0).and.lessThan(100);
    const rows = (await owner.get(`/admin/distribution/commissions?orderId=${order.id}`)).body.items as Array<{ level: number; amount: number; capped: number }>;
    const byLevel = new Map(rows.map((r) => [r.level, r]));
    expect(byLevel.get(1)).to.include({ amount: margin, capped: 550 - margin });
    expect(rows.reduce((sum, r) => sum + r.amount, 0)).to.equal(margin);
    expect((await commission(x, c)).frozen + (await commission(x, b)).frozen + (await commission(x, a)).frozen).to.equal(margin);
    await assertBooksBalance();
  });

  it('reverses commissions in proportion by partial refunds, to the fen, and the last refund takes exactly what is left', async () => {
    const x = await distShop({ rates: [333, 177, 71] });
    const { a, b, c, d } = await chain(x);
    const order = await buy(x, d, 3); // goods 6000
    const booked = { c: Math.floor((6000 * 333) / 10_000), b: Math.floor((6000 * 177) / 10_000), a: Math.floor((6000 * 71) / 10_000) };
    expect(booked).to.deep.equal({ c: 199, b: 106, a: 42 });
    expect((await commission(x, c)).frozen).to.equal(199);
    const itemId = (await x.owner.get(`/admin/orders/${order.id}`)).body.items[0].id as number;
    // what is left after a refund: floor(amount × goods still paid / goods paid)
    const left = (amount: number, paid: number) => Math.floor((amount * paid) / 6000);
    await refund(x, order.id, { items: [{ orderItemId: itemId, quantity: 1 }] });
    expect([(await commission(x, c)).frozen, (await commission(x, b)).frozen, (await commission(x, a)).frozen]).to.deep.equal([left(199, 4000), left(106, 4000), left(42, 4000)]);
    expect([left(199, 4000), left(106, 4000), left(42, 4000)]).to.deep.equal([132, 70, 28]);
    await assertBooksBalance();
    await refund(x, order.id, { items: [{ orderItemId: itemId, quantity: 1 }] });
    expect([(await commission(x, c)).frozen, (await commission(x, b)).frozen, (await commission(x, a)).frozen]).to.deep.equal([66, 35, 14]);
    await refund(x, order.id, {});
    for (const s of [a, b, c]) expect(await commission(x, s)).to.deep.equal({ frozen: 0, available: 0, held: 0 });
    expect(await orderEntriesSum(order.id)).to.equal(0);
    const rows = (await x.owner.get(`/admin/distribution/commissions?orderId=${order.id}`)).body.items as Array<{ amount: number; reversed: number; status: string }>;
    expect(rows).to.have.length(3);
    expect(rows.every((r) => r.reversed === r.amount && r.status === 'reversed')).to.equal(true);
    await assertBooksBalance();
  });

  it('reverses a money-only partial refund in proportion to the goods amount refunded', async () => {
    const x = await distShop();
    const { c, d } = await chain(x);
    const order = await buy(x, d, 3); // C: 600
    await refund(x, order.id, { amount: 1001 });
    expect((await commission(x, c)).frozen).to.equal(Math.floor((600 * 4999) / 6000));
    await assertBooksBalance();
  });

  it('reverses a full refund at once, by items', async () => {
    const x = await distShop();
    const { b, c, d } = await chain(x);
    const order = await buy(x, d, 1);
    expect((await commission(x, c)).frozen).to.equal(200);
    await refund(x, order.id, {});
    expect((await commission(x, c)).frozen).to.equal(0);
    expect((await commission(x, b)).frozen).to.equal(0);
    await assertBooksBalance();
  });

  it('binds first touch only, per shop: another shop\'s code binds nothing', async () => {
    const x = await distShop();
    const a = await signUp(x.m.slug);
    const b = await signUp(x.m.slug);
    const codeA = (await me(x.m.slug, a)).inviteCode;
    const codeB = (await me(x.m.slug, b)).inviteCode;
    const e = await signUp(x.m.slug, codeA);
    expect((await me(x.m.slug, e)).inviterId).to.equal(a.id);
    const again = await shopApi(x.m.slug, e.token).post('/shop/distribution/bind').send({ inviteCode: codeB });
    expect(again.status).to.equal(409);
    expect(again.body.error.code).to.equal('already_bound');
    expect((await shopApi(x.m.slug, e.token).post('/shop/distribution/bind').send({ inviteCode: codeA })).status, 'the same code again is fine').to.equal(200);
    // ten codes at once for a fresh shopper: exactly one binding
    const inviters = await Promise.all(Array.from({ length: 5 }, () => signUp(x.m.slug)));
    const codes = await Promise.all(inviters.map(async (i) => (await me(x.m.slug, i)).inviteCode as string));
    const f = await shopper(x.m.slug);
    const replies = await race(10, (i) => shopApi(x.m.slug, f.token).post('/shop/distribution/bind').send({ inviteCode: codes[i % 5] }));
    const won = replies.filter((r) => r.status === 200);
    expect(won.length).to.be.greaterThan(0);
    expect(new Set(won.map((r) => r.body.inviterId)).size, 'only one inviter ever wins').to.equal(1);
    expect(replies.every((r) => r.status === 200 || r.status === 409), JSON.stringify(replies.map((r) => r.status))).to.equal(true);
    expect((await me(x.m.slug, f)).inviterId).to.equal(won[0]!.body.inviterId);
    // another shop
    const other = await distShop();
    const stranger = await shopper(other.m.slug);
    const foreign = await shopApi(other.m.slug, stranger.token).post('/shop/distribution/bind').send({ inviteCode: codeA });
    expect(foreign.status).to.equal(404);
    const signedUp = await signUp(other.m.slug, codeA);
    expect((await me(other.m.slug, signedUp)).inviterId, 'a foreign code on sign-up binds nothing').to.equal(null);
    expect((await shopApi(x.m.slug, a.token).post('/shop/distribution/bind').send({ inviteCode: codeA })).status, 'not oneself').to.equal(400);
    // staff move a shopper, audited; a loop is refused
    const moved = await x.owner.put(`/admin/distribution/bindings/${e.id}`).send({ inviterId: b.id });
    expect(moved.status, JSON.stringify(moved.body)).to.equal(200);
    expect((await me(x.m.slug, e)).inviterId).to.equal(b.id);
    expect((await x.owner.put(`/admin/distribution/bindings/${b.id}`).send({ inviterId: e.id })).status).to.equal(409);
    expect((await other.owner.put(`/admin/distribution/bindings/${e.id}`).send({ inviterId: b.id })).status, 'another shop\'s staff').to.equal(404);
  });

  it('withdraws available commission: minimum, fee, review; two racing withdrawals over the balance, one wins', async () => {
    const x = await distShop({ minWithdrawal: 100, withdrawalFeeBps: 100 });
    const { c, d } = await chain(x);
    const order = await buy(x, d, 3);
    await complete(x, d, order);
    expect((await commission(x, c)).available).to.equal(600);
    const shop = shopApi(x.m.slug, c.token);
    const small = await shop.post('/shop/distribution/withdrawals').send({ amount: 99 });
    expect(small.status).to.equal(400);
    expect(small.body.error.details[0].field).to.equal('amount');
    const replies = await race(10, () => shop.post('/shop/distribution/withdrawals').send({ amount: 400 }));
    expect(replies.filter((r) => r.status === 201), JSON.stringify(replies.map((r) => r.body))).to.have.length(1);
    expect(replies.filter((r) => r.status === 409).every((r) => r.body.error.code === 'insufficient_balance')).to.equal(true);
    expect(await commission(x, c)).to.deep.equal({ frozen: 0, available: 200, held: 400 });
    const w = replies.find((r) => r.status === 201)!.body;
    expect(w).to.include({ amount: 400, fee: 4, net: 396, status: 'pending' });
    const paid = await race(3, () => x.owner.post(`/admin/distribution/withdrawals/${w.id}/approve`));
    expect(paid.filter((r) => r.status === 200)).to.have.length(1);
    expect(await commission(x, c)).to.deep.equal({ frozen: 0, available: 200, held: 0 });
    expect((await shopApi(x.m.slug, c.token).get('/shop/balance')).body).to.deep.include({ balance: 396 });
    const second = await shop.post('/shop/distribution/withdrawals').send({ amount: 200 });
    expect(second.status).to.equal(201);
    expect((await x.owner.post(`/admin/distribution/withdrawals/${second.body.id}/reject`).send({ reason: '信息有误' })).body.status).to.equal('rejected');
    expect(await commission(x, c)).to.deep.equal({ frozen: 0, available: 200, held: 0 });
    const other = await merchant();
    expect((await shopApi(other.slug, other.token).post(`/admin/distribution/withdrawals/${second.body.id}/approve`)).status).to.equal(404);
    await assertBooksBalance();
  });

  it('lists distributors, teams and a ranking for the console', async () => {
    const x = await distShop();
    const { a, b, c, d } = await chain(x);
    await buy(x, d, 1);
    const list = (await x.owner.get('/admin/distribution/distributors?status=active')).body;
    expect(list.total).to.equal(4);
    const rowA = list.items.find((i: { customerId: number }) => i.customerId === a.id);
    expect(rowA).to.include({ teamSize: 3, earned: 40, frozen: 40 });
    const team2 = (await x.owner.get(`/admin/distribution/distributors/${a.id}/team?level=2`)).body;
    expect(team2.items.map((i: { customerId: number }) => i.customerId)).to.deep.equal([c.id]);
    const ranking = (await x.owner.get('/admin/distribution/ranking?by=earned&limit=3')).body.items;
    expect(ranking.map((r: { customerId: number }) => r.customerId)).to.deep.equal([c.id, b.id, a.id]);
    expect((await shopApi(x.m.slug, b.token).get('/shop/distribution/team?level=1')).body.items[0].customerId).to.equal(c.id);
  });
});
