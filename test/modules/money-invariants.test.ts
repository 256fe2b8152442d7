/**
 * A seeded random mix of 300 operations on the money path (orders paid by gateway or balance,
 * cancellations, whole, partial and duplicate-line refunds, after-sales cases of every type and
 * their decisions, arbitration, shipping, returns and replacements, receipts, withdrawals,
 * recharges and the clock moving days ahead), several at once, then every invariant checked:
 * per line, refunded <= paid; per account, the balance row equals its entries and is never
 * negative; payments - refunds - payouts = the ledger; no order stuck with nothing left to do.
 * The seed is printed on failure; MONEY_SEED=<n> replays its sequence of operations.
 */
import { expect } from 'chai';
import { clock, days } from '../../server/src/core/clock.js';
import { acrossTenants } from '../../server/src/core/db/index.js';
import { runDueJobs } from '../../server/src/core/jobs.js';
import { Fulfillment, Order, OrderItem } from '../../server/src/modules/orders/model.js';
import { Refund } from '../../server/src/modules/payments/model.js';
import { Aftersale } from '../../server/src/modules/aftersales/model.js';
import { mulberry32 } from '../../scripts/bench/lib/seeding.js';
import { api, shopApi } from '../support/http.js';
import { addressOf, listed, marketProduct, merchant, platformToken, shopper, type TestMerchant, type TestShopper, type TestSupplier } from '../factories/index.js';

const OPERATIONS = Number(process.env.MONEY_OPERATIONS ?? 300);
const AT_ONCE = 5;
const OPEN_CASES = ['pending', 'approved', 'returning', 'returned', 'reshipped', 'escalated'];
const returnAddress = { name: '售后部', phone: '0571-88888888', address: '杭州市余杭区文一西路 1 号' };

interface Reply {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

class World {
  readonly random: () => number;
  m!: TestMerchant;
  suppliers: TestSupplier[] = [];
  skus: number[] = [];
  shoppers: Array<TestShopper & { addressId: number }> = [];
  operatorToken = '';
  orders: Array<{ id: number; orderNo: string; customer: number }> = [];
  cases: Array<{ id: number; customer: number }> = [];
  withdrawals: number[] = [];
  counts = new Map<string, number>();
  serverErrors: string[] = [];

