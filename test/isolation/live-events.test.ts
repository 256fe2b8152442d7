/**
 * Socket events keep to their tenant and their supplier: every live event of shop B's orders (placed,
 * paid, shipped, received) and of supplier B's fulfilments reaches B's people only, never a socket
 * of shop A (staff, shopper) nor of supplier A, whichever host A's sockets connected on.
 */
import { expect } from 'chai';
import { config } from '../../server/src/core/config.js';
import { runDueJobs } from '../../server/src/core/jobs.js';
import { api, shopApi } from '../support/http.js';
import { listen, settle, socketSuite } from '../support/sockets.js';
import { paidOrder, storeWithProduct } from '../factories/index.js';

const liveEvents = ['order:updated', 'fulfillment:created', 'fulfillment:updated'];

describe('tenant and supplier isolation of live events', () => {
  const suite = socketSuite();
  const { sockets } = suite;

  it("refuses A's staff and shopper tokens on B's host", async () => {
    const [a, b] = [await storeWithProduct(), await storeWithProduct()];
    expect(await sockets.refused(suite.server, b.m.host, a.m.token)).to.equal('unauthenticated');
    expect(await sockets.refused(suite.server, b.m.host, a.s.token)).to.equal('unauthenticated');
  });

  it("lets no event of B's orders or fulfilments reach a socket of shop A or supplier A", async () => {
    const [a, b] = [await storeWithProduct(), await storeWithProduct()];
    const ofA = {
      owner: listen(await sockets.connected(suite.server, a.m.host, a.m.token), liveEvents),
      shopper: listen(await sockets.connected(suite.server, a.m.host, a.s.token), liveEvents),
      supplier: listen(await sockets.connected(suite.server, config().platformDomain, a.product.supplier.token), liveEvents),
      supplierOnB: listen(await sockets.connected(suite.server, b.m.host, a.product.supplier.token), liveEvents),
    };
    const ofB = {
      owner: listen(await sockets.connected(suite.server, b.m.host, b.m.token), liveEvents),
      shopper: listen(await sockets.connected(suite.server, b.m.host, b.s.token), liveEvents),
      supplier: listen(await sockets.connected(suite.server, config().platformDomain, b.product.supplier.token), liveEvents),
    };
    const order = await paidOrder(b.m.slug, b.s.token, { items: [{ skuId: b.skuId, quantity: 1 }], addressId: b.addressId });
    await runDueJobs();
    const fulfillment = (await shopApi(b.m.slug, b.m.token).get(`/admin/orders/${order.id}`)).body.fulfillments[0].id as number;
    expect((await api({ token: b.product.supplier.token }).post(`/supplier/fulfillments/${fulfillment}/ship`).send({ carrier: 'ems', trackingNo: 'EMS123456789' })).status).to.equal(200);
    expect((await shopApi(b.m.slug, b.s.token).post(`/shop/orders/${order.id}/receive`)).status).to.equal(200);
    await runDueJobs();
    await settle();
    const heard = (ears: Record<string, Array<{ event: string }>>) => Object.fromEntries(Object.entries(ears).map(([who, got]) => [who, got.length]));
    expect(heard(ofA)).to.deep.equal({ owner: 0, shopper: 0, supplier: 0, supplierOnB: 0 });
    // B's people heard all of it: the proof that there was something to leak
    expect(ofB.owner.map((e) => e.event)).to.deep.equal(['order:updated', 'order:updated', 'order:updated', 'order:updated']);
    expect(ofB.shopper.length, 'paid, shipped, received').to.equal(3);
    expect(ofB.supplier.map((e) => e.event)).to.deep.equal(['fulfillment:created', 'fulfillment:updated', 'fulfillment:updated']);
  });
});
