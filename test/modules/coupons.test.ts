import { expect } from 'chai';
import { clock, days } from '../../server/src/core/clock.js';
import { runDueJobs } from '../../server/src/core/jobs.js';
import { acrossTenants } from '../../server/src/core/db/index.js';
import { CustomerCoupon } from '../../server/src/modules/coupons/model.js';
import { evaluate, type CartFacts, type CouponTerms } from '../../server/src/modules/coupons/rules.js';
import { api, shopApi, type Caller } from '../support/http.js';
import { addressOf, merchant, paidOrder, platformToken, shopper, uniq, type TestMerchant, type TestShopper } from '../factories/index.js';

const fields = (res: { body: { error?: { details?: Array<{ field: string }> } } }) => (res.body.error?.details ?? []).map((d) => d.field).sort();
const hourAgo = () => new Date(clock.now().getTime() - 3_600_000).toISOString();
const inDays = (n: number) => new Date(clock.now().getTime() + days(n)).toISOString();

interface Shop {
  m: TestMerchant;
  owner: Caller;
  /** Listing SKU ids and listing ids: tea ¥60 (in category 茶叶), cup ¥40 (uncategorised). */
  tea: { sku: number; listing: number };
  cup: { sku: number; listing: number };
  category: number;
}

/** A shop with a ¥8 freight, two own goods, one of them in a category. */
async function shop(): Promise<Shop> {
  const m = await merchant();
  const owner = shopApi(m.slug, m.token);
  const template = await owner.post('/admin/freight-templates').send({ name: '运费', mode: 'piece', defaultRule: { first: 1, firstFee: 800, additional: 1, additionalFee: 0 }, isDefault: true });
  expect(template.status, JSON.stringify(template.body)).to.equal(201);
  const make = async (title: string, price: number) => {
    const p = await owner.post('/admin/own-products').send({ title, skus: [{ specs: {}, price, stock: 500 }] });
    expect(p.status, JSON.stringify(p.body)).to.equal(201);
    return { sku: p.body.product.skus[0].id as number, listing: p.body.product.id as number };
  };
  const tea = await make('明前龙井', 6000);
  const cup = await make('玻璃杯', 4000);
  const category = (await owner.post('/admin/store-categories').send({ name: '茶叶' })).body.id as number;
  expect((await owner.patch(`/admin/products/${tea.listing}`).send({ storeCategoryId: category })).status).to.equal(200);
  return { m, owner, tea, cup, category };
}

async function createCoupon(owner: Caller, body: Record<string, unknown>): Promise<number> {
  const res = await owner.post('/admin/marketing/coupons').send({ total: 100, startsAt: hourAgo(), endsAt: inDays(30), ...body });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body.id;
}

async function claimed(s: Shop, shopperToken: string, couponId: number): Promise<number> {
  const res = await shopApi(s.m.slug, shopperToken).post(`/shop/coupons/${couponId}/claim`).send({});
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body.id;
}

