/**
 * What an after-sales case shows to the people who decide it: its order and goods, and whether the
 * refund it led to is on its way or was refused, in one shop and in a supplier's queue across shops.
 */
import { expect } from 'chai';
import sinon from 'sinon';
import { SandboxGateway } from '../../server/src/modules/payments/providers/sandbox.js';
import { addressOf, listed, marketProduct, merchant, paidOrder, shopper } from '../factories/index.js';
import { api, shopApi } from '../support/http.js';

async function shopSelling(productId: number, name: string) {
  const m = await merchant({ name });
  const listing = await listed(m, productId, 50);
  const s = await shopper(m.slug);
  const addressId = await addressOf(m.slug, s.token);
  return { m, s, addressId, skuId: listing.skus[0]!.id };
}

describe('after-sales case views', () => {
  it("names each case's order and goods, and its shop, in a supplier's queue across two shops", async () => {
    const product = await marketProduct({ title: '羊毛围巾', skus: [{ specs: { 颜色: '灰' }, supplyPrice: 3000, suggestedPrice: 5900, stock: 50 }] });
    const north = await shopSelling(product.id, '北店');
    const south = await shopSelling(product.id, '南店');
    const open = async (shop: Awaited<ReturnType<typeof shopSelling>>, reason: string) => {
      const order = await paidOrder(shop.m.slug, shop.s.token, { items: [{ skuId: shop.skuId, quantity: 2 }], addressId: shop.addressId });
      const opened = await shopApi(shop.m.slug, shop.s.token).post(`/shop/orders/${order.id}/aftersales`).send({ type: 'refund_only', reason });
      expect(opened.status, JSON.stringify(opened.body)).to.equal(201);
      expect(opened.body.order).to.include({ orderNo: order.orderNo, status: 'paid', payAmount: order.payAmount });
      return { order, id: opened.body.id as number };
    };
    const a = await open(north, '不想要了');
    const b = await open(south, '拍错了');

    const queue: Array<{ id: number; shopName: string; order: { orderNo: string }; items: Array<{ title: string; specs: Record<string, string>; quantity: number; unitPrice: number }>; refunds: unknown[] }> = (
      await api({ token: product.supplier.token }).get('/supplier/aftersales')
    ).body.items;
    const byId = new Map(queue.map((c) => [c.id, c]));
    expect(byId.get(a.id)).to.deep.include({ shopName: '北店', order: { orderNo: a.order.orderNo, status: 'paid', payAmount: a.order.payAmount, refundedAmount: 0 }, refunds: [] });
    expect(byId.get(b.id)).to.deep.include({ shopName: '南店', refunds: [] });
    expect(byId.get(b.id)!.order.orderNo).to.equal(b.order.orderNo);
    expect(byId.get(a.id)!.items).to.have.length(1);
    expect(byId.get(a.id)!.items[0]).to.include({ title: '羊毛围巾', quantity: 2, unitPrice: 4500 });
    expect(byId.get(a.id)!.items[0]!.specs).to.deep.equal({ 颜色: '灰' });
  });

  it('shows a refund the gateway refused on the case, and the retry that follows it', async () => {
    const product = await marketProduct({ skus: [{ specs: {}, supplyPrice: 1000, suggestedPrice: 2000, stock: 50 }] });
    const shop = await shopSelling(product.id, '东店');
    const order = await paidOrder(shop.m.slug, shop.s.token, { items: [{ skuId: shop.skuId, quantity: 1 }], addressId: shop.addressId });
    const opened = await shopApi(shop.m.slug, shop.s.token).post(`/shop/orders/${order.id}/aftersales`).send({ type: 'refund_only', reason: '不想要了' });
    const sup = api({ token: product.supplier.token });

    sinon.stub(SandboxGateway.prototype, 'refund').resolves({ status: 'failed', error: 'ACCOUNT_FROZEN' });
    const refused = (await sup.post(`/supplier/aftersales/${opened.body.id}/approve`).send({})).body;
    expect(refused.status, 'the case waits where it was').to.equal('approved');
    expect(refused.refunds.map((r: { amount: number; status: string; error: string | null }) => [r.amount, r.status, r.error])).to.deep.equal([[1500, 'failed', 'ACCOUNT_FROZEN']]);
    sinon.restore();

    const retried = (await sup.post(`/supplier/aftersales/${opened.body.id}/approve`).send({})).body;
    expect(retried.status).to.equal('refunded');
    expect(retried.refunds.map((r: { status: string }) => r.status)).to.deep.equal(['failed', 'succeeded']);
    const mine = (await shopApi(shop.m.slug, shop.s.token).get(`/shop/aftersales/${opened.body.id}`)).body;
    expect(mine.refunds.map((r: { status: string }) => r.status)).to.deep.equal(['failed', 'succeeded']);
  });
});
