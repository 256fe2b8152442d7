/**
 * The orders module's hooks, through the API: a quote adjuster that reserves what it gives inside
 * the order's transaction and releases it on cancel or timeout; completion that every contributor
 * must agree to; a listing that cannot be removed while unfinished orders name it.
 * The adjuster is a test's own: a promotion of a few uses, one per unit, kept in a tiny table.
 */
import { expect } from 'chai';
import { clock, days, minutes } from '../../server/src/core/clock.js';
import type { Ctx } from '../../server/src/core/context.js';
import { conflict } from '../../server/src/core/errors.js';
import { contribute, installHooks, type Verdict } from '../../server/src/core/hooks.js';
import { runDueJobs } from '../../server/src/core/jobs.js';
import { mayCompleteOrder, quoteAdjusters, type AdjustedOrder, type QuoteAdjuster } from '../../server/src/modules/orders/index.js';
import { acrossTenants, db, platformRows, platformWrite } from '../../server/src/core/db/index.js';
import { Order } from '../../server/src/modules/orders/model.js';
import { api, shopApi } from '../support/http.js';
import { addressOf, listed, marketProduct, merchant, paidOrder, shopper } from '../factories/index.js';

const PROMOTION = 'test.limited-promotion';
/** Listing SKUs on promotion, to the promotion's row: other tests' quotes never touch the table. */
const promoted = new Map<number, number>();

const promotionLines = (order: Pick<AdjustedOrder, 'lines'>) => order.lines.filter((l) => promoted.has(l.listingSkuId));

const limitedPromotion: QuoteAdjuster = {
  async adjust(_ctx, quote) {
    return quote.lines.filter((l) => promoted.has(l.offer.listingSkuId)).map((l) => ({ type: 'promotion', label: '限量立减 1 元', amount: -100 * l.quantity }));
  },
  // one use per unit, taken with a conditional update: never below zero whatever runs at once
  async reserve(tx: Ctx, order: AdjustedOrder) {
    for (const line of promotionLines(order)) {
      const id = promoted.get(line.listingSkuId)!;
      const taken = await platformWrite(tx, 'UPDATE test_promotions SET uses_left = uses_left - :n WHERE id = :id AND uses_left >= :n', { id, n: line.quantity });
      if (taken !== 1) throw conflict('promotion_used_up', 'The promotion has been used up');
      await platformWrite(tx, 'INSERT INTO test_promotion_uses (order_id, promotion_id, uses) VALUES (:orderId, :id, :n)', { orderId: order.id, id, n: line.quantity });
    }
  },
  // the use row goes first, so a release that runs twice gives back nothing the second time
  async release(tx: Ctx, order: AdjustedOrder) {
    for (const line of promotionLines(order)) {
      const id = promoted.get(line.listingSkuId)!;
      const [use] = await platformRows<{ uses: number }>(tx, 'SELECT uses FROM test_promotion_uses WHERE order_id = :orderId AND promotion_id = :id', { orderId: order.id, id });
      if (!use || (await platformWrite(tx, 'DELETE FROM test_promotion_uses WHERE order_id = :orderId AND promotion_id = :id', { orderId: order.id, id })) !== 1) continue;
      await platformWrite(tx, 'UPDATE test_promotions SET uses_left = uses_left + :n WHERE id = :id', { id, n: Number(use.uses) });
    }
  },
};

let nextPromotion = 0;
async function promotion(listingSkuId: number, uses: number): Promise<() => Promise<number>> {
  const id = ++nextPromotion;
  await db().query(`INSERT INTO test_promotions (id, uses_left) VALUES (${id}, ${uses})`);
  promoted.set(listingSkuId, id);
  return async () => Number(((await db().query(`SELECT uses_left AS n FROM test_promotions WHERE id = ${id}`)) as [Array<{ n: number }>, unknown])[0][0]!.n);
}

/** A shop selling one market product at 1500 fen, and a shopper with an address. */
async function shopWithOneProduct() {
  const product = await marketProduct({ skus: [{ specs: { 规格: 'A' }, supplyPrice: 1000, suggestedPrice: 1500, stock: 500 }] });
  const m = await merchant();
  const listing = await listed(m, product.id, 50);
  const s = await shopper(m.slug);
  const addressId = await addressOf(m.slug, s.token);
  return { m, s, addressId, listing, product, skuId: listing.skus[0]!.id };
}

/** Orders other than the ones a test names agree to complete. */
const holdCompletion = new Set<number>();

