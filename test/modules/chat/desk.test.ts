import { expect } from 'chai';
import type { Socket } from 'socket.io-client';
import { shopApi } from '../../support/http.js';
import { startServer, type RunningServer } from '../../support/server.js';
import { paidOrder, shopper, staffWith, storeWithProduct } from '../../factories/index.js';
import { closeAll, connect, heard, ok, until } from './sockets.js';

describe('chat: the agent desk (side panel, canned replies, tags, supervisor figures)', function () {
  this.timeout(60_000);
  let server: RunningServer;
  let shop: Awaited<ReturnType<typeof storeWithProduct>>;
  let agent: { id: number; token: string; socket: Socket };

  before(async () => {
    server = await startServer();
  });
  beforeEach(async () => {
    shop = await storeWithProduct();
    const staff = await staffWith(shop.m, ['support.serve']);
    agent = { ...staff, socket: await connect(server, shop.m.slug, staff.token) };
    await ok(agent.socket, 'chat:status', {}); // answered once the agent counts as connected
  });
  afterEach(() => closeAll());
  after(async () => {
    await server.close();
  });

  it("shows the shopper's profile and latest orders beside the conversation", async () => {
    const order = await paidOrder(shop.m.slug, shop.s.token, { items: [{ skuId: shop.skuId, quantity: 1 }], addressId: shop.addressId });
    const buyer = await connect(server, shop.m.slug, shop.s.token);
    const conv = await ok<{ id: number }>(buyer, 'chat:open', {});
    const panel = await shopApi(shop.m.slug, agent.token).get(`/admin/conversations/${conv.id}/customer`);
    expect(panel.status, JSON.stringify(panel.body)).to.equal(200);
    expect(panel.body.customer.id).to.equal(shop.s.id);
    expect(panel.body.customer.phone).to.match(/^\d{3}\*{4}\d{4}$/);
    expect(panel.body.orders[0]).to.include({ id: order.id, orderNo: order.orderNo, status: 'paid', count: 1 });
  });

  it('keeps canned replies and tags per shop: supervisors edit, agents read, shortcuts unique', async () => {
    const owner = shopApi(shop.m.slug, shop.m.token);
    const added = await owner.post('/admin/chat/canned-replies').send({ shortcut: 'hi', text: '亲，您好！' });
    expect(added.status, JSON.stringify(added.body)).to.equal(201);
    expect((await owner.post('/admin/chat/canned-replies').send({ shortcut: 'hi', text: '重复' })).body.error.code).to.equal('shortcut_taken');
    expect((await shopApi(shop.m.slug, agent.token).post('/admin/chat/canned-replies').send({ shortcut: 'x', text: '无权' })).status).to.equal(403);
    const changed = await owner.put(`/admin/chat/canned-replies/${added.body.id}`).send({ text: '亲，您好！有什么可以帮您？' });
    expect(changed.body).to.include({ shortcut: 'hi', text: '亲，您好！有什么可以帮您？' });
    const found = await shopApi(shop.m.slug, agent.token).get('/admin/chat/canned-replies?q=帮您');
    expect(found.body.map((r: { shortcut: string }) => r.shortcut)).to.deep.equal(['hi']);
    expect((await owner.delete(`/admin/chat/canned-replies/${added.body.id}`)).status).to.equal(200);
    expect((await shopApi(shop.m.slug, agent.token).get('/admin/chat/canned-replies')).body).to.deep.equal([]);
    const tag = await owner.post('/admin/chat/tags').send({ name: '物流' });
    expect(tag.status).to.equal(201);
    expect((await owner.post('/admin/chat/tags').send({ name: '物流' })).body.error.code).to.equal('tag_taken');
    expect((await shopApi(shop.m.slug, agent.token).get('/admin/chat/tags')).body.map((t: { name: string }) => t.name)).to.deep.equal(['物流']);
    const otherShop = await storeWithProduct();
    expect((await shopApi(otherShop.m.slug, otherShop.m.token).get('/admin/chat/tags')).body, 'another shop has its own').to.deep.equal([]);
  });

  it("gives supervisors today's figures and each agent's live status and load", async () => {
    const supervisor = await staffWith(shop.m, ['support.supervise']);
    const watch = await connect(server, shop.m.slug, supervisor.token);
    await ok(watch, 'chat:status', { status: 'offline' });
    const agentNews = heard<{ id: number; active: number }>(watch, 'chat:agent');
    const desk = heard<{ queueLength: number }>(agent.socket, 'chat:desk');
    const buyer = await connect(server, shop.m.slug, shop.s.token);
    const conv = await ok<{ id: number }>(buyer, 'chat:open', {});
    await until(() => agentNews.some((a) => a.id === agent.id && a.active === 1), 'the supervisor sees the load');
    await ok(agent.socket, 'chat:message', { conversationId: conv.id, type: 'text', text: '您好' });
    await shopApi(shop.m.slug, agent.token).post(`/admin/conversations/${conv.id}/close`).send({ tag: '咨询' });
    await shopApi(shop.m.slug, shop.s.token).post(`/shop/conversations/${conv.id}/rating`).send({ score: 4 });
    await ok(agent.socket, 'chat:status', { status: 'away' });
    const waiting = await connect(server, shop.m.slug, (await shopper(shop.m.slug)).token);
    await ok(waiting, 'chat:open', {});
    await until(() => desk.some((d) => d.queueLength === 1), 'agents hear the queue grow');
    const figures = await shopApi(shop.m.slug, supervisor.token).get('/admin/chat/overview');
    expect(figures.status, JSON.stringify(figures.body)).to.equal(200);
    expect(figures.body.queueLength).to.equal(1);
    expect(figures.body.today).to.include({ conversations: 2, closed: 1, averageRating: 4, ratings: 1 });
    expect(figures.body.today.firstResponseSeconds).to.be.a('number').within(0, 60);
    const me = figures.body.agents.find((a: { id: number }) => a.id === agent.id);
    expect(me).to.include({ status: 'away', connected: true, available: false, active: 0, name: 'Staff' });
    expect((await shopApi(shop.m.slug, agent.token).get('/admin/chat/overview')).status, 'agents do not see it').to.equal(403);
  });
});
