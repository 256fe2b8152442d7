/**
 * The money path under attack and carelessness: the same refund, case, approval or shipment ten
 * times at once, a line listed twice, a gateway that fails or a process that dies between steps.
 * Every test runs on SQLite and again on MariaDB + Redis, where the races are real.
 */
import { expect } from 'chai';
import sinon from 'sinon';
import { clock, days, minutes } from '../../server/src/core/clock.js';
import { acrossTenants, withTransaction } from '../../server/src/core/db/index.js';
import { inTenant, systemContext } from '../../server/src/core/context.js';
import { runDueJobs } from '../../server/src/core/jobs.js';
import { AccountBalance, LedgerEntry } from '../../server/src/modules/finance/model.js';
import { reserveOrderRefund } from '../../server/src/modules/orders/index.js';
import { OrderItem } from '../../server/src/modules/orders/model.js';
import { Refund } from '../../server/src/modules/payments/model.js';
import { SandboxGateway } from '../../server/src/modules/payments/providers/sandbox.js';
import { tenantRef } from '../../server/src/modules/tenants/index.js';
import { api, shopApi } from '../support/http.js';
import { paidOrder, platformToken } from '../factories/index.js';
import { assertBooksBalance, orderLines, twoSupplierShop } from '../factories/money.js';

const ROUNDS = 3;
const PARALLEL = 10;
const returnAddress = { name: '售后部', phone: '0571-88888888', address: '杭州市余杭区文一西路 1 号' };

const race = <T>(n: number, fn: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => fn(i)));
const statuses = (replies: Array<{ status: number }>) => replies.map((r) => r.status).sort();

/** Tokens expire while tests move the clock by days: sign in again. */
async function fresh<T extends { token: string; email: string; password: string }>(who: T, slug?: string): Promise<T> {
  const res = slug ? await shopApi(slug).post('/admin/auth/login').send({ email: who.email, password: who.password }) : await api().post('/supplier/auth/login').send({ email: who.email, password: who.password });
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return { ...who, token: res.body.token as string };
}

async function supplierEntries(supplierId: number, orderId: number): Promise<number> {
  const rows = await LedgerEntry.findAll({ where: { accountType: 'supplier', accountId: supplierId, orderId }, raw: true });
  return rows.reduce((sum, e) => sum + Number(e.amount), 0);
}

async function toShip(token: string, orderNo: string): Promise<Array<{ id: number }>> {
  const queue = (await api({ token }).get('/supplier/fulfillments?status=to_ship&pageSize=100')).body.items as Array<{ id: number; orderNo: string }>;
  return queue.filter((x) => x.orderNo === orderNo);
}

async function shipAll(token: string, order: { orderNo: string }): Promise<void> {
  const sup = api({ token });
  for (const f of await toShip(token, order.orderNo)) {
    const shipped = await sup.post(`/supplier/fulfillments/${f.id}/ship`).send({ carrier: 'shunfeng', trackingNo: `SF${Date.now()}${f.id}` });
    expect(shipped.status, JSON.stringify(shipped.body)).to.equal(200);
  }
}

