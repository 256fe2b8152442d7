import { expect } from 'chai';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { clock } from '../../server/src/core/clock.js';
import { config } from '../../server/src/core/config.js';
import { Job, runDueJobs } from '../../server/src/core/jobs.js';
import { runInContext, systemContext } from '../../server/src/core/context.js';
import { applyManifest } from '../../server/src/modules/merchants/index.js';
import { verifySignature } from '../../server/src/modules/webhooks/index.js';
import { startServer } from '../support/server.js';
import { platformToken, staffWith, storeWithProduct, type TestMerchant } from '../factories/index.js';
import { api, platformApi, shopApi } from '../support/http.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  json: { id: number; type: string; occurredAt: string; data: Record<string, unknown> };
  signed: boolean;
}

/** A merchant's receiver on 127.0.0.1: answers the statuses given in turn (then 200), checks each signature. */
class Receiver {
  readonly received: Received[] = [];
  secret = '';
  private server!: Server;
  constructor(private readonly answers: number[] = []) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const signature = String(req.headers['x-webhook-signature'] ?? '');
        this.received.push({ headers: req.headers, body, json: JSON.parse(body), signed: verifySignature(this.secret, signature, body, Math.floor(clock.nowMs() / 1000)) });
        res.statusCode = this.answers.shift() ?? 200;
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const receivers: Receiver[] = [];

/** An endpoint of `m` at a new receiver, for these event types. */
async function endpointAt(m: TestMerchant, types: string[], answers: number[] = []): Promise<{ id: number; receiver: Receiver }> {
  const receiver = new Receiver(answers);
  receivers.push(receiver);
  const url = await receiver.start();
  const res = await shopApi(m.slug, m.token).post('/admin/webhooks').send({ url, types });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  expect(res.body.secret).to.match(/^whsec_/);
  receiver.secret = res.body.secret;
  return { id: res.body.endpoint.id, receiver };
}

async function placeOrder(shop: Awaited<ReturnType<typeof storeWithProduct>>): Promise<number> {
  const res = await shopApi(shop.m.slug, shop.s.token).post('/shop/orders').send({ items: [{ skuId: shop.skuId, quantity: 1 }], addressId: shop.addressId });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body.id;
}

let travelled = 0;
function travel(ms: number): void {
  clock.travel(ms);
  travelled += ms;
}

describe('webhooks', () => {
  let allowPrivate: boolean;
  before(() => {
    // the receivers are local: allowed here as in the embedded mode, refused in production
    allowPrivate = config().outbound.allowPrivate;
    config().outbound.allowPrivate = true;
  });
  after(async () => {
    config().outbound.allowPrivate = allowPrivate;
    clock.travel(-travelled);
    await Promise.all(receivers.map((r) => r.stop()));
  });

  it('posts order.created once, signed with the endpoint\'s secret, when a shopper places an order', async () => {
    const shop = await storeWithProduct();
    const { id, receiver } = await endpointAt(shop.m, ['order.created']);
    const orderId = await placeOrder(shop);
    await runDueJobs();
    await runDueJobs();

    expect(receiver.received, 'one delivery').to.have.length(1);
    const [got] = receiver.received;
    expect(got!.signed, 'the signature checks with the secret shown at creation').to.equal(true);
    expect(got!.json).to.deep.include({ type: 'order.created' });
    expect(got!.json.data).to.deep.include({ orderId, tenantId: shop.m.id });
    const deliveries = await shopApi(shop.m.slug, shop.m.token).get(`/admin/webhooks/${id}/deliveries`);
    expect(deliveries.status).to.equal(200);
    expect(deliveries.body.items).to.have.length(1);
    expect(deliveries.body.items[0]).to.deep.include({ status: 'delivered', attempts: 1, responseStatus: 200, eventType: 'order.created', lastError: null });
    expect(got!.headers['x-webhook-id']).to.equal(String(deliveries.body.items[0].id));
  });

  it('schedules no fan-out for an event no endpoint of the shop wants', async () => {
    const shop = await storeWithProduct();
    await endpointAt(shop.m, ['order.paid']);
    const fanOuts = () => Job.count({ where: { tenantId: shop.m.id, name: 'event:*:webhooks.fan-out' } });
    const before = await fanOuts();
    await placeOrder(shop);
    await runDueJobs();
    expect(await fanOuts(), 'order.created is not among the endpoint\'s types').to.equal(before);

    await endpointAt(shop.m, ['order.created']);
    await placeOrder(shop);
    await runDueJobs();
    expect(await fanOuts(), 'now an endpoint wants it').to.equal(before + 1);
  });

  it('retries a receiver that answers 500, with backoff, until it answers 200: delivered once, same id each time', async () => {
    const shop = await storeWithProduct();
    const { id, receiver } = await endpointAt(shop.m, ['order.created'], [500]);
    await placeOrder(shop);
    await runDueJobs();
    expect(receiver.received).to.have.length(1);
    const owner = shopApi(shop.m.slug, shop.m.token);
    const failing = (await owner.get(`/admin/webhooks/${id}/deliveries`)).body.items[0];
    expect(failing).to.deep.include({ status: 'pending', attempts: 1, responseStatus: 500, lastError: 'answered 500' });

    await runDueJobs();
    expect(receiver.received, 'not before its backoff').to.have.length(1);
    travel(10 * 60_000);
    await runDueJobs();
    travel(60 * 60_000);
    await runDueJobs();

    expect(receiver.received, 'the retry, and nothing after success').to.have.length(2);
    expect(receiver.received.every((r) => r.signed)).to.equal(true);
    expect(new Set(receiver.received.map((r) => r.headers['x-webhook-id']))).to.have.property('size', 1);
    const settled = (await owner.get(`/admin/webhooks/${id}/deliveries`)).body.items;
    expect(settled).to.have.length(1);
    expect(settled[0]).to.deep.include({ status: 'delivered', attempts: 2, responseStatus: 200, lastError: null });
  });

  it('marks a delivery failed after its last attempt, and sends nothing more', async () => {
    const shop = await storeWithProduct();
    const { id, receiver } = await endpointAt(shop.m, ['order.created'], Array(20).fill(503));
    await placeOrder(shop);
    for (let i = 0; i < 14; i++) {
      await runDueJobs();
      travel(2 * 60 * 60_000);
    }
    expect(receiver.received, 'twelve attempts').to.have.length(12);
    const [failed] = (await shopApi(shop.m.slug, shop.m.token).get(`/admin/webhooks/${id}/deliveries`)).body.items;
    expect(failed).to.deep.include({ status: 'failed', attempts: 12, responseStatus: 503, lastError: 'answered 503', deliveredAt: null });
  });

  it('never shows one shop\'s events to another shop\'s endpoints', async () => {
    const [a, b] = await Promise.all([storeWithProduct(), storeWithProduct()]);
    const [atA, atB] = await Promise.all([endpointAt(a.m, ['order.created', 'order.status_changed']), endpointAt(b.m, ['order.created', 'order.status_changed'])]);
    const [orderA, orderB] = await Promise.all([placeOrder(a), placeOrder(b)]);
    await runDueJobs();

    expect(atA.receiver.received.map((r) => r.json.data.orderId)).to.deep.equal([orderA]);
    expect(atB.receiver.received.map((r) => r.json.data.orderId)).to.deep.equal([orderB]);
    expect(atA.receiver.received.every((r) => r.signed && r.json.data.tenantId === a.m.id)).to.equal(true);
    const bsDeliveries = await shopApi(a.m.slug, a.m.token).get(`/admin/webhooks/${atB.id}/deliveries`);
    expect(bsDeliveries.status, 'another shop\'s endpoint does not exist here').to.equal(404);
  });

  it('replays a past range of the shop\'s events to a new endpoint; a replay repeated before the worker ran adds nothing', async () => {
    const shop = await storeWithProduct();
    const from = new Date(clock.nowMs() - 60_000).toISOString();
    const orderId = await placeOrder(shop);
    await runDueJobs();
    const { id, receiver } = await endpointAt(shop.m, ['order.created']);
    const to = new Date(clock.nowMs() + 60_000).toISOString();
    const owner = shopApi(shop.m.slug, shop.m.token);

    const first = await owner.post(`/admin/webhooks/${id}/replay`).send({ from, to });
    expect(first.status, JSON.stringify(first.body)).to.equal(200);
    expect(first.body.scheduled).to.equal(1);
    expect((await owner.post(`/admin/webhooks/${id}/replay`).send({ from, to })).body.scheduled).to.equal(0);
    await runDueJobs();

    expect(receiver.received.map((r) => [r.json.type, r.json.data.orderId])).to.deep.equal([['order.created', orderId]]);
    expect((await owner.get(`/admin/webhooks/${id}/deliveries`)).body.items[0]).to.deep.include({ source: 'replay', status: 'delivered' });
    const backwards = await owner.post(`/admin/webhooks/${id}/replay`).send({ from: to, to: from });
    expect(backwards.status).to.equal(400);
    expect(backwards.body.error.details[0].field).to.equal('to');
  });

  it('redelivers one delivery with the same id, and signs with a rotated secret', async () => {
    const shop = await storeWithProduct();
    const { id, receiver } = await endpointAt(shop.m, ['order.created']);
    await placeOrder(shop);
    await runDueJobs();
    const owner = shopApi(shop.m.slug, shop.m.token);
    const rotated = await owner.post(`/admin/webhooks/${id}/rotate-secret`);
    expect(rotated.status).to.equal(200);
    receiver.secret = rotated.body.secret;
    const deliveryId = (await owner.get(`/admin/webhooks/${id}/deliveries`)).body.items[0].id;

    const again = await owner.post(`/admin/webhooks/deliveries/${deliveryId}/redeliver`);
    expect(again.status, JSON.stringify(again.body)).to.equal(200);
    expect(again.body.status).to.equal('pending');
    await runDueJobs();

    expect(receiver.received.map((r) => r.headers['x-webhook-id'])).to.deep.equal([String(deliveryId), String(deliveryId)]);
    expect(receiver.received[1]!.body, 'the same bytes').to.equal(receiver.received[0]!.body);
    expect(receiver.received[1]!.signed, 'signed with the new secret').to.equal(true);
  });

  it('keeps an endpoint changed and removed by its owner; a disabled endpoint gets nothing', async () => {
    const shop = await storeWithProduct();
    const { id, receiver } = await endpointAt(shop.m, ['order.created']);
    const owner = shopApi(shop.m.slug, shop.m.token);
    const off = await owner.patch(`/admin/webhooks/${id}`).send({ enabled: false, types: ['order.paid', 'order.paid'] });
    expect(off.status, JSON.stringify(off.body)).to.equal(200);
    expect(off.body).to.deep.include({ enabled: false, types: ['order.paid'] });
    await placeOrder(shop);
    await runDueJobs();
    expect(receiver.received).to.have.length(0);
    expect((await owner.get('/admin/webhooks')).body.items.map((e: { id: number }) => e.id)).to.deep.equal([id]);
    expect((await owner.delete(`/admin/webhooks/${id}`)).status).to.equal(200);
    expect((await owner.get('/admin/webhooks')).body.items).to.deep.equal([]);
    expect((await owner.delete(`/admin/webhooks/${id}`)).status).to.equal(404);
  });

  it('lists the event types the modules declare', async () => {
    const shop = await storeWithProduct();
    const res = await shopApi(shop.m.slug, shop.m.token).get('/admin/webhooks/event-types');
    expect(res.status).to.equal(200);
    expect(res.body.items.map((t: { type: string }) => t.type)).to.include.members(['order.created', 'order.paid', 'aftersale.opened', 'tenant.created']);
  });

  it('answers 400 naming the field for a bad URL or an event type the platform does not have', async () => {
    const shop = await storeWithProduct();
    const owner = shopApi(shop.m.slug, shop.m.token);
    const res = await owner.post('/admin/webhooks').send({ url: 'not a url', types: ['order.created', 'order.exploded'] });
    expect(res.status).to.equal(400);
    const fields = res.body.error.details.map((d: { field: string }) => d.field);
    expect(fields).to.include('url');
    expect(fields.some((f: string) => f.startsWith('types'))).to.equal(true);
    expect((await owner.post('/admin/webhooks').send({ url: 'ftp://example.com/x', types: ['order.created'] })).body.error.details[0].field).to.equal('url');
    expect((await owner.post('/admin/webhooks').send({ url: 'https://example.com/x', types: [] })).body.error.details[0].field).to.equal('types');
  });

  it('refuses a new endpoint to a shop on the basic plan (403 plan_feature_unavailable)', async () => {
    const shop = await storeWithProduct();
    const set = await platformApi(await platformToken()).patch(`/platform/tenants/${shop.m.id}`).send({ plan: 'basic' });
    expect(set.status, JSON.stringify(set.body)).to.equal(200);
    const res = await shopApi(shop.m.slug, shop.m.token).post('/admin/webhooks').send({ url: 'https://example.com/hooks', types: ['order.created'] });
    expect(res.status).to.equal(403);
    expect(res.body.error.code).to.equal('plan_feature_unavailable');
  });

  it('lets staff with webhooks.manage work with endpoints, and answers 403 to staff without it', async () => {
    const shop = await storeWithProduct();
    const [clerk, integrator] = await Promise.all([staffWith(shop.m, ['orders.read']), staffWith(shop.m, ['webhooks.manage'])]);
    expect((await shopApi(shop.m.slug, clerk.token).get('/admin/webhooks')).status).to.equal(403);
    expect((await shopApi(shop.m.slug, clerk.token).post('/admin/webhooks').send({ url: 'https://example.com/hooks', types: ['order.created'] })).status).to.equal(403);
    expect((await shopApi(shop.m.slug, integrator.token).get('/admin/webhooks')).status).to.equal(200);
  });

  it('starts a shop from its manifest with an endpoint at the sandbox receiver, which takes a signed delivery and refuses a forged one', async () => {
    const server = await startServer();
    const port = config().port;
    config().port = server.port;
    try {
      const shop = await storeWithProduct();
      const name = (await shopApi(shop.m.slug).get('/shop/store')).body.name as string;
      const manifest = { slug: shop.m.slug, name, owner: { email: `x-${shop.m.slug}@code.cn`, name: 'Owner', password: 'Owner#2026' }, webhooks: [{ url: 'sandbox', types: ['order.created'] }] };
      const ctx = systemContext('test');
      const first = await runInContext(ctx, () => applyManifest(ctx, manifest));
      expect(first.changes.filter((c) => c.startsWith('webhook'))).to.have.length(1);
      const again = await runInContext(ctx, () => applyManifest(ctx, manifest));
      expect(again.changes.filter((c) => c.startsWith('webhook')), 'applied twice, one endpoint').to.deep.equal([]);
      const owner = shopApi(shop.m.slug, shop.m.token);
      const [endpoint] = (await owner.get('/admin/webhooks')).body.items;
      expect(endpoint.url).to.equal(`http://127.0.0.1:${server.port}/api/v1/webhooks/sandbox/${shop.m.id}`);

      await placeOrder(shop);
      await runDueJobs();
      await runDueJobs();
      const [delivery] = (await owner.get(`/admin/webhooks/${endpoint.id}/deliveries`)).body.items;
      expect(delivery).to.deep.include({ status: 'delivered', responseStatus: 200, eventType: 'order.created' });

      const forged = await api().post(`/webhooks/sandbox/${shop.m.id}`).set('X-Webhook-Id', String(delivery.id)).set('X-Webhook-Signature', `t=${Math.floor(clock.nowMs() / 1000)},v1=${'0'.repeat(64)}`).send({ id: 1, type: 'order.created', data: {} });
      expect(forged.status).to.equal(401);
      expect(forged.body).to.deep.equal({ received: false });
      const elsewhere = await storeWithProduct();
      const wrongShop = await api().post(`/webhooks/sandbox/${elsewhere.m.id}`).set('X-Webhook-Id', String(delivery.id)).set('X-Webhook-Signature', 't=1,v1=00').send({});
      expect(wrongShop.status, 'another shop\'s delivery is not found under this shop').to.equal(401);
    } finally {
      config().port = port;
      await server.close();
    }
  });

  it('refuses a manifest with a section no module declares, naming it, and writes nothing', async () => {
    const ctx = systemContext('test');
    const slug = `nosuch${Date.now().toString(36)}`;
    let error: unknown;
    try {
      await runInContext(ctx, () => applyManifest(ctx, { slug, name: '无此节', owner: { email: `${slug}@code.cn`, name: 'Owner', password: 'Owner#2026' }, coupons: [] }));
    } catch (err) {
      error = err;
    }
    expect(String(error)).to.match(/coupons/);
    expect((await shopApi(slug).get('/shop/store')).status).to.equal(404);
  });
});
