/**
 * A refund is a step across its gateway (core/steps): a gateway that answers 500, a process that
 * dies between commit and call, the job and the after-commit call at once, a gateway that keeps
 * failing until an operator steps in. The gateway is faked at its edge (the sandbox's refund call).
 */
import { expect } from 'chai';
import sinon from 'sinon';
import { clock, minutes } from '../../server/src/core/clock.js';
import { inTenant, systemContext, type Ctx } from '../../server/src/core/context.js';
import { acrossTenants, withTransaction } from '../../server/src/core/db/index.js';
import { runDueJobs } from '../../server/src/core/jobs.js';
import { Step } from '../../server/src/core/steps.js';
import { LedgerEntry } from '../../server/src/modules/finance/model.js';
import { reserveOrderRefund } from '../../server/src/modules/orders/index.js';
import { Payment, Refund } from '../../server/src/modules/payments/model.js';
import { sendRefund } from '../../server/src/modules/payments/index.js';
import { SandboxGateway } from '../../server/src/modules/payments/providers/sandbox.js';
import { tenantRef } from '../../server/src/modules/tenants/index.js';
import { api, shopApi } from '../support/http.js';
import { paidOrder, platformToken } from '../factories/index.js';
import { assertBooksBalance, orderLines, twoSupplierShop } from '../factories/money.js';

const gatewayDown = () => Object.assign(new Error('Request failed with status code 500'), { status: 500 });

/** A paid order of one unit of A (1500 fen), refunded through the shop's admin. */
async function paidOneUnit() {
  const shop = await twoSupplierShop();
  const order = await paidOrder(shop.m.slug, shop.s.token, { items: [{ skuId: shop.skuA, quantity: 1 }], addressId: shop.addressId });
  return { ...shop, order };
}

async function asShop<T>(tenantId: number, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  const base = systemContext('test', tenantId);
  return inTenant(base, await tenantRef(base, tenantId), fn);
}

/** What a refund wrote, read from the rows: its status, its step's, and how often the ledger paid it out. */
async function refundState(refundId: number) {
  return acrossTenants('test', async () => {
    const refund = (await Refund.findByPk(refundId))!;
    const step = (await Step.findOne({ where: { name: 'payments.refund', stepKey: refund.outRefundNo } }))!;
    const paidOut = await LedgerEntry.count({ where: { refType: 'refund', refId: refundId, kind: 'refund_paid' } });
    const payment = (await Payment.findByPk(refund.paymentId))!;
    return { refund: refund.status, step: step.status, attempts: step.attempts, stepId: step.id, paidOut, paymentRefunded: payment.refundedAmount };
  });
}

/** Moves the clock past every backoff and runs what is due, n times. */
async function jobsRunAgain(times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    clock.travel(minutes(10));
    await runDueJobs();
  }
}