describe('coupons: making and handing out', () => {
  it('refuses bad terms with a 400 naming the field', async () => {
    const s = await shop();
    const post = (body: Record<string, unknown>) => s.owner.post('/admin/marketing/coupons').send({ name: '券', kind: 'amount', value: 500, total: 10, startsAt: hourAgo(), endsAt: inDays(3), ...body });
    expect(fields(await post({ kind: 'percent_off', value: 150 }))).to.deep.equal(['value']);
    expect(fields(await post({ endsAt: hourAgo(), startsAt: inDays(1) }))).to.deep.equal(['endsAt']);
    expect(fields(await post({ productIds: [s.tea.listing, 99999999] }))).to.deep.equal(['productIds[1]']);
    expect(fields(await post({ total: 0 }))).to.deep.equal(['total']);
    expect(fields(await post({ kind: 'cash' }))).to.deep.equal(['kind']);
    expect(fields(await post({ startsAt: 'tomorrow' }))).to.deep.equal(['startsAt']);
    expect((await shopApi(s.m.slug, (await shopper(s.m.slug)).token).post('/admin/marketing/coupons').send({})).status, 'shoppers cannot make coupons').to.equal(401);
  });

  it('lists claimable coupons, claims within the per-shopper limit, hides a link-only coupon without its code, ends', async () => {
    const s = await shop();
    const open = await createCoupon(s.owner, { name: '满99减10', kind: 'amount', value: 1000, threshold: 9900, perShopper: 2, description: '全场通用' });
    const hidden = await createCoupon(s.owner, { name: '老友券', kind: 'percent_off', value: 10, inCentre: false, validDays: 7 });
    await createCoupon(s.owner, { name: '明天开始', kind: 'amount', value: 100, startsAt: inDays(1), endsAt: inDays(2) });
    const visitor = shopApi(s.m.slug);
    const centre = (await visitor.get('/shop/coupons')).body.items;
    expect(centre.map((c: { id: number }) => c.id), 'only running coupons of the centre').to.deep.equal([open]);
    expect(centre[0]).to.include({ name: '满99减10', kind: 'amount', value: 1000, threshold: 9900, left: 100, claimedByMe: 0, stacksWithFullReduction: true, status: 'running' });

    const a = await shopper(s.m.slug);
    const me = shopApi(s.m.slug, a.token);
    const first = await me.post(`/shop/coupons/${open}/claim`).send({});
    expect(first.status, JSON.stringify(first.body)).to.equal(201);
    expect(first.body).to.deep.equal({ id: first.body.id, couponId: open, status: 'unused', expiresAt: first.body.expiresAt });
    expect((await me.post(`/shop/coupons/${open}/claim`)).status).to.equal(201);
    const third = await me.post(`/shop/coupons/${open}/claim`).send({});
    expect(third.status).to.equal(409);
    expect(third.body.error.code).to.equal('claim_limit_reached');
    expect((await me.get('/shop/coupons')).body.items[0]).to.include({ claimedByMe: 2, left: 98 });

    expect((await visitor.get(`/shop/coupons/${hidden}`)).status, 'a link-only coupon needs its code').to.equal(404);
    expect((await me.post(`/shop/coupons/${hidden}/claim`).send({})).status).to.equal(404);
    const code = (await s.owner.get(`/admin/marketing/coupons/${hidden}`)).body.shareCode as string;
    expect((await visitor.get(`/shop/coupons/${hidden}?code=${code}`)).body).to.include({ name: '老友券', validDays: 7 });
    const shared = await me.post(`/shop/coupons/${hidden}/claim`).send({ shareCode: code });
    expect(shared.status, JSON.stringify(shared.body)).to.equal(201);
    expect(new Date(shared.body.expiresAt).getTime() - clock.now().getTime(), 'valid 7 days from claiming').to.be.closeTo(days(7), 60_000);

    const mine = (await me.get('/shop/me/coupons?status=unused')).body;
    expect(mine.total).to.equal(3);
    expect(mine.items.map((h: { source: string }) => h.source).sort()).to.deep.equal(['claim', 'claim', 'share']);

    const ended = await s.owner.post(`/admin/marketing/coupons/${open}/end`);
    expect(ended.status, JSON.stringify(ended.body)).to.equal(200);
    expect(ended.body).to.include({ status: 'ended' });
    expect((await s.owner.post(`/admin/marketing/coupons/${open}/end`)).body.error.code).to.equal('coupon_ended');
    expect((await visitor.get('/shop/coupons')).body.items).to.deep.equal([]);
    const late = await shopApi(s.m.slug, (await shopper(s.m.slug)).token).post(`/shop/coupons/${open}/claim`).send({});
    expect(late.body.error.code).to.equal('coupon_ended');
    expect((await me.get('/shop/me/coupons?status=expired')).body.total, 'ending expires what was held unused').to.equal(2);
    expect((await me.get('/shop/me/coupons?status=unused')).body.total).to.equal(1);
    expect(fields(await me.get('/shop/me/coupons?status=lost'))).to.deep.equal(['status']);
  });

  it('issues exactly the stock when 200 claims from 100 shoppers race for 50 coupons (every shopper sends two)', async function () {
    this.timeout(300_000);
    const s = await shop();
    const couponId = await createCoupon(s.owner, { name: '秒抢券', kind: 'amount', value: 500, total: 50, perShopper: 1 });
    const shoppers: TestShopper[] = [];
    for (let i = 0; i < 10; i++) shoppers.push(...(await Promise.all(Array.from({ length: 10 }, () => shopper(s.m.slug)))));
    const attempts = shoppers.flatMap((x) => [x, x]);
    const answers = await Promise.all(attempts.map((x) => shopApi(s.m.slug, x.token).post(`/shop/coupons/${couponId}/claim`).send({})));
    const codes = answers.map((r) => (r.status === 201 ? 'ok' : r.body.error?.code ?? String(r.status)));
    expect(codes.filter((c) => c === 'ok'), JSON.stringify([...new Set(codes)])).to.have.length(50);
    expect(codes.every((c) => ['ok', 'coupon_exhausted', 'claim_limit_reached'].includes(c)), JSON.stringify([...new Set(codes)])).to.equal(true);
    const rows = await acrossTenants('test', () => CustomerCoupon.findAll({ where: { tenantId: s.m.id, couponId }, raw: true }));
    expect(rows).to.have.length(50);
    expect(new Set(rows.map((r) => r.customerId)).size, 'no shopper over the limit').to.equal(50);
    const view = (await s.owner.get(`/admin/marketing/coupons/${couponId}`)).body;
    expect(view.figures.claimed).to.equal(50);
  });

  it('gives sign-up coupons to new shoppers and staff-issued coupons to chosen ones', async () => {
    const s = await shop();
    const welcome = await createCoupon(s.owner, { name: '新人券', kind: 'amount', value: 1000, threshold: 9900, total: 2, issueOnSignup: true, inCentre: false });
    const [a, b, c] = [await shopper(s.m.slug), await shopper(s.m.slug), await shopper(s.m.slug)];
    const held = async (x: TestShopper) => (await shopApi(s.m.slug, x.token).get('/shop/me/coupons')).body.items;
    expect((await held(a))[0]).to.deep.include({ couponId: welcome, source: 'signup', status: 'unused' });
    expect(await held(b)).to.have.length(1);
    expect(await held(c), 'the stock ran out: the third shopper signs up without it').to.deep.equal([]);

    const gift = await createCoupon(s.owner, { name: '客服补偿券', kind: 'amount', value: 500, total: 3, perShopper: 1, inCentre: false });
    const issued = await s.owner.post(`/admin/marketing/coupons/${gift}/issue`).send({ customerIds: [a.id, c.id, c.id] });
    expect(issued.status, JSON.stringify(issued.body)).to.equal(200);
    expect(issued.body).to.deep.equal({ issued: 2, refused: [{ customerId: c.id, code: 'claim_limit_reached' }] });
    expect((await held(c))[0]).to.deep.include({ couponId: gift, source: 'staff' });
    const other = await merchant();
    const stranger = await shopper(other.slug);
    expect(fields(await s.owner.post(`/admin/marketing/coupons/${gift}/issue`).send({ customerIds: [stranger.id] })), 'another shop\'s shopper').to.deep.equal(['customerIds[0]']);
  });
});

