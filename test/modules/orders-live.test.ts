/**
 * Orders and fulfilments, live over socket.io with real clients: who hears what, only after the
 * change committed and the outbox dispatched it, and across two API nodes.
 */
import { expect } from 'chai';
import request from 'supertest';
import { config } from '../../server/src/core/config.js';
import { runDueJobs } from '../../server/src/core/jobs.js';
import { api, shopApi } from '../support/http.js';
import { startServer } from '../support/server.js';
import { listen, settle, socketSuite } from '../support/sockets.js';
import { addressOf, merchant, paidOrder, shopper, staffWith, storeWithProduct, supplier } from '../factories/index.js';

const orderEvents = ['order:updated'] as const;
const fulfillmentEvents = ['fulfillment:created', 'fulfillment:updated'] as const;
const everything = [...orderEvents, ...fulfillmentEvents];

interface Heard {
  event: string;
  id: number;
  orderNo: string;
  status: string;
  tenantId?: number;
}

describe('live orders and fulfilments (socket.io)', () => {
  const suite = socketSuite();
  const { sockets } = suite;

  it("lets a supplier's staff connect on the platform's host and on any shop's, and refuses a bad token", async () => {
    const sup = await supplier();
    const shop = await merchant();
    await sockets.connected(suite.server, config().platformDomain, sup.token);
    await sockets.connected(suite.server, shop.host, sup.token);
    expect(await sockets.refused(suite.server, config().platformDomain, 'not.a.token')).to.equal('unauthenticated');
    expect(await sockets.refused(suite.server, config().platformDomain, shop.token), "a shop's staff need their shop's host").to.equal('unauthenticated');
  });

  it('tells the supplier of a paid fulfilment only once the payment committed and was dispatched, then of each parcel; nobody else hears it', async () => {
    const shop = await storeWithProduct();
    const otherSupplier = await supplier();
    const reader = await staffWith(shop.m, ['orders.read']);
    const outsider = await staffWith(shop.m, ['customers.read']);
    const ears = {
      supplier: listen<Heard>(await sockets.connected(suite.server, config().platformDomain, shop.product.supplier.token), everything),
      supplierOnShopHost: listen<Heard>(await sockets.connected(suite.server, shop.m.host, shop.product.supplier.token), everything),
      otherSupplier: listen<Heard>(await sockets.connected(suite.server, config().platformDomain, otherSupplier.token), everything),
      reader: listen<Heard>(await sockets.connected(suite.server, shop.m.host, reader.token), everything),
      outsider: listen<Heard>(await sockets.connected(suite.server, shop.m.host, outsider.token), everything),
    };
    const order = await paidOrder(shop.m.slug, shop.s.token, { items: [{ skuId: shop.skuId, quantity: 1 }], addressId: shop.addressId });
    await settle();
    expect(ears.supplier, 'nothing before the outbox dispatched the events').to.deep.equal([]);
    expect(ears.reader).to.deep.equal([]);

    await runDueJobs();
    await settle();
    const detail = (await shopApi(shop.m.slug, shop.m.token).get(`/admin/orders/${order.id}`)).body as { fulfillments: Array<{ id: number }> };
    const fulfillmentId = detail.fulfillments[0]!.id;
    const created = { event: 'fulfillment:created', id: fulfillmentId, tenantId: shop.m.id, orderNo: order.orderNo, status: 'to_ship' };
    expect(ears.supplier).to.deep.equal([created]);
    expect(ears.supplierOnShopHost, "a supplier's socket on a shop's host joins no room of that shop").to.deep.equal([created]);
    expect(ears.reader.map((e) => [e.event, e.orderNo, e.status])).to.deep.equal([
      ['order:updated', order.orderNo, 'pending_payment'],
      ['order:updated', order.orderNo, 'paid'],
    ]);

    const shipped = await api({ token: shop.product.supplier.token }).post(`/supplier/fulfillments/${fulfillmentId}/ship`).send({ carrier: 'shunfeng', trackingNo: 'SF100200300' });
    expect(shipped.status, JSON.stringify(shipped.body)).to.equal(200);
    await runDueJobs();
    await settle();
    expect(ears.supplier.slice(1)).to.deep.equal([{ ...created, event: 'fulfillment:updated', status: 'shipped' }]);
    expect(ears.reader.at(-1)).to.deep.include({ event: 'order:updated', status: 'shipped' });
    expect({ otherSupplier: ears.otherSupplier, outsider: ears.outsider }).to.deep.equal({ otherSupplier: [], outsider: [] });
  });

  it("tells the shop's shippers of its own goods to ship, not staff who cannot ship", async () => {
    const m = await merchant();
    const owner = shopApi(m.slug, m.token);
    const own = await owner.post('/admin/own-products').send({ title: '自营茶叶', skus: [{ specs: {}, price: 100, stock: 5 }] });
    expect(own.status, JSON.stringify(own.body)).to.equal(201);
    const skuId = (await owner.get(`/admin/products/${own.body.product.id}`)).body.skus[0].id as number;
    const shipper = await staffWith(m, ['fulfillment.ship']);
    const reader = await staffWith(m, ['orders.read']);
    const ears = {
      shipper: listen<Heard>(await sockets.connected(suite.server, m.host, shipper.token), fulfillmentEvents),
      reader: listen<Heard>(await sockets.connected(suite.server, m.host, reader.token), fulfillmentEvents),
    };
    const buyer = await shopper(m.slug);
    const order = await paidOrder(m.slug, buyer.token, { items: [{ skuId, quantity: 1 }], addressId: await addressOf(m.slug, buyer.token) });
    await runDueJobs();
    await settle();
    expect(ears.shipper.map((e) => [e.event, e.orderNo, e.status])).to.deep.equal([['fulfillment:created', order.orderNo, 'to_ship']]);
    expect(ears.reader).to.deep.equal([]);
  });

  it('reaches a console connected to another node when an order is paid through the first', async () => {
    const other = await startServer();
    try {
      const shop = await storeWithProduct();
      const onB = listen<Heard>(await sockets.connected(other, shop.m.host, shop.m.token), orderEvents);
      const supplierOnB = listen<Heard>(await sockets.connected(other, config().platformDomain, shop.product.supplier.token), fulfillmentEvents);
      // every request of the purchase goes to node A's own port
      const nodeA = (method: 'post', path: string, token?: string) => {
        const req = request(`http://127.0.0.1:${suite.server.port}`)[method](`/api/v1${path}`).set('Host', shop.m.host);
        return token ? req.set('Authorization', `Bearer ${token}`) : req;
      };
      const placed = await nodeA('post', '/shop/orders', shop.s.token).send({ items: [{ skuId: shop.skuId, quantity: 1 }], addressId: shop.addressId });
      expect(placed.status, JSON.stringify(placed.body)).to.equal(201);
      const pay = await nodeA('post', `/shop/orders/${placed.body.id}/pay`, shop.s.token).send({ method: 'sandbox' });
      expect(pay.status, JSON.stringify(pay.body)).to.equal(200);
      expect((await nodeA('post', `/payments/sandbox/${pay.body.paymentId}/confirm`)).status).to.equal(200);
      await runDueJobs();
      await settle();
      expect(onB.map((e) => e.status)).to.deep.equal(['pending_payment', 'paid']);
      expect(supplierOnB.map((e) => [e.event, e.orderNo])).to.deep.equal([['fulfillment:created', placed.body.orderNo]]);
    } finally {
      await other.close();
    }
  });
});
