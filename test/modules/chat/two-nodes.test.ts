import { expect } from 'chai';
import type { Socket } from 'socket.io-client';
import { requireRedis } from '../../support/engines.js';
import { shopApi } from '../../support/http.js';
import { startServer, type RunningServer } from '../../support/server.js';
import { merchant, shopper, staffWith, type TestMerchant } from '../../factories/index.js';
import { closeAll, connect, heard, ok, settle, until } from './sockets.js';

/** Two API nodes (socket.io servers) sharing MariaDB and Redis, as two processes behind a balancer do. */
describe('chat across two nodes sharing MariaDB and Redis', function () {
  this.timeout(90_000);
  let nodeA: RunningServer;
  let nodeB: RunningServer;
  let shop: TestMerchant;

  before(async function () {
    requireRedis(this);
    nodeA = await startServer();
    nodeB = await startServer();
  });
  beforeEach(async () => {
    shop = await merchant();
  });
  afterEach(() => closeAll());
  after(async () => {
    await nodeA?.close();
    await nodeB?.close();
  });

  const agentOn = async (node: RunningServer, capacity?: number) => {
    const staff = await staffWith(shop, ['support.serve']);
    // an agent's capacity is theirs before they connect (the console remembers it)
    if (capacity) expect((await shopApi(shop.slug, staff.token).put('/admin/chat/me').send({ capacity })).status).to.equal(200);
    const socket = await connect(node, shop.slug, staff.token);
    await ok(socket, 'chat:status', {}); // answered once the agent counts as connected
    return { ...staff, socket };
  };
  const shopperOn = async (node: RunningServer) => {
    const s = await shopper(shop.slug);
    return { ...s, socket: await connect(node, shop.slug, s.token) };
  };

  it('routes a shopper on node A to an agent on node B, and they chat both ways', async () => {
    const agent = await agentOn(nodeB);
    const buyer = await shopperOn(nodeA);
    const assigned = heard<{ conversationId: number }>(agent.socket, 'chat:assigned');
    const conv = await ok<{ id: number; status: string; agent: { id: number } }>(buyer.socket, 'chat:open', {});
    expect(conv.status).to.equal('active');
    expect(conv.agent.id, 'an agent connected to the other node counts as online').to.equal(agent.id);
    await until(() => assigned.length === 1, 'chat:assigned crosses nodes');
    const atAgent = heard<{ text: string }>(agent.socket, 'chat:message');
    const atShopper = heard<{ text: string }>(buyer.socket, 'chat:message');
    await ok(buyer.socket, 'chat:message', { conversationId: conv.id, type: 'text', text: '从 A 节点发来' });
    await ok(agent.socket, 'chat:message', { conversationId: conv.id, type: 'text', text: 'B 节点回复' });
    await until(() => atAgent.length === 2 && atShopper.length === 2, 'both messages reach both sides');
    expect(atShopper.map((m) => m.text)).to.deep.equal(['从 A 节点发来', 'B 节点回复']);
  });

  it('loses nothing when a shopper drops from node A and comes back on node B', async () => {
    const agent = await agentOn(nodeA);
    const buyer = await shopperOn(nodeA);
    const conv = await ok<{ id: number }>(buyer.socket, 'chat:open', {});
    await ok(buyer.socket, 'chat:message', { conversationId: conv.id, type: 'text', text: '我换个网络' });
    buyer.socket.close();
    await ok(agent.socket, 'chat:message', { conversationId: conv.id, type: 'text', text: '好的，我等您' });
    await ok(agent.socket, 'chat:message', { conversationId: conv.id, type: 'text', text: '订单已改好地址' });
    const back = await connect(nodeB, shop.slug, buyer.token);
    const live = heard<{ text: string }>(back, 'chat:message');
    const missed = await ok<{ items: Array<{ seq: number; text: string }> }>(back, 'chat:sync', { conversationId: conv.id, afterSeq: 1 });
    expect(missed.items.map((m) => [m.seq, m.text])).to.deep.equal([[2, '好的，我等您'], [3, '订单已改好地址']]);
    await ok(agent.socket, 'chat:message', { conversationId: conv.id, type: 'text', text: '还在吗？' });
    await until(() => live.length === 1, 'live again on the other node');
  });

  it('keeps one queue for the shop: shoppers on both nodes wait in order, an agent on either takes the head', async () => {
    const first = await shopperOn(nodeA);
    const second = await shopperOn(nodeB);
    const third = await shopperOn(nodeA);
    const c1 = await ok<{ id: number; position: number }>(first.socket, 'chat:open', {});
    const c2 = await ok<{ id: number; position: number }>(second.socket, 'chat:open', {});
    const c3 = await ok<{ id: number; position: number }>(third.socket, 'chat:open', {});
    expect([c1.position, c2.position, c3.position]).to.deep.equal([1, 2, 3]);
    const places = heard<{ conversationId: number; position: number }>(third.socket, 'chat:queue');
    const agent = await agentOn(nodeB, 1);
    await until(async () => (await shopApi(shop.slug, agent.token).get(`/admin/conversations/${c1.id}`)).body.status === 'active', 'the head (from node A) goes to the agent on node B');
    await until(() => places.some((p) => p.position === 2), 'the shopper on node A hears their new place');
    const queue = (await shopApi(shop.slug, agent.token).get('/admin/conversations?view=queue')).body.items.map((c: { id: number }) => c.id);
    expect(queue).to.deep.equal([c2.id, c3.id]);
  });

  it('never gives a conversation two agents nor an agent more than capacity when both nodes route at once', async () => {
    for (let round = 0; round < 3; round++) {
      shop = await merchant();
      const agents = [await agentOn(nodeA, 2), await agentOn(nodeB, 2), await agentOn(nodeB, 1)];
      const shoppers = await Promise.all(Array.from({ length: 10 }, (_, i) => shopperOn(i % 2 ? nodeA : nodeB)));
      const assigned: Array<{ conversationId: number }>[] = agents.map((a) => heard(a.socket as Socket, 'chat:assigned'));
      await Promise.all(shoppers.map((s) => ok(s.socket, 'chat:open', {})));
      await settle(300);
      const loads = await Promise.all(agents.map(async (a) => (await shopApi(shop.slug, a.token).get('/admin/chat/me')).body.active as number));
      expect(loads, `round ${round}`).to.deep.equal([2, 2, 1]);
      const all = (await shopApi(shop.slug, shop.token).get('/admin/conversations?view=all&pageSize=50')).body.items as Array<{ id: number; status: string; agent: { id: number } | null }>;
      expect(all.filter((c) => c.status === 'active')).to.have.length(5);
      const told = assigned.flat().map((a) => a.conversationId);
      expect(new Set(told).size, 'each assignment announced once, to one agent').to.equal(told.length);
      expect(told).to.have.length(5);
    }
  });
});
