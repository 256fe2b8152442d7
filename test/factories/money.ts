/** Shops, orders and checks the money tests share. */
import { expect } from 'chai';
import { api, shopApi } from '../support/http.js';
import { addressOf, listed, marketProduct, merchant, platformToken, shopper, type TestMerchant } from './index.js';

/** A shop selling two suppliers' goods (A: supply 1000, sold at 1500; B: supply 2000, sold at 3000) and a shopper with an address. */
export async function twoSupplierShop() {
  const a = await marketProduct({ skus: [{ specs: { 规格: 'A' }, supplyPrice: 1000, suggestedPrice: 1500, stock: 500 }] });
  const b = await marketProduct({ skus: [{ specs: { 规格: 'B' }, supplyPrice: 2000, suggestedPrice: 3000, stock: 500 }] });
  const m = await merchant();
  const la = await listed(m, a.id, 50);
  const lb = await listed(m, b.id, 50);
  const s = await shopper(m.slug);
  const addressId = await addressOf(m.slug, s.token);
  return { m, s, addressId, a, b, skuA: la.skus[0]!.id, skuB: lb.skus[0]!.id };
}

export async function orderLines(m: TestMerchant, orderId: number) {
  const detail = (await shopApi(m.slug, m.token).get(`/admin/orders/${orderId}`)).body;
  return detail as { status: string; refundedAmount: number; payAmount: number; items: Array<{ id: number; skuId: number; quantity: number; paid: number; refundedQuantity: number; refundedAmount: number; refundingAmount: number; shippedQuantity: number }>; fulfillments: Array<{ id: number; status: string }> };
}

/** The platform's reconciliation: every fen accounted for, no mismatch, no negative bucket. */
export async function assertBooksBalance(): Promise<void> {
  const rec = (await api({ token: await platformToken() }).get('/platform/finance/reconciliation')).body;
  expect(rec, JSON.stringify(rec)).to.include({ balanced: true, difference: 0 });
  expect(rec.mismatches).to.deep.equal([]);
  expect(rec.negative).to.deep.equal([]);
}

