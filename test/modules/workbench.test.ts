import { expect } from 'chai';
import ExcelJS from 'exceljs';
import type request from 'supertest';
import { clock, minutes } from '../../server/src/core/clock.js';
import { api, shopApi } from '../support/http.js';
import { addressOf, listed, marketProduct, merchant, paidOrder, platformStaff, platformToken, shopper, staffWith, storeWithProduct, supplier, uniq } from '../factories/index.js';

/** superagent buffers only text and JSON by itself. */
const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

async function rowsOfXlsx(bytes: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  wb.worksheets[0]!.eachRow((row) => rows.push(Array.from((row.values as unknown[]).slice(1), (v) => v ?? null)));
  return rows;
}

describe('workbench', function () {
  // many requests each; a busy MariaDB runs them slowly
  this.timeout(120_000);
  it('counts what waits on the shop and today\'s paid orders, sales and visitors', async () => {
    const { m, s, addressId, skuId } = await storeWithProduct();
    const order = await paidOrder(m.slug, s.token, { items: [{ skuId, quantity: 2 }], addressId });
    const unpaid = await shopApi(m.slug, s.token).post('/shop/orders').send({ items: [{ skuId, quantity: 1 }], addressId });
    expect(unpaid.status).to.equal(201);
    for (const visitorId of ['visitor-aaaa-1', 'visitor-bbbb-2', 'visitor-aaaa-1']) await shopApi(m.slug).post('/shop/visits').send({ visitorId });

    const res = await shopApi(m.slug, m.token).get('/admin/workbench');
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.todo).to.deep.include({ toPay: 1, toShip: 1, toPickUp: 0, aftersales: 0, reviews: 0, lowStock: 0 });
    expect(res.body.today).to.deep.include({ orders: 1, amount: order.payAmount, visitors: 2 });
    expect(res.body.yesterday).to.deep.include({ orders: 0, amount: 0 });
    expect(res.body.trend).to.have.length(30);
    expect(res.body.setup.map((s: { step: string }) => s.step)).to.deep.equal(['brand', 'products', 'payment', 'homePage', 'miniProgram']);
    expect(res.body.setup.find((s: { step: string }) => s.step === 'products').done).to.equal(true);
    expect(res.body.setup.find((s: { step: string }) => s.step === 'brand').done).to.equal(false);

    // a shop's figures are its own
    const other = await merchant();
    const theirs = await shopApi(other.slug, other.token).get('/admin/workbench');
    expect(theirs.body.todo).to.deep.include({ toPay: 0, toShip: 0 });
    expect(theirs.body.today).to.deep.include({ orders: 0, visitors: 0 });
    expect(theirs.body.setup.find((s: { step: string }) => s.step === 'products').done).to.equal(false);
  });

  it('counts a visitor once a day however many beacons arrive at once', async () => {
    const m = await merchant();
    const visitorId = `v-${uniq('x')}`;
    const replies = await Promise.all(Array.from({ length: 10 }, () => shopApi(m.slug).post('/shop/visits').send({ visitorId })));
    expect(replies.map((r) => r.status)).to.deep.equal(Array(10).fill(200));
    expect(replies.filter((r) => r.body.counted)).to.have.length(1);
    expect((await shopApi(m.slug, m.token).get('/admin/workbench')).body.today.visitors).to.equal(1);
    const bad = await shopApi(m.slug).post('/shop/visits').send({ visitorId: 'x' });
    expect(bad.status).to.equal(400);
    expect(bad.body.error.details[0].field).to.equal('visitorId');
  });

  it('shows a staff member only the figures their role may read', async () => {
    const m = await merchant();
    const clerk = await staffWith(m, ['reviews.reply']);
    const res = await shopApi(m.slug, clerk.token).get('/admin/workbench');
    expect(res.status).to.equal(200);
    expect(res.body.todo).to.deep.equal({ toPay: null, toShip: null, toPickUp: null, aftersales: null, reviews: 0, lowStock: null });
    expect(res.body.today).to.equal(null);
    expect(res.body.setup).to.equal(null);
  });
});

