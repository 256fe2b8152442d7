/**
 * The chat's socket events stay inside their shop: while shop A's shopper and agent chat, queue,
 * transfer and close, no socket of shop B (its owner, an agent, a supervisor, a shopper) hears
 * anything, and A's ids sent from B's sockets are refused as unknown.
 */
import { expect } from 'chai';
import type { Socket } from 'socket.io-client';
import { shopApi } from '../support/http.js';
import { startServer, type RunningServer } from '../support/server.js';
import { merchant, shopper, staffWith } from '../factories/index.js';
import { closeAll, connect, ok, refused, settle } from '../modules/chat/sockets.js';

const EVENTS = ['chat:message', 'chat:assigned', 'chat:queue', 'chat:conversation', 'chat:read', 'chat:typing', 'chat:desk', 'chat:agent'];

function everything(socket: Socket): string[] {
  const got: string[] = [];
  for (const e of EVENTS) socket.on(e, () => got.push(e));
  return got;
}

describe('tenant isolation of the chat socket events', function () {
  this.timeout(60_000);
  let server: RunningServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    closeAll();
    await server.close();
  });

  it("lets no event of shop A reach any socket of shop B, and refuses A's conversation from B", async () => {
    const a = await merchant();
    const b = await merchant();
    const bAgent = await staffWith(b, ['support.supervise']);
    const bShopper = await shopper(b.slug);
    const bSockets = [await connect(server, b.slug, b.token), await connect(server, b.slug, bAgent.token), await connect(server, b.slug, bShopper.token)];
    await settle(300); // B's own agents announcing themselves
    const ears = bSockets.map(everything);
    const aAgent = await staffWith(a, ['support.serve']);
    const agentSocket = await connect(server, a.slug, aAgent.token);
    await ok(agentSocket, 'chat:status', { capacity: 1 });
    const aShopper = await shopper(a.slug);
    const shopperSocket = await connect(server, a.slug, aShopper.token);
    const conv = await ok<{ id: number }>(shopperSocket, 'chat:open', {});
    await ok(shopperSocket, 'chat:message', { conversationId: conv.id, type: 'text', text: '只给 A' });
    await ok(agentSocket, 'chat:message', { conversationId: conv.id, type: 'text', text: 'A 的回复' });
    await ok(agentSocket, 'chat:read', { conversationId: conv.id, seq: 1 });
    await ok(agentSocket, 'chat:typing', { conversationId: conv.id, typing: true });
    const waiting = await connect(server, a.slug, (await shopper(a.slug)).token);
    await ok(waiting, 'chat:open', {});
    await shopApi(a.slug, aAgent.token).post(`/admin/conversations/${conv.id}/close`).send({});
    await settle(400);
    expect(ears).to.deep.equal([[], [], []]);
    for (const socket of bSockets.slice(1)) {
      for (const [event, payload] of [
        ['chat:message', { conversationId: conv.id, type: 'text', text: '越界' }],
        ['chat:sync', { conversationId: conv.id, afterSeq: 0 }],
        ['chat:read', { conversationId: conv.id, seq: 1 }],
      ] as const) {
        expect((await refused(socket, event, payload)).code, event).to.equal('not_found');
      }
    }
    expect((await refused(bSockets[1]!, 'chat:accept', { conversationId: conv.id })).code).to.equal('not_found');
  });
});