describe('coupons on a DIY page', () => {
  it('fills a coupons block with the chosen coupons still claimable, in the chosen order', async () => {
    const s = await shop();
    const ship = await createCoupon(s.owner, { name: '包邮券', kind: 'free_shipping', value: 0, threshold: 5900 });
    const tenth = await createCoupon(s.owner, { name: '9折券', kind: 'percent_off', value: 10 });
    const gone = await createCoupon(s.owner, { name: '已结束', kind: 'amount', value: 100 });
    await s.owner.post(`/admin/marketing/coupons/${gone}/end`);
    const res = await s.owner.post('/admin/store/pages/resolve').send({ blocks: [{ type: 'coupons', props: { couponIds: [tenth, gone, ship] } }] });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.blocks[0].coupons).to.deep.equal([
      { id: tenth, title: '9折券', value: 9, kind: 'discount', threshold: 0 },
      { id: ship, title: '包邮券', value: 0, kind: 'free_shipping', threshold: 5900 },
    ]);
  });
});

describe('coupons at checkout', () => {
  it('takes an amount off above the threshold, refuses below it, the wrong shopper or scope, and suggests the best', async () => {
    const s = await shop();
    const a = await shopper(s.m.slug);
    const addressId = await addressOf(s.m.slug, a.token);
    const me = shopApi(s.m.slug, a.token);
    const tenOff = await claimed(s, a.token, await createCoupon(s.owner, { name: '满99减10', kind: 'amount', value: 1000, threshold: 9900 }));
    const teaTenth = await claimed(s, a.token, await createCoupon(s.owner, { name: '茶叶9折', kind: 'percent_off', value: 10, categoryIds: [s.category] }));
    const cupOnly = await claimed(s, a.token, await createCoupon(s.owner, { name: '杯子立减', kind: 'amount', value: 300, productIds: [s.cup.listing] }));
    const freeShip = await claimed(s, a.token, await createCoupon(s.owner, { name: '包邮券', kind: 'free_shipping', value: 0, threshold: 5000 }));

    const both = { items: [{ skuId: s.tea.sku, quantity: 1 }, { skuId: s.cup.sku, quantity: 1 }], addressId };
    const q = await me.post('/shop/orders/quote').send({ ...both, couponId: tenOff });
    expect(q.status, JSON.stringify(q.body)).to.equal(200);
    expect(q.body).to.include({ goodsAmount: 10000, freightAmount: 800, discountAmount: 1000, payAmount: 9800 });
    expect(q.body.discounts).to.deep.equal([{ kind: 'coupon', label: '优惠券：满99减10', amount: -1000 }]);

    const pct = await me.post('/shop/orders/quote').send({ ...both, couponId: teaTenth });
    expect(pct.body.discountAmount, '10% of the tea only').to.equal(600);
    expect(pct.body.lines.map((l: { discount: number }) => l.discount), 'the saving sits on the tea line').to.deep.equal([600, 0]);

    const ship = await me.post('/shop/orders/quote').send({ ...both, couponId: freeShip });
    expect(ship.body).to.include({ freightAmount: 800, payAmount: 10000 });
    expect(ship.body.discounts).to.deep.equal([{ kind: 'free_shipping', label: '优惠券：包邮券', amount: -800 }]);

    const below = await me.post('/shop/orders/quote').send({ items: [{ skuId: s.cup.sku, quantity: 1 }], addressId, couponId: tenOff });
    expect(below.status).to.equal(409);
    expect(below.body.error).to.deep.include({ code: 'coupon_not_applicable' });
    expect(below.body.error.details).to.deep.equal({ reason: 'threshold', missing: 5900 });
    const outOfScope = await me.post('/shop/orders/quote').send({ items: [{ skuId: s.cup.sku, quantity: 1 }], addressId, couponId: teaTenth });
    expect(outOfScope.body.error.details).to.deep.equal({ reason: 'scope' });
    const b = await shopper(s.m.slug);
    const notMine = await shopApi(s.m.slug, b.token).post('/shop/orders/quote').send({ items: both.items, addressId: await addressOf(s.m.slug, b.token), couponId: tenOff });
    expect(notMine.status, 'another shopper\'s coupon').to.equal(409);

    const usable = await me.post('/shop/me/coupons/usable').send(both);
    expect(usable.status, JSON.stringify(usable.body)).to.equal(200);
    const byId = new Map(usable.body.items.map((i: { id: number; usable: boolean; saving: number }) => [i.id, [i.usable, i.saving]]));
    expect(Object.fromEntries(byId)).to.deep.equal({ [tenOff]: [true, 1000], [teaTenth]: [true, 600], [cupOnly]: [true, 300], [freeShip]: [true, 800] });
    expect(usable.body.bestId).to.equal(tenOff);
    const cupCart = await me.post('/shop/me/coupons/usable').send({ items: [{ skuId: s.cup.sku, quantity: 1 }] });
    const reasons = Object.fromEntries(cupCart.body.items.map((i: { id: number; reason: string | null; missing: number | null }) => [i.id, [i.reason, i.missing]]));
    expect(reasons).to.deep.equal({ [tenOff]: ['threshold', 5900], [teaTenth]: ['scope', null], [cupOnly]: [null, null], [freeShip]: ['threshold', 1000] });
    expect(cupCart.body.bestId).to.equal(cupOnly);
    const twice = await me.post('/shop/me/coupons/usable').send({ items: [{ skuId: s.cup.sku, quantity: 1 }, { skuId: s.cup.sku, quantity: 2 }] });
    expect(fields(twice), 'a line listed twice').to.deep.equal(['items[1].skuId']);
    expect(fields(await me.post('/shop/orders/quote').send({ items: [{ skuId: s.tea.sku, quantity: 1 }, { skuId: s.tea.sku, quantity: 1 }], addressId, couponId: tenOff }))).to.deep.equal(['items[1].skuId']);
  });

  it('lets one of two parallel orders use a coupon; cancelling the unpaid order gives it back', async () => {
    const s = await shop();
    const a = await shopper(s.m.slug);
    const addressId = await addressOf(s.m.slug, a.token);
    const me = shopApi(s.m.slug, a.token);
    const held = await claimed(s, a.token, await createCoupon(s.owner, { name: '立减5元', kind: 'amount', value: 500 }));
    const body = { items: [{ skuId: s.tea.sku, quantity: 1 }], addressId, couponId: held };
    const placed = await Promise.all(Array.from({ length: 4 }, () => me.post('/shop/orders').send(body)));
    const won = placed.filter((r) => r.status === 201);
    expect(won, JSON.stringify(placed.map((r) => r.body))).to.have.length(1);
    expect(placed.filter((r) => r.status === 409).every((r) => r.body.error.code === 'coupon_not_applicable')).to.equal(true);
    expect(won[0]!.body.payAmount).to.equal(6000 + 800 - 500);
    expect((await me.get('/shop/me/coupons?status=used')).body.items[0]).to.include({ id: held, orderId: won[0]!.body.id });

    expect((await me.post(`/shop/orders/${won[0]!.body.id}/cancel`)).status).to.equal(200);
    expect((await me.get('/shop/me/coupons?status=unused')).body.items.map((h: { id: number }) => h.id), 'given back').to.deep.equal([held]);
    const again = await me.post('/shop/orders').send(body);
    expect(again.status, JSON.stringify(again.body)).to.equal(201);
    expect(again.body.discounts).to.deep.equal([{ kind: 'coupon', label: '优惠券：立减5元', amount: -500 }]);

    // the unpaid timeout gives it back too
    clock.travel(31 * 60_000);
    try {
      await runDueJobs();
    } finally {
      clock.reset();
    }
    expect((await me.get('/shop/me/coupons?status=unused')).body.items.map((h: { id: number }) => h.id)).to.deep.equal([held]);
  });

  it('never refunds more than was paid for a line of a coupon order, and the books balance to the fen', async () => {
    const s = await shop();
    const a = await shopper(s.m.slug);
    const addressId = await addressOf(s.m.slug, a.token);
    const couponId = await createCoupon(s.owner, { name: '满99减33', kind: 'amount', value: 3333, threshold: 9900 });
    const held = await claimed(s, a.token, couponId);
    const order = await paidOrder(s.m.slug, a.token, { items: [{ skuId: s.tea.sku, quantity: 1 }, { skuId: s.cup.sku, quantity: 1 }], addressId, couponId: held });
    expect(order.payAmount).to.equal(10000 + 800 - 3333);
    const detail = (await s.owner.get(`/admin/orders/${order.id}`)).body;
    const paidOf = (i: { paid?: number; subtotal: number; discount: number }) => i.paid ?? i.subtotal - i.discount;
    expect(detail.items.reduce((sum: number, i: { discount: number }) => sum + i.discount, 0), 'the saving is apportioned over the lines').to.equal(3333);
    const cup = detail.items.find((i: { title: string }) => i.title === '玻璃杯');
    const tooMuch = await s.owner.post(`/admin/orders/${order.id}/refund`).send({ amount: paidOf(cup) + 1, items: [{ orderItemId: cup.id, quantity: 1 }], reason: '杯子碎了' });
    expect(tooMuch.status, 'more than the line paid').to.be.oneOf([400, 409]);
    const refund = await s.owner.post(`/admin/orders/${order.id}/refund`).send({ items: [{ orderItemId: cup.id, quantity: 1 }], reason: '杯子碎了' });
    expect(refund.status, JSON.stringify(refund.body)).to.equal(200);
    await runDueJobs();
    const after = (await s.owner.get(`/admin/orders/${order.id}`)).body;
    expect(after.refundedAmount, 'the cup line as paid, its share of the coupon kept').to.equal(paidOf(cup));
    expect(after.refundedAmount).to.be.lessThan(4000);
    const rec = (await api({ token: await platformToken() }).get('/platform/finance/reconciliation')).body;
    expect(rec.balanced, JSON.stringify(rec)).to.equal(true);
    expect(rec.difference).to.equal(0);

    const figures = (await s.owner.get(`/admin/marketing/coupons/${couponId}`)).body.figures;
    expect(figures).to.deep.equal({ claimed: 1, used: 1, orders: 1, gmv: order.payAmount, discount: 3333 });
    const listed = (await s.owner.get('/admin/marketing/coupons?status=running')).body;
    expect(listed.items.map((c: { id: number }) => c.id)).to.deep.equal([couponId]);
  });

  it('keeps terms fixed once claimed but lets the stock and name change', async () => {
    const s = await shop();
    const couponId = await createCoupon(s.owner, { name: '立减', kind: 'amount', value: 500, total: 10 });
    const edited = await s.owner.patch(`/admin/marketing/coupons/${couponId}`).send({ value: 800, threshold: 1000 });
    expect(edited.body).to.include({ value: 800, threshold: 1000 });
    await claimed(s, (await shopper(s.m.slug)).token, couponId);
    const fixed = await s.owner.patch(`/admin/marketing/coupons/${couponId}`).send({ value: 900 });
    expect(fixed.body.error).to.deep.include({ code: 'coupon_terms_fixed', details: { field: 'value' } });
    const more = await s.owner.patch(`/admin/marketing/coupons/${couponId}`).send({ name: '立减8元', total: 20 });
    expect(more.body).to.include({ name: '立减8元', total: 20 });
    expect(fields(await s.owner.patch(`/admin/marketing/coupons/${couponId}`).send({ total: 0 }))).to.deep.equal(['total']);
  });
});