describe('order hooks', () => {
  before(async () => {
    await db().query('CREATE TABLE IF NOT EXISTS test_promotions (id INTEGER PRIMARY KEY, uses_left INTEGER NOT NULL)');
    await db().query('CREATE TABLE IF NOT EXISTS test_promotion_uses (order_id INTEGER NOT NULL, promotion_id INTEGER NOT NULL, uses INTEGER NOT NULL, PRIMARY KEY (order_id, promotion_id))');
    installHooks([
      contribute(quoteAdjusters, PROMOTION, limitedPromotion, 50),
      contribute(mayCompleteOrder, 'test.hold', async (_ctx: Ctx, orderId: number): Promise<Verdict> => (holdCompletion.has(orderId) ? { refused: 'held by the test' } : true), 99),
    ]);
  });

  describe('order hooks: adjusters that reserve and release', () => {
    it('places exactly as many orders as a promotion has uses when ten race for three, and refuses the rest with 409', async () => {
      const { m, s, addressId, skuId } = await shopWithOneProduct();
      const usesLeft = await promotion(skuId, 3);
      const replies = await Promise.all(Array.from({ length: 10 }, () => shopApi(m.slug, s.token).post('/shop/orders').send({ items: [{ skuId, quantity: 1 }], addressId })));
      const placed = replies.filter((r) => r.status === 201);
      expect(replies.map((r) => r.status).sort(), JSON.stringify(replies.map((r) => r.body))).to.deep.equal([201, 201, 201, 409, 409, 409, 409, 409, 409, 409]);
      for (const r of replies.filter((x) => x.status === 409)) expect(r.body.error.code).to.equal('promotion_used_up');
      expect(placed[0]!.body.adjustments).to.deep.equal([{ type: 'promotion', label: '限量立减 1 元', amount: -100, source: PROMOTION }]);
      expect(placed[0]!.body.payAmount).to.equal(placed[0]!.body.goodsAmount + placed[0]!.body.freightAmount - 100);
      expect(await usesLeft()).to.equal(0);
      const orders = (await shopApi(m.slug, m.token).get('/admin/orders?pageSize=50')).body.items as unknown[];
      expect(orders, 'a refused order leaves nothing behind').to.have.length(3);
    });

    it('gives a use back when its order is cancelled, and when the unpaid timeout cancels it', async () => {
      const { m, s, addressId, skuId } = await shopWithOneProduct();
      const usesLeft = await promotion(skuId, 1);
      const first = await shopApi(m.slug, s.token).post('/shop/orders').send({ items: [{ skuId, quantity: 1 }], addressId });
      expect(first.status, JSON.stringify(first.body)).to.equal(201);
      expect((await shopApi(m.slug, s.token).post('/shop/orders').send({ items: [{ skuId, quantity: 1 }], addressId })).status).to.equal(409);
      expect((await shopApi(m.slug, s.token).post(`/shop/orders/${first.body.id}/cancel`)).status).to.equal(200);
      expect(await usesLeft()).to.equal(1);

      const second = await shopApi(m.slug, s.token).post('/shop/orders').send({ items: [{ skuId, quantity: 1 }], addressId });
      expect(second.status, 'the released use is taken again').to.equal(201);
      expect(await usesLeft()).to.equal(0);
      clock.travel(minutes(31));
      await runDueJobs();
      expect((await shopApi(m.slug, s.token).get(`/shop/orders/${second.body.id}`)).body.status).to.equal('cancelled');
      expect(await usesLeft(), 'the timeout released it').to.equal(1);
    });

    it('takes one use per unit, and an order naming the line twice is refused before it takes any', async () => {
      const { m, s, addressId, skuId } = await shopWithOneProduct();
      const usesLeft = await promotion(skuId, 3);
      const twice = await shopApi(m.slug, s.token).post('/shop/orders').send({ items: [{ skuId, quantity: 1 }, { skuId, quantity: 1 }], addressId });
      expect(twice.status).to.equal(400);
      expect(twice.body.error.details[0]).to.include({ field: 'items[1].skuId' });
      expect(await usesLeft()).to.equal(3);
      const two = await shopApi(m.slug, s.token).post('/shop/orders').send({ items: [{ skuId, quantity: 2 }], addressId });
      expect(two.status, JSON.stringify(two.body)).to.equal(201);
      expect(two.body.discountAmount).to.equal(200);
      expect(await usesLeft()).to.equal(1);
      expect((await shopApi(m.slug, s.token).post('/shop/orders').send({ items: [{ skuId, quantity: 2 }], addressId })).status, 'two units, one use left').to.equal(409);
      expect(await usesLeft()).to.equal(1);
    });
  });

  describe('order hooks: all must agree', () => {
    it('keeps a received order from completing while a contributor refuses, and completes it once all agree', async () => {
      const { m, s, addressId, skuId, product } = await shopWithOneProduct();
      const order = await paidOrder(m.slug, s.token, { items: [{ skuId, quantity: 1 }], addressId });
      const sup = api({ token: product.supplier.token });
      const queue = (await sup.get('/supplier/fulfillments?status=to_ship&pageSize=100')).body.items as Array<{ id: number; orderNo: string }>;
      for (const f of queue.filter((x) => x.orderNo === order.orderNo)) expect((await sup.post(`/supplier/fulfillments/${f.id}/ship`).send({ carrier: 'shunfeng', trackingNo: `SF${Date.now()}${f.id}` })).status).to.equal(200);
      expect((await shopApi(m.slug, s.token).post(`/shop/orders/${order.id}/receive`)).status).to.equal(200);
      holdCompletion.add(order.id);
      clock.travel(days(8));
      await runDueJobs();
      // read from the row: the tokens have expired by now
      const status = async () => (await acrossTenants('test', () => Order.findByPk(order.id)))!.status;
      expect(await status()).to.equal('received');
      holdCompletion.delete(order.id);
      clock.travel(days(1) + minutes(1));
      await runDueJobs();
      expect(await status()).to.equal('completed');
    });

    it('refuses to remove a listing while an unfinished order names it, and removes it once none does', async () => {
      const { m, s, addressId, skuId, listing } = await shopWithOneProduct();
      const placed = await shopApi(m.slug, s.token).post('/shop/orders').send({ items: [{ skuId, quantity: 1 }], addressId });
      const refused = await shopApi(m.slug, m.token).delete(`/admin/products/${listing.id}`);
      expect(refused.status, JSON.stringify(refused.body)).to.equal(409);
      expect(refused.body.error).to.deep.include({ code: 'listing_in_use', details: { by: 'orders.unfinished-orders' } });
      expect(refused.body.error.message).to.contain(placed.body.orderNo);
      expect((await shopApi(m.slug, s.token).post(`/shop/orders/${placed.body.id}/cancel`)).status).to.equal(200);
      expect((await shopApi(m.slug, m.token).delete(`/admin/products/${listing.id}`)).status).to.equal(200);
    });
  });
});
