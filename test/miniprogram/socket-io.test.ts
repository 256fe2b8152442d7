/**
 * The mini-program's socket.io client (web/miniprogram/src/lib/socket-io.ts) against the real
 * server's socket.io: `wx.connectSocket` is a `ws`-backed stub, everything behind it is real. The
 * shop is found by its appid (X-App-Id on the WebSocket handshake), as in the mini-program.
 */
import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import type { Socket } from 'socket.io-client';
import { MiniSocket, type ConnectError } from '../../web/miniprogram/src/lib/socket-io.js';
import { storeWithProduct, staffWith } from '../factories/index.js';
import { shopApi } from '../support/http.js';
import { startServer, type RunningServer } from '../support/server.js';
import { closeAll, connect, heard, ok, until } from '../modules/chat/sockets.js';
import { createWx } from './support/wx.js';
import type { ConnectSocket } from '../../web/miniprogram/src/lib/socket-io.js';
import { WebSocketServer } from 'ws';

type Ack<T> = { ok: true; data: T } | { error: { code: string } };

describe('mini-program: socket.io over wx.connectSocket', function () {
  this.timeout(60_000);
  let server: RunningServer;
  let shop: Awaited<ReturnType<typeof storeWithProduct>>;
  let appId: string;
  let agent: Socket;
  // the harness's wx stub: its connectSocket is a real WebSocket (the ws package)
  const wxStub = createWx({ apiBase: '', appId: '', slug: '', name: '', primaryColor: '', logoUrl: null, socketUrl: '' });
  const stub = {
    connectSocket: wxStub.api.connectSocket as ConnectSocket,
    get calls() {
      return wxStub.sockets.map((s) => ({ url: s.url, header: s.header }));
    },
    get sockets() {
      return wxStub.sockets.map((s) => s.ws);
    },
    closeAll: () => void wxStub.closeSockets(),
  };
  const made: MiniSocket[] = [];

  const miniSocket = (token: string, extra: Partial<ConstructorParameters<typeof MiniSocket>[0]> = {}) => {
    const s = new MiniSocket({
      url: `ws://127.0.0.1:${server.port}`,
      headers: { 'X-App-Id': appId },
      auth: () => ({ token }),
      connectSocket: stub.connectSocket,
      reconnectionDelay: 50,
      reconnectionDelayMax: 200,
      ...extra,
    });
    made.push(s);
    return s;
  };
  const connected = (s: MiniSocket) =>
    new Promise<boolean>((resolve, reject) => {
      s.once('connect', resolve);
      s.once('connect_error', reject);
      s.connect();
    });

  before(async () => {
    server = await startServer();
    shop = await storeWithProduct();
    appId = `wx${randomBytes(8).toString('hex')}`;
    const bound = await shopApi(shop.m.slug, shop.m.token).post('/admin/store/apps').send({ appid: appId, channel: 'wechat_mp' });
    expect(bound.status, JSON.stringify(bound.body)).to.equal(201);
    const staff = await staffWith(shop.m, ['support.serve']);
    agent = await connect(server, shop.m.slug, staff.token);
    await ok(agent, 'chat:status', {});
  });
  afterEach(() => {
    for (const s of made.splice(0)) s.close();
    stub.closeAll();
  });
  after(async () => {
    closeAll();
    await server.close();
  });

  it('opens a chat and exchanges messages with an agent both ways, acks included', async () => {
    const assigned = heard<{ conversationId: number }>(agent, 'chat:assigned');
    const agentHeard = heard<{ text: string; sender: { kind: string } }>(agent, 'chat:message');
    const s = miniSocket(shop.s.token);
    expect(await connected(s)).to.equal(false);
    expect(s.connected).to.equal(true);
    expect(stub.calls[0]!.url).to.equal(`ws://127.0.0.1:${server.port}/socket.io/?EIO=4&transport=websocket`);
    expect(stub.calls[0]!.header).to.deep.equal({ 'X-App-Id': appId });

    const opened = await s.emitWithAck<Ack<{ id: number; status: string }>>('chat:open', {});
    expect(opened, JSON.stringify(opened)).to.have.property('ok', true);
    const conversationId = (opened as { data: { id: number } }).data.id;
    await until(() => assigned.some((a) => a.conversationId === conversationId), 'the agent is assigned');

    const sent = await s.emitWithAck<Ack<{ id: number; seq: number }>>('chat:message', { conversationId, type: 'text', text: '你好，在吗？' });
    expect(sent, JSON.stringify(sent)).to.have.property('ok', true);
    await until(() => agentHeard.some((m) => m.text === '你好，在吗？' && m.sender.kind === 'shopper'), 'the agent hears the shopper');

    const shopperHeard: Array<{ text: string; sender: { kind: string } }> = [];
    s.on('chat:message', (m) => shopperHeard.push(m));
    await ok(agent, 'chat:message', { conversationId, type: 'text', text: '在的，请问有什么可以帮您？' });
    await until(() => shopperHeard.some((m) => m.text === '在的，请问有什么可以帮您？' && m.sender.kind === 'agent'), 'the shopper hears the agent');
  });

  it('a bad token is refused at the handshake with connect_error "unauthenticated", and not retried', async () => {
    const s = miniSocket('not-a-token');
    const err = await connected(s).then(
      () => null,
      (e: ConnectError) => e,
    );
    expect(err?.message).to.equal('unauthenticated');
    expect(s.connected).to.equal(false);
    const calls = stub.calls.length;
    await new Promise((r) => setTimeout(r, 400));
    expect(stub.calls.length, 'no reconnection after a refusal').to.equal(calls);
  });

  it('reconnects with backoff after the line drops, sending what was emitted meanwhile', async () => {
    const s = miniSocket(shop.s.token);
    await connected(s);
    const again = new Promise<boolean>((resolve) => s.once('connect', resolve));
    const dropped = new Promise<string>((resolve) => s.once('disconnect', resolve));
    stub.sockets[stub.sockets.length - 1]!.terminate();
    expect(await dropped).to.equal('transport close');
    // emitted while down: kept, sent after the reconnection
    const reply = s.emitWithAck<Ack<{ id: number }>>('chat:open', {});
    expect(await again).to.equal(true);
    expect(await reply, 'the queued emit is answered').to.have.property('ok', true);
  });

  it('answers pings with pongs, acks the server\'s events and reconnects when pings stop (engine frames)', async () => {
    // a bare Engine.IO endpoint: the real server pings every 25 s, too slow to wait for here
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    const heardFrames: string[] = [];
    let connections = 0;
    wss.on('connection', (ws) => {
      connections++;
      ws.on('message', (d) => heardFrames.push(d.toString()));
      ws.send('0{"sid":"e1","upgrades":[],"pingInterval":100,"pingTimeout":100,"maxPayload":1000000}');
      ws.once('message', () => {
        ws.send('40{"sid":"n1"}');
        ws.send('2');
        ws.send('427["order:updated",{"id":5,"status":"paid"}]');
      });
    });
    await new Promise((r) => wss.once('listening', r));
    const port = (wss.address() as { port: number }).port;
    try {
      const s = miniSocket('tok', { url: `http://127.0.0.1:${port}` });
      const events: unknown[] = [];
      s.on('order:updated', (payload: unknown, ack: (r: unknown) => void) => {
        events.push(payload);
        ack({ seen: true });
      });
      await connected(s);
      await until(() => heardFrames.includes('3') && heardFrames.includes('437[{"seen":true}]'), 'a pong and the ack');
      expect(heardFrames[0]).to.equal('40{"token":"tok"}');
      expect(events).to.deep.equal([{ id: 5, status: 'paid' }]);
      // no more pings: after pingInterval + pingTimeout the client gives the line up and reconnects
      await until(() => connections >= 2, 'a reconnection after the pings stopped', 3_000);
    } finally {
      for (const c of wss.clients) c.terminate();
      wss.close();
    }
  });
});