  constructor(readonly seed: number) {
    this.random = mulberry32(seed);
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  pick<T>(list: readonly T[]): T | undefined {
    return list.length ? list[Math.floor(this.random() * list.length)] : undefined;
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  /** Any answer below 500 is an answer; a 500 is a defect, recorded with what was asked. */
  async call(what: string, request: PromiseLike<Reply>): Promise<Reply> {
    const reply = await request;
    this.counts.set(`${what} ${reply.status}`, (this.counts.get(`${what} ${reply.status}`) ?? 0) + 1);
    if (reply.status >= 500) this.serverErrors.push(`${what}: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply;
  }

  shop(i: number) {
    return shopApi(this.m.slug, this.shoppers[i]!.token);
  }

  get owner() {
    return shopApi(this.m.slug, this.m.token);
  }

  supplierApi(id: number) {
    return api({ token: this.suppliers.find((s) => s.id === id)!.token });
  }

  /** Tokens expire while the clock moves by days. */
  async signInAgain(): Promise<void> {
    this.m.token = (await shopApi(this.m.slug).post('/admin/auth/login').send({ email: this.m.email, password: this.m.password })).body.token;
    for (const s of this.suppliers) s.token = (await api().post('/supplier/auth/login').send({ email: s.email, password: s.password })).body.token;
    for (const s of this.shoppers) s.token = (await shopApi(this.m.slug).post('/shop/auth/login').send({ phone: s.phone, password: s.password })).body.token;
    this.operatorToken = await platformToken();
  }
}

async function build(seed: number): Promise<World> {
  const w = new World(seed);
  const a = await marketProduct({ skus: [{ specs: { 规格: 'A' }, supplyPrice: 1000, suggestedPrice: 1500, stock: 100_000 }] });
  const b = await marketProduct({ skus: [{ specs: { 规格: 'B' }, supplyPrice: 2300, suggestedPrice: 3500, stock: 100_000 }] });
  w.m = await merchant();
  w.suppliers = [a.supplier, b.supplier];
  w.skus = [(await listed(w.m, a.id, 50)).skus[0]!.id, (await listed(w.m, b.id, 37)).skus[0]!.id];
  for (let i = 0; i < 3; i++) {
    const s = await shopper(w.m.slug);
    w.shoppers.push({ ...s, addressId: await addressOf(w.m.slug, s.token) });
  }
  w.operatorToken = await platformToken();
  return w;
}

type OrderDetail = { id: number; status: string; items: Array<{ id: number; quantity: number; shippedQuantity: number; refundedQuantity: number }> };

const operations: Array<[number, (w: World) => Promise<void>]> = [
  [20, async function placeAndPay(w) {
    const who = w.int(0, w.shoppers.length - 1);
    const items = w.skus.filter(() => w.chance(0.6)).map((skuId) => ({ skuId, quantity: w.int(1, 3) }));
    if (!items.length) items.push({ skuId: w.pick(w.skus)!, quantity: w.int(1, 2) });
    const placed = await w.call('place', w.shop(who).post('/shop/orders').send({ items, addressId: w.shoppers[who]!.addressId }));
    if (placed.status !== 201) return;
    w.orders.push({ id: placed.body.id, orderNo: placed.body.orderNo, customer: who });
    const method = w.chance(0.3) ? 'balance' : 'sandbox';
    const pay = await w.call(`pay ${method}`, w.shop(who).post(`/shop/orders/${placed.body.id}/pay`).send({ method }));
    if (method === 'sandbox' && pay.status === 200) await w.call('confirm', api().post(`/payments/sandbox/${pay.body.paymentId}/confirm`));
  }],
  [4, async function placeAndCancel(w) {
    const who = w.int(0, w.shoppers.length - 1);
    const placed = await w.call('place', w.shop(who).post('/shop/orders').send({ items: [{ skuId: w.pick(w.skus)!, quantity: 1 }], addressId: w.shoppers[who]!.addressId }));
    if (placed.status === 201) await w.call('cancel', w.shop(who).post(`/shop/orders/${placed.body.id}/cancel`));
  }],
  [10, async function refundByTheShop(w) {
    const order = w.pick(w.orders);
    if (!order) return;
    const detail = (await w.call('order', w.owner.get(`/admin/orders/${order.id}`))).body as OrderDetail;
    const line = w.pick(detail.items ?? []);
    const roll = w.random();
    const body = !line || roll < 0.2 ? { reason: '整单退款' }
      : roll < 0.35 ? { reason: '差价补偿', amount: w.int(1, 2000) }
      : roll < 0.65 ? { reason: '同一行写两次', items: [{ orderItemId: line.id, quantity: line.quantity }, { orderItemId: line.id, quantity: 1 }] }
      : { reason: '部分退款', items: [{ orderItemId: line.id, quantity: w.int(1, line.quantity) }] };
    // a careless client sends it more than once at the same time
    await Promise.all(Array.from({ length: w.chance(0.4) ? 4 : 1 }, () => w.call('refund', w.owner.post(`/admin/orders/${order.id}/refund`).send(body))));
  }],
  [12, async function openCase(w) {
    const order = w.pick(w.orders);
    if (!order) return;
    const detail = (await w.call('order', w.shop(order.customer).get(`/shop/orders/${order.id}`))).body as OrderDetail;
    const type = w.pick(['refund_only', 'refund_only', 'return_refund', 'exchange', 'repair'] as const)!;
    const line = w.pick(detail.items ?? []);
    const items = !line || w.chance(0.3) ? undefined : w.chance(0.15) ? [{ orderItemId: line.id, quantity: 1 }, { orderItemId: line.id, quantity: 1 }] : [{ orderItemId: line.id, quantity: w.int(1, line.quantity) }];
    const amount = type === 'refund_only' && w.chance(0.2) ? w.int(1, 3000) : undefined;
    const body = { type, reason: '随机售后', ...(items ? { items } : {}), ...(amount ? { amount } : {}) };
    const replies = await Promise.all(Array.from({ length: w.chance(0.3) ? 3 : 1 }, () => w.call(`open ${type}`, w.shop(order.customer).post(`/shop/orders/${order.id}/aftersales`).send(body))));
    for (const opened of replies) if (opened.status === 201) w.cases.push({ id: opened.body.id, customer: order.customer });
  }],
  [14, async function moveACase(w) {
    const c = w.pick(w.cases);
    if (!c) return;
    const view = (await w.call('case', w.owner.get(`/admin/aftersales/${c.id}`))).body as { status: string; type: string; owner: { kind: string; id: number } };
    // the goods' owner decides: the supplier for its goods, the shop for its own
    const decider = view.owner?.kind === 'supplier' ? { api: w.supplierApi(view.owner.id), base: '/supplier/aftersales' } : { api: w.owner, base: '/admin/aftersales' };
    const goodsBack = view.type !== 'refund_only';
    switch (view.status) {
      case 'pending':
        if (w.chance(0.7)) await Promise.all(Array.from({ length: w.chance(0.4) ? 4 : 1 }, () => w.call('approve', decider.api.post(`${decider.base}/${c.id}/approve`).send(goodsBack ? { returnAddress } : {}))));
        else await w.call('refuse', decider.api.post(`${decider.base}/${c.id}/refuse`).send({ reason: '不符合售后条件' }));
        break;
      case 'approved':
        if (goodsBack) await w.call('send back', w.shop(c.customer).post(`/shop/aftersales/${c.id}/return`).send({ carrier: 'yuantong', trackingNo: `YT${w.int(100000, 999999)}` }));
        else await w.call('approve again', decider.api.post(`${decider.base}/${c.id}/approve`).send({}));
        break;
      case 'returning':
        await w.call('confirm return', decider.api.post(`${decider.base}/${c.id}/confirm-return`));
        break;
      case 'returned':
        if (view.type === 'return_refund') await w.call('confirm return again', decider.api.post(`${decider.base}/${c.id}/confirm-return`));
        else await w.call('reship', decider.api.post(`${decider.base}/${c.id}/reship`).send({ carrier: 'shunfeng', trackingNo: `SF${w.int(100000, 999999)}` }));
        break;
      case 'reshipped':
        await w.call('confirm receipt', w.shop(c.customer).post(`/shop/aftersales/${c.id}/confirm-receipt`));
        break;
      case 'refused': {
        const escalated = await w.call('escalate', w.shop(c.customer).post(`/shop/aftersales/${c.id}/escalate`));
        if (escalated.status !== 200) break;
        const decision = w.pick(['refund', 'approve', 'reject'] as const)!;
        const amount = decision === 'refund' && w.chance(0.4) ? w.int(1, 1500) : undefined;
        await w.call(`arbitrate ${decision}`, api({ token: w.operatorToken }).post(`/platform/aftersales/${c.id}/arbitrate`).send({ decision, reason: '平台裁决', ...(amount ? { amount } : {}), ...(decision === 'approve' ? { returnAddress } : {}) }));
        break;
      }
      default:
        break;
    }
  }],
  [12, async function ship(w) {
    const supplier = w.pick(w.suppliers)!;
    const sup = w.supplierApi(supplier.id);
    const queue = (await w.call('queue', sup.get('/supplier/fulfillments?status=to_ship&pageSize=20'))).body.items as Array<{ id: number; items: Array<{ id: number; quantity: number }> }> | undefined;
    const f = w.pick(queue ?? []);
    if (!f) return;
    const item = w.pick(f.items)!;
    const items = w.chance(0.5) ? undefined : w.chance(0.2) ? [{ orderItemId: item.id, quantity: 1 }, { orderItemId: item.id, quantity: 1 }] : [{ orderItemId: item.id, quantity: w.int(1, item.quantity) }];
    await w.call('ship', sup.post(`/supplier/fulfillments/${f.id}/ship`).send({ carrier: 'zhongtong', trackingNo: `ZT${w.int(1000000, 9999999)}`, ...(items ? { items } : {}) }));
  }],
  [5, async function receive(w) {
    const order = w.pick(w.orders);
    if (order) await w.call('receive', w.shop(order.customer).post(`/shop/orders/${order.id}/receive`));
  }],
  [4, async function withdraw(w) {
    const supplier = w.pick(w.suppliers)!;
    const sup = w.supplierApi(supplier.id);
    const { available } = (await w.call('summary', sup.get('/supplier/finance/summary'))).body as { available: number };
    const requested = await w.call('withdraw', sup.post('/supplier/finance/withdrawals').send({ amount: w.int(100, Math.max(100, (available ?? 0) + 300)), payee: { accountName: '供应商有限公司', bankName: '招商银行', accountNo: '6225880000001234' } }));
    if (requested.status === 201) w.withdrawals.push(requested.body.id);
    const pending = w.pick(w.withdrawals);
    if (pending) await w.call('review', api({ token: w.operatorToken }).post(`/platform/withdrawals/${pending}/${w.chance(0.6) ? 'approve' : 'reject'}`).send(w.chance(0.6) ? {} : { reason: '资料不符' }));
  }],
  [3, async function recharge(w) {
    const who = w.int(0, w.shoppers.length - 1);
    const paid = await w.call('recharge', w.shop(who).post('/shop/balance/recharge').send({ amount: w.int(1000, 8000), method: 'sandbox' }));
    if (paid.status === 201) await w.call('confirm', api().post(`/payments/sandbox/${paid.body.paymentId}/confirm`));
  }],
];

async function passTime(w: World, byDays: number): Promise<void> {
  clock.travel(days(byDays));
  for (let i = 0; i < 5; i++) await runDueJobs();
  await w.signInAgain();
}

function pickOperation(w: World): (w: World) => Promise<void> {
  const total = operations.reduce((s, [weight]) => s + weight, 0);
  let roll = w.random() * total;
  for (const [weight, op] of operations) {
    roll -= weight;
    if (roll < 0) return op;
  }
  return operations[0]![1];
}

async function checkInvariants(w: World): Promise<string[]> {
  const broken: string[] = [];
  const ids = w.orders.map((o) => o.id);
  const [orders, items, fulfillments, pendingRefunds, openCases] = await acrossTenants('test: invariants', () =>
    Promise.all([
      Order.findAll({ where: { tenantId: w.m.id, id: ids } }),
      OrderItem.findAll({ where: { tenantId: w.m.id, orderId: ids } }),
      Fulfillment.findAll({ where: { tenantId: w.m.id, orderId: ids } }),
      Refund.count({ where: { tenantId: w.m.id, status: 'pending' } }),
      Aftersale.findAll({ where: { tenantId: w.m.id, status: OPEN_CASES }, attributes: ['id', 'orderId', 'status'] }),
    ]),
  );
  if (pendingRefunds) broken.push(`${pendingRefunds} refunds still pending after every job ran`);
  for (const i of items) {
    if (i.refundedAmount + i.refundingAmount > i.paid) broken.push(`line ${i.id}: refunded ${i.refundedAmount}+${i.refundingAmount} of ${i.paid} paid`);
    if (i.refundedQuantity + i.refundingQuantity > i.quantity) broken.push(`line ${i.id}: ${i.refundedQuantity}+${i.refundingQuantity} units refunded of ${i.quantity}`);
    if (i.shippedQuantity > i.quantity) broken.push(`line ${i.id}: ${i.shippedQuantity} shipped of ${i.quantity}`);
    if (i.refundingQuantity || i.refundingAmount) broken.push(`line ${i.id}: still holds ${i.refundingQuantity} units / ${i.refundingAmount} fen for no refund`);
  }
  for (const o of orders) {
    const own = items.filter((i) => i.orderId === o.id);
    const refunded = own.reduce((s, i) => s + i.refundedAmount, 0);
    if (refunded > o.refundedAmount) broken.push(`order ${o.id}: lines refunded ${refunded}, the order says ${o.refundedAmount}`);
    if (o.refundedAmount > o.paidAmount) broken.push(`order ${o.id}: refunded ${o.refundedAmount} of ${o.paidAmount} paid`);
    const open = openCases.some((c) => c.orderId === o.id);
    const fs = fulfillments.filter((f) => f.orderId === o.id);
    if (o.status === 'pending_payment') broken.push(`order ${o.id}: still unpaid long after its timeout`);
    if (o.paidAmount > 0 && o.refundedAmount === o.paidAmount && !['refunded', 'completed'].includes(o.status)) broken.push(`order ${o.id}: everything refunded, yet ${o.status}`);
    if (o.status === 'paid' && fs.length && fs.every((f) => f.status === 'shipped' || f.status === 'cancelled')) broken.push(`order ${o.id}: paid with nothing left to ship`);
    if (o.status === 'received' && !open) broken.push(`order ${o.id}: received, no open case, and not completed after the window`);
    if (o.status === 'shipped') broken.push(`order ${o.id}: shipped and never received, even automatically`);
  }
  const rec = (await api({ token: await platformToken() }).get('/platform/finance/reconciliation')).body;
  if (!rec.balanced) broken.push(`books out of balance: ${JSON.stringify({ difference: rec.difference, mismatches: rec.mismatches, negative: rec.negative })}`);
  return broken;
}

describe('the money path under a seeded random mix of operations', () => {
  it(`keeps every invariant through ${OPERATIONS} operations, ${AT_ONCE} at a time`, async function () {
    this.timeout(15 * 60_000);
    const seed = Number(process.env.MONEY_SEED ?? Math.floor(Math.random() * 2 ** 31));
    const w = await build(seed);
    const fail = (what: string) => `${what} (replay: MONEY_SEED=${seed})`;
    try {
      for (let done = 0; done < OPERATIONS; ) {
        if (w.chance(0.06)) {
          await passTime(w, w.int(1, 4));
          continue;
        }
        const batch = Array.from({ length: Math.min(AT_ONCE, OPERATIONS - done) }, () => pickOperation(w));
        await Promise.all(batch.map((op) => op(w)));
        done += batch.length;
        expect(w.serverErrors, fail('no request may fail with a 5xx')).to.deep.equal([]);
      }
      // everything that can still happen by itself happens: timeouts, receipts, completions, refund follow-ups
      for (let i = 0; i < 4; i++) await passTime(w, 11);
      const broken = await checkInvariants(w);
      expect(broken, fail('invariants')).to.deep.equal([]);
      expect(w.serverErrors, fail('no request may fail with a 5xx')).to.deep.equal([]);
      const ran = [...w.counts.entries()].filter(([k]) => / 20[01]$/.test(k)).reduce((s, [, n]) => s + n, 0);
      expect(ran, fail('the mix did real work')).to.be.greaterThan(OPERATIONS);
      console.log(`      seed ${seed}: ${[...w.counts.entries()].sort().map(([k, n]) => `${k}×${n}`).join(', ')}`);
    } catch (err) {
      console.log(`money invariants failed with seed ${seed}; operations: ${JSON.stringify(Object.fromEntries(w.counts))}`);
      throw err;
    } finally {
      clock.reset();
    }
  });
});
