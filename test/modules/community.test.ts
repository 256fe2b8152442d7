/**
 * 社区团购 end to end through the API: leaders apply with a pickup point and are approved; shoppers
 * find the nearest points and order at an activity's prices for pickup there; after the cut-off
 * nothing more is taken (whatever the request), the pick list adds up to exactly what was ordered
 * per point, batches take the goods to the points, the leader confirms arrival, and a pickup code
 * is handed over once however many counters verify it at the same time. Another shop's points and
 * activities do not exist for a shopper of this one.
 */
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { clock, hours, minutes } from '../../server/src/core/clock.js';
import { runDueJobs } from '../../server/src/core/jobs.js';
import { distanceMetres } from '../../server/src/modules/community/index.js';
import { api, shopApi } from '../support/http.js';
import { shopper, storeWithProduct, type TestMerchant } from '../factories/index.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function pay(slug: string, token: string, orderId: number): Promise<void> {
  const started = await shopApi(slug, token).post(`/shop/orders/${orderId}/pay`).send({ method: 'sandbox' });
  expect(started.status, JSON.stringify(started.body)).to.equal(200);
  const confirmed = await api().post(`/payments/sandbox/${started.body.paymentId}/confirm`);
  expect(confirmed.status, JSON.stringify(confirmed.body)).to.equal(200);
  await runDueJobs();
}

const point = (name: string, lat?: number, lng?: number) => ({ name, province: '浙江省', city: '杭州市', district: '西湖区', detail: `${name}门口`, hours: '每天 8:00-20:00', ...(lat !== undefined ? { lat, lng } : {}) });

/** A shopper who applied with a point and was approved: their token and their point's id. */
async function leader(m: TestMerchant, p: ReturnType<typeof point>) {
  const s = await shopper(m.slug);
  const applied = await shopApi(m.slug, s.token).post('/shop/community/leaders/apply').send({ name: `${p.name}团长`, phone: '13800000000', pickupPoint: p });
  expect(applied.status, JSON.stringify(applied.body)).to.equal(201);
  expect(applied.body.status).to.equal('pending');
  const approved = await shopApi(m.slug, m.token).post(`/admin/community/leaders/${applied.body.id}/approve`);
  expect(approved.status, JSON.stringify(approved.body)).to.equal(200);
  return { ...s, pointId: applied.body.id as number };
}

async function communityShop() {
  const shop = await storeWithProduct({ stock: 500, supplyPrice: 1000 });
  const owner = shopApi(shop.m.slug, shop.m.token);
  const own = await owner.post('/admin/own-products').send({ title: '自营鸡蛋', skus: [{ specs: { 规格: '30枚' }, price: 2500, stock: 500 }] });
  expect(own.status, JSON.stringify(own.body)).to.equal(201);
  const ownSkuId = (await owner.get(`/admin/products/${own.body.product.id}`)).body.skus[0].id as number;
  const west = await leader(shop.m, point('西溪社区', 30.27, 120.08));
  const east = await leader(shop.m, point('钱江社区', 30.25, 120.21));
  const now = clock.now();
  const created = await owner.post('/admin/community/activities').send({
    name: '周末鲜果团',
    startsAt: new Date(now.getTime() - minutes(1)).toISOString(),
    cutoffAt: new Date(now.getTime() + hours(1)).toISOString(),
    deliverAt: new Date(now.getTime() + hours(24)).toISOString(),
    items: [{ skuId: shop.skuId, price: 1300 }, { skuId: ownSkuId, price: 1990 }],
  });
  expect(created.status, JSON.stringify(created.body)).to.equal(201);
  return { ...shop, owner, ownSkuId, west, east, activityId: created.body.id as number };
}

type Shop = Awaited<ReturnType<typeof communityShop>>;

async function order(shop: Shop, items: Array<{ skuId: number; quantity: number }>, pointId: number, opts: { pay?: boolean; viaActivity?: boolean } = {}) {
  const s = await shopper(shop.m.slug);
  const res = opts.viaActivity
    ? await shopApi(shop.m.slug, s.token).post(`/shop/community/activities/${shop.activityId}/orders`).send({ items, pickupPointId: pointId })
    : await shopApi(shop.m.slug, s.token).post('/shop/orders').send({ items, pickupPointId: pointId });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  if (opts.pay !== false) await pay(shop.m.slug, s.token, res.body.id);
  return { ...s, orderId: res.body.id as number, body: res.body };
}

