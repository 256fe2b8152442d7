import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import request from 'supertest';
import { clock } from '../../server/src/core/clock.js';
import { IdempotencyKey, LEASE_MS } from '../../server/src/core/idempotency.js';
import { TestChild } from '../support/child.js';
import { api, shopApi, tenantHost } from '../support/http.js';
import { shopper, storeWithProduct } from '../factories/index.js';

describe('Idempotency-Key on placing and paying', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 's2b2c-idem-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function stockOf(slug: string, productId: number): Promise<number> {
    return (await shopApi(slug).get(`/shop/products/${productId}`)).body.skus[0].stock;
  }

  it('answers a retry with the order a server killed right after its COMMIT had made, and makes no other', async function () {
    this.timeout(120_000);
    const { m, s, addressId, skuId } = await storeWithProduct({ stock: 10 });
    const body = { items: [{ skuId, quantity: 2 }], addressId };
    const key = `crash-${Date.now()}`;
    const marker = path.join(dir, 'committed');
    const { child, ready } = await TestChild.start('app-server.ts');
    try {
      child.send({ cmd: 'freeze-after-commit', marker });
      await child.next('armed');
      const lost = request(`http://127.0.0.1:${String(ready.port)}`)
        .post('/api/v1/shop/orders')
        .set('Host', tenantHost(m.slug))
        .set('Authorization', `Bearer ${s.token}`)
        .set('Idempotency-Key', key)
        .send(body)
        .then((res) => res.status, (err: Error) => err.message);
      for (const end = Date.now() + 60_000; !existsSync(marker) && Date.now() < end; ) await new Promise((r) => setTimeout(r, 20));
      expect(existsSync(marker), 'the server committed').to.equal(true);
      await child.kill();
      expect(await lost, 'the client never got an answer').to.be.a('string');
    } finally {
      await child.kill();
    }
    const shop = shopApi(m.slug, s.token);
    const committed = (await shop.get('/shop/orders')).body;
    expect(committed.total, 'the killed server committed the order').to.equal(1);

    const retry = await shop.post('/shop/orders').set('Idempotency-Key', key).send(body);
    expect(retry.status, JSON.stringify(retry.body)).to.equal(201);
    expect(retry.body).to.include({ id: committed.items[0].id, orderNo: committed.items[0].orderNo, status: 'pending_payment', payAmount: committed.items[0].payAmount });
    const again = await shop.post('/shop/orders').set('Idempotency-Key', key).send(body);
    expect([again.status, again.body]).to.deep.equal([201, retry.body]);
    expect((await shop.get('/shop/orders')).body.total).to.equal(1);
    expect(await stockOf(m.slug, retry.body.items[0].productId)).to.equal(8);
  });

  it('makes one order of 10 parallel identical requests and answers each with it', async () => {
    const { m, s, addressId, skuId } = await storeWithProduct({ stock: 100 });
    const shop = shopApi(m.slug, s.token);
    const body = { items: [{ skuId, quantity: 1 }], addressId };
    for (let round = 1; round <= 3; round++) {
      const key = `parallel-${round}-${Date.now()}`;
      const answers = await Promise.all(Array.from({ length: 10 }, () => shop.post('/shop/orders').set('Idempotency-Key', key).send(body)));
      expect(answers.map((a) => a.status), JSON.stringify(answers.map((a) => a.body))).to.deep.equal(Array(10).fill(201));
      expect(new Set(answers.map((a) => JSON.stringify(a.body))).size, 'one answer').to.equal(1);
      expect((await shop.get('/shop/orders')).body.total).to.equal(round);
    }
    expect(await stockOf(m.slug, (await shop.get('/shop/orders')).body.items[0].items[0].productId)).to.equal(97);
    const reused = await shop.post('/shop/orders').set('Idempotency-Key', `parallel-1-x`).send(body);
    expect(reused.status).to.equal(201);
    const other = await shop.post('/shop/orders').set('Idempotency-Key', `parallel-1-x`).send({ ...body, remark: 'another body' });
    expect([other.status, other.body.error.code]).to.deep.equal([409, 'idempotency_key_reused']);
  });

  it('lets exactly one of 10 parallel retries take over a key whose holder\'s lease ran out', async () => {
    const { m, s, addressId, skuId } = await storeWithProduct({ stock: 100 });
    const shop = shopApi(m.slug, s.token);
    const body = { items: [{ skuId, quantity: 1 }], addressId };
    const first = await shop.post('/shop/orders').set('Idempotency-Key', 'lease-first').send(body);
    expect(first.status).to.equal(201);
    // a key left running by a request that died holding it (the same request: the same hash)
    const answered = (await IdempotencyKey.findOne({ where: { key: 'lease-first', scope: `${m.id}:shopper:${s.id}` } }))!;
    await IdempotencyKey.create({ scope: answered.scope, route: answered.route, key: 'lease-stuck', requestHash: answered.requestHash, state: 'running', responseStatus: null, responseBody: null, leaseUntil: new Date(clock.nowMs() + LEASE_MS), expiresAt: answered.expiresAt });
    const early = await shop.post('/shop/orders').set('Idempotency-Key', 'lease-stuck').send(body);
    expect([early.status, early.body.error?.code]).to.deep.equal([409, 'idempotency_in_progress']);
    clock.travel(LEASE_MS + 1000);
    const answers = await Promise.all(Array.from({ length: 10 }, () => shop.post('/shop/orders').set('Idempotency-Key', 'lease-stuck').send(body)));
    const created = answers.filter((a) => a.status === 201);
    expect(created.length, JSON.stringify(answers.map((a) => [a.status, a.body.error?.code]))).to.be.greaterThan(0);
    expect(new Set(created.map((a) => a.body.id)).size).to.equal(1);
    for (const a of answers.filter((x) => x.status !== 201)) expect([a.status, a.body.error.code]).to.deep.equal([409, 'idempotency_in_progress']);
    expect((await shop.get('/shop/orders')).body.total, 'one order before, one taken over').to.equal(2);
  });

  it('answers a refusal again for its key, though the request would now succeed', async () => {
    const { m, s, addressId, skuId } = await storeWithProduct({ stock: 1 });
    const first = await shopper(m.slug);
    const firstShop = shopApi(m.slug, first.token);
    const bought = await firstShop.post('/shop/orders').send({ items: [{ skuId, quantity: 1 }], addressId: (await firstShop.post('/shop/addresses').send({ name: '李四', phone: '13900139000', province: '浙江省', city: '杭州市', district: '西湖区', detail: '1 号' })).body.id });
    expect(bought.status).to.equal(201);
    const shop = shopApi(m.slug, s.token);
    const body = { items: [{ skuId, quantity: 1 }], addressId };
    const refused = await shop.post('/shop/orders').set('Idempotency-Key', 'sold-out').send(body);
    expect([refused.status, refused.body.error.code]).to.deep.equal([409, 'insufficient_stock']);
    expect((await firstShop.post(`/shop/orders/${bought.body.id}/cancel`)).status).to.equal(200);
    const replay = await shop.post('/shop/orders').set('Idempotency-Key', 'sold-out').send(body);
    expect([replay.status, replay.body]).to.deep.equal([409, refused.body]);
    expect((await shop.post('/shop/orders').set('Idempotency-Key', 'in-stock-again').send(body)).status).to.equal(201);
  });

  it('pays from the balance once for 10 parallel identical requests', async () => {
    const { m, s, addressId, skuId } = await storeWithProduct();
    const shop = shopApi(m.slug, s.token);
    const top = await shop.post('/shop/balance/recharge').send({ amount: 5000, method: 'sandbox' });
    expect((await api().post(`/payments/sandbox/${top.body.paymentId}/confirm`)).status).to.equal(200);
    const placed = await shop.post('/shop/orders').send({ items: [{ skuId, quantity: 1 }], addressId });
    const answers = await Promise.all(Array.from({ length: 10 }, () => shop.post(`/shop/orders/${placed.body.id}/pay`).set('Idempotency-Key', 'pay-once').send({ method: 'balance' })));
    expect(answers.map((a) => a.status), JSON.stringify(answers.map((a) => a.body))).to.deep.equal(Array(10).fill(200));
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).to.equal(1);
    expect(answers[0]!.body).to.include({ status: 'succeeded', method: 'balance', amount: placed.body.payAmount });
    expect((await shop.get('/shop/balance')).body.balance).to.equal(5000 - placed.body.payAmount);
    expect((await shop.get(`/shop/orders/${placed.body.id}`)).body.status).to.equal('paid');
  });
});
