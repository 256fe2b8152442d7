/**
 * Distributors' withdrawals to WeChat change (商家转账) through the real transfer adapter and the
 * sandbox that checks its signatures and signs its answers: only a shopper with the shop's
 * mini-program openid may ask; approval pays once under ten parallel approvals; a failed transfer
 * gives the money back; a tampered answer is refused (the money stays held, and the step's job
 * sends the same bill number again); a process dying between the approval and the call is
 * recovered by the job, exactly once. The books balance throughout, transfers counted as money out.
 */
import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { clock, minutes } from '../../server/src/core/clock.js';
import { runInContext, systemContext } from '../../server/src/core/context.js';
import { acrossTenants, withTransaction } from '../../server/src/core/db/index.js';
import { runDueJobs } from '../../server/src/core/jobs.js';
import { decideInTx } from '../../server/src/modules/distribution/withdrawals.js';
import { LedgerEntry } from '../../server/src/modules/finance/model.js';
import { sandboxTransferScript } from '../../server/src/modules/payments/index.js';
import { addressOf, paidOrder, storeWithProduct, uniqPhone } from '../factories/index.js';
import { assertBooksBalance } from '../factories/money.js';
import { api, shopApi } from '../support/http.js';

const race = <T>(n: number, fn: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => fn(i)));

/** A shop with a mini-program, a WeChat shopper W who is a distributor with 2000 fen available, and the phone shopper B who bought through W. */
async function setup() {
  const store = await storeWithProduct({ stock: 100, markup: 100 });
  const owner = shopApi(store.m.slug, store.m.token);
  expect((await owner.put('/admin/distribution/settings').send({ enabled: true, depth: 1, rates: [1000], becomeBy: 'auto', minWithdrawal: 100, withdrawalFeeBps: 100 })).status).to.equal(200);
  expect((await owner.patch('/admin/settings').send({ orders: { afterSalesDays: 0 } })).status).to.equal(200);
  const appid = `wx${randomBytes(8).toString('hex')}`;
  expect((await owner.post('/admin/store/apps').send({ appid, channel: 'wechat_mp', secret: 'a'.repeat(32) })).status).to.be.oneOf([200, 201]);
  const login = await api({ appId: appid }).post('/shop/auth/wechat').send({ code: `code-${randomBytes(4).toString('hex')}` });
  expect(login.status, JSON.stringify(login.body)).to.equal(200);
  const w = api({ appId: appid, token: login.body.token });
  const code = (await w.get('/shop/distribution/me')).body.inviteCode as string;
  const phone = uniqPhone();
  const reg = await shopApi(store.m.slug).post('/shop/auth/register').send({ phone, password: 'Shopper#2026', inviteCode: code });
  expect(reg.status).to.equal(201);
  const b = shopApi(store.m.slug, reg.body.token);
  const order = await paidOrder(store.m.slug, reg.body.token, { items: [{ skuId: store.skuId, quantity: 10 }], addressId: await addressOf(store.m.slug, reg.body.token) });
  const sup = api({ token: store.product.supplier.token });
  const queue = (await sup.get('/supplier/fulfillments?status=to_ship&pageSize=100')).body.items as Array<{ id: number; orderNo: string }>;
  for (const f of queue.filter((f) => f.orderNo === order.orderNo)) expect((await sup.post(`/supplier/fulfillments/${f.id}/ship`).send({ carrier: 'ems', trackingNo: `EMS${Date.now()}${f.id}` })).status).to.equal(200);
  expect((await b.post(`/shop/orders/${order.id}/receive`)).status).to.equal(200);
  await runDueJobs();
  expect((await w.get('/shop/distribution/me')).body.commission).to.deep.equal({ frozen: 0, available: 2000, held: 0 });
  return { ...store, owner, w, b };
}

const commission = async (s: ReturnType<typeof api>) => (await s.get('/shop/distribution/me')).body.commission as { frozen: number; available: number; held: number };