describe('community group buying', function () {
  this.timeout(120_000);
  afterEach(() => clock.reset());

  it('lists approved points nearest first with their distance, positionless points last; pending ones not at all', async () => {
    const shop = await communityShop();
    const pending = await shopApi(shop.m.slug, (await shopper(shop.m.slug)).token).post('/shop/community/leaders/apply').send({ name: '待审', phone: '13900000000', pickupPoint: point('未审社区') });
    expect(pending.status).to.equal(201);
    const nowhere = await leader(shop.m, point('无坐标社区'));
    const near = await shopApi(shop.m.slug).get('/shop/community/pickup-points?lat=30.26&lng=120.20');
    expect(near.status, JSON.stringify(near.body)).to.equal(200);
    expect(near.body.items.map((p: { id: number }) => p.id)).to.deep.equal([shop.east.pointId, shop.west.pointId, nowhere.pointId]);
    expect(near.body.items[0].distance).to.equal(distanceMetres({ lat: 30.26, lng: 120.2 }, { lat: 30.25, lng: 120.21 }));
    expect(near.body.items[2].distance).to.equal(null);
    expect((await shopApi(shop.m.slug).get(`/shop/community/pickup-points/${pending.body.id}`)).status).to.equal(404);
    const again = await shopApi(shop.m.slug, shop.west.token).post('/shop/community/leaders/apply').send({ name: '再申请', phone: '13800000001', pickupPoint: point('再') });
    expect(again.status).to.equal(409);
    expect(again.body.error.code).to.equal('already_applied');
    expect((await shopApi(shop.m.slug, shop.m.token).post(`/admin/community/leaders/${shop.west.pointId}/reject`).send({})).body.error.code).to.equal('leader_decided');
  });

  it('keeps an activity price at or above the floor, prices orders at it for pickup at the point, and books the leader\'s commission', async () => {
    const shop = await communityShop();
    const now = clock.now();
    const low = await shop.owner.post('/admin/community/activities').send({ name: '太低', startsAt: now.toISOString(), cutoffAt: new Date(now.getTime() + hours(1)).toISOString(), deliverAt: new Date(now.getTime() + hours(2)).toISOString(), items: [{ skuId: shop.skuId, price: 500 }] });
    expect(low.status).to.equal(400);
    expect(JSON.stringify(low.body)).to.contain('items[0].price');
    const b = await order(shop, [{ skuId: shop.skuId, quantity: 2 }, { skuId: shop.ownSkuId, quantity: 1 }], shop.west.pointId, { pay: false });
    expect(b.body.delivery).to.equal('pickup');
    expect(b.body.pickupKind).to.equal('community');
    expect(b.body.pickupPlaceId).to.equal(shop.west.pointId);
    expect(b.body.address).to.equal(null);
    expect(b.body.payAmount).to.equal(2 * 1300 + 1990);
    // the leader earns the shop's rate (5% by default) on the goods paid, frozen in the ledger when the order is paid
    await pay(shop.m.slug, b.token, b.orderId);
    const me = await shopApi(shop.m.slug, shop.west.token).get('/shop/community/leader');
    expect(me.status, JSON.stringify(me.body)).to.equal(200);
    expect(me.body.commissionBps).to.equal(500);
    expect(me.body.earnings).to.deep.equal({ frozen: Math.floor(((2 * 1300 + 1990) * 500) / 10_000), available: 0 });
    expect((await shopApi(shop.m.slug, shop.east.token).get('/shop/community/leader')).body.earnings).to.deep.equal({ frozen: 0, available: 0 });
    const both = await shopApi(shop.m.slug, b.token).post('/shop/orders').send({ items: [{ skuId: shop.skuId, quantity: 1 }], pickupPointId: shop.west.pointId, addressId: shop.addressId });
    expect(both.status).to.equal(400);
    const unknown = await shopApi(shop.m.slug, b.token).post('/shop/orders').send({ items: [{ skuId: shop.skuId, quantity: 1 }], pickupPointId: 999_999_999 });
    expect(unknown.status).to.equal(404);
  });

  it('refuses orders after the cut-off through either route; the pick list adds up to exactly the paid units per point (JSON and XLSX)', async () => {
    const shop = await communityShop();
    const placed = [
      await order(shop, [{ skuId: shop.skuId, quantity: 3 }], shop.west.pointId),
      await order(shop, [{ skuId: shop.skuId, quantity: 2 }, { skuId: shop.ownSkuId, quantity: 4 }], shop.west.pointId, { viaActivity: true }),
      await order(shop, [{ skuId: shop.ownSkuId, quantity: 5 }], shop.east.pointId),
      await order(shop, [{ skuId: shop.skuId, quantity: 1 }, { skuId: shop.ownSkuId, quantity: 1 }], shop.east.pointId, { viaActivity: true }),
    ];
    // unpaid, and cancelled: they count for nothing
    await order(shop, [{ skuId: shop.skuId, quantity: 7 }], shop.east.pointId, { pay: false });
    const cancelled = await order(shop, [{ skuId: shop.skuId, quantity: 9 }], shop.west.pointId, { pay: false });
    expect((await shopApi(shop.m.slug, cancelled.token).post(`/shop/orders/${cancelled.orderId}/cancel`)).status).to.equal(200);
    expect(placed).to.have.length(4);

    clock.travel(hours(1) + minutes(1));
    const s = await shopper(shop.m.slug);
    const late = await shopApi(shop.m.slug, s.token).post(`/shop/community/activities/${shop.activityId}/orders`).send({ items: [{ skuId: shop.skuId, quantity: 1 }], pickupPointId: shop.west.pointId });
    expect(late.status).to.equal(409);
    expect(late.body.error.code).to.equal('community_cut_off');
    const crafted = await shopApi(shop.m.slug, s.token).post('/shop/orders').send({ items: [{ skuId: shop.skuId, quantity: 1 }], pickupPointId: shop.west.pointId });
    expect(crafted.status).to.equal(409);
    expect(crafted.body.error.code).to.equal('community_not_running');

    const list = await shop.owner.get(`/admin/community/pick-lists?activityId=${shop.activityId}`);
    expect(list.status, JSON.stringify(list.body)).to.equal(200);
    expect(list.body.cutOff).to.equal(true);
    const perPoint = Object.fromEntries(list.body.points.map((p: { pointId: number; lines: Array<{ skuId: number; quantity: number }> }) => [p.pointId, Object.fromEntries(p.lines.map((l) => [l.skuId, l.quantity]))]));
    expect(perPoint).to.deep.equal({ [shop.west.pointId]: { [shop.skuId]: 5, [shop.ownSkuId]: 4 }, [shop.east.pointId]: { [shop.skuId]: 1, [shop.ownSkuId]: 6 } });
    const totals = Object.fromEntries(list.body.totals.map((l: { skuId: number; quantity: number }) => [l.skuId, l.quantity]));
    expect(totals).to.deep.equal({ [shop.skuId]: 6, [shop.ownSkuId]: 10 });
    const bySupplier = Object.fromEntries(list.body.suppliers.map((s: { owner: string; lines: Array<{ quantity: number }> }) => [s.owner, s.lines.reduce((a, l) => a + l.quantity, 0)]));
    expect(bySupplier).to.deep.equal({ shop: 10, supplier: 6 });

    const sheet = await shop.owner.get(`/admin/community/pick-lists?activityId=${shop.activityId}`).set('Accept', XLSX).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(sheet.status).to.equal(200);
    expect(sheet.headers['content-type']).to.contain(XLSX);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(sheet.body as never);
    const rows: unknown[][] = [];
    book.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    const start = rows.findIndex((r) => r[0] === '按自提点') + 2;
    const end = rows.findIndex((r) => r[0] === '按供应商');
    const sheetUnits = rows.slice(start, end).filter((r) => r.length >= 8).reduce((sum, r) => sum + Number(r[7]), 0);
    expect(sheetUnits).to.equal(16);
  });

  it('ships one batch per point, the leader confirms arrival, and a code is handed over once under ten parallel verifications', async () => {
    const shop = await communityShop();
    const a = await order(shop, [{ skuId: shop.skuId, quantity: 2 }], shop.west.pointId);
    const b = await order(shop, [{ skuId: shop.ownSkuId, quantity: 1 }], shop.east.pointId);
    expect((await shop.owner.patch('/admin/settings').send({ orders: { autoCancelMinutes: 240 } })).status).to.equal(200);
    const late = await order(shop, [{ skuId: shop.skuId, quantity: 1 }], shop.west.pointId, { pay: false });
    const early = await shop.owner.post('/admin/community/batches').send({ activityId: shop.activityId });
    expect(early.status).to.equal(409);
    expect(early.body.error.code).to.equal('not_cut_off');
    const detail = await shopApi(shop.m.slug, a.token).get(`/shop/orders/${a.orderId}`);
    expect(detail.body.fulfillments.map((f: { status: string }) => f.status)).to.deep.equal(['pending']);
    const code = detail.body.pickupCode as string;
    expect(code).to.match(/^\d{8}$/);

    clock.travel(hours(1) + minutes(1));
    const shipped = await Promise.all(Array.from({ length: 3 }, () => shop.owner.post('/admin/community/batches').send({ activityId: shop.activityId })));
    expect(shipped.filter((r) => r.status === 201).length).to.be.greaterThan(0);
    const batches = (await shop.owner.get(`/admin/community/batches?activityId=${shop.activityId}`)).body.items as Array<{ id: number; pointId: number; orderCount: number; status: string }>;
    expect(batches.map((x) => [x.pointId, x.orderCount, x.status]).sort()).to.deep.equal([[shop.west.pointId, 1, 'shipped'], [shop.east.pointId, 1, 'shipped']].sort());
    expect((await shopApi(shop.m.slug, a.token).get(`/shop/orders/${a.orderId}`)).body.fulfillments[0].status).to.equal('shipped');

    const notYet = await shopApi(shop.m.slug, shop.west.token).post('/shop/community/leader/pickups/verify').send({ code });
    expect(notYet.status).to.equal(409);
    expect(notYet.body.error.code).to.equal('not_arrived');
    const westBatch = batches.find((x) => x.pointId === shop.west.pointId)!;
    // the other point's leader cannot confirm or verify for this point
    expect((await shopApi(shop.m.slug, shop.east.token).post(`/shop/community/leader/batches/${westBatch.id}/arrive`)).status).to.equal(404);
    const arrived = await shopApi(shop.m.slug, shop.west.token).post(`/shop/community/leader/batches/${westBatch.id}/arrive`);
    expect(arrived.status, JSON.stringify(arrived.body)).to.equal(200);
    expect(arrived.body.status).to.equal('arrived');
    expect((await shopApi(shop.m.slug, shop.west.token).post(`/shop/community/leader/batches/${westBatch.id}/arrive`)).body.error.code).to.equal('batch_arrived');
    expect((await shopApi(shop.m.slug, shop.east.token).post('/shop/community/leader/pickups/verify').send({ code })).status).to.equal(404);

    const mine = await shopApi(shop.m.slug, shop.west.token).get('/shop/community/leader/orders');
    expect(mine.body.items.map((o: { orderId: number; state: string }) => [o.orderId, o.state])).to.deep.equal([[late.orderId, 'unpaid'], [a.orderId, 'ready']]);

    const verifiers = Array.from({ length: 10 }, (_, i) => (i % 2 ? shop.owner.post('/admin/community/pickups/verify').send({ code }) : shopApi(shop.m.slug, shop.west.token).post('/shop/community/leader/pickups/verify').send({ code })));
    const results = await Promise.all(verifiers);
    expect(results.filter((r) => r.status === 200)).to.have.length(1);
    expect(results.filter((r) => r.status === 409).map((r) => r.body.error.code)).to.deep.equal(Array(9).fill('pickup_code_used'));
    const after = await shopApi(shop.m.slug, a.token).get(`/shop/orders/${a.orderId}`);
    expect(after.body.status).to.equal('received');
    expect((await shopApi(shop.m.slug, shop.west.token).get('/shop/community/leader/orders')).body.items.find((o: { orderId: number }) => o.orderId === a.orderId).state).to.equal('picked_up');
    expect(b.orderId).to.be.greaterThan(0);

    // paid after its point's batch arrived: it goes in the next round, which arrives on its own
    await pay(shop.m.slug, late.token, late.orderId);
    const second = await shop.owner.post('/admin/community/batches').send({ activityId: shop.activityId });
    expect(second.status, JSON.stringify(second.body)).to.equal(201);
    expect(second.body.items.map((x: { pointId: number; round: number; orderCount: number; status: string }) => [x.pointId, x.round, x.orderCount, x.status])).to.deep.equal([[shop.west.pointId, 2, 1, 'shipped']]);
    expect((await shopApi(shop.m.slug, shop.west.token).post(`/shop/community/leader/batches/${second.body.items[0].id}/arrive`)).status).to.equal(200);
    const lateCode = (await shopApi(shop.m.slug, late.token).get(`/shop/orders/${late.orderId}`)).body.pickupCode as string;
    expect((await shopApi(shop.m.slug, shop.west.token).post('/shop/community/leader/pickups/verify').send({ code: lateCode })).status).to.equal(200);
    expect((await shop.owner.post('/admin/community/batches').send({ activityId: shop.activityId })).body.error.code).to.equal('nothing_to_ship');
  });

  it("does not show a shop's points or activities to a shopper of another shop", async () => {
    const mine = await communityShop();
    const other = await communityShop();
    const points = await shopApi(other.m.slug, other.s.token).get('/shop/community/pickup-points');
    const ids = points.body.items.map((p: { id: number }) => p.id);
    expect(ids).to.include(other.west.pointId);
    expect(ids).not.to.include(mine.west.pointId);
    expect(ids).not.to.include(mine.east.pointId);
    expect((await shopApi(other.m.slug, other.s.token).get(`/shop/community/pickup-points/${mine.west.pointId}`)).status).to.equal(404);
    expect((await shopApi(other.m.slug, other.s.token).get(`/shop/community/activities/${mine.activityId}`)).status).to.equal(404);
    const crossed = await shopApi(other.m.slug, other.s.token).post('/shop/orders').send({ items: [{ skuId: other.skuId, quantity: 1 }], pickupPointId: mine.west.pointId });
    expect(crossed.status).to.equal(404);
    expect((await shopApi(other.m.slug, other.m.token).get(`/admin/community/pick-lists?activityId=${mine.activityId}`)).status).to.equal(404);
  });
});