describe('platform dashboard', function () {
  // many requests each; a busy MariaDB runs them slowly
  this.timeout(120_000);
  it('sums every shop\'s paid orders and lists the queues, each only for who may read it', async () => {
    const admin = await platformToken();
    const before = (await api({ token: admin }).get('/platform/dashboard')).body;
    await supplier({ approved: false });
    const { m, s, addressId, skuId } = await storeWithProduct();
    const order = await paidOrder(m.slug, s.token, { items: [{ skuId, quantity: 1 }], addressId });
    const after = await api({ token: admin }).get('/platform/dashboard');
    expect(after.status, JSON.stringify(after.body)).to.equal(200);
    expect(after.body.sales.today.orders - before.sales.today.orders).to.equal(1);
    expect(after.body.sales.today.amount - before.sales.today.amount).to.equal(order.payAmount);
    expect(after.body.sales.week.orders).to.be.at.least(after.body.sales.today.orders);
    expect(after.body.newTenants.today - before.newTenants.today).to.equal(1);
    expect(after.body.queues.suppliers - before.queues.suppliers).to.equal(1);
    expect(after.body.queues.products).to.be.a('number');

    const reviewer = await platformStaff('reviewer');
    const theirs = await api({ token: reviewer.token }).get('/platform/dashboard');
    expect(theirs.status, JSON.stringify(theirs.body)).to.equal(200);
    expect(theirs.body.sales).to.equal(null);
    expect(theirs.body.queues.products).to.be.a('number');
    expect(theirs.body.queues.withdrawals).to.equal(null);
  });
});

describe('order list filters, counts and export', function () {
  // many requests each; a busy MariaDB runs them slowly
  this.timeout(120_000);
  it('filters by time, payment, shopper and goods, counts each status and exports the same orders', async () => {
    const product = await marketProduct({ title: `红茶 ${uniq('g')}`, skus: [{ specs: { 规格: '100g' }, supplyPrice: 1000, suggestedPrice: 2000, stock: 100 }] });
    const other = await marketProduct({ title: `绿茶 ${uniq('g')}`, skus: [{ specs: { 规格: '100g' }, supplyPrice: 1000, suggestedPrice: 2000, stock: 100 }] });
    const m = await merchant();
    const red = await listed(m, product.id);
    const green = await listed(m, other.id);
    const alice = await shopper(m.slug);
    const bob = await shopper(m.slug);
    const aliceAddress = await addressOf(m.slug, alice.token);
    const bobAddress = await addressOf(m.slug, bob.token);
    await shopApi(m.slug, bob.token).patch('/shop/me').send({ nickname: '王小明' });
    const a1 = await paidOrder(m.slug, alice.token, { items: [{ skuId: red.skus[0]!.id, quantity: 1 }], addressId: aliceAddress });
    const b1 = await paidOrder(m.slug, bob.token, { items: [{ skuId: green.skus[0]!.id, quantity: 3 }], addressId: bobAddress });
    const unpaid = await shopApi(m.slug, bob.token).post('/shop/orders').send({ items: [{ skuId: red.skus[0]!.id, quantity: 1 }], addressId: bobAddress });
    const owner = shopApi(m.slug, m.token);

    const all = await owner.get('/admin/orders');
    expect(all.status, JSON.stringify(all.body)).to.equal(200);
    expect(all.body.counts).to.deep.include({ all: 3, paid: 2, pending_payment: 1, shipped: 0 });
    const row = all.body.items.find((o: { id: number }) => o.id === b1.id);
    expect(row.customer).to.deep.include({ id: bob.id, nickname: '王小明' });
    expect(row.customer.phone, 'the owner may read phones').to.equal(bob.phone);
    expect(row.paymentMethod).to.equal('sandbox');
    expect(row.items[0].image === null || typeof row.items[0].image === 'string').to.equal(true);

    const paidTab = await owner.get('/admin/orders').query({ status: 'paid' });
    expect(paidTab.body.total).to.equal(2);
    expect(paidTab.body.counts.all, 'counts ignore the tab').to.equal(3);

    const byGoods = await owner.get('/admin/orders').query({ goods: '绿茶' });
    expect(byGoods.body.items.map((o: { id: number }) => o.id)).to.deep.equal([b1.id]);
    expect(byGoods.body.counts).to.deep.include({ all: 1, paid: 1, pending_payment: 0 });

    const byShopper = await owner.get('/admin/orders').query({ shopper: '小明' });
    expect(byShopper.body.items.map((o: { id: number }) => o.id)).to.deep.equal([unpaid.body.id, b1.id]);
    const byPhone = await owner.get('/admin/orders').query({ shopper: alice.phone });
    expect(byPhone.body.items.map((o: { id: number }) => o.id)).to.deep.equal([a1.id]);

    const byMethod = await owner.get('/admin/orders').query({ payment: 'sandbox' });
    expect(byMethod.body.total).to.equal(2);
    expect((await owner.get('/admin/orders').query({ payment: 'alipay' })).body.total).to.equal(0);

    const later = new Date(clock.nowMs() + minutes(5)).toISOString();
    expect((await owner.get('/admin/orders').query({ from: later })).body.total).to.equal(0);
    expect((await owner.get('/admin/orders').query({ to: later })).body.total).to.equal(3);
    const badTime = await owner.get('/admin/orders').query({ from: 'yesterday' });
    expect(badTime.status).to.equal(400);
    expect(badTime.body.error.details[0].field).to.equal('from');

    const sheet = await owner.get('/admin/orders/export').query({ goods: '绿茶' }).buffer(true).parse(binary);
    expect(sheet.status).to.equal(200);
    expect(sheet.headers['content-disposition']).to.match(/filename="orders\.xlsx"/);
    const rows = await rowsOfXlsx(sheet.body as Buffer);
    expect(rows[0]!.slice(0, 4)).to.deep.equal(['订单号', '下单时间', '支付时间', '状态']);
    expect(rows).to.have.length(2);
    expect(rows[1]![0]).to.equal(b1.orderNo);
    expect(rows[1]![3]).to.equal('待发货');
    expect(rows[1]![5]).to.equal('王小明');
    expect(rows[1]![11]).to.equal(3);
    expect(rows[1]![15]).to.equal(b1.payAmount / 100);
    expect(rows[1]![17]).to.equal('模拟支付');
    const everything = await rowsOfXlsx((await owner.get('/admin/orders/export').buffer(true).parse(binary)).body as Buffer);
    expect(everything).to.have.length(4);
  });

  it('exports only for staff who may read orders, and only the shop\'s own', async () => {
    const { m, s, addressId, skuId } = await storeWithProduct();
    await paidOrder(m.slug, s.token, { items: [{ skuId, quantity: 1 }], addressId });
    const clerk = await staffWith(m, ['reviews.reply']);
    expect((await shopApi(m.slug, clerk.token).get('/admin/orders/export')).status).to.equal(403);
    expect((await shopApi(m.slug, clerk.token).get('/admin/orders')).status).to.equal(403);
    const other = await merchant();
    expect((await shopApi(other.slug, m.token).get('/admin/orders/export')).status, 'a token of another shop').to.equal(401);
    const theirs = await rowsOfXlsx((await shopApi(other.slug, other.token).get('/admin/orders/export').buffer(true).parse(binary)).body as Buffer);
    expect(theirs).to.have.length(1);
    expect((await shopApi(other.slug, other.token).get('/admin/orders')).body.counts.all).to.equal(0);
  });
});