describe('refund steps across a gateway', () => {
  afterEach(() => sinon.restore());

  it('settles a refund whose gateway answers 500 twice and then succeeds, through its job, once', async () => {
    const { m, order } = await paidOneUnit();
    const refundCall = sinon.stub(SandboxGateway.prototype, 'refund');
    refundCall.onCall(0).rejects(gatewayDown());
    refundCall.onCall(1).rejects(gatewayDown());
    refundCall.callThrough();
    const asked = await shopApi(m.slug, m.token).post(`/admin/orders/${order.id}/refund`).send({ reason: '网关故障' });
    expect(asked.status, JSON.stringify(asked.body)).to.equal(200);
    expect(asked.body).to.include({ status: 'pending', amount: 1500 });

    clock.travel(minutes(3));
    await runDueJobs();
    expect(await refundState(asked.body.id)).to.include({ refund: 'pending', step: 'pending', attempts: 2, paidOut: 0 });
    await jobsRunAgain(1);

    expect(refundCall.callCount).to.equal(3);
    expect(new Set(refundCall.getCalls().map((c) => c.args[0].outRefundNo)).size, 'one idempotency key for every call').to.equal(1);
    expect(await refundState(asked.body.id)).to.include({ refund: 'succeeded', step: 'succeeded', attempts: 3, paidOut: 1, paymentRefunded: 1500 });
    await jobsRunAgain(2);
    expect(refundCall.callCount, 'a settled step is not called again').to.equal(3);
    const lines = await orderLines(m, order.id);
    expect(lines).to.include({ status: 'refunded', refundedAmount: 1500 });
    expect(lines.items[0]).to.include({ refundedQuantity: 1, refundedAmount: 1500, refundingAmount: 0 });
    await assertBooksBalance();
  });

  it('resumes a refund whose process died between commit and the gateway call', async () => {
    const { m, order } = await paidOneUnit();
    // the reserving transaction commits; the after-commit call never happens
    const refund = await asShop(m.id, (ctx) => withTransaction(ctx, (tx) => reserveOrderRefund(tx, order.id, { reason: '崩溃前' })));
    const refundCall = sinon.spy(SandboxGateway.prototype, 'refund');
    expect(await refundState(refund.id)).to.include({ refund: 'pending', step: 'pending', attempts: 0 });
    clock.travel(minutes(3));
    await runDueJobs();
    await jobsRunAgain(1);
    expect(refundCall.callCount).to.equal(1);
    expect(await refundState(refund.id)).to.include({ refund: 'succeeded', step: 'succeeded', attempts: 1, paidOut: 1, paymentRefunded: 1500 });
    await assertBooksBalance();
  });

  it('settles once when the recovery job and the after-commit call run at the same moment', async () => {
    const { m, order } = await paidOneUnit();
    const refund = await asShop(m.id, (ctx) => withTransaction(ctx, (tx) => reserveOrderRefund(tx, order.id, { reason: '并发' })));
    const slowGateway = sinon.stub(SandboxGateway.prototype, 'refund').callsFake(async function (this: SandboxGateway, request) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return slowGateway.wrappedMethod.call(this, request);
    });
    clock.travel(minutes(3));
    // the job is due, and the request that reserved it sends it too
    await Promise.all([runDueJobs(), asShop(m.id, (ctx) => sendRefund({ ...ctx, transaction: null }, refund.id)), asShop(m.id, (ctx) => sendRefund({ ...ctx, transaction: null }, refund.id))]);
    await jobsRunAgain(2);
    expect(await refundState(refund.id)).to.include({ refund: 'succeeded', step: 'succeeded', paidOut: 1, paymentRefunded: 1500 });
    expect(slowGateway.callCount, 'one run holds the step while it calls').to.equal(1);
    expect((await orderLines(m, order.id)).items[0]).to.include({ refundedQuantity: 1, refundedAmount: 1500, refundingAmount: 0 });
    await assertBooksBalance();
  });

  it('hands a refund whose gateway keeps failing to an operator after its attempts, and an operator retry settles it', async () => {
    const { m, order } = await paidOneUnit();
    const refundCall = sinon.stub(SandboxGateway.prototype, 'refund').rejects(gatewayDown());
    const asked = await shopApi(m.slug, m.token).post(`/admin/orders/${order.id}/refund`).send({ reason: '一直失败' });
    expect(asked.body).to.include({ status: 'pending' });
    await jobsRunAgain(12);
    const stuck = await refundState(asked.body.id);
    expect(stuck).to.include({ refund: 'pending', step: 'needs_attention', attempts: 8, paidOut: 0 });
    expect(refundCall.callCount, 'no call after the last attempt').to.equal(8);
    expect((await orderLines(m, order.id)).items[0], 'the units stay held meanwhile').to.include({ refundingAmount: 1500 });

    const operator = api({ token: await platformToken() });
    const queue = await operator.get('/platform/steps');
    expect(queue.status, JSON.stringify(queue.body)).to.equal(200);
    const listed = (queue.body.items as Array<{ id: number; name: string; status: string; lastError: string | null }>).find((s) => s.id === stuck.stepId);
    expect(listed).to.include({ name: 'payments.refund', status: 'needs_attention' });
    expect(listed!.lastError).to.contain('500');

    refundCall.callThrough();
    const retried = await operator.post(`/platform/steps/${stuck.stepId}/retry`);
    expect(retried.status, JSON.stringify(retried.body)).to.equal(200);
    expect(retried.body).to.include({ status: 'succeeded', attempts: 1 });
    expect(await refundState(asked.body.id)).to.include({ refund: 'succeeded', paidOut: 1, paymentRefunded: 1500 });
    expect((await operator.post(`/platform/steps/${stuck.stepId}/retry`)).status, 'a settled step is not retried').to.equal(409);
    await jobsRunAgain(2);
    expect(refundCall.callCount).to.equal(9);
    await assertBooksBalance();
  });
});
