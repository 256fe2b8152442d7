/**
 * Money-only partial refunds split each refund between the goods' owner and the shop in proportion,
 * rounded down. Rounded on the cumulative refunded amount, the splits add up to exactly the line's
 * cost and margin however many refunds there are, so a shop whose whole margin went to commissions
 * can still refund the last fen.
 */
import { expect } from 'chai';
import { runDueJobs } from '../../server/src/core/jobs.js';
import { paidOrder, shopper, storeWithProduct, addressOf } from '../factories/index.js';
import { assertBooksBalance } from '../factories/money.js';
import { LedgerEntry } from '../../server/src/modules/finance/model.js';
import { shopApi } from '../support/http.js';

async function refundAll(owner: ReturnType<typeof shopApi>, orderId: number, parts: number[]) {
  for (const amount of parts) {
    const res = await owner.post(`/admin/orders/${orderId}/refund`).send({ reason: 'goodwill', amount });
    expect(res.status, `refund of ${amount}: ${JSON.stringify(res.body)}`).to.be.oneOf([200, 201, 202]);
    await runDueJobs();
  }
}

describe('money-only partial refunds', function () {
  this.timeout(60_000); // six refunds, each with its jobs run
  it('give back the whole order in odd parts: the owner exactly its cost, the shop exactly its margin', async () => {
    const x = await storeWithProduct({ stock: 50, supplyPrice: 997, markup: 3 });
    const owner = shopApi(x.m.slug, x.m.token);
    const order = await paidOrder(x.m.slug, x.s.token, { items: [{ skuId: x.skuId, quantity: 3 }], addressId: x.addressId });
    const parts = [7, 333, 1, 999, 13];
    parts.push(order.payAmount - parts.reduce((a, b) => a + b, 0));
    await refundAll(owner, order.id, parts);
    expect((await shopApi(x.m.slug, x.s.token).get(`/shop/orders/${order.id}`)).body.status).to.equal('refunded');
    // every party of the order is back to nothing: what each gave back is what it had been booked
    const net = new Map<string, number>();
    for (const e of await LedgerEntry.findAll({ where: { orderId: order.id }, raw: true })) {
      if (e.accountType === 'clearing') continue;
      net.set(e.accountType, (net.get(e.accountType) ?? 0) + Number(e.amount));
    }
    expect(Object.fromEntries(net)).to.deep.equal(Object.fromEntries([...net.keys()].map((k) => [k, 0])));
    await assertBooksBalance();
  });

  it('leave a shop whose whole margin went to commissions able to refund the last fen', async () => {
    const x = await storeWithProduct({ stock: 50, markup: 20 });
    const owner = shopApi(x.m.slug, x.m.token);
    expect((await owner.put('/admin/distribution/settings').send({ enabled: true, depth: 1, rates: [5000], becomeBy: 'auto' })).status).to.equal(200);
    const inviter = await shopper(x.m.slug);
    const code = (await shopApi(x.m.slug, inviter.token).get('/shop/distribution/me')).body.inviteCode as string;
    const buyer = await shopper(x.m.slug);
    expect((await shopApi(x.m.slug, buyer.token).post('/shop/distribution/bind').send({ inviteCode: code })).status).to.equal(200);
    const order = await paidOrder(x.m.slug, buyer.token, { items: [{ skuId: x.skuId, quantity: 3 }], addressId: await addressOf(x.m.slug, buyer.token) });
    const parts = [601, 601, 601, 601, 601];
    parts.push(order.payAmount - parts.reduce((a, b) => a + b, 0));
    await refundAll(owner, order.id, parts);
    expect((await shopApi(x.m.slug, inviter.token).get('/shop/distribution/me')).body.commission.frozen).to.equal(0);
    await assertBooksBalance();
  });
});
