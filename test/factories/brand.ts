/** A brand owner with a shared range, its distributor shops, their listings and shoppers (brands module). */
import { expect } from 'chai';
import { shopApi, type Caller } from '../support/http.js';
import { addressOf, brandOwner, linkToken, sandboxMessages, shopper, uniq, type TestMerchant, type TestShopper } from './index.js';

export interface Shop {
  id: number;
  slug: string;
  api: Caller;
  email: string;
  password: string;
}

export interface Brand {
  m: TestMerchant;
  api: Caller;
  /** The cream (two SKUs: 50ml, 100ml) and the serum (one SKU), both shared with distributors. */
  cream: { id: number; skus: number[] };
  serum: { id: number; skus: number[] };
}

export async function brandWithRange(): Promise<Brand> {
  const m = await brandOwner();
  const b = shopApi(m.slug, m.token);
  await b.post('/admin/warehouses').send({ name: '品牌仓', province: '广东省', city: '深圳市', address: '南山区 1 号' });
  const cream = await b.post('/admin/own-products').send({
    title: `品牌面霜 ${uniq('c')}`,
    shareWithDistributors: true,
    skus: [
      { specs: { 容量: '50ml' }, price: 30000, distributorPrice: 12000, minRetailPrice: 20000, stock: 100 },
      { specs: { 容量: '100ml' }, price: 50000, distributorPrice: 20000, minRetailPrice: 35000, stock: 100 },
    ],
  });
  expect(cream.status, JSON.stringify(cream.body)).to.equal(201);
  const serum = await b.post('/admin/own-products').send({ title: `品牌精华 ${uniq('s')}`, shareWithDistributors: true, skus: [{ specs: {}, price: 19900, distributorPrice: 9900, minRetailPrice: 15900, stock: 100 }] });
  expect(serum.status, JSON.stringify(serum.body)).to.equal(201);
  const skusOf = (p: { product: { productId: number; skus: Array<{ supplierSkuId: number }> } }) => ({ id: p.product.productId, skus: p.product.skus.map((s) => s.supplierSkuId) });
  return { m, api: b, cream: skusOf(cream.body), serum: skusOf(serum.body) };
}

export async function distributor(brand: Brand, name: string): Promise<Shop> {
  const slug = uniq('dist');
  const onboard = await brand.api.post('/admin/distributors').send({ storeName: name, slug, ownerEmail: `${slug}@d.cn` });
  expect(onboard.status, JSON.stringify(onboard.body)).to.equal(201);
  const [mail] = await sandboxMessages(`${slug}@d.cn`);
  const accepted = await shopApi(slug).post('/admin/staff/invitations/accept').send({ token: linkToken(mail!.body), name: '店主', password: 'Child#2026' });
  expect(accepted.status, JSON.stringify(accepted.body)).to.equal(201);
  return { id: onboard.body.id, slug, api: shopApi(slug, accepted.body.token), email: `${slug}@d.cn`, password: 'Child#2026' };
}

/** Imports a brand product into a distributor's shop; returns the listing with its SKUs keyed by the brand's SKU id. */
export async function importBrand(shop: Shop, productId: number, body: Record<string, unknown>): Promise<{ id: number; sku: Map<number, { id: number; price: number }> }> {
  const res = await shop.api.post(`/admin/market/brand-products/${productId}/import`).send(body);
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return { id: res.body.product.id, sku: new Map(res.body.product.skus.map((s: { id: number; supplierSkuId: number; price: number }) => [s.supplierSkuId, { id: s.id, price: s.price }])) };
}

export async function buyer(shop: Shop): Promise<TestShopper & { addressId: number }> {
  const s = await shopper(shop.slug);
  return { ...s, addressId: await addressOf(shop.slug, s.token) };
}

