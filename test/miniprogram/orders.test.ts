/**
 * The mini-program's order pages, after-sales request and customer-service chat under
 * miniprogram-simulate, against the real server: the order page follows its parcels' tracking, the
 * after-sales page posts what the shopper chose, and the chat page talks with an agent's
 * socket.io-client over the mini-program's own socket.io client.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { clock } from '../../server/src/core/clock.js';
import { listed, marketProduct, paidOrder, staffWith } from '../factories/index.js';
import { api, shopApi } from '../support/http.js';
import { closeAll, connect, heard, ok, until } from '../modules/chat/sockets.js';
import { miniprogramSuite, type MpShop } from './support/harness.js';
import { shot } from './shots.js';

describe('mini-program: orders, after-sales and chat', function () {
  this.timeout(90_000);
  const mp = miniprogramSuite();

  after(() => closeAll());

  /** A shop selling a market product, and its mini-program shopper (signed in as wx.login would) with a paid order. */
  async function paidInMiniprogram(quantity = 2): Promise<{ shop: MpShop; orderId: number; token: string; supplierToken: string; productId: number }> {
    const shop = await mp.shop();
    const product = await marketProduct({ title: '云南小粒咖啡豆' });
    const listing = await listed(shop.merchant, product.id);
    const login = await api({ appId: shop.appId }).post('/shop/auth/wechat').send({ code: shop.wx.loginCode });
    expect(login.status, JSON.stringify(login.body)).to.equal(200);
    const token = login.body.token as string;
    shop.wx.storage.set(`token:${shop.appId}`, token);
    const address = await shopApi(shop.merchant.slug, token).post('/shop/addresses').send({ name: '王五', phone: '13700137000', province: '上海市', city: '上海市', district: '浦东新区', detail: '世纪大道 1 号' });
    const order = await paidOrder(shop.merchant.slug, token, { items: [{ skuId: listing.skus[0]!.id, quantity }], addressId: address.body.id });
    return { shop, orderId: order.id, token, supplierToken: product.supplier.token, productId: listing.id };
  }

  it('the order page shows the lines, the address and, once shipped, each parcel with its tracking; receipt is confirmed from its bar', async () => {
    const { shop, orderId, supplierToken } = await paidInMiniprogram();
    const paid = await mp.page('pages/order/index', { id: String(orderId) });
    expect(paid.text()).to.contain('待发货').and.contain('云南小粒咖啡豆').and.contain('王五').and.contain('上海市 浦东新区 世纪大道 1 号');
    expect(paid.data.actions.map((a: { action: string }) => a.action)).to.deep.equal(['chat', 'aftersale']);
    expect(shop.wx.requestsTo(`/shop/orders/${orderId}`)[0]!.header['X-App-Id']).to.equal(shop.appId);

    const sup = api({ token: supplierToken });
    const f = (await sup.get('/supplier/fulfillments?status=to_ship')).body.items.find((x: { orderNo: string }) => x.orderNo === paid.data.order.orderNo);
    expect((await sup.post(`/supplier/fulfillments/${f.id}/ship`).send({ carrier: 'shunfeng', trackingNo: 'SF1234567890' })).status).to.equal(200);
    clock.travel(2 * 3_600_000);
    try {
      const shipped = await mp.page('pages/order/index', { id: String(orderId) });
      expect(shop.wx.requestsTo(`/shop/orders/${orderId}/tracking`).length).to.be.greaterThan(0);
      expect(shipped.text()).to.contain('已发货').and.contain('顺丰速运 SF1234567890').and.contain('运输中');
      expect(shipped.data.parcels[0].events.length).to.be.greaterThan(0);
      shot(shipped, mp.dir, 'pages/order/index', 'order-shipped');
      shot(await mp.page('pages/orders/index'), mp.dir, 'pages/orders/index', 'orders');
      shot(await mp.page('pages/me/index'), mp.dir, 'pages/me/index', 'me');
      // the same page in English, as the me tab's switch leaves it
      shop.wx.storage.set('lang', 'en');
      const english = await mp.page('pages/order/index', { id: String(orderId) });
      expect(english.text()).to.contain('Shipped').and.contain('In transit').and.contain('Confirm receipt').and.contain('On its way: confirm once it arrives');
      shot(english, mp.dir, 'pages/order/index', 'order-shipped-en');
      shop.wx.storage.set('lang', 'zh-CN');
      expect(shipped.data.actions.map((a: { action: string }) => a.action)).to.deep.equal(['chat', 'aftersale', 'track', 'receive']);
      await shipped.tap('#action-receive');
      expect(shop.wx.callsOf('showModal').at(-1)!.content).to.equal('确认已收到全部商品？');
      await shipped.settle();
      expect(shop.wx.requestsTo(`/shop/orders/${orderId}/receive`, 'POST')[0]!.status).to.equal(200);
      expect(shipped.text()).to.contain('已收货');
    } finally {
      clock.reset();
    }
  });

  it('the after-sales page posts the type, reason, lines and quantities chosen, then lists the case', async () => {
    const { shop, orderId } = await paidInMiniprogram(3);
    const page = await mp.page('pages/aftersale/index', { orderId: String(orderId) });
    // nothing shipped yet: only a refund, and the one line is chosen with all its units
    expect(page.data.types.map((x: { type: string }) => x.type)).to.deep.equal(['refund_only']);
    const line = page.data.lines[0] as { id: number; picked: number };
    expect(line.picked).to.equal(3);
    await page.tap(`#minus-${line.id}`);
    await page.tap('#submit');
    expect(page.text()).to.contain('请选择申请原因');
    await page.tap('#reason-no_longer_needed');
    page.instance.onInput({ currentTarget: { dataset: { field: 'reason' } }, detail: { value: '拍多了一件' } });
    shot(page, mp.dir, 'pages/aftersale/index', 'aftersale');
    await page.tap('#submit');
    const sent = shop.wx.requestsTo(`/shop/orders/${orderId}/aftersales`, 'POST').filter((r) => r.path === `/shop/orders/${orderId}/aftersales`);
    expect(sent).to.have.length(1);
    expect(sent[0]!.header['X-App-Id']).to.equal(shop.appId);
    expect(sent[0]!.data).to.deep.equal({ type: 'refund_only', reasonCode: 'no_longer_needed', reason: '拍多了一件', items: [{ orderItemId: line.id, quantity: 2 }] });
    expect(sent[0]!.status).to.equal(201);
    expect(page.text()).to.contain('售后记录').and.contain('仅退款').and.contain('待商家处理');
  });

  it('the chat page opens a conversation about the order and exchanges messages with an agent', async () => {
    const { shop, orderId } = await paidInMiniprogram(1);
    const staff = await staffWith(shop.merchant, ['support.serve']);
    const agent = await connect(mp.server, shop.merchant.slug, staff.token);
    await ok(agent, 'chat:status', {});
    const agentHeard = heard<{ text: string | null; type: string; sender: { kind: string } }>(agent, 'chat:message');
    const assigned = heard<{ conversationId: number }>(agent, 'chat:assigned');

    const chat = await mp.page('pages/chat/index', { order: String(orderId) });
    await until(() => chat.text().includes('为您服务'), 'the agent serving', 10_000);
    const socket = shop.wx.sockets[0]!;
    expect(socket.url).to.equal(`ws://127.0.0.1:${mp.server.port}/socket.io/?EIO=4&transport=websocket`);
    expect(socket.header['X-App-Id']).to.equal(shop.appId);
    // the order it was opened from is attached as a card, which the history brings to the page
    await until(() => chat.data.bubbles.some((b: { type: string; card: { line: string } | null }) => b.type === 'card' && !!b.card?.line.includes('订单号')), 'the order card in the thread');
    expect(assigned).to.have.length(1);
    const conversationId = assigned[0]!.conversationId;

    chat.instance.onDraft({ detail: { value: '请问什么时候发货？' } });
    await chat.tap('#send');
    await until(() => agentHeard.some((m) => m.text === '请问什么时候发货？' && m.sender.kind === 'shopper'), 'the agent hearing the shopper');
    await ok(agent, 'chat:message', { conversationId, type: 'text', text: '今天下午就发出' });
    await until(() => chat.text().includes('今天下午就发出'), 'the shopper seeing the reply');
    const mine = chat.data.bubbles.filter((b: { text: string }) => b.text === '请问什么时候发货？');
    expect(mine, 'our message once, though both the ack and the event carry it').to.have.length(1);
    expect(mine[0].mine).to.equal(true);

    // an image from the album: uploaded as the web shop uploads, then sent as an image message
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'mp-chat-')), 'photo.png');
    writeFileSync(file, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(`mp-chat-${Math.random()}`)]));
    (globalThis as unknown as { wx: Record<string, unknown> }).wx.chooseMedia = (o: { success: (r: unknown) => void }) => o.success({ tempFiles: [{ tempFilePath: file, fileType: 'image' }] });
    await chat.tap('#image');
    const upload = shop.wx.requestsTo('/uploads', 'POST');
    expect(upload).to.have.length(1);
    expect(upload[0]!.header.Authorization).to.match(/^Bearer /);
    await until(() => agentHeard.some((m) => m.type === 'image' && m.sender.kind === 'shopper'), 'the agent receiving the image');
    await until(() => chat.data.bubbles.some((b: { type: string; image: string }) => b.type === 'image' && b.image.startsWith(`http://127.0.0.1:${mp.server.port}/uploads/`)), 'the image in the thread');
    shot(chat, mp.dir, 'pages/chat/index', 'chat');
    chat.instance.onUnload();
  });

  it('the product page\'s 客服 opens the chat about that product, which shows it as a card', async () => {
    const { shop, productId } = await paidInMiniprogram(1);
    const product = await mp.page('pages/product/index', { id: String(productId) });
    expect(product.text()).to.contain('客服');
    shot(product, mp.dir, 'pages/product/index', 'product-service');
    await product.tap('#service');
    expect(shop.wx.callsOf('navigateTo').at(-1)!.url).to.equal(`/pages/chat/index?product=${productId}`);
    const chat = await mp.page('pages/chat/index', { product: String(productId) });
    await until(() => chat.data.bubbles.some((b: { type: string; card: { title: string; product: boolean } | null }) => b.type === 'card' && b.card?.product && b.card.title === '云南小粒咖啡豆'), 'the product card in the thread');
    chat.instance.onUnload();
  });

  it('我的 shows the balance and order counts by status, opens the list on a status tab, and switches the language', async () => {
    const { shop } = await paidInMiniprogram(1);
    const me = await mp.page('pages/me/index');
    expect(me.text()).to.contain('微信用户').and.contain('¥0.00');
    expect(me.data.shortcuts.map((x: { status: string; count: number }) => [x.status, x.count])).to.deep.equal([['pending_payment', 0], ['paid', 1], ['shipped', 0], ['received', 0]]);
    await me.tap('#shortcut-paid');
    expect(shop.wx.callsOf('navigateTo').at(-1)!.url).to.equal('/pages/orders/index?status=paid');

    const list = await mp.page('pages/orders/index', { status: 'paid' });
    expect(shop.wx.requestsTo('/shop/orders?status=paid')).to.have.length.greaterThan(0);
    expect(list.text()).to.contain('云南小粒咖啡豆').and.contain('待发货');
    await list.tap('#tab-pending_payment');
    expect(shop.wx.requestsTo('/shop/orders?status=pending_payment&page=1')).to.have.length.greaterThan(0);
    expect(list.text()).to.contain('暂无订单');

    await me.tap('#lang-en');
    expect(shop.wx.storage.get('lang')).to.equal('en');
    expect(shop.wx.callsOf('reLaunch').at(-1)!.url).to.equal('/pages/me/index');
    const english = await mp.page('pages/me/index');
    expect(english.text()).to.contain('My orders').and.contain('To ship').and.contain('Addresses');
    shop.wx.storage.set('lang', 'zh-CN');
  });
});

