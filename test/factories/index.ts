/**
 * Builders for the actors of a test, each one call through the real API: a merchant (tenant +
 * owner), a brand owner, a shopper, staff with chosen permissions, a supplier, the operator.
 */
import { expect } from 'chai';
import { ensureFirstOperator } from '../../server/src/boot.js';
import { config } from '../../server/src/core/config.js';
import { OutboundMessage } from '../../server/src/core/messaging/index.js';
import { creditCodeCheckChar } from '../../server/src/modules/suppliers/index.js';
import { api, shopApi, tenantHost } from '../support/http.js';

let counter = 0;

/** A name unique in this run, safe as a slug: starts with a letter, lowercase. */
export function uniq(prefix = 't'): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36).slice(-5)}${counter}${Math.random().toString(36).slice(2, 5)}`;
}

export function uniqPhone(): string {
  return `13${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;
}

export function validCreditCode(): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let body = '91';
  for (let i = 0; i < 15; i++) body += alphabet[Math.floor(Math.random() * alphabet.length)];
  return body + creditCodeCheckChar(body);
}

export async function platformToken(): Promise<string> {
  await ensureFirstOperator();
  const c = config().platformAdmin;
  const res = await api().post('/platform/auth/login').send({ email: c.email, password: c.password });
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return res.body.token as string;
}

/** A platform user holding a built-in role (by code) or a custom role (by id), signed in. */
export async function platformStaff(role: string | number): Promise<{ id: number; token: string; email: string }> {
  const admin = api({ token: await platformToken() });
  const roleId = typeof role === 'number' ? role : (await admin.get('/platform/roles')).body.items.find((r: { code: string | null }) => r.code === role)?.id;
  const email = `${uniq('op')}@platform.test`;
  const created = await admin.post('/platform/users').send({ email, name: `平台 ${role}`, roleId, password: 'Operator#2026' });
  expect(created.status, JSON.stringify(created.body)).to.equal(201);
  const login = await api().post('/platform/auth/login').send({ email, password: 'Operator#2026' });
  expect(login.status, JSON.stringify(login.body)).to.equal(200);
  return { id: created.body.id, token: login.body.token, email };
}

export interface TestMerchant {
  id: number;
  slug: string;
  host: string;
  name: string;
  token: string;
  email: string;
  password: string;
}

export async function merchant(opts: { name?: string } = {}): Promise<TestMerchant> {
  const slug = uniq('m');
  const email = `${slug}@owner.test`;
  const password = 'Owner#2026';
  const name = opts.name ?? `Shop ${slug}`;
  const res = await api().post('/merchants/signup').send({ storeName: name, slug, email, password });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return { id: res.body.tenant.id, slug, host: tenantHost(slug), name, token: res.body.token, email, password };
}

export async function brandOwner(): Promise<TestMerchant> {
  const m = await merchant({ name: 'Brand owner' });
  const res = await api({ token: await platformToken() }).patch(`/platform/tenants/${m.id}`).send({ kind: 'brand_owner' });
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return m;
}

export interface TestShopper {
  id: number;
  token: string;
  phone: string;
  password: string;
}

export async function shopper(slug: string): Promise<TestShopper> {
  const phone = uniqPhone();
  const password = 'Shopper#2026';
  const res = await shopApi(slug).post('/shop/auth/register').send({ phone, password });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return { id: res.body.customer.id, token: res.body.token, phone, password };
}

/** A staff member of `m` holding a custom role with exactly these permissions, signed in. */
export async function staffWith(m: TestMerchant, permissions: string[]): Promise<{ id: number; token: string; email: string; roleId: number }> {
  const owner = shopApi(m.slug, m.token);
  const role = await owner.post('/admin/roles').send({ name: uniq('role'), permissions });
  expect(role.status, JSON.stringify(role.body)).to.equal(201);
  const email = `${uniq('s')}@staff.test`;
  const created = await owner.post('/admin/staff').send({ email, name: 'Staff', roleId: role.body.id, password: 'Staff#2026' });
  expect(created.status, JSON.stringify(created.body)).to.equal(201);
  const login = await shopApi(m.slug).post('/admin/auth/login').send({ email, password: 'Staff#2026' });
  expect(login.status, JSON.stringify(login.body)).to.equal(200);
  return { id: created.body.id, token: login.body.token, email, roleId: role.body.id };
}

export interface TestSupplier {
  id: number;
  token: string;
  email: string;
  password: string;
}

export async function supplier(opts: { approved?: boolean } = {}): Promise<TestSupplier> {
  const email = `${uniq('sup')}@supplier.test`;
  const password = 'Supply#2026';
  const res = await api()
    .post('/suppliers/apply')
    .send({ companyName: `供应商 ${uniq('c')}`, licenseNo: validCreditCode(), contactName: '张三', email, password });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  if (opts.approved !== false) {
    const ok = await api({ token: await platformToken() }).post(`/platform/suppliers/${res.body.supplier.id}/approve`);
    expect(ok.status, JSON.stringify(ok.body)).to.equal(200);
  }
  return { id: res.body.supplier.id, token: res.body.token, email, password };
}

