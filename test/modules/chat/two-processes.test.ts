/**
 * Two server processes sharing MariaDB and Redis, as two API nodes behind a balancer are: the
 * test's own process (node A) and a child process (node B, test/support/children/realtime-server.ts).
 * A shopper on A and an agent on B chat both ways, and an order paid through A reaches a console
 * connected to B. Pending without Redis (two processes share no in-process cache).
 */
import { expect } from 'chai';
import request from 'supertest';
import { runDueJobs } from '../../../server/src/core/jobs.js';
import { TestChild } from '../../support/child.js';
import { requireRedis } from '../../support/engines.js';
import { tenantHost } from '../../support/http.js';
import { startServer, type RunningServer } from '../../support/server.js';
import { staffWith, storeWithProduct } from '../../factories/index.js';
import { closeAll, connect, heard, ok, until } from './sockets.js';

describe('chat and live orders across two server processes', function () {
  this.timeout(120_000);
  let nodeA: RunningServer;
  let child: TestChild | undefined;
  let nodeB: RunningServer;

  before(async function () {
    requireRedis(this);
    nodeA = await startServer();
    const started = await TestChild.start('realtime-server.ts');
    child = started.child;
    const port = Number(started.ready.port);
    nodeB = { port, url: (host, path = '/') => `http://${host}:${port}${path}`, close: async () => undefined };
  });
  afterEach(() => closeAll());
  after(async () => {
    await child?.kill();
    await nodeA?.close();
  });

  it('lets a shopper on one process and an agent on the other chat both ways, and tells a console on the other of a paid order', async () => {
    const shop = await storeWithProduct();
    const staff = await staffWith(shop.m, ['support.serve', 'orders.read']);
    const agent = await connect(nodeB, shop.m.slug, staff.token);
    await ok(agent, 'chat:status', {});
    const buyer = await connect(nodeA, shop.m.slug, shop.s.token);

    const conv = await ok<{ id: number; status: string; agent: { id: number } | null }>(buyer, 'chat:open', {});
    expect(conv.status, 'an agent connected to the other process is online').to.equal('active');
    expect(conv.agent?.id).to.equal(staff.id);
    const atAgent = heard<{ text: string }>(agent, 'chat:message');
    const atShopper = heard<{ text: string }>(buyer, 'chat:message');
    await ok(buyer, 'chat:message', { conversationId: conv.id, type: 'text', text: '进程 A 的顾客' });
    await ok(agent, 'chat:message', { conversationId: conv.id, type: 'text', text: '进程 B 的客服' });
    await until(() => atAgent.length === 2 && atShopper.length === 2, 'both messages on both processes');
    expect(atShopper.map((m) => m.text)).to.deep.equal(['进程 A 的顾客', '进程 B 的客服']);

    const orders = heard<{ id: number; status: string }>(agent, 'order:updated');
    const onA = (path: string, token?: string) => {
      const req = request(`http://127.0.0.1:${nodeA.port}`).post(`/api/v1${path}`).set('Host', tenantHost(shop.m.slug));
      return token ? req.set('Authorization', `Bearer ${token}`) : req;
    };
    const placed = await onA('/shop/orders', shop.s.token).send({ items: [{ skuId: shop.skuId, quantity: 1 }], addressId: shop.addressId });
    expect(placed.status, JSON.stringify(placed.body)).to.equal(201);
    const pay = await onA(`/shop/orders/${placed.body.id}/pay`, shop.s.token).send({ method: 'sandbox' });
    expect((await onA(`/payments/sandbox/${pay.body.paymentId}/confirm`)).status).to.equal(200);
    await runDueJobs();
    await until(() => orders.some((o) => o.id === placed.body.id && o.status === 'paid'), 'the paid order on the console of the other process');
  });
});
