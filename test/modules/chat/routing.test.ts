import { expect } from 'chai';
import { clock, minutes } from '../../../server/src/core/clock.js';
import { runDueJobs } from '../../../server/src/core/jobs.js';
import { shopApi } from '../../support/http.js';
import { startServer, type RunningServer } from '../../support/server.js';
import { merchant, shopper, staffWith, type TestMerchant } from '../../factories/index.js';
import { closeAll, connect, heard, ok, settle, until } from './sockets.js';

interface Conv {
  id: number;
  status: string;
  position: number | null;
  leftMessage: boolean;
  agent: { id: number } | null;
  closedBy?: string | null;
}

describe('chat: routing, queue, capacity and status', function () {
  this.timeout(60_000);
  let server: RunningServer;
  let shop: TestMerchant;

  before(async () => {
    server = await startServer();
  });
  beforeEach(async () => {
    shop = await merchant();
  });
  afterEach(() => closeAll());
  after(async () => {
    await server.close();
  });

  const agent = async (capacity?: number) => {
    const staff = await staffWith(shop, ['support.serve']);
    // an agent's capacity is theirs before they connect (the console remembers it)
    if (capacity) expect((await shopApi(shop.slug, staff.token).put('/admin/chat/me').send({ capacity })).status).to.equal(200);
    const socket = await connect(server, shop.slug, staff.token);
    await ok(socket, 'chat:status', {}); // answered once the agent counts as connected
    return { ...staff, socket };
  };
  const buyer = async () => {
    const s = await shopper(shop.slug);
    return { ...s, socket: await connect(server, shop.slug, s.token) };
  };
  const openChat = (who: { socket: Parameters<typeof ok>[0] }, subject?: unknown) => ok<Conv>(who.socket, 'chat:open', subject ? { subject } : {});

  it('routes a new conversation to an online agent, who hears chat:assigned', async () => {
    const a = await agent();
    const assigned = heard<{ conversationId: number }>(a.socket, 'chat:assigned');
    const s = await buyer();
    const conv = await openChat(s);
    expect(conv.status).to.equal('active');
    expect(conv.agent?.id).to.equal(a.id);
    await until(() => assigned.length === 1, 'chat:assigned');
    expect(assigned[0]!.conversationId).to.equal(conv.id);
    const again = await openChat(s);
    expect(again.id, 'a second open reaches the same conversation').to.equal(conv.id);
  });

  it('queues when nobody is online, tells each shopper their place, and the first agent online takes the head', async () => {
    const first = await buyer();
    const second = await buyer();
    const places = heard<{ conversationId: number; position: number }>(second.socket, 'chat:queue');
    const c1 = await openChat(first);
    const c2 = await openChat(second);
    expect([c1.status, c1.position, c2.status, c2.position]).to.deep.equal(['queued', 1, 'queued', 2]);
    const a = await agent(1);
    await until(async () => (await shopApi(shop.slug, a.token).get(`/admin/conversations/${c1.id}`)).body.status === 'active', 'the head assigned');
    await until(() => places.some((p) => p.conversationId === c2.id && p.position === 1), 'the second shopper moves up');
    const queue = (await shopApi(shop.slug, a.token).get('/admin/conversations?view=queue')).body;
    expect(queue.items.map((c: Conv) => c.id)).to.deep.equal([c2.id]);
  });

  it('never gives an agent more than their capacity, and a close lets them take the next', async () => {
    const a = await agent(1);
    const s1 = await buyer();
    const s2 = await buyer();
    const c1 = await openChat(s1);
    const c2 = await openChat(s2);
    expect([c1.status, c2.status]).to.deep.equal(['active', 'queued']);
    const closed = await shopApi(shop.slug, a.token).post(`/admin/conversations/${c1.id}/close`).send({ tag: '已解决' });
    expect(closed.status, JSON.stringify(closed.body)).to.equal(200);
    expect(closed.body).to.include({ status: 'closed', tag: '已解决', closedBy: 'agent' });
    const now = (await shopApi(shop.slug, a.token).get(`/admin/conversations/${c2.id}`)).body;
    expect(now.status).to.equal('active');
    expect(now.agent.id).to.equal(a.id);
  });

  it('skips an agent who set themselves away, and gives them the queue when they are back online', async () => {
    const a = await agent();
    expect((await ok<{ status: string; available: boolean }>(a.socket, 'chat:status', { status: 'away' })).available).to.equal(false);
    const c = await openChat(await buyer());
    expect(c.status).to.equal('queued');
    const back = await shopApi(shop.slug, a.token).put('/admin/chat/me').send({ status: 'online' });
    expect(back.body).to.include({ status: 'online', connected: true });
    const now = (await shopApi(shop.slug, a.token).get(`/admin/conversations/${c.id}`)).body;
    expect(now.status).to.equal('active');
  });

  it('routes to the least busy agent, but to the one who served the shopper last while they have room', async () => {
    const busy = await agent();
    const s = await buyer();
    const first = await openChat(s);
    expect(first.agent?.id).to.equal(busy.id);
    const idle = await agent();
    const other = await openChat(await buyer());
    expect(other.agent?.id, 'the least busy').to.equal(idle.id);
    await shopApi(shop.slug, busy.token).post(`/admin/conversations/${first.id}/close`).send({});
    await openChat(await buyer()); // busy: 0, idle: 1 -> busy
    const returning = await openChat(s);
    expect(returning.id).not.to.equal(first.id);
    expect(returning.agent?.id, 'the same agent as last time').to.equal(busy.id);
  });

  it('lets an agent accept from the queue and transfer to a colleague or back to the queue', async () => {
    const s = await buyer();
    const c = await openChat(s);
    expect(c.status).to.equal('queued');
    const a = await agent();
    await until(async () => (await shopApi(shop.slug, a.token).get(`/admin/conversations/${c.id}`)).body.status === 'active', 'drained to the agent who connected');
    const b = await agent();
    const toB = heard<{ conversationId: number }>(b.socket, 'chat:assigned');
    const moved = await shopApi(shop.slug, a.token).post(`/admin/conversations/${c.id}/transfer`).send({ agentId: b.id });
    expect(moved.status, JSON.stringify(moved.body)).to.equal(200);
    expect(moved.body.agent.id).to.equal(b.id);
    await until(() => toB.length === 1, 'the colleague hears it');
    expect((await shopApi(shop.slug, a.token).post(`/admin/conversations/${c.id}/close`).send({})).status, 'no longer mine').to.equal(403);
    await ok(a.socket, 'chat:status', { status: 'away' });
    const back = await shopApi(shop.slug, b.token).post(`/admin/conversations/${c.id}/transfer`).send({});
    expect(back.body.status, 'nobody else online: it waits at the head of the queue').to.equal('queued');
    const accepted = await ok<Conv>(a.socket, 'chat:accept', { conversationId: c.id });
    expect(accepted.agent?.id, 'accepting works while away').to.equal(a.id);
    const twice = await shopApi(shop.slug, b.token).post(`/admin/conversations/${c.id}/accept`);
    expect(twice.status).to.equal(409);
    expect(twice.body.error.code).to.equal('conversation_taken');
  });

  it('keeps a left message outside business hours and gives it to the first agent who comes online', async () => {
    const closedAllWeek = await shopApi(shop.slug, shop.token).patch('/admin/settings').send({ chat: { openDays: '' } });
    expect(closedAllWeek.status, JSON.stringify(closedAllWeek.body)).to.equal(200);
    const a = await agent();
    await ok(a.socket, 'chat:status', { status: 'offline' });
    const s = await buyer();
    const c = await openChat(s);
    expect(c).to.include({ status: 'queued', leftMessage: true });
    await ok(s.socket, 'chat:message', { conversationId: c.id, type: 'text', text: '明天发货吗？' });
    const assigned = heard(a.socket, 'chat:assigned');
    await ok(a.socket, 'chat:status', { status: 'online' });
    await until(() => assigned.length === 1, 'the agent coming online gets it');
    const history = (await shopApi(shop.slug, a.token).get(`/admin/conversations/${c.id}/messages`)).body;
    expect(history.items.map((m: { text: string }) => m.text)).to.deep.equal(['明天发货吗？']);
  });

  it('closes a quiet conversation after the shop\'s idle time; a shopper back before it reaches the same one', async () => {
    await shopApi(shop.slug, shop.token).patch('/admin/settings').send({ chat: { idleMinutes: 10 } });
    const a = await agent();
    const s = await buyer();
    const c = await openChat(s);
    clock.travel(minutes(5));
    await runDueJobs();
    expect((await openChat(s)).id, 'within the idle time').to.equal(c.id);
    const told = heard<Conv>(s.socket, 'chat:conversation');
    clock.travel(minutes(11));
    await runDueJobs();
    await until(() => told.some((v) => v.id === c.id && v.status === 'closed'), 'the shopper hears it closed');
    const after = (await shopApi(shop.slug, a.token).get(`/admin/conversations/${c.id}`)).body;
    expect(after).to.include({ status: 'closed', closedBy: 'idle' });
    expect((await shopApi(shop.slug, a.token).get('/admin/chat/me')).body.active, 'the place is given back').to.equal(0);
  });

  it('gives each of 12 conversations opened at once one agent, never more than each capacity', async () => {
    const agents = [await agent(2), await agent(2), await agent(2)];
    const shoppers = await Promise.all(Array.from({ length: 12 }, () => buyer()));
    const convs = await Promise.all(shoppers.map((s) => openChat(s)));
    await settle();
    const loads = await Promise.all(agents.map(async (a) => (await shopApi(shop.slug, a.token).get('/admin/chat/me')).body.active as number));
    expect(loads).to.deep.equal([2, 2, 2]);
    const all = (await shopApi(shop.slug, shop.token).get('/admin/conversations?view=all&pageSize=50')).body.items as Conv[];
    expect(all.filter((c) => c.status === 'active')).to.have.length(6);
    expect(all.filter((c) => c.status === 'queued').map((c) => c.position).sort((x, y) => x! - y!)).to.deep.equal([1, 2, 3, 4, 5, 6]);
    expect(new Set(convs.map((c) => c.id)).size).to.equal(12);
  });
});