describe('refunds that cannot leak', () => {
  it('refunds a line once when ten refunds of it race, round after round, and the supplier gives back only what it earned', async () => {
    const { m, s, addressId, a, skuA, skuB } = await twoSupplierShop();
    for (let round = 0; round < ROUNDS; round++) {
      const order = await paidOrder(m.slug, s.token, { items: [{ skuId: skuA, quantity: 1 }, { skuId: skuB, quantity: 1 }], addressId });
      const line = (await orderLines(m, order.id)).items.find((i) => i.skuId === skuA)!;
      const replies = await race(PARALLEL, () => shopApi(m.slug, m.token).post(`/admin/orders/${order.id}/refund`).send({ reason: '缺货', items: [{ orderItemId: line.id, quantity: 1 }] }));
      expect(replies.filter((r) => r.status === 200), JSON.stringify(replies.map((r) => r.body))).to.have.length(1);
      // the others find the unit gone: 400 naming the quantity ("at most 0 left")
      expect(replies.filter((r) => r.status !== 200).every((r) => r.status === 400 && r.body.error.details[0].field === 'items[0].quantity')).to.equal(true);
      const after = await orderLines(m, order.id);
      const refunded = after.items.find((i) => i.id === line.id)!;
      expect(refunded).to.include({ refundedQuantity: 1, refundedAmount: 1500, refundingAmount: 0 });
      expect(after.refundedAmount).to.equal(1500);
      expect(await supplierEntries(a.supplier.id, order.id), 'A earned 1000 and gave it back').to.equal(0);
    }
    await assertBooksBalance();
  });

  it('adds up a line listed twice: never more units than the line has, on the merchant route and in a case', async () => {
    const { m, s, addressId, skuA } = await twoSupplierShop();
    const order = await paidOrder(m.slug, s.token, { items: [{ skuId: skuA, quantity: 2 }], addressId });
    const line = (await orderLines(m, order.id)).items[0]!;
    const twice = await shopApi(m.slug, m.token).post(`/admin/orders/${order.id}/refund`).send({ reason: '重复', items: [{ orderItemId: line.id, quantity: 2 }, { orderItemId: line.id, quantity: 1 }] });
    expect(twice.status, JSON.stringify(twice.body)).to.equal(400);
    expect(twice.body.error.details[0]).to.include({ field: 'items[0].quantity' });
    const viaCase = await shopApi(m.slug, s.token).post(`/shop/orders/${order.id}/aftersales`).send({ type: 'refund_only', reason: '重复', items: [{ orderItemId: line.id, quantity: 2 }, { orderItemId: line.id, quantity: 2 }] });
    expect(viaCase.status, JSON.stringify(viaCase.body)).to.equal(400);
    const summed = await shopApi(m.slug, m.token).post(`/admin/orders/${order.id}/refund`).send({ reason: '分两行写', items: [{ orderItemId: line.id, quantity: 1 }, { orderItemId: line.id, quantity: 1 }] });
    expect(summed.body).to.include({ status: 'succeeded', amount: 3000 });
    expect((await orderLines(m, order.id)).items[0]).to.include({ refundedQuantity: 2, refundedAmount: 3000 });
    expect((await shopApi(m.slug, m.token).post(`/admin/orders/${order.id}/refund`).send({ reason: '再退' })).status).to.equal(409);
    await assertBooksBalance();
  });

  it('keeps a refund the gateway could not take pending with its hold, and its job sends it again', async () => {
    const { m, s, addressId, skuA } = await twoSupplierShop();
    const order = await paidOrder(m.slug, s.token, { items: [{ skuId: skuA, quantity: 2 }], addressId });
    const line = (await orderLines(m, order.id)).items[0]!;
    sinon.stub(SandboxGateway.prototype, 'refund').rejects(new Error('connect ETIMEDOUT'));
    const first = await shopApi(m.slug, m.token).post(`/admin/orders/${order.id}/refund`).send({ reason: '超时', items: [{ orderItemId: line.id, quantity: 1 }] });
    expect(first.status, JSON.stringify(first.body)).to.equal(200);
    expect(first.body.status).to.equal('pending');
    expect((await orderLines(m, order.id)).items[0]).to.include({ refundedQuantity: 0, refundingAmount: 1500 });
    const meanwhile = await shopApi(m.slug, m.token).post(`/admin/orders/${order.id}/refund`).send({ reason: '再退一件', items: [{ orderItemId: line.id, quantity: 2 }] });
    expect(meanwhile.status, 'a held unit is not refunded twice').to.equal(400);
    await assertBooksBalance();
    sinon.restore();
    clock.travel(minutes(3));
    await runDueJobs();
    expect((await orderLines(m, order.id)).items[0]).to.include({ refundedQuantity: 1, refundedAmount: 1500, refundingAmount: 0 });
    await assertBooksBalance();
  });

  it('sends a refund whose process died after it was reserved, once, when its job runs', async () => {
    const { m, s, addressId, skuA } = await twoSupplierShop();
    const order = await paidOrder(m.slug, s.token, { items: [{ skuId: skuA, quantity: 1 }], addressId });
    const base = systemContext('test', m.id);
    // the reserving transaction commits; the process dies before anything reaches the gateway
    const refund = await inTenant(base, await tenantRef(base, m.id), (ctx) => withTransaction(ctx, (tx) => reserveOrderRefund(tx, order.id, { reason: '崩溃前' })));
    const sent = sinon.spy(SandboxGateway.prototype, 'refund');
    const again = await shopApi(m.slug, m.token).post(`/admin/orders/${order.id}/refund`).send({ reason: '再试' });
    expect(again.status, 'what the lost refund holds is not refunded again').to.equal(409);
    clock.travel(minutes(3));
    await runDueJobs();
    await runDueJobs();
    expect(sent.callCount).to.equal(1);
    const stored = await acrossTenants('test', () => Refund.findByPk(refund.id));
    expect(stored!.status).to.equal('succeeded');
    expect((await orderLines(m, order.id)).status).to.equal('refunded');
    await assertBooksBalance();
  });

  it('refuses to take back settled money a supplier has asked to withdraw, until the withdrawal is rejected', async () => {
    const { m, s, addressId, a, skuA } = await twoSupplierShop();
    const order = await paidOrder(m.slug, s.token, { items: [{ skuId: skuA, quantity: 1 }], addressId });
    await shipAll(a.supplier.token, order);
    await shopApi(m.slug, s.token).post(`/shop/orders/${order.id}/receive`);
    clock.travel(days(8));
    await runDueJobs();
    const supplier = await fresh(a.supplier);
    const shop = await fresh(m, m.slug);
    const sup = api({ token: supplier.token });
    const summary = (await sup.get('/supplier/finance/summary')).body;
    expect(summary.available).to.equal(1000);
    const payee = { accountName: '供应商有限公司', bankName: '招商银行', accountNo: '6225880000001234' };
    const w = await sup.post('/supplier/finance/withdrawals').send({ amount: 1000, payee });
    expect(w.status).to.equal(201);
    const refused = await shopApi(m.slug, shop.token).post(`/admin/orders/${order.id}/refund`).send({ reason: '售后完成后补偿' });
    expect(refused.status, JSON.stringify(refused.body)).to.equal(409);
    expect(refused.body.error).to.deep.include({ code: 'insufficient_balance' });
    expect(refused.body.error.details.account).to.deep.equal({ type: 'supplier', id: a.supplier.id });
    expect(await acrossTenants('test', () => Refund.count({ where: { orderId: order.id } })), 'nothing half written').to.equal(0);
    expect((await sup.get('/supplier/finance/summary')).body).to.deep.equal({ available: 0, frozen: 0, held: 1000 });
    await assertBooksBalance();
    const operator = api({ token: await platformToken() });
    expect((await operator.post(`/platform/withdrawals/${w.body.id}/reject`).send({ reason: '先处理退款' })).status).to.equal(200);
    const refunded = await shopApi(m.slug, shop.token).post(`/admin/orders/${order.id}/refund`).send({ reason: '售后完成后补偿' });
    expect(refunded.body).to.include({ status: 'succeeded', amount: 1500 });
    expect((await sup.get('/supplier/finance/summary')).body).to.deep.equal({ available: 0, frozen: 0, held: 0 });
    await assertBooksBalance();
  });

  it('spends a balance once when ten checkouts race for it, and the balance row never goes below zero', async () => {
    const { m, s, addressId, skuA } = await twoSupplierShop();
    const recharge = await shopApi(m.slug, s.token).post('/shop/balance/recharge').send({ amount: 4500, method: 'sandbox' });
    expect(recharge.status, JSON.stringify(recharge.body)).to.be.oneOf([200, 201]);
    expect((await api().post(`/payments/sandbox/${recharge.body.paymentId}/confirm`)).status).to.equal(200);
    for (let round = 0; round < 2; round++) {
      const orders = await race(PARALLEL, async () => (await shopApi(m.slug, s.token).post('/shop/orders').send({ items: [{ skuId: skuA, quantity: 1 }], addressId })).body as { id: number });
      const paid = await race(PARALLEL, (i) => shopApi(m.slug, s.token).post(`/shop/orders/${orders[i]!.id}/pay`).send({ method: 'balance' }));
      const ok = paid.filter((r) => r.status === 200).length;
      expect(ok, JSON.stringify(paid.map((r) => r.body))).to.equal(round === 0 ? 3 : 0);
      expect(paid.filter((r) => r.status === 409).every((r) => r.body.error.code === 'insufficient_balance')).to.equal(true);
    }
    const row = await AccountBalance.findOne({ where: { accountType: 'shopper', accountId: s.id } });
    expect(row!.available).to.equal(0);
    await assertBooksBalance();
  });
});

