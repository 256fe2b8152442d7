import { expect } from 'chai';
import type { Socket } from 'socket.io-client';
import { contribute, installHooks } from '../../../server/src/core/hooks.js';
import { autoReplyHook, type AutoReply } from '../../../server/src/modules/chat/index.js';
import { api, shopApi } from '../../support/http.js';
import { startServer, type RunningServer } from '../../support/server.js';
import { paidOrder, shopper, staffWith, storeWithProduct } from '../../factories/index.js';
import { closeAll, connect, heard, ok, refused, until } from './sockets.js';

interface Msg {
  id: number;
  seq: number;
  conversationId: number;
  sender: { kind: string; id: number | null };
  type: string;
  text: string | null;
  url: string | null;
  card: Record<string, unknown> | null;
  auto: boolean;
}

const png = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(`chat-${Math.random()}`)]);

// answers only the word the test asks about, so other tests' shoppers never see it
let faqCalls = 0;
const faq = async (found: AutoReply | null, _ctx: unknown, text: string): Promise<AutoReply | null> => {
  faqCalls++;
  return found ?? (text.includes('退货地址') ? { text: '退货地址：上海市浦东新区 <b>1号</b>', source: { kind: 'faq', id: 7 } } : null);
};

describe('chat: messages', function () {
  this.timeout(60_000);
  let server: RunningServer;
  let shop: Awaited<ReturnType<typeof storeWithProduct>>;
  let agent: { id: number; token: string; socket: Socket };
  let buyer: { id: number; token: string; socket: Socket };
  let conversationId: number;

  before(async () => {
    installHooks([contribute(autoReplyHook, 'test.faq', faq)]);
    server = await startServer();
  });
  beforeEach(async () => {
    shop = await storeWithProduct();
    const staff = await staffWith(shop.m, ['support.serve']);
    agent = { ...staff, socket: await connect(server, shop.m.slug, staff.token) };
    await ok(agent.socket, 'chat:status', {}); // answered once the agent counts as connected
    buyer = { id: shop.s.id, token: shop.s.token, socket: await connect(server, shop.m.slug, shop.s.token) };
  });
  afterEach(() => closeAll());
  after(async () => {
    await server.close();
  });

  const open = async (subject?: unknown) => {
    const conv = await ok<{ id: number; status: string }>(buyer.socket, 'chat:open', subject ? { subject } : {});
    conversationId = conv.id;
    return conv;
  };
  const say = (socket: Socket, body: Record<string, unknown>) => ok<{ id: number; seq: number }>(socket, 'chat:message', { conversationId, type: 'text', ...body });

  it('carries text both ways with a server id and a sequence, and pages history back by cursor', async () => {
    await open();
    const atAgent = heard<Msg>(agent.socket, 'chat:message');
    const atShopper = heard<Msg>(buyer.socket, 'chat:message');
    const first = await say(buyer.socket, { text: '你好，在吗？😀' });
    const reply = await say(agent.socket, { text: '在的，请问有什么可以帮您' });
    expect([first.seq, reply.seq]).to.deep.equal([1, 2]);
    await until(() => atAgent.length === 2 && atShopper.length === 2, 'both sides hear both');
    expect(atAgent[0]).to.include({ id: first.id, seq: 1, type: 'text', text: '你好，在吗？😀', auto: false });
    // each message keeps its sender's name as it was (the shopper's masked phone without a nickname)
    expect(atAgent[0]!.sender).to.deep.include({ kind: 'shopper', id: buyer.id }).and.have.property('name').that.matches(/^1\d{2}\*{4}\d{4}$/);
    expect(atShopper[1]!.sender).to.deep.include({ kind: 'agent', id: agent.id }).and.have.property('name').that.is.a('string').and.not.empty;
    for (let i = 3; i <= 7; i++) await say(buyer.socket, { text: `第${i}条` });
    const latest = (await shopApi(shop.m.slug, buyer.token).get(`/shop/conversations/${conversationId}/messages?limit=3`)).body;
    expect(latest.items.map((m: Msg) => m.seq)).to.deep.equal([5, 6, 7]);
    expect(latest).to.include({ lastSeq: 7, more: true });
    const older = (await shopApi(shop.m.slug, agent.token).get(`/admin/conversations/${conversationId}/messages?before=5&limit=3`)).body;
    expect(older.items.map((m: Msg) => m.seq)).to.deep.equal([2, 3, 4]);
    const oldest = (await shopApi(shop.m.slug, agent.token).get(`/admin/conversations/${conversationId}/messages?before=2&limit=3`)).body;
    expect(oldest).to.deep.include({ more: false });
    expect(oldest.items.map((m: Msg) => m.seq)).to.deep.equal([1]);
  });

  it('answers a resend with the same client id with the first message, once', async () => {
    await open();
    const atAgent = heard<Msg>(agent.socket, 'chat:message');
    const sends = await Promise.all([1, 2, 3].map(() => say(buyer.socket, { text: '重发', clientId: 'c-123' })));
    expect(new Set(sends.map((s) => s.id)).size).to.equal(1);
    const all = (await shopApi(shop.m.slug, buyer.token).get(`/shop/conversations/${conversationId}/messages`)).body.items;
    expect(all).to.have.length(1);
    await until(() => atAgent.length >= 1, 'delivered');
    expect(atAgent).to.have.length(1);
  });

  it('keeps text plain and bounded: markup removed, empty and over-long refused naming the field', async () => {
    await open();
    await say(buyer.socket, { text: '<script>alert(1)</script><b>粗体</b> 文字' });
    const [m] = (await shopApi(shop.m.slug, buyer.token).get(`/shop/conversations/${conversationId}/messages`)).body.items;
    expect(m.text).to.equal('alert(1)粗体 文字');
    const empty = await refused(buyer.socket, 'chat:message', { conversationId, type: 'text', text: '<br>' });
    expect(empty.code).to.equal('validation_failed');
    expect(empty.details?.[0]).to.include({ field: 'text' });
    const long = await refused(buyer.socket, 'chat:message', { conversationId, type: 'text', text: '长'.repeat(2001) });
    expect(long.details?.[0]).to.include({ field: 'text', code: 'too_long' });
  });

  it('shows an image only when it was uploaded here by this shop\'s people', async () => {
    await open();
    const upload = await api({ token: buyer.token }).post('/uploads').attach('file', png(), 'photo.png');
    expect(upload.status).to.equal(201);
    const sent = await say(buyer.socket, { type: 'image', url: upload.body.url });
    expect(sent.seq).to.equal(1);
    for (const url of ['https://evil.example/x.png', '/uploads/2026/01/notours.png']) {
      const no = await refused(buyer.socket, 'chat:message', { conversationId, type: 'image', url });
      expect(no.details?.[0], url).to.include({ field: 'url' });
    }
    const other = await storeWithProduct();
    const theirs = png();
    const foreign = await api({ token: other.s.token }).post('/uploads').attach('file', theirs, 'theirs.png');
    expect((await refused(buyer.socket, 'chat:message', { conversationId, type: 'image', url: foreign.body.url })).code, "another shop's upload").to.equal('validation_failed');
    // the same bytes, uploaded here too: stored once, but now this shop's as well
    const same = await api({ token: buyer.token }).post('/uploads').attach('file', theirs, 'mine.png');
    expect(same.body.url).to.equal(foreign.body.url);
    expect((await say(buyer.socket, { type: 'image', url: same.body.url })).seq).to.equal(2);
  });

  it('renders product and order cards from the shop\'s data, and only the shopper\'s own order', async () => {
    const order = await paidOrder(shop.m.slug, buyer.token, { items: [{ skuId: shop.skuId, quantity: 1 }], addressId: shop.addressId });
    await open({ type: 'product', id: shop.listing.id });
    const history = (await shopApi(shop.m.slug, agent.token).get(`/admin/conversations/${conversationId}/messages`)).body.items as Msg[];
    expect(history[0]!.type).to.equal('card');
    expect(history[0]!.card).to.include({ type: 'product', id: shop.listing.id });
    expect(history[0]!.card!.title).to.be.a('string').and.not.equal('');
    await say(agent.socket, { type: 'card', card: { type: 'order', id: order.id }, text: '伪造的' });
    const [, orderCard] = (await shopApi(shop.m.slug, buyer.token).get(`/shop/conversations/${conversationId}/messages`)).body.items as Msg[];
    expect(orderCard!.card).to.include({ type: 'order', id: order.id, orderNo: order.orderNo, payAmount: order.payAmount, status: 'paid' });
    expect(orderCard!.text).to.equal(null);
    const stranger = await shopper(shop.m.slug);
    const strangerSocket = await connect(server, shop.m.slug, stranger.token);
    const theirs = await refused(strangerSocket, 'chat:open', { subject: { type: 'order', id: order.id } });
    expect(theirs.code, "someone else's order").to.equal('not_found');
  });

  it('passes read marks and typing to the other side, never moving a read mark back', async () => {
    await open();
    await say(buyer.socket, { text: '一' });
    await say(buyer.socket, { text: '二' });
    const reads = heard<{ reader: string; seq: number }>(buyer.socket, 'chat:read');
    const typing = heard<{ typing: boolean; sender: { kind: string } }>(buyer.socket, 'chat:typing');
    expect(await ok(agent.socket, 'chat:read', { conversationId, seq: 2 })).to.deep.equal({ seq: 2 });
    expect(await ok(agent.socket, 'chat:read', { conversationId, seq: 1 })).to.deep.equal({ seq: 2 });
    await ok(agent.socket, 'chat:typing', { conversationId, typing: true });
    await until(() => reads.length === 1 && typing.length === 1, 'the shopper hears them');
    expect(reads[0]).to.include({ reader: 'agent', seq: 2 });
    expect(typing[0]).to.deep.include({ typing: true, sender: { kind: 'agent' } });
    expect((await shopApi(shop.m.slug, buyer.token).get('/shop/conversations/current')).body.agentReadSeq).to.equal(2);
  });

  it('lets a client that reconnects catch up on what it missed, by sequence', async () => {
    await open();
    await say(buyer.socket, { text: '我先下线一下' });
    buyer.socket.close();
    await say(agent.socket, { text: '好的' });
    await say(agent.socket, { text: '您的订单已发货' });
    const again = await connect(server, shop.m.slug, buyer.token);
    const missed = await ok<{ items: Msg[]; lastSeq: number; more: boolean }>(again, 'chat:sync', { conversationId, afterSeq: 1 });
    expect(missed.items.map((m) => m.text)).to.deep.equal(['好的', '您的订单已发货']);
    expect(missed).to.include({ lastSeq: 3, more: false });
    const byRoute = (await shopApi(shop.m.slug, buyer.token).get(`/shop/conversations/${conversationId}/messages?after=2`)).body;
    expect(byRoute.items.map((m: Msg) => m.seq)).to.deep.equal([3]);
  });

  it('refuses a flood from one socket with a clear error', async () => {
    await open();
    const replies = [];
    for (let i = 0; i < 12; i++) replies.push(await buyer.socket.timeout(5_000).emitWithAck('chat:message', { conversationId, type: 'text', text: `刷屏${i}` }));
    const refusedOnes = replies.filter((r: { error?: { code: string } }) => r.error);
    expect(refusedOnes).to.have.length(2);
    expect(refusedOnes[0].error).to.include({ code: 'rate_limited' });
    expect(refusedOnes[0].error.details.retryAfterSeconds).to.be.within(1, 5);
  });

  it('answers from the auto-reply hook before an agent replies, marked automatic, and not after', async () => {
    await ok(agent.socket, 'chat:status', { status: 'away' });
    await open();
    const heardByShopper = heard<Msg>(buyer.socket, 'chat:message');
    await say(buyer.socket, { text: '请问退货地址是哪里？' });
    await until(() => heardByShopper.length === 2, 'the automatic answer');
    expect(heardByShopper[1]).to.include({ auto: true, text: '退货地址：上海市浦东新区 1号', seq: 2 });
    expect(heardByShopper[1]!.sender.kind).to.equal('system');
    await ok(agent.socket, 'chat:accept', { conversationId });
    await say(agent.socket, { text: '您好' });
    const calls = faqCalls;
    await say(buyer.socket, { text: '退货地址再说一次' });
    expect(faqCalls, 'an agent has answered: the hook is not asked').to.equal(calls);
  });

  it("answers a question the shop's published FAQ holds, in the FAQ's words (the content module's contribution)", async () => {
    const owner = shopApi(shop.m.slug, shop.m.token);
    const entry = await owner.post('/admin/content/articles').send({ kind: 'faq', title: '下单后多久发货？', body: '<p>付款后 <strong>48 小时</strong>内发货。</p>', keywords: ['发货', '几天发'] });
    expect(entry.status, JSON.stringify(entry.body)).to.equal(201);
    expect((await owner.post(`/admin/content/articles/${entry.body.id}/publish`)).status).to.equal(200);
    await ok(agent.socket, 'chat:status', { status: 'away' });
    await open();
    const heardByShopper = heard<Msg>(buyer.socket, 'chat:message');
    await say(buyer.socket, { text: '你好，请问几天发货呀' });
    await until(() => heardByShopper.length === 2, 'the FAQ answer');
    expect(heardByShopper[1]).to.include({ auto: true });
    expect(heardByShopper[1]!.text).to.contain('48 小时').and.not.contain('<strong>');
  });

  it('refuses messages on a closed conversation, and lets the shopper rate it once', async () => {
    await open();
    await say(buyer.socket, { text: '谢谢' });
    const early = await shopApi(shop.m.slug, buyer.token).post(`/shop/conversations/${conversationId}/rating`).send({ score: 5 });
    expect(early.body.error.code).to.equal('conversation_open');
    await shopApi(shop.m.slug, agent.token).post(`/admin/conversations/${conversationId}/close`).send({ tag: '咨询' });
    expect((await refused(buyer.socket, 'chat:message', { conversationId, type: 'text', text: '还在吗' })).code).to.equal('conversation_closed');
    const rates = await Promise.all([5, 4].map((score) => shopApi(shop.m.slug, buyer.token).post(`/shop/conversations/${conversationId}/rating`).send({ score, comment: '很好' })));
    expect(rates.map((r) => r.status).sort()).to.deep.equal([201, 409]);
    const listed = (await shopApi(shop.m.slug, buyer.token).get('/shop/conversations')).body.items[0];
    expect(listed.rating.comment).to.equal('很好');
  });

  it("keeps a shopper out of another's conversation and an agent out of a colleague's", async () => {
    await open();
    const stranger = await shopper(shop.m.slug);
    const strangerSocket = await connect(server, shop.m.slug, stranger.token);
    expect((await refused(strangerSocket, 'chat:message', { conversationId, type: 'text', text: '偷看' })).code).to.equal('not_found');
    expect((await shopApi(shop.m.slug, stranger.token).get(`/shop/conversations/${conversationId}/messages`)).status).to.equal(404);
    const colleague = await staffWith(shop.m, ['support.serve']);
    const colleagueSocket = await connect(server, shop.m.slug, colleague.token);
    expect((await refused(colleagueSocket, 'chat:message', { conversationId, type: 'text', text: '抢答' })).code).to.equal('forbidden');
    expect((await shopApi(shop.m.slug, colleague.token).get('/admin/conversations?view=all')).status, 'all is for supervisors').to.equal(403);
    const nonAgent = await staffWith(shop.m, ['orders.read']);
    expect((await shopApi(shop.m.slug, nonAgent.token).get('/admin/conversations')).status).to.equal(403);
  });
});
