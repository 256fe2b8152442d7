/**
 * Full reductions (满减/满折) and limited prices (限时折扣) through the API: what the quote
 * charges and shows, what the product views show, what orders used (figures), the console's
 * rules (status, edit, end, overlap) under parallel requests, bad input, and a second shop.
 */
import { expect } from 'chai';
import { clock, days, hours } from '../../server/src/core/clock.js';
import { addressOf, merchant, shopper, type TestMerchant, type TestShopper } from '../factories/index.js';
import { runDueJobs } from '../../server/src/core/jobs.js';
import { api, shopApi, type Caller } from '../support/http.js';

const at = (ms: number) => new Date(clock.nowMs() + ms).toISOString();
const fields = (res: { body: { error?: { details?: Array<{ field: string }> } } }) => (res.body.error?.details ?? []).map((d) => d.field).sort();

interface Shop {
  m: TestMerchant;
  s: TestShopper;
  owner: Caller;
  shop: Caller;
  addressId: number;
}

async function openShop(): Promise<Shop> {
  const m = await merchant();
  const s = await shopper(m.slug);
  return { m, s, owner: shopApi(m.slug, m.token), shop: shopApi(m.slug, s.token), addressId: await addressOf(m.slug, s.token) };
}

/** Own goods of one SKU at `price` fen; its listing id and SKU id. */
async function goods(owner: Caller, title: string, price: number, storeCategoryId?: number): Promise<{ id: number; sku: number }> {
  const res = await owner.post('/admin/own-products').send({ title, skus: [{ specs: {}, price, stock: 500 }] });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  if (storeCategoryId) expect((await owner.patch(`/admin/products/${res.body.product.id}`).send({ storeCategoryId })).status).to.equal(200);
  return { id: res.body.product.id, sku: res.body.product.skus[0].id };
}

async function created(res: { status: number; body: { id: number } }): Promise<number> {
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body.id;
}

const reduction = (owner: Caller, body: Record<string, unknown>) =>
  owner.post('/admin/marketing/full-reductions').send({ name: '满减', startsAt: at(-hours(1)), endsAt: at(days(7)), tiers: [{ threshold: 19900, amountOff: 3000 }, { threshold: 29900, amountOff: 6000 }], ...body });
const limited = (owner: Caller, items: Array<{ skuId: number; price: number }>, body: Record<string, unknown> = {}) =>
  owner.post('/admin/marketing/limited-prices').send({ name: '限时折扣', startsAt: at(-hours(1)), endsAt: at(days(3)), items, ...body });

async function quote(s: Shop, items: Array<{ skuId: number; quantity: number }>) {
  const res = await s.shop.post('/shop/orders/quote').send({ items, addressId: s.addressId });
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return res.body as { goodsAmount: number; freightAmount: number; discountAmount: number; payAmount: number; discounts: Array<{ kind: string; label: string; amount: number }> };
}

async function pay(s: Shop, orderId: number): Promise<void> {
  const p = await s.shop.post(`/shop/orders/${orderId}/pay`).send({ method: 'sandbox' });
  expect(p.status, JSON.stringify(p.body)).to.equal(200);
  expect((await api().post(`/payments/sandbox/${p.body.paymentId}/confirm`)).status).to.equal(200);
}