describe('coupons between two shops', () => {
  it('keeps a shop\'s coupons out of another shop\'s reach', async () => {
    const s = await shop();
    const t = await shop();
    const couponId = await createCoupon(s.owner, { name: '本店券', kind: 'amount', value: 500 });
    const a = await shopper(s.m.slug);
    const held = await claimed(s, a.token, couponId);
    expect((await t.owner.get(`/admin/marketing/coupons/${couponId}`)).status).to.equal(404);
    expect((await t.owner.post(`/admin/marketing/coupons/${couponId}/end`)).status).to.equal(404);
    expect((await t.owner.get('/admin/marketing/coupons')).body.total).to.equal(0);
    const b = await shopper(t.m.slug);
    const there = shopApi(t.m.slug, b.token);
    expect((await there.get(`/shop/coupons/${couponId}`)).status).to.equal(404);
    expect((await there.post(`/shop/coupons/${couponId}/claim`).send({})).status).to.equal(404);
    const use = await there.post('/shop/orders/quote').send({ items: [{ skuId: t.tea.sku, quantity: 1 }], addressId: await addressOf(t.m.slug, b.token), couponId: held });
    expect(use.status).to.equal(409);
    expect((await s.owner.get(`/admin/marketing/coupons/${couponId}`)).body.status).to.equal('running');
    void uniq;
  });
});

