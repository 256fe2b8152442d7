/**
 * A seeded random mix of 200 operations on distribution's money (orders by bound shoppers of a
 * three-level team, whole and partial refunds, completions, withdrawals and their review, several at
 * once), then the books checked: payments - refunds = every party's entries, commissions included;
 * no bucket below zero; each promoter's ledger money equals its commissions less reversals and
 * withdrawals. The seed is printed on failure; DIST_SEED=<n> replays it.
 */
import { expect } from 'chai';
import { runDueJobs } from '../../server/src/core/jobs.js';
import { LedgerEntry } from '../../server/src/modules/finance/model.js';
import { Commission } from '../../server/src/modules/distribution/model.js';
import { acrossTenants } from '../../server/src/core/db/index.js';
import { mulberry32 } from '../../scripts/bench/lib/seeding.js';
import { addressOf, storeWithProduct, uniqPhone } from '../factories/index.js';
import { assertBooksBalance } from '../factories/money.js';
import { api, shopApi } from '../support/http.js';

const OPERATIONS = Number(process.env.DIST_OPERATIONS ?? 200);
const AT_ONCE = 4;

interface Who { id: number; token: string; addressId: number; code: string | null }

describe('distribution: a seeded random mix of orders, refunds and withdrawals', () => {
  it('keeps the books balanced, commissions included', async function () {
    this.timeout(30 * 60_000);
    const seed = Number(process.env.DIST_SEED ?? Date.now() % 1_000_000);
    const random = mulberry32(seed);
    const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
    const pick = <T>(list: readonly T[]): T | undefined => (list.length ? list[Math.floor(random() * list.length)] : undefined);
    const errors: string[] = [];
    const counts = new Map<string, number>();
    const note = (what: string, status: number, body: unknown) => {
      counts.set(`${what} ${status}`, (counts.get(`${what} ${status}`) ?? 0) + 1);
      if (status >= 500) errors.push(`${what}: ${status} ${JSON.stringify(body)}`);
    };

    const store = await storeWithProduct({ stock: 100_000, markup: 80 });
    const { m } = store;
    const owner = shopApi(m.slug, m.token);
    expect((await owner.put('/admin/distribution/settings').send({ enabled: true, depth: 3, rates: [1000, 500, 200], becomeBy: 'auto', selfPurchase: true, minWithdrawal: 100, withdrawalFeeBps: 60 })).status).to.equal(200);
    expect((await owner.patch('/admin/settings').send({ orders: { afterSalesDays: 0 } })).status).to.equal(200);
    expect((await owner.put(`/admin/distribution/product-rates/${store.listing.id}`).send({ rates: [1234, 567, 89] })).status).to.equal(200);

    // a team: each new shopper signs up with a random earlier one's code (or none)
    const people: Who[] = [];
    for (let i = 0; i < 12; i++) {
      const inviter = i && random() < 0.85 ? pick(people) : undefined;
      const res = await shopApi(m.slug).post('/shop/auth/register').send({ phone: uniqPhone(), password: 'Shopper#2026', ...(inviter?.code ? { inviteCode: inviter.code } : {}) });
      expect(res.status).to.equal(201);
      const token = res.body.token as string;
      const code = (await shopApi(m.slug, token).get('/shop/distribution/me')).body.inviteCode as string;
      people.push({ id: res.body.customer.id, token, addressId: await addressOf(m.slug, token), code });
    }
    const orders: Array<{ id: number; orderNo: string; buyer: Who }> = [];
    const sup = api({ token: store.product.supplier.token });

    const operations: Record<string, () => Promise<void>> = {
      async order() {
        const buyer = pick(people)!;
        const placed = await shopApi(m.slug, buyer.token).post('/shop/orders').send({ items: [{ skuId: store.skuId, quantity: int(1, 4) }], addressId: buyer.addressId });
        note('place', placed.status, placed.body);
        if (placed.status !== 201) return;
        const pay = await shopApi(m.slug, buyer.token).post(`/shop/orders/${placed.body.id}/pay`).send({ method: 'sandbox' });
        note('pay', pay.status, pay.body);
        if (pay.status !== 200) return;
        const confirmed = await api().post(`/payments/sandbox/${pay.body.paymentId}/confirm`);
        note('confirm', confirmed.status, confirmed.body);
        orders.push({ id: placed.body.id, orderNo: placed.body.orderNo, buyer });
      },
      async refund() {
        const o = pick(orders);
        if (!o) return;
        const detail = (await owner.get(`/admin/orders/${o.id}`)).body;
        const item = detail.items?.[0];
        const roll = random();
        const body = roll < 0.4 && item ? { items: [{ orderItemId: item.id, quantity: 1 }] } : roll < 0.7 ? { amount: int(1, Math.max(1, Math.floor((detail.payAmount - detail.refundedAmount) / 2))) } : {};
        const res = await owner.post(`/admin/orders/${o.id}/refund`).send({ reason: 'random', ...body });
        note('refund', res.status, res.body);
      },
      async complete() {
        const o = pick(orders);
        if (!o) return;
        const queue = (await sup.get('/supplier/fulfillments?status=to_ship&pageSize=100')).body.items as Array<{ id: number; orderNo: string }>;
        for (const f of queue.filter((f) => f.orderNo === o.orderNo)) {
          const shipped = await sup.post(`/supplier/fulfillments/${f.id}/ship`).send({ carrier: 'ems', trackingNo: `EMS${f.id}x${int(1000, 9999)}` });
          note('ship', shipped.status, shipped.body);
        }
        const received = await shopApi(m.slug, o.buyer.token).post(`/shop/orders/${o.id}/receive`);
        note('receive', received.status, received.body);
      },
      async withdraw() {
        const who = pick(people)!;
        const mine = (await shopApi(m.slug, who.token).get('/shop/distribution/me')).body;
        const available = mine.commission.available as number;
        const amount = random() < 0.7 && available >= 100 ? int(100, available) : int(100, 5000);
        const res = await shopApi(m.slug, who.token).post('/shop/distribution/withdrawals').send({ amount });
        note('withdraw', res.status, res.body);
      },
      async review() {
        const pending = (await owner.get('/admin/distribution/withdrawals?status=pending&pageSize=100')).body.items as Array<{ id: number }>;
        const w = pick(pending);
        if (!w) return;
        const res = await owner.post(`/admin/distribution/withdrawals/${w.id}/${random() < 0.7 ? 'approve' : 'reject'}`).send({});
        note('review', res.status, res.body);
      },
      async jobs() {
        await runDueJobs();
      },
    };
    const weights: Array<[string, number]> = [['order', 36], ['refund', 18], ['complete', 16], ['withdraw', 16], ['review', 10], ['jobs', 4]];
    const total = weights.reduce((sum, [, w]) => sum + w, 0);
    const choose = () => {
      let r = random() * total;
      for (const [name, w] of weights) if ((r -= w) < 0) return name;
      return 'order';
    };
    try {
      for (let done = 0; done < OPERATIONS; done += AT_ONCE) {
        const batch = Array.from({ length: Math.min(AT_ONCE, OPERATIONS - done) }, choose);
        await Promise.all(batch.map((name) => operations[name]!()));
      }
      await runDueJobs();
      expect(errors, errors.join('\n')).to.deep.equal([]);
      await assertBooksBalance();
      // each promoter's money in the ledger = its commissions less reversals, less withdrawals paid
      const commissions = await acrossTenants('test', () => Commission.findAll({ where: { tenantId: m.id }, raw: true }));
      const booked = new Map<number, number>();
      for (const c of commissions) {
        expect(Number(c.reversed)).to.be.within(0, Number(c.amount));
        booked.set(Number(c.customerId), (booked.get(Number(c.customerId)) ?? 0) + Number(c.amount) - Number(c.reversed));
      }
      const paidOut = new Map<number, number>();
      for (const e of await LedgerEntry.findAll({ where: { accountType: 'promoter', kind: 'commission_withdrawal', bucket: 'held', tenantId: m.id }, raw: true })) {
        if (e.dedupeKey.endsWith(':paid')) paidOut.set(Number(e.accountId), (paidOut.get(Number(e.accountId)) ?? 0) - Number(e.amount));
      }
      for (const p of people) {
        const c = (await shopApi(m.slug, p.token).get('/shop/distribution/me')).body.commission;
        expect(c.frozen + c.available + c.held, `promoter ${p.id}`).to.equal((booked.get(p.id) ?? 0) - (paidOut.get(p.id) ?? 0));
      }
      expect(commissions.length, 'some commissions were earned').to.be.greaterThan(10);
    } catch (err) {
      console.log(`DIST_SEED=${seed}`, JSON.stringify(Object.fromEntries(counts)));
      throw err;
    }
    console.log(`      seed ${seed}:`, JSON.stringify(Object.fromEntries([...counts].sort())));
  });
});