describe('after-sales cases that cannot leak', () => {
  it('opens one case for a line when ten requests race, round after round', async () => {
    const { m, s, addressId, skuA, skuB } = await twoSupplierShop();
    for (let round = 0; round < ROUNDS; round++) {
      const order = await paidOrder(m.slug, s.token, { items: [{ skuId: skuA, quantity: 2 }, { skuId: skuB, quantity: 1 }], addressId });
      const line = (await orderLines(m, order.id)).items.find((i) => i.skuId === skuA)!;
      const replies = await race(PARALLEL, () => shopApi(m.slug, s.token).post(`/shop/orders/${order.id}/aftersales`).send({ type: 'refund_only', reason: '少发', items: [{ orderItemId: line.id, quantity: 1 }] }));
      expect(statuses(replies), JSON.stringify(replies.map((r) => r.body))).to.deep.equal([201, ...Array(PARALLEL - 1).fill(409)]);
      expect(replies.filter((r) => r.status === 409).every((r) => r.body.error.code === 'aftersale_open')).to.equal(true);
      const other = (await orderLines(m, order.id)).items.find((i) => i.skuId === skuB)!;
      const elsewhere = await shopApi(m.slug, s.token).post(`/shop/orders/${order.id}/aftersales`).send({ type: 'refund_only', reason: '另一件也不要了', items: [{ orderItemId: other.id, quantity: 1 }] });
      expect(elsewhere.status, 'another line of the order may have its own case').to.equal(201);
    }
  });

  it('refunds a case once when ten approvals race for it, round after round', async () => {
    const { m, s, addressId, skuA, a } = await twoSupplierShop();
    for (let round = 0; round < ROUNDS; round++) {
      const order = await paidOrder(m.slug, s.token, { items: [{ skuId: skuA, quantity: 3 }], addressId });
      const line = (await orderLines(m, order.id)).items[0]!;
      const opened = await shopApi(m.slug, s.token).post(`/shop/orders/${order.id}/aftersales`).send({ type: 'refund_only', reason: '少发一件', items: [{ orderItemId: line.id, quantity: 1 }] });
      expect(opened.status).to.equal(201);
      // the goods are supplier A's: it decides
      const replies = await race(PARALLEL, () => api({ token: a.supplier.token }).post(`/supplier/aftersales/${opened.body.id}/approve`).send({}));
      expect(replies.every((r) => r.status === 200 || r.status === 409), JSON.stringify(replies.map((r) => r.body))).to.equal(true);
      const refunds = await acrossTenants('test', () => Refund.findAll({ where: { orderId: order.id } }));
      expect(refunds.map((r) => [r.status, r.amount])).to.deep.equal([['succeeded', 1500]]);
      expect((await orderLines(m, order.id)).items[0]).to.include({ refundedQuantity: 1, refundedAmount: 1500 });
    }
    await assertBooksBalance();
  });

  it("refunds only a stale case's own line: another supplier's line and payable stay untouched", async () => {
    const { m, s, addressId, a, b, skuA, skuB } = await twoSupplierShop();
    const order = await paidOrder(m.slug, s.token, { items: [{ skuId: skuA, quantity: 2 }, { skuId: skuB, quantity: 1 }], addressId });
    const lines = (await orderLines(m, order.id)).items;
    const lineA = lines.find((i) => i.skuId === skuA)!;
    const opened = await shopApi(m.slug, s.token).post(`/shop/orders/${order.id}/aftersales`).send({ type: 'refund_only', reason: 'A 的货有问题', items: [{ orderItemId: lineA.id, quantity: 2 }] });
    expect(opened.body).to.include({ amount: 3000 });
    expect(opened.body.owner).to.deep.equal({ kind: 'supplier', id: a.supplier.id, name: '' });
    // meanwhile the shop compensates part of A's line, so the case asks for more than A's line has left
    const compensated = await shopApi(m.slug, m.token).post(`/admin/orders/${order.id}/refund`).send({ reason: '差价补偿', items: [{ orderItemId: lineA.id, quantity: 1 }] });
    expect(compensated.body).to.include({ status: 'succeeded', amount: 1500 });
    const bBefore = await supplierEntries(b.supplier.id, order.id);
    const approved = await api({ token: a.supplier.token }).post(`/supplier/aftersales/${opened.body.id}/approve`).send({});
    expect(approved.status, JSON.stringify(approved.body)).to.equal(200);
    expect(approved.body).to.include({ status: 'refunded', refundedAmount: 1500 });
    const after = await orderLines(m, order.id);
    expect(after.items.find((i) => i.skuId === skuB)).to.include({ refundedQuantity: 0, refundedAmount: 0 });
    expect(after.items.find((i) => i.skuId === skuA)).to.include({ refundedQuantity: 2, refundedAmount: 3000 });
    expect(after.status).to.equal('paid');
    expect(await supplierEntries(b.supplier.id, order.id), "B's payable is B's").to.equal(bBefore);
    await assertBooksBalance();
  });

  it("arbitrates an exchange: approving goes on with the exchange and moves no money; a refund gives only the case's line back", async () => {
    const { m, s, addressId, a, skuA, skuB } = await twoSupplierShop();
    const operator = api({ token: await platformToken() });
    const escalatedExchange = async () => {
      const order = await paidOrder(m.slug, s.token, { items: [{ skuId: skuA, quantity: 1 }, { skuId: skuB, quantity: 2 }], addressId });
      await shipAll(a.supplier.token, order);
      const lineA = (await orderLines(m, order.id)).items.find((i) => i.skuId === skuA)!;
      const opened = await shopApi(m.slug, s.token).post(`/shop/orders/${order.id}/aftersales`).send({ type: 'exchange', reason: '尺码不对，换大一号', items: [{ orderItemId: lineA.id, quantity: 1 }] });
      expect(opened.status, JSON.stringify(opened.body)).to.equal(201);
      expect((await api({ token: a.supplier.token }).post(`/supplier/aftersales/${opened.body.id}/refuse`).send({ reason: '不支持换货' })).status).to.equal(200);
      expect((await shopApi(m.slug, s.token).post(`/shop/aftersales/${opened.body.id}/escalate`)).body.status).to.equal('escalated');
      return { order, caseId: opened.body.id as number };
    };

    const first = await escalatedExchange();
    const noAddress = await operator.post(`/platform/aftersales/${first.caseId}/arbitrate`).send({ decision: 'approve', reason: '应予换货' });
    expect(noAddress.status).to.equal(400);
    const approved = await operator.post(`/platform/aftersales/${first.caseId}/arbitrate`).send({ decision: 'approve', reason: '应予换货', returnAddress });
    expect(approved.body).to.include({ status: 'approved', refundedAmount: 0 });
    expect((await orderLines(m, first.order.id)).refundedAmount).to.equal(0);

    const second = await escalatedExchange();
    const refunded = await operator.post(`/platform/aftersales/${second.caseId}/arbitrate`).send({ decision: 'refund', reason: '无法换货，退还该件货款' });
    expect(refunded.status, JSON.stringify(refunded.body)).to.equal(200);
    expect(refunded.body).to.include({ status: 'refunded', refundedAmount: 1500 });
    const after = await orderLines(m, second.order.id);
    expect(after.refundedAmount, 'the 15-yuan line, not the whole 75-yuan order').to.equal(1500);
    expect(after.status).to.equal('paid');
    expect(after.items.find((i) => i.skuId === skuB)).to.include({ refundedAmount: 0 });
    await assertBooksBalance();
  });

  it('tries a refund the platform decided on again when the gateway refused it: the owner approves once more', async () => {
    const { m, s, addressId, a, skuA } = await twoSupplierShop();
    const order = await paidOrder(m.slug, s.token, { items: [{ skuId: skuA, quantity: 1 }], addressId });
    await shipAll(a.supplier.token, order);
    const shop = shopApi(m.slug, s.token);
    const sup = api({ token: a.supplier.token });
    const opened = await shop.post(`/shop/orders/${order.id}/aftersales`).send({ type: 'repair', reason: '无法开机' });
    await sup.post(`/supplier/aftersales/${opened.body.id}/refuse`).send({ reason: '人为损坏' });
    await shop.post(`/shop/aftersales/${opened.body.id}/escalate`);
    const refused = sinon.stub(SandboxGateway.prototype, 'refund').resolves({ status: 'failed', error: 'SANDBOX_REFUSED' });
    const ruled = await api({ token: await platformToken() }).post(`/platform/aftersales/${opened.body.id}/arbitrate`).send({ decision: 'refund', reason: '维修不了，退还货款', amount: 1200 });
    expect(ruled.body).to.include({ status: 'approved', refundedAmount: 0 });
    refused.restore();
    const again = await sup.post(`/supplier/aftersales/${opened.body.id}/approve`).send({});
    expect(again.status, JSON.stringify(again.body)).to.equal(200);
    expect(again.body).to.include({ status: 'refunded', refundedAmount: 1200 });
    const twice = await sup.post(`/supplier/aftersales/${opened.body.id}/approve`).send({});
    expect(twice.status).to.equal(409);
    expect((await orderLines(m, order.id)).refundedAmount).to.equal(1200);
    await assertBooksBalance();
  });

  it('completes an exchange: the goods come back, the supplier ships the replacement, the shopper confirms; no money moves', async () => {
    const { m, s, addressId, a, skuA } = await twoSupplierShop();
    const order = await paidOrder(m.slug, s.token, { items: [{ skuId: skuA, quantity: 1 }], addressId });
    await shipAll(a.supplier.token, order);
    const line = (await orderLines(m, order.id)).items[0]!;
    const shop = shopApi(m.slug, s.token);
    const sup = api({ token: a.supplier.token });
    const entriesBefore = await LedgerEntry.count({ where: { orderId: order.id } });
    const opened = await shop.post(`/shop/orders/${order.id}/aftersales`).send({ type: 'exchange', reason: '颜色发错', items: [{ orderItemId: line.id, quantity: 1 }] });
    expect((await sup.post(`/supplier/aftersales/${opened.body.id}/approve`).send({ returnAddress })).body.status).to.equal('approved');
    expect((await shop.post(`/shop/aftersales/${opened.body.id}/return`).send({ carrier: 'yuantong', trackingNo: 'YT1234567890' })).body.status).to.equal('returning');
    expect((await sup.post(`/supplier/aftersales/${opened.body.id}/reship`).send({ carrier: 'shunfeng', trackingNo: 'SF9876543210' })).status, 'nothing to reship before the goods are back').to.equal(409);
    const back = await sup.post(`/supplier/aftersales/${opened.body.id}/confirm-return`);
    expect(back.body).to.include({ status: 'returned' });
    const raced = await race(PARALLEL, () => sup.post(`/supplier/aftersales/${opened.body.id}/reship`).send({ carrier: 'shunfeng', trackingNo: 'SF9876543210' }));
    expect(statuses(raced)).to.deep.equal([200, ...Array(PARALLEL - 1).fill(409)]);
    const shipped = (await shop.get(`/shop/aftersales/${opened.body.id}`)).body;
    expect(shipped).to.include({ status: 'reshipped', reshipCarrier: 'shunfeng', reshipTrackingNo: 'SF9876543210' });
    await shop.post(`/shop/orders/${order.id}/receive`);
    clock.travel(days(8));
    await runDueJobs();
    expect((await orderLines(await fresh(m, m.slug), order.id)).status, 'an open exchange holds the order open').to.equal('received');
    const token = (await shopApi(m.slug).post('/shop/auth/login').send({ phone: s.phone, password: s.password })).body.token;
    const closed = await shopApi(m.slug, token).post(`/shop/aftersales/${opened.body.id}/confirm-receipt`);
    expect(closed.body).to.include({ status: 'closed', refundedAmount: 0 });
    expect(await LedgerEntry.count({ where: { orderId: order.id } }), 'an exchange moves no money').to.equal(entriesBefore);
    clock.travel(days(2));
    await runDueJobs();
    expect((await orderLines(await fresh(m, m.slug), order.id)).status).to.equal('completed');
  });

  it('closes a repair on its own when the shopper never confirms the repaired item', async () => {
    const { m, s, addressId, skuA, a } = await twoSupplierShop();
    const order = await paidOrder(m.slug, s.token, { items: [{ skuId: skuA, quantity: 1 }], addressId });
    await shipAll(a.supplier.token, order);
    const shop = shopApi(m.slug, s.token);
    const opened = await shop.post(`/shop/orders/${order.id}/aftersales`).send({ type: 'repair', reason: '开关失灵' });
    await api({ token: a.supplier.token }).post(`/supplier/aftersales/${opened.body.id}/approve`).send({ returnAddress });
    await shop.post(`/shop/aftersales/${opened.body.id}/return`).send({ carrier: 'yuantong', trackingNo: 'YT1234567891' });
    await api({ token: a.supplier.token }).post(`/supplier/aftersales/${opened.body.id}/confirm-return`);
    expect((await api({ token: a.supplier.token }).post(`/supplier/aftersales/${opened.body.id}/reship`).send({ carrier: 'shunfeng', trackingNo: 'SF1234567891' })).body.status).to.equal('reshipped');
    clock.travel(days(11));
    await runDueJobs();
    expect((await shopApi(m.slug, (await fresh(m, m.slug)).token).get(`/admin/aftersales/${opened.body.id}`)).body.status).to.equal('closed');
  });

  it('still ships every unit owed after a shipped unit came back, and a refund before shipping cancels units that never ship', async () => {
    const { m, s, addressId, a, skuA } = await twoSupplierShop();
    const order = await paidOrder(m.slug, s.token, { items: [{ skuId: skuA, quantity: 3 }], addressId });
    const line = (await orderLines(m, order.id)).items[0]!;
    const sup = api({ token: a.supplier.token });
    const [f] = await toShip(a.supplier.token, order.orderNo);
    expect((await sup.post(`/supplier/fulfillments/${f!.id}/ship`).send({ carrier: 'shunfeng', trackingNo: 'SF2000000001', items: [{ orderItemId: line.id, quantity: 1 }] })).status).to.equal(200);
    const shop = shopApi(m.slug, s.token);
    const opened = await shop.post(`/shop/orders/${order.id}/aftersales`).send({ type: 'return_refund', reason: '第一件有瑕疵', items: [{ orderItemId: line.id, quantity: 1 }] });
    expect(opened.status, JSON.stringify(opened.body)).to.equal(201);
    const tooMany = await shop.post(`/shop/orders/${order.id}/aftersales`).send({ type: 'exchange', reason: '换货', items: [{ orderItemId: line.id, quantity: 2 }] });
    expect(tooMany.status, 'only shipped units can go back').to.be.oneOf([400, 409]);
    await sup.post(`/supplier/aftersales/${opened.body.id}/approve`).send({ returnAddress });
    await shop.post(`/shop/aftersales/${opened.body.id}/return`).send({ carrier: 'yuantong', trackingNo: 'YT2000000001' });
    expect((await sup.post(`/supplier/aftersales/${opened.body.id}/confirm-return`)).body).to.include({ status: 'refunded', refundedAmount: 1500 });
    const queue = await toShip(a.supplier.token, order.orderNo);
    expect(queue.length, 'the two units never shipped are still owed').to.equal(1);
    const shippedRest = await sup.post(`/supplier/fulfillments/${f!.id}/ship`).send({ carrier: 'shunfeng', trackingNo: 'SF2000000002' });
    expect(shippedRest.status, JSON.stringify(shippedRest.body)).to.equal(200);
    const stored = await acrossTenants('test', () => OrderItem.findByPk(line.id));
    expect(stored).to.deep.include({ shippedQuantity: 3, refundedQuantity: 1, cancelledQuantity: 0 });
    expect((await orderLines(m, order.id)).status).to.equal('shipped');

    // a unit refunded before it ships is cancelled: the rest ship and the order moves on
    const second = await paidOrder(m.slug, s.token, { items: [{ skuId: skuA, quantity: 2 }], addressId });
    const secondLine = (await orderLines(m, second.id)).items[0]!;
    expect((await shopApi(m.slug, m.token).post(`/admin/orders/${second.id}/refund`).send({ reason: '缺一件', items: [{ orderItemId: secondLine.id, quantity: 1 }] })).body.status).to.equal('succeeded');
    const [f2] = await toShip(a.supplier.token, second.orderNo);
    expect((await sup.post(`/supplier/fulfillments/${f2!.id}/ship`).send({ carrier: 'shunfeng', trackingNo: 'SF2000000003' })).status).to.equal(200);
    expect(await acrossTenants('test', () => OrderItem.findByPk(secondLine.id))).to.deep.include({ shippedQuantity: 1, cancelledQuantity: 1 });
    expect((await orderLines(m, second.id)).status).to.equal('shipped');

    // every unit refunded before shipping with money left over: nothing to deliver, so it is received and completes
    const third = await paidOrder(m.slug, s.token, { items: [{ skuId: skuA, quantity: 1 }], addressId });
    const thirdLine = (await orderLines(m, third.id)).items[0]!;
    const partial = await shopApi(m.slug, m.token).post(`/admin/orders/${third.id}/refund`).send({ reason: '缺货，部分退款', items: [{ orderItemId: thirdLine.id, quantity: 1 }], amount: 1000 });
    expect(partial.body).to.include({ status: 'succeeded', amount: 1000 });
    expect((await orderLines(m, third.id)).status, 'nothing is left to ship or wait for').to.equal('received');
    await assertBooksBalance();
  });
});