describe('coupon rules', () => {
  const cart = (over: Partial<CartFacts> = {}): CartFacts => ({ lines: [{ index: 0, listingId: 1, categories: [7], net: 6000 }, { index: 1, listingId: 2, categories: [], net: 4000 }], fullReduction: false, freightLeft: 800, ...over });
  const terms = (over: Partial<CouponTerms>): CouponTerms => ({ kind: 'amount', value: 1000, threshold: 0, productIds: [], categoryIds: [], stacksWithFullReduction: true, ...over });

  it('never saves more than the goods in scope cost, and shares a scoped saving over its lines', () => {
    expect(evaluate(terms({ value: 99_999, productIds: [2] }), cart())).to.deep.equal({ ok: true, amount: 4000, lines: [{ index: 1, amount: -4000 }] });
    expect(evaluate(terms({ kind: 'percent_off', value: 15, categoryIds: [7] }), cart())).to.deep.equal({ ok: true, amount: 900, lines: [{ index: 0, amount: -900 }] });
    expect(evaluate(terms({ kind: 'percent_off', value: 33 }), cart())).to.deep.equal({ ok: true, amount: 3300 });
  });

  it('does not stack with a full reduction when the coupon says so, and needs freight to be free of', () => {
    expect(evaluate(terms({ stacksWithFullReduction: false }), cart({ fullReduction: true }))).to.deep.equal({ ok: false, reason: 'no_stack' });
    expect(evaluate(terms({ stacksWithFullReduction: true }), cart({ fullReduction: true }))).to.include({ ok: true });
    expect(evaluate(terms({ kind: 'free_shipping', value: 0 }), cart({ freightLeft: 0 }))).to.deep.equal({ ok: false, reason: 'no_freight' });
    expect(evaluate(terms({ kind: 'free_shipping', value: 0 }), cart({ freightLeft: null }))).to.deep.equal({ ok: true, amount: 0 });
  });
});