describe('promotions: full reductions and limited prices', () => {
  afterEach(() => clock.reset());

  it('charges a limited price in the quote, shows it on the product with its end, and stops at the end', async () => {
    const s = await openShop();
    const tea = await goods(s.owner, '明前龙井', 10000);
    const cup = await goods(s.owner, '玻璃杯', 2000);
    const id = await created(await limited(s.owner, [{ skuId: tea.sku, price: 7900 }]));

    const product = (await s.shop.get(`/shop/products/${tea.id}`)).body;
    expect(product.promoPrice).to.equal(7900);
    expect(product.skus[0]).to.include({ price: 10000, promoPrice: 7900 });
    expect(product.skus[0].promo).to.include({ kind: 'limited_price', label: '限时折扣' });
    expect(Date.parse(product.skus[0].promo.endsAt)).to.be.greaterThan(clock.nowMs() + days(2));
    const listed = (await s.shop.get('/shop/products')).body.items;
    expect(listed.find((p: { id: number }) => p.id === tea.id).promoPrice).to.equal(7900);
    expect(listed.find((p: { id: number }) => p.id === cup.id).promoPrice).to.equal(null);

    const q = await quote(s, [{ skuId: tea.sku, quantity: 2 }, { skuId: cup.sku, quantity: 1 }]);
    expect(q.goodsAmount).to.equal(22000);
    expect(q.discounts).to.deep.equal([{ kind: 'limited_price', label: '限时折扣', amount: -4200 }]);
    expect(q.payAmount).to.equal(22000 + q.freightAmount - 4200);

    const ended = await s.owner.post(`/admin/marketing/limited-prices/${id}/end`);
    expect(ended.status, JSON.stringify(ended.body)).to.equal(200);
    expect(ended.body.status).to.equal('ended');
    expect((await quote(s, [{ skuId: tea.sku, quantity: 1 }])).discounts).to.deep.equal([]);
    expect((await s.shop.get(`/shop/products/${tea.id}`)).body.promoPrice).to.equal(null);
  });

  it('applies the best reached tier of a whole-shop full reduction, after limited prices, and hints at the next', async () => {
    const s = await openShop();
    const a = await goods(s.owner, '白茶', 10000);
    const b = await goods(s.owner, '红茶', 5000);
    const fr = await created(await reduction(s.owner, { name: '双12满减' }));

    expect((await quote(s, [{ skuId: a.sku, quantity: 1 }])).discounts).to.deep.equal([]);
    expect((await quote(s, [{ skuId: a.sku, quantity: 2 }])).discounts).to.deep.equal([{ kind: 'full_reduction', label: '满199减30', amount: -3000 }]);
    expect((await quote(s, [{ skuId: a.sku, quantity: 3 }])).discounts).to.deep.equal([{ kind: 'full_reduction', label: '满299减60', amount: -6000 }]);

    // the threshold is measured on what the lines cost after the limited price
    await created(await limited(s.owner, [{ skuId: a.sku, price: 9000 }]));
    const q = await quote(s, [{ skuId: a.sku, quantity: 2 }, { skuId: b.sku, quantity: 1 }]);
    expect(q.discounts).to.deep.equal([
      { kind: 'limited_price', label: '限时折扣', amount: -2000 },
      { kind: 'full_reduction', label: '满199减30', amount: -3000 },
    ]);

    const hint = await s.shop.get(`/shop/promotions/cart-hint?skuIds=${a.sku},${b.sku}&quantities=2,1`);
    expect(hint.status, JSON.stringify(hint.body)).to.equal(200);
    expect(hint.body.hint).to.deep.include({ fullReductionId: fr, missing: 29900 - 23000 });
    expect(hint.body.hint.next).to.include({ label: '满299减60', amountOff: 6000 });
    expect(hint.body.hint.reached).to.include({ label: '满199减30' });
    expect((await s.shop.get(`/shop/promotions/cart-hint?skuIds=${b.sku}`)).body.hint).to.deep.include({ missing: 19900 - 5000, reached: null });
    expect(fields(await s.shop.get(`/shop/promotions/cart-hint?skuIds=${b.sku}&quantities=1,2`))).to.deep.equal(['quantities']);
    expect(fields(await s.shop.get('/shop/promotions/cart-hint?skuIds=x'))).to.deep.equal(['skuIds']);

    const product = (await s.shop.get(`/shop/products/${b.id}`)).body;
    expect(product.activities).to.deep.equal([{ kind: 'full_reduction', id: fr, label: '满199减30，满299减60', startsAt: product.activities[0].startsAt, endsAt: product.activities[0].endsAt }]);
  });

  it('counts each line for one full reduction at most: the one saving most takes its lines, the next what is left', async () => {
    const s = await openShop();
    const tea = (await s.owner.post('/admin/store-categories').send({ name: '茶叶' })).body;
    const green = (await s.owner.post('/admin/store-categories').send({ name: '绿茶', parentId: tea.id })).body;
    const a = await goods(s.owner, '龙井', 20000, green.id);
    const b = await goods(s.owner, '碧螺春', 10000, green.id);
    const c = await goods(s.owner, '茶杯', 10000);
    // on the category (its child counts): 满200打8折; on the cup only: 满100减10; the whole shop: 满400减50
    const onTea = await created(await reduction(s.owner, { name: '茶叶8折', categoryIds: [tea.id], tiers: [{ threshold: 20000, percentOff: 20 }] }));
    const onCup = await created(await reduction(s.owner, { name: '杯子', productIds: [c.id], tiers: [{ threshold: 10000, amountOff: 1000 }] }));
    await created(await reduction(s.owner, { name: '全店', tiers: [{ threshold: 40000, amountOff: 5000 }] }));

    const q = await quote(s, [{ skuId: a.sku, quantity: 1 }, { skuId: b.sku, quantity: 1 }, { skuId: c.sku, quantity: 1 }]);
    // tea takes 30000 * 20% = 6000 (more than the shop's 5000 on 40000); the cup is left: 满100减10
    expect(q.discounts).to.deep.equal([
      { kind: 'full_reduction', label: '满200打8折', amount: -6000 },
      { kind: 'full_reduction', label: '满100减10', amount: -1000 },
    ]);
    expect(q.discountAmount).to.equal(7000);
    const cupPage = (await s.shop.get(`/shop/products/${c.id}`)).body;
    expect(cupPage.activities.map((x: { id: number }) => x.id)).to.include(onCup).and.not.include(onTea);
  });

  it('records what each order used: paid orders count in the figures, a cancelled unpaid one gives its use back', async () => {
    const s = await openShop();
    const a = await goods(s.owner, '普洱', 10000);
    const lp = await created(await limited(s.owner, [{ skuId: a.sku, price: 8000 }]));
    const fr = await created(await reduction(s.owner, { tiers: [{ threshold: 15000, amountOff: 2000 }] }));
    const place = () => s.shop.post('/shop/orders').send({ items: [{ skuId: a.sku, quantity: 2 }], addressId: s.addressId });
    // three orders at once
    const orders = await Promise.all([place(), place(), place()]);
    for (const o of orders) expect(o.status, JSON.stringify(o.body)).to.equal(201);
    expect(orders[0]!.body.discounts).to.deep.equal([
      { kind: 'limited_price', label: '限时折扣', amount: -4000 },
      { kind: 'full_reduction', label: '满150减20', amount: -2000 },
    ]);
    await Promise.all([pay(s, orders[0]!.body.id), pay(s, orders[1]!.body.id)]);
    expect((await s.shop.post(`/shop/orders/${orders[2]!.body.id}/cancel`)).status).to.equal(200);

    await runDueJobs();
    await runDueJobs();
    const payAmount = orders[0]!.body.payAmount as number;
    const limitedView = (await s.owner.get(`/admin/marketing/limited-prices/${lp}`)).body;
    expect(limitedView.figures).to.deep.equal({ orders: 2, gmv: 2 * payAmount, discount: 8000 });
    expect(limitedView.items).to.deep.equal([{ skuId: a.sku, productId: a.id, title: '普洱', specs: {}, image: null, originalPrice: 10000, price: 8000, discountPercent: 20 }]);
    expect((await s.owner.get(`/admin/marketing/full-reductions/${fr}`)).body.figures).to.deep.equal({ orders: 2, gmv: 2 * payAmount, discount: 4000 });
  });

  it('keeps a SKU in one limited price at a time: 409 naming the SKU, and exactly one of five parallel twins', async () => {
    const s = await openShop();
    const a = await goods(s.owner, '大红袍', 10000);
    const b = await goods(s.owner, '铁观音', 10000);
    const first = await created(await limited(s.owner, [{ skuId: a.sku, price: 9000 }], { startsAt: at(days(1)), endsAt: at(days(2)) }));
    const clash = await limited(s.owner, [{ skuId: b.sku, price: 9000 }, { skuId: a.sku, price: 8000 }], { startsAt: at(hours(36)), endsAt: at(days(3)) });
    expect(clash.status).to.equal(409);
    expect(clash.body.error).to.deep.include({ code: 'limited_price_overlap', details: { skuId: a.sku, limitedPriceId: first } });
    // right after it: fine
    await created(await limited(s.owner, [{ skuId: a.sku, price: 8000 }], { startsAt: at(days(2)), endsAt: at(days(3)) }));

    const racing = await Promise.all(Array.from({ length: 5 }, () => limited(s.owner, [{ skuId: b.sku, price: 7000 }], { startsAt: at(days(5)), endsAt: at(days(6)) })));
    expect(racing.map((r) => r.status).sort()).to.deep.equal([201, 409, 409, 409, 409]);
    // an ended activity frees its SKUs from now on
    const now = await created(await limited(s.owner, [{ skuId: b.sku, price: 9500 }]));
    expect((await s.owner.post(`/admin/marketing/limited-prices/${now}/end`)).status).to.equal(200);
    await created(await limited(s.owner, [{ skuId: b.sku, price: 9000 }], { startsAt: at(hours(1)), endsAt: at(hours(2)) }));
  });

  it('ends once under parallel requests, refuses edits after the end, and lists by status', async () => {
    const s = await openShop();
    const a = await goods(s.owner, '茉莉花茶', 5000);
    const running = await created(await reduction(s.owner, { name: '进行中' }));
    const coming = await created(await reduction(s.owner, { name: '未开始', startsAt: at(days(1)), endsAt: at(days(2)) }));
    const ends = await Promise.all(Array.from({ length: 5 }, () => s.owner.post(`/admin/marketing/full-reductions/${running}/end`)));
    expect(ends.map((r) => r.status).sort()).to.deep.equal([200, 409, 409, 409, 409]);
    expect(ends.find((r) => r.status === 409)!.body.error.code).to.equal('promotion_ended');
    const edit = await s.owner.put(`/admin/marketing/full-reductions/${running}`).send({ name: '改', startsAt: at(0), endsAt: at(days(1)), tiers: [{ threshold: 100, amountOff: 10 }] });
    expect(edit.status).to.equal(409);
    expect(edit.body.error.code).to.equal('promotion_ended');

    const edited = await s.owner.put(`/admin/marketing/full-reductions/${coming}`).send({ name: '开始了', startsAt: at(-hours(1)), endsAt: at(days(1)), tiers: [{ threshold: 5000, percentOff: 10 }], productIds: [a.id] });
    expect(edited.status, JSON.stringify(edited.body)).to.equal(200);
    expect(edited.body).to.deep.include({ name: '开始了', status: 'running', scope: 'chosen', label: '满50打9折', products: [{ id: a.id, title: '茉莉花茶', image: null }] });
    expect((await quote(s, [{ skuId: a.sku, quantity: 1 }])).discounts).to.deep.equal([{ kind: 'full_reduction', label: '满50打9折', amount: -500 }]);

    await created(await reduction(s.owner, { name: '以后', startsAt: at(days(3)), endsAt: at(days(4)) }));
    const names = async (status: string) => (await s.owner.get(`/admin/marketing/full-reductions?status=${status}`)).body.items.map((r: { name: string }) => r.name);
    expect(await names('running')).to.deep.equal(['开始了']);
    expect(await names('not_started')).to.deep.equal(['以后']);
    expect(await names('ended')).to.deep.equal(['进行中']);
    clock.travel(days(5));
    // signed in again: the tokens of five days ago have expired
    s.owner = shopApi(s.m.slug, (await shopApi(s.m.slug).post('/admin/auth/login').send({ email: s.m.email, password: s.m.password })).body.token);
    s.shop = shopApi(s.m.slug, (await shopApi(s.m.slug).post('/shop/auth/login').send({ phone: s.s.phone, password: s.s.password })).body.token);
    expect(await names('ended')).to.have.members(['以后', '开始了', '进行中']);
    expect((await quote(s, [{ skuId: a.sku, quantity: 1 }])).discounts, 'nothing runs after the windows').to.deep.equal([]);
  });

  it('refuses bad input naming the field, and another shop\'s ids', async () => {
    const s = await openShop();
    const other = await openShop();
    const a = await goods(s.owner, '乌龙', 10000);
    const foreign = await goods(other.owner, '别家的茶', 10000);
    const foreignCategory = (await other.owner.post('/admin/store-categories').send({ name: '别家' })).body;
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ tiers: [{ threshold: 29900, amountOff: 6000 }, { threshold: 19900, amountOff: 3000 }] }, ['tiers[1].threshold']],
      [{ tiers: [{ threshold: 19900, amountOff: 3000, percentOff: 10 }] }, ['tiers[0].amountOff']],
      [{ tiers: [{ threshold: 19900 }] }, ['tiers[0].amountOff']],
      [{ tiers: [{ threshold: 19900, percentOff: 100 }] }, ['tiers[0].percentOff']],
      [{ tiers: [] }, ['tiers']],
      [{ endsAt: at(-days(2)) }, ['endsAt']],
      [{ startsAt: 'tomorrow' }, ['startsAt']],
      [{ productIds: [foreign.id] }, ['productIds[0]']],
      [{ productIds: [a.id, a.id] }, ['productIds[1]']],
      [{ categoryIds: [foreignCategory.id] }, ['categoryIds[0]']],
      [{ colour: 'red' }, ['colour']],
    ];
    for (const [body, expected] of cases) {
      const res = await reduction(s.owner, body);
      expect(res.status, JSON.stringify(body)).to.equal(400);
      expect(fields(res), JSON.stringify(body)).to.deep.equal(expected);
    }
    const items: Array<[Array<Record<string, unknown>>, string[]]> = [
      [[{ skuId: a.sku, price: 10001 }], ['items[0].price']],
      [[{ skuId: a.sku, price: 0 }], ['items[0].price']],
      [[{ skuId: a.sku, price: 9000 }, { skuId: a.sku, price: 8000 }], ['items[1].skuId']],
      [[{ skuId: foreign.sku, price: 9000 }], ['items[0].skuId']],
      [[], ['items']],
    ];
    for (const [list, expected] of items) {
      const res = await limited(s.owner, list as Array<{ skuId: number; price: number }>);
      expect(res.status, JSON.stringify(list)).to.equal(400);
      expect(fields(res), JSON.stringify(list)).to.deep.equal(expected);
    }
    expect((await s.shop.post('/shop/orders/quote').send({ items: [{ skuId: a.sku, quantity: 1 }, { skuId: a.sku, quantity: 1 }], addressId: s.addressId })).status, 'a line listed twice').to.equal(400);
  });

  it('keeps each shop\'s promotions to itself', async () => {
    const s = await openShop();
    const other = await openShop();
    const a = await goods(s.owner, '黄山毛峰', 30000);
    const b = await goods(other.owner, '六安瓜片', 30000);
    const fr = await created(await reduction(s.owner, {}));
    const lp = await created(await limited(s.owner, [{ skuId: a.sku, price: 20000 }]));
    expect((await other.owner.get(`/admin/marketing/full-reductions/${fr}`)).status).to.equal(404);
    expect((await other.owner.get(`/admin/marketing/limited-prices/${lp}`)).status).to.equal(404);
    expect((await other.owner.post(`/admin/marketing/limited-prices/${lp}/end`)).status).to.equal(404);
    expect((await other.owner.get('/admin/marketing/full-reductions')).body.items).to.deep.equal([]);
    expect((await quote(other, [{ skuId: b.sku, quantity: 1 }])).discounts).to.deep.equal([]);
    expect((await other.shop.get(`/shop/products/${b.id}`)).body.activities).to.deep.equal([]);
    expect((await s.owner.get(`/admin/marketing/limited-prices/${lp}`)).body.status).to.equal('running');
    const staff = await shopApi(s.m.slug).get('/admin/marketing/full-reductions');
    expect(staff.status).to.equal(401);
  });
});