describe('shipping that cannot over-ship', () => {
  it('adds up a line listed twice and ships a fulfilment once when ten shipments race', async () => {
    const { m, s, addressId, a, skuA } = await twoSupplierShop();
    const order = await paidOrder(m.slug, s.token, { items: [{ skuId: skuA, quantity: 2 }], addressId });
    const line = (await orderLines(m, order.id)).items[0]!;
    const sup = api({ token: a.supplier.token });
    const [f] = await toShip(a.supplier.token, order.orderNo);
    const twice = await sup.post(`/supplier/fulfillments/${f.id}/ship`).send({ carrier: 'shunfeng', trackingNo: 'SF1000000001', items: [{ orderItemId: line.id, quantity: 2 }, { orderItemId: line.id, quantity: 2 }] });
    expect(twice.status, JSON.stringify(twice.body)).to.equal(400);
    expect(twice.body.error.details[0]).to.include({ field: 'items[0].quantity' });
    const raced = await race(PARALLEL, (i) => sup.post(`/supplier/fulfillments/${f.id}/ship`).send({ carrier: 'shunfeng', trackingNo: `SF10000000${10 + i}`, items: [{ orderItemId: line.id, quantity: 2 }] }));
    expect(statuses(raced), JSON.stringify(raced.map((r) => r.body))).to.deep.equal([200, ...Array(PARALLEL - 1).fill(409)]);
    const stored = await acrossTenants('test', () => OrderItem.findByPk(line.id));
    expect(stored!.shippedQuantity).to.equal(2);
    expect((await orderLines(m, order.id)).status).to.equal('shipped');
  });
});

