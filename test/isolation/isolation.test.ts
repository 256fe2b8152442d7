/**
 * Tenant isolation, checked on every route of the registry (so a new route is covered the day it
 * is added): signed in as tenant A,
 *   - A's token on B's host, or with B's appid, gets 401;
 *   - A's token on A's host with B's ids gets 404 (never 403, which would confirm they exist);
 *   - and none of B's rows changed.
 * A route whose path names a resource this suite cannot make for B fails here until a fixture
 * is added below.
 */
import { expect } from 'chai';
import { db } from '../../server/src/core/db/index.js';
import { acrossTenants, isTenantModel } from '../../server/src/core/db/index.js';
import { allowedKinds, pathParamNames, routes, type AnyRoute } from '../../server/src/core/http.js';
import { Product, ProductSku, SkuStock, Warehouse } from '../../server/src/modules/catalog/model.js';
import { Tenant, TenantApp, TenantDomain } from '../../server/src/modules/tenants/model.js';
import { api, shopApi, tenantHost } from '../support/http.js';
import { addressOf, listed, marketProduct, merchant, paidOrder, shopper, staffWith, uniq, type TestMerchant, type TestShopper } from '../factories/index.js';

interface Side {
  m: TestMerchant;
  shopper: TestShopper;
  appid: string;
  ids: Record<string, number>;
}

function randomAppid(): string {
  return `wx${Array.from({ length: 16 }, () => Math.floor(Math.random() * 16).toString(16)).join('')}`;
}

/** One of each resource a tenant route can name, made through the API. */
async function side(): Promise<Side> {
  const m = await merchant();
  const owner = shopApi(m.slug, m.token);
  const s = await shopper(m.slug);
  const appid = randomAppid();
  const app = await owner.post('/admin/store/apps').send({ appid, channel: 'wechat_mp', secret: 'abcdef0123456789abcdef0123456789' });
  const domain = await owner.post('/admin/store/domains').send({ domain: `${uniq('iso')}.example.cn` });
  const staff = await staffWith(m, ['customers.read']);
  const invitation = await owner.post('/admin/staff/invitations').send({ email: `${uniq('i')}@iso.cn`, roleId: staff.roleId });
  const listing = await listed(m, (await marketProduct()).id);
  const own = await owner.post('/admin/own-products').send({ title: '自营 isolation', skus: [{ specs: {}, price: 100, stock: 5 }] });
  const ownProduct = await owner.get('/admin/own-products/' + (await owner.get(`/admin/products/${own.body.product.id}`)).body.productId);
  const storeCategory = await owner.post('/admin/store-categories').send({ name: '分类' });
  const shop = shopApi(m.slug, s.token);
  const address = await addressOf(m.slug, s.token);
  const cart = await shop.post('/shop/cart/items').send({ skuId: listing.skus[0]!.id, quantity: 1 });
  const freight = await owner.post('/admin/freight-templates').send({ name: '包邮', mode: 'piece', defaultRule: { first: 1, firstFee: 0, additional: 1, additionalFee: 0 } });
  const ownListing = (await owner.get(`/admin/products/${own.body.product.id}`)).body;
  const order = await paidOrder(m.slug, s.token, { items: [{ skuId: ownListing.skus[0].id, quantity: 1 }], addressId: address });
  const fulfillment = (await owner.get(`/admin/orders/${order.id}`)).body.fulfillments[0];
  const aftersale = await shop.post(`/shop/orders/${order.id}/aftersales`).send({ type: 'refund_only', reason: 'isolation fixture' });
  const reviewed = await paidOrder(m.slug, s.token, { items: [{ skuId: ownListing.skus[0].id, quantity: 1 }], addressId: address });
  const reviewedDetail = (await shop.get(`/shop/orders/${reviewed.id}`)).body;
  await owner.post(`/admin/fulfillments/${reviewedDetail.fulfillments[0].id}/ship`).send({ carrier: 'ems', trackingNo: 'EMS00000001' });
  await shop.post(`/shop/orders/${reviewed.id}/receive`);
  const review = await shop.post(`/shop/products/${ownListing.id}/reviews`).send({ orderItemId: reviewedDetail.items[0].id, rating: 5 });
  const payment = await shop.post('/shop/balance/recharge').send({ amount: 100, method: 'sandbox' });
  return {
    m,
    shopper: s,
    appid,
    ids: {
      app: app.body.id,
      domain: domain.body.id,
      staff: staff.id,
      role: staff.roleId,
      invitation: invitation.body.id,
      customer: s.id,
      listing: listing.id,
      ownProduct: ownProduct.body.id,
      ownSku: ownProduct.body.skus[0].id,
      storeCategory: storeCategory.body.id,
      address,
      cartItem: cart.body.items[0].id,
      freightTemplate: freight.body.id,
      order: order.id,
      fulfillment: fulfillment.id,
      aftersale: aftersale.body.id,
      review: review.body.id,
      payment: payment.body.paymentId,
      // platform-level rows (market products) are the same for every shop: not isolation subjects
      platform: (await marketProduct()).id,
    },
  };
}

