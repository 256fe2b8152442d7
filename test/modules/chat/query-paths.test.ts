import { expect } from 'chai';
import { clock, minutes } from '../../../server/src/core/clock.js';
import { runDueJobs } from '../../../server/src/core/jobs.js';
import { shopApi } from '../../support/http.js';
import { statementsOf, unservedPaths } from '../../support/query-paths.js';
import { startServer } from '../../support/server.js';
import { paidOrder, staffWith, storeWithProduct } from '../../factories/index.js';
import { closeAll, connect, ok } from './sockets.js';

describe('chat: query paths', () => {
  it('serves every statement of a conversation\'s life from an index', async function () {
    this.timeout(60_000);
    const server = await startServer();
    try {
      const shop = await storeWithProduct();
      const order = await paidOrder(shop.m.slug, shop.s.token, { items: [{ skuId: shop.skuId, quantity: 1 }], addressId: shop.addressId });
      const staff = await staffWith(shop.m, ['support.serve']);
      const owner = shopApi(shop.m.slug, shop.m.token);
      const desk = shopApi(shop.m.slug, staff.token);
      const statements = await statementsOf(async () => {
        const agent = await connect(server, shop.m.slug, staff.token);
        await ok(agent, 'chat:status', { status: 'away' });
        const buyer = await connect(server, shop.m.slug, shop.s.token);
        const conv = await ok<{ id: number }>(buyer, 'chat:open', { subject: { type: 'order', id: order.id } });
        await ok(buyer, 'chat:message', { conversationId: conv.id, type: 'text', text: '在吗', clientId: 'q-1' });
        await desk.get('/admin/conversations?view=queue');
        await ok(agent, 'chat:accept', { conversationId: conv.id });
        await ok(agent, 'chat:message', { conversationId: conv.id, type: 'card', card: { type: 'product', id: shop.listing.id } });
        await ok(buyer, 'chat:read', { conversationId: conv.id, seq: 3 });
        await ok(buyer, 'chat:sync', { conversationId: conv.id, afterSeq: 1 });
        await shopApi(shop.m.slug, shop.s.token).get(`/shop/conversations/${conv.id}/messages?before=3`);
        await desk.get('/admin/conversations?view=mine');
        await desk.get(`/admin/conversations/${conv.id}/customer`);
        await desk.get('/admin/chat/agents');
        await owner.post('/admin/chat/canned-replies').send({ shortcut: 'hi', text: '您好' });
        await desk.get('/admin/chat/canned-replies?q=hi');
        await owner.get('/admin/chat/overview');
        await owner.get('/admin/conversations?view=all');
        clock.travel(minutes(31));
        await runDueJobs();
        await shopApi(shop.m.slug, shop.s.token).post(`/shop/conversations/${conv.id}/rating`).send({ score: 5 });
        await shopApi(shop.m.slug, shop.s.token).get('/shop/conversations');
        closeAll();
      });
      expect(statements.some((s) => /chat_messages/.test(s)), 'the flow was recorded').to.equal(true);
      // the idle sweep's pass runs other modules' work too (webhook deliveries): theirs are theirs
      const findings = (await unservedPaths(statements)).filter((f) => /chat_/.test(f.statement));
      expect(findings, findings.map((f) => `${f.problem}\n  ${f.statement}`).join('\n')).to.deep.equal([]);
    } finally {
      closeAll();
      await server.close();
    }
  });
});