describe('distribution WeChat withdrawals', () => {
  afterEach(() => {
    sandboxTransferScript.length = 0;
  });

  it('is offered to a shopper with the mini-program\'s openid only; approving pays once under ten parallel approvals', async () => {
    const x = await setup();
    expect((await x.w.get('/shop/distribution/me')).body.wechatWithdrawal).to.equal(true);
    expect((await x.b.get('/shop/distribution/me')).body.wechatWithdrawal).to.equal(false);
    const refused = await x.b.post('/shop/distribution/withdrawals').send({ amount: 500, method: 'wechat' });
    expect(refused.status).to.equal(409);
    expect(refused.body.error.code).to.equal('wechat_openid_required');
    const asked = await x.w.post('/shop/distribution/withdrawals').send({ amount: 1000, method: 'wechat' });
    expect(asked.status, JSON.stringify(asked.body)).to.equal(201);
    expect(asked.body).to.include({ method: 'wechat', status: 'pending', amount: 1000, fee: 10, net: 990 });
    expect(await commission(x.w)).to.deep.equal({ frozen: 0, available: 1000, held: 1000 });
    const approvals = await race(10, () => x.owner.post(`/admin/distribution/withdrawals/${asked.body.id}/approve`));
    expect(approvals.filter((r) => r.status === 200)).to.have.length(1);
    expect(approvals.filter((r) => r.status !== 200).every((r) => r.status === 409)).to.equal(true);
    const list = (await x.owner.get(`/admin/distribution/withdrawals?customerId=${asked.body.customerId}`)).body.items;
    expect(list[0]).to.include({ id: asked.body.id, method: 'wechat', status: 'paid', error: null });
    expect(await commission(x.w)).to.deep.equal({ frozen: 0, available: 1000, held: 0 });
    const paid = await acrossTenants('test', () => LedgerEntry.findAll({ where: { refType: 'withdrawal', refId: asked.body.id }, raw: true }));
    expect(paid.filter((e) => e.dedupeKey.endsWith(':paid'))).to.have.length(1);
    await assertBooksBalance();
  });

  it('gives the money back when the transfer fails', async () => {
    const x = await setup();
    const asked = (await x.w.post('/shop/distribution/withdrawals').send({ amount: 1500, method: 'wechat' })).body;
    sandboxTransferScript.push('fail');
    const approved = await x.owner.post(`/admin/distribution/withdrawals/${asked.id}/approve`);
    expect(approved.status, JSON.stringify(approved.body)).to.equal(200);
    expect(approved.body.status).to.equal('failed');
    expect(approved.body.error).to.contain('FAIL');
    expect(await commission(x.w)).to.deep.equal({ frozen: 0, available: 2000, held: 0 });
    // the same money can be asked for again
    expect((await x.w.post('/shop/distribution/withdrawals').send({ amount: 2000, method: 'wechat' })).status).to.equal(201);
    await assertBooksBalance();
  });

  it('refuses a tampered answer (the money stays held) and its job sends the same bill again', async () => {
    const x = await setup();
    const asked = (await x.w.post('/shop/distribution/withdrawals').send({ amount: 1000, method: 'wechat' })).body;
    sandboxTransferScript.push('tamper');
    const approved = await x.owner.post(`/admin/distribution/withdrawals/${asked.id}/approve`);
    expect(approved.status, JSON.stringify(approved.body)).to.equal(200);
    expect(approved.body.status).to.equal('paying');
    expect(await commission(x.w)).to.deep.equal({ frozen: 0, available: 1000, held: 1000 });
    clock.travel(minutes(3));
    try {
      await runDueJobs();
    } finally {
      clock.travel(-minutes(3));
    }
    const after = (await x.owner.get(`/admin/distribution/withdrawals?customerId=${asked.customerId}`)).body.items[0];
    expect(after).to.include({ status: 'paid' });
    expect(await commission(x.w)).to.deep.equal({ frozen: 0, available: 1000, held: 0 });
    await assertBooksBalance();
  });

  it('a process dying between the approval and the call: the job sends it, exactly once', async () => {
    const x = await setup();
    const asked = (await x.w.post('/shop/distribution/withdrawals').send({ amount: 800, method: 'wechat' })).body;
    const ctx = systemContext('test', x.m.id);
    // the approval commits, and nothing is sent: the process "dies" here
    await runInContext(ctx, () => withTransaction(ctx, (tx) => decideInTx(tx, asked.id, 'approve')));
    expect((await x.owner.get(`/admin/distribution/withdrawals?customerId=${asked.customerId}`)).body.items[0].status).to.equal('paying');
    sandboxTransferScript.push('error'); // and WeChat is busy the first time the job calls
    for (let i = 1; i <= 3; i++) {
      clock.travel(minutes(30 * i));
      try {
        await runDueJobs();
      } finally {
        clock.travel(-minutes(30 * i));
      }
    }
    expect((await x.owner.get(`/admin/distribution/withdrawals?customerId=${asked.customerId}`)).body.items[0].status).to.equal('paid');
    expect(await commission(x.w)).to.deep.equal({ frozen: 0, available: 1200, held: 0 });
    const paid = await acrossTenants('test', () => LedgerEntry.findAll({ where: { refType: 'withdrawal', refId: asked.id }, raw: true }));
    expect(paid.filter((e) => e.dedupeKey.endsWith(':paid'))).to.have.length(1);
    await assertBooksBalance();
  });
});