async function snapshot(tenantId: number): Promise<string> {
  return acrossTenants('isolation suite: snapshot one tenant', async () => {
    const parts: Record<string, unknown> = {
      tenant: await Tenant.findByPk(tenantId, { raw: true }),
      domains: await TenantDomain.findAll({ where: { tenantId }, order: [['id', 'ASC']], raw: true }),
      apps: await TenantApp.findAll({ where: { tenantId }, order: [['id', 'ASC']], raw: true }),
      ownProducts: await Product.findAll({ where: { ownerKind: 'tenant', ownerId: tenantId }, order: [['id', 'ASC']], raw: true }),
      warehouses: await Warehouse.findAll({ where: { ownerKind: 'tenant', ownerId: tenantId }, order: [['id', 'ASC']], raw: true }),
    };
    const productIds = (parts.ownProducts as Array<{ id: number }>).map((p) => p.id);
    parts.ownSkus = await ProductSku.findAll({ where: { productId: productIds }, order: [['id', 'ASC']], raw: true });
    parts.ownStock = await SkuStock.findAll({ where: { skuId: (parts.ownSkus as Array<{ id: number }>).map((x) => x.id) }, order: [['id', 'ASC']], raw: true });
    for (const model of Object.values(db().models)) {
      if (!isTenantModel(model)) continue;
      parts[model.name] = await model.findAll({ where: { tenantId }, order: [['id', 'ASC']], raw: true });
    }
    return JSON.stringify(parts);
  });
}

function tokenFor(route: AnyRoute, a: Side): string {
  const kinds = allowedKinds(route);
  return kinds.includes('shopper') && !kinds.includes('merchant') ? a.shopper.token : a.m.token;
}

function call(route: AnyRoute, opts: { host: string; appId?: string; token: string }, path: string) {
  const caller = opts.appId ? api({ host: opts.host, appId: opts.appId, token: opts.token }) : api({ host: opts.host, token: opts.token });
  const req = caller[route.method](path);
  return route.body ? req.send((route.example as object | undefined) ?? {}) : req;
}

describe('tenant isolation across every registered route', function () {
  this.timeout(120_000);
  let a: Side;
  let b: Side;
  const tenantRoutes = () => routes().filter((r) => r.tenant);

  before(async () => {
    a = await side();
    b = await side();
  });

  it('covers the routes of the registry', () => {
    expect(tenantRoutes().length).to.be.greaterThan(20);
    const missing = tenantRoutes().flatMap((r) =>
      pathParamNames(r.path)
        .filter((p) => !(r.resources as Record<string, string> | undefined)?.[p] || !(b.ids[(r.resources as Record<string, string>)[p]!] > 0))
        .map((p) => `${r.method.toUpperCase()} ${r.path} :${p}`),
    );
    expect(missing, `routes naming resources without an isolation fixture:\n${missing.join('\n')}`).to.deep.equal([]);
    const noExample = tenantRoutes().filter((r) => pathParamNames(r.path).length && r.body && !r.example);
    expect(noExample.map((r) => `${r.method} ${r.path}`), 'routes with ids and a body need an example body').to.deep.equal([]);
  });

  it("answers 401 to A's token on B's host and with B's appid, and changes nothing of B", async () => {
    const before = await snapshot(b.m.id);
    const failures: string[] = [];
    for (const route of tenantRoutes()) {
      const path = route.path.replace(/:(\w+)/g, (_, p: string) => String(a.ids[(route.resources as Record<string, string>)[p]!] ?? 1));
      for (const target of [{ host: tenantHost(b.m.slug) }, { host: tenantHost(a.m.slug), appId: b.appid }]) {
        const res = await call(route, { ...target, token: tokenFor(route, a) }, path);
        if (res.status !== 401) failures.push(`${route.method.toUpperCase()} ${route.path} ${JSON.stringify(target)} -> ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`);
      }
    }
    expect(failures, failures.join('\n')).to.deep.equal([]);
    expect(await snapshot(b.m.id)).to.equal(before);
  });

  it("answers 404 to B's ids on A's host with A's token, and changes nothing of B", async () => {
    const before = await snapshot(b.m.id);
    const failures: string[] = [];
    const resourcesOf = (r: AnyRoute) => pathParamNames(r.path).map((p) => (r.resources as Record<string, string>)[p]!);
    const withIds = tenantRoutes().filter((r) => resourcesOf(r).some((x) => x !== 'platform'));
    expect(withIds.length).to.be.greaterThan(5);
    for (const route of withIds) {
      const path = route.path.replace(/:(\w+)/g, (_, p: string) => String(b.ids[(route.resources as Record<string, string>)[p]!]));
      const res = await call(route, { host: tenantHost(a.m.slug), token: tokenFor(route, a) }, path);
      if (res.status !== 404) failures.push(`${route.method.toUpperCase()} ${route.path} -> ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`);
    }
    expect(failures, failures.join('\n')).to.deep.equal([]);
    expect(await snapshot(b.m.id)).to.equal(before);
  });

  it("lets A's token reach its own resources (the suite's ids are real)", async () => {
    const res = await shopApi(a.m.slug, a.m.token).get(`/admin/customers/${a.ids.customer}`);
    expect(res.status).to.equal(200);
    expect((await shopApi(a.m.slug, a.m.token).delete(`/admin/store/apps/${a.ids.app}`)).status).to.equal(200);
  });
});