describe('sign-up signs the merchant in', () => {
  it('hands over a ticket the shop\'s console exchanges once for a session', async () => {
    const slug = uniq('m');
    const signup = await api().post('/merchants/signup').send({ storeName: '新店', slug, email: `${slug}@owner.test`, password: 'Owner#2026' });
    expect(signup.status).to.equal(201);
    const ticket = signup.body.ticket as string;
    expect(ticket).to.be.a('string').with.length.above(20);
    const tries = await Promise.all(Array.from({ length: 8 }, () => shopApi(slug).post('/admin/auth/ticket').send({ ticket })));
    const won = tries.filter((r) => r.status === 200);
    expect(won, 'exactly one exchange wins').to.have.length(1);
    expect(tries.filter((r) => r.status === 400).every((r) => r.body.error.code === 'signin_ticket_invalid')).to.equal(true);
    const me = await shopApi(slug, won[0]!.body.token).get('/admin/me');
    expect(me.status).to.equal(200);
    expect(me.body.email).to.equal(`${slug}@owner.test`);
  });

  it('refuses a ticket after two minutes, and on another shop\'s host', async () => {
    const a = uniq('m');
    const b = await merchant();
    const signup = await api().post('/merchants/signup').send({ storeName: '新店', slug: a, email: `${a}@owner.test`, password: 'Owner#2026' });
    const elsewhere = await shopApi(b.slug).post('/admin/auth/ticket').send({ ticket: signup.body.ticket });
    expect(elsewhere.status).to.equal(400);
    clock.travel(minutes(2) + 1000);
    const late = await shopApi(a).post('/admin/auth/ticket').send({ ticket: signup.body.ticket });
    expect(late.status).to.equal(400);
    expect(late.body.error.details[0].field).to.equal('ticket');
  });
});
