import { expect } from 'chai';
import { db } from '../../server/src/core/db/index.js';
import { installSubscriptions, on } from '../../server/src/core/events.js';
import { runDueJobs } from '../../server/src/core/jobs.js';
import { orderCreated } from '../../server/src/modules/orders/index.js';
import { platformStaff, storeWithProduct } from '../factories/index.js';
import { platformApi, shopApi } from '../support/http.js';

type Logging = (sql: string) => void;

/** The INSERT statements the database receives while fn runs (Sequelize's logging hook; core/db/rows reports through it). */
async function insertsDuring(fn: () => Promise<void>): Promise<string[]> {
  const options = (db() as unknown as { options: { logging?: Logging | false } }).options;
  const before = options.logging;
  const seen: string[] = [];
  options.logging = (sql: string) => {
    if (/^\s*(Executing \([^)]*\): )?INSERT/i.test(sql)) seen.push(sql.replace(/^Executing \([^)]*\): /, '').slice(0, 40));
  };
  try {
    await fn();
  } finally {
    options.logging = before;
  }
  return seen;
}

describe('order events', () => {
  it('adds one INSERT to placing an order, whether one or five more subscribers follow order.created', async () => {
    const delivered: number[] = [];
    const subscriber = (i: number) => on(orderCreated, `test.order-follower-${i}`, async (_ctx, e) => void delivered.push(e.orderId));
    const { m, s, addressId, skuId } = await storeWithProduct();
    const place = async () => {
      const res = await shopApi(m.slug, s.token).post('/shop/orders').send({ items: [{ skuId, quantity: 1 }], addressId });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
    };
    await place(); // warm: first-use lookups of the shop stay out of the counts
    await runDueJobs();

    installSubscriptions([subscriber(1)]);
    const withOne = await insertsDuring(place);
    await runDueJobs();
    expect(delivered, 'the one follower hears of the order').to.have.length(1);

    installSubscriptions([2, 3, 4, 5, 6].map(subscriber));
    const withSix = await insertsDuring(place);
    expect(withSix.length, withSix.join('\n')).to.equal(withOne.length);
    expect(withOne.filter((sql) => sql.includes('domain_events')), 'the event is one row').to.have.length(1);

    await runDueJobs();
    expect(delivered, 'each of the six followers hears of the next order, once').to.have.length(1 + 6);
  });

  it('lets platform operators read a shop\'s events by type, newest first; a finance officer may not', async () => {
    const { m, s, addressId, skuId } = await storeWithProduct();
    const orders: number[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await shopApi(m.slug, s.token).post('/shop/orders').send({ items: [{ skuId, quantity: 1 }], addressId });
      orders.push(res.body.id);
    }
    const operator = await platformStaff('operator');
    const res = await platformApi(operator.token).get(`/platform/events?tenantId=${m.id}&type=order.created&pageSize=1`);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.total).to.equal(2);
    expect(res.body.items[0]).to.deep.include({ tenantId: m.id, type: 'order.created', actorKind: 'shopper' });
    expect(res.body.items[0].payload.orderId).to.equal(orders[1]);
    const finance = await platformStaff('finance');
    expect((await platformApi(finance.token).get('/platform/events')).status).to.equal(403);
  });
});