/** Messages the sandbox adapters kept for a recipient, newest first. */
export async function sandboxMessages(recipient: string): Promise<OutboundMessage[]> {
  return OutboundMessage.findAll({ where: { recipient }, order: [['id', 'DESC']] });
}

export async function lastSmsCode(phone: string): Promise<string> {
  const [msg] = await sandboxMessages(phone);
  const code = /\b(\d{6})\b/.exec(msg?.body ?? '')?.[1];
  if (!code) throw new Error(`no SMS code sent to ${phone}`);
  return code;
}

export function linkToken(body: string): string {
  const token = /token=([\w%-]+)/.exec(body)?.[1];
  if (!token) throw new Error('no token link in message');
  return decodeURIComponent(token);
}

export interface TestProduct {
  id: number;
  skus: Array<{ id: number; specs: Record<string, string>; supplyPrice: number; suggestedPrice: number; stock: number }>;
  supplier: TestSupplier;
  warehouseId: number;
}

/** An approved supplier with a warehouse and one approved product (two SKUs unless given). */
export async function marketProduct(opts: { title?: string; skus?: Array<{ specs: Record<string, string>; supplyPrice: number; suggestedPrice: number; minRetailPrice?: number; stock: number }>; supplier?: TestSupplier } = {}): Promise<TestProduct> {
  const s = opts.supplier ?? (await supplier());
  const sup = api({ token: s.token });
  const wh = await sup.post('/supplier/warehouses').send({ name: '杭州仓', province: '浙江省', city: '杭州市', address: '余杭区 1 号' });
  expect(wh.status, JSON.stringify(wh.body)).to.equal(201);
  const created = await sup.post('/supplier/products').send({
    title: opts.title ?? `纯棉T恤 ${uniq('p')}`,
    images: ['https://cdn.example.com/t.png'],
    skus: opts.skus ?? [
      { specs: { 颜色: '红', 尺码: 'M' }, supplyPrice: 1000, suggestedPrice: 1990, stock: 50 },
      { specs: { 颜色: '蓝', 尺码: 'L' }, supplyPrice: 1200, suggestedPrice: 2290, stock: 30 },
    ],
  });
  expect(created.status, JSON.stringify(created.body)).to.equal(201);
  const approved = await api({ token: await platformToken() }).post(`/platform/products/${created.body.id}/approve`);
  expect(approved.status, JSON.stringify(approved.body)).to.equal(200);
  return { id: created.body.id, skus: created.body.skus, supplier: s, warehouseId: wh.body.id };
}

/** Imports a market product into a merchant's shop with a markup; returns the listing. */
export async function listed(m: TestMerchant, productId: number, markupPercent = 50): Promise<{ id: number; skus: Array<{ id: number; supplierSkuId: number; price: number }> }> {
  const res = await shopApi(m.slug, m.token).post(`/admin/market/products/${productId}/import`).send({ markupPercent });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body.product;
}

export async function addressOf(slug: string, token: string, overrides: Partial<{ province: string; city: string }> = {}): Promise<number> {
  const res = await shopApi(slug, token)
    .post('/shop/addresses')
    .send({ name: '张三', phone: '13800138000', province: overrides.province ?? '浙江省', city: overrides.city ?? '杭州市', district: '西湖区', detail: '文三路 1 号' });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body.id;
}

/** A shop selling one market product, a shopper with an address: ready to order. */
export async function storeWithProduct(opts: { stock?: number; supplyPrice?: number; markup?: number } = {}) {
  const product = await marketProduct({ skus: [{ specs: { 规格: '标准' }, supplyPrice: opts.supplyPrice ?? 1000, suggestedPrice: 2000, stock: opts.stock ?? 100 }] });
  const m = await merchant();
  const listing = await listed(m, product.id, opts.markup ?? 50);
  const s = await shopper(m.slug);
  const addressId = await addressOf(m.slug, s.token);
  return { product, m, listing, s, addressId, skuId: listing.skus[0]!.id };
}

export async function paidOrder(slug: string, token: string, body: Record<string, unknown>): Promise<{ id: number; orderNo: string; payAmount: number }> {
  const placed = await shopApi(slug, token).post('/shop/orders').send(body);
  expect(placed.status, JSON.stringify(placed.body)).to.equal(201);
  const pay = await shopApi(slug, token).post(`/shop/orders/${placed.body.id}/pay`).send({ method: 'sandbox' });
  expect(pay.status, JSON.stringify(pay.body)).to.equal(200);
  const confirmed = await api().post(`/payments/sandbox/${pay.body.paymentId}/confirm`);
  expect(confirmed.status, JSON.stringify(confirmed.body)).to.equal(200);
  return placed.body;
}
