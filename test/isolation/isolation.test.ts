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
import type { Model, ModelStatic } from 'sequelize';
import { clock } from '../../server/src/core/clock.js';
import { db } from '../../server/src/core/db/index.js';
import { acrossTenants, isTenantModel } from '../../server/src/core/db/index.js';
import { allowedKinds, pathParamNames, routes, type AnyRoute } from '../../server/src/core/http.js';
import { Product, ProductSku, SkuStock, Warehouse } from '../../server/src/modules/catalog/model.js';
import { Supplier } from '../../server/src/modules/suppliers/model.js';
import { PromoterWithdrawal } from '../../server/src/modules/distribution/model.js';
import { Tenant, TenantApp, TenantDomain } from '../../server/src/modules/tenants/model.js';
import { api, shopApi, tenantHost } from '../support/http.js';
import { startServer } from '../support/server.js';
import { sandboxAuthorize } from '../support/miniprogram.js';
import { connect } from '../modules/chat/sockets.js';
import { addressOf, listed, marketProduct, merchant, paidOrder, platformToken, shopper, staffWith, supplier, uniq, type TestMerchant, type TestShopper, type TestSupplier } from '../factories/index.js';

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
  const fullReduction = await owner.post('/admin/marketing/full-reductions').send({ name: '满减', startsAt: new Date().toISOString(), endsAt: new Date(Date.now() + 86_400_000).toISOString(), tiers: [{ threshold: 19900, amountOff: 3000 }] });
  const limitedPrice = await owner.post('/admin/marketing/limited-prices').send({ name: '限时', startsAt: new Date().toISOString(), endsAt: new Date(Date.now() + 86_400_000).toISOString(), items: [{ skuId: ownListing.skus[0].id, price: 50 }] });
  const aftersale = await shop.post(`/shop/orders/${order.id}/aftersales`).send({ type: 'refund_only', reason: 'isolation fixture' });
  const reviewed = await paidOrder(m.slug, s.token, { items: [{ skuId: ownListing.skus[0].id, quantity: 1 }], addressId: address });
  const reviewedDetail = (await shop.get(`/shop/orders/${reviewed.id}`)).body;
  await owner.post(`/admin/fulfillments/${reviewedDetail.fulfillments[0].id}/ship`).send({ carrier: 'ems', trackingNo: 'EMS00000001' });
  await shop.post(`/shop/orders/${reviewed.id}/receive`);
  const review = await shop.post(`/shop/products/${ownListing.id}/reviews`).send({ orderItemId: reviewedDetail.items[0].id, rating: 5 });
  const payment = await shop.post('/shop/balance/recharge').send({ amount: 100, method: 'sandbox' });
  // a replay makes the delivery rows at once, without a job run or a call out
  const webhook = await owner.post('/admin/webhooks').send({ url: 'https://example.com/hooks/isolation', types: ['order.created'] });
  await owner.post(`/admin/webhooks/${webhook.body.endpoint.id}/replay`).send({ from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString() });
  const webhookDelivery = (await owner.get(`/admin/webhooks/${webhook.body.endpoint.id}/deliveries`)).body.items[0];
  const shopPage = await owner.post('/admin/store/pages').send({ title: '活动页', kind: 'custom', blocks: [{ type: 'notice', props: { text: 'isolation' } }] });
  const pageVersion = await owner.post(`/admin/store/pages/${shopPage.body.id}/publish`);
  const contentCategory = await owner.post('/admin/content/categories').send({ name: '常见问题' });
  const contentArticle = await owner.post('/admin/content/articles').send({ title: '运费怎么算？', kind: 'faq', body: '满 99 包邮', categoryId: contentCategory.body.id });
  await owner.post(`/admin/content/articles/${contentArticle.body.id}/publish`);
  const conversation = await openConversation(m, s);
  const cannedReply = await owner.post('/admin/chat/canned-replies').send({ shortcut: 'hi', text: '您好' });
  const chatTag = await owner.post('/admin/chat/tags').send({ name: '咨询' });
  await sandboxAuthorize(m);
  const miniprogramSubmission = await owner.post('/admin/miniprogram/submissions').send({});
  const coupon = await owner.post('/admin/marketing/coupons').send({ name: '隔离券', kind: 'amount', value: 100, total: 10, startsAt: new Date(Date.now() - 3_600_000).toISOString(), endsAt: new Date(Date.now() + 86_400_000).toISOString() });
  await shop.post(`/shop/coupons/${coupon.body.id}/claim`).send({});
  const flashSale = await owner.post('/admin/marketing/flash-sales').send({ name: '秒杀', startsAt: new Date(Date.now() + 86_400_000).toISOString(), endsAt: new Date(Date.now() + 90_000_000).toISOString(), items: [{ skuId: ownListing.skus[0].id, price: 50, stock: 1, perShopperLimit: 1 }] });
  const groupBuy = await owner.post('/admin/marketing/group-buys').send({ productId: listing.id, groupSize: 2, hours: 24, startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 86_400_000).toISOString(), prices: [{ skuId: listing.skus[0]!.id, price: 1100 }] });
  const groupBuyGroup = await shop.post(`/shop/group-buys/${groupBuy.body.id}/groups`).send({ skuId: listing.skus[0]!.id, addressId: address });
  // the shop's own goods: a supplier's may not go below their cost for points alone
  const memberMallItem = await owner.post('/admin/membership/mall').send({ skuId: ownListing.skus[0].id, points: 10 });
  // 分销: every shopper a distributor; a withdrawal row of the shopper's (its money is not the point here)
  await owner.put('/admin/distribution/settings').send({ enabled: true, depth: 2, rates: [1000, 500], becomeBy: 'auto' });
  await shop.get('/shop/distribution/me');
  const promoterWithdrawal = await acrossTenants('isolation fixture: a distributor\'s withdrawal', () => PromoterWithdrawal.create({ tenantId: m.id, customerId: s.id, amount: 100, fee: 0, method: 'balance', status: 'pending', reason: null, reviewedBy: null, reviewedAt: null }));
  const distributionLevel = await owner.post('/admin/distribution/levels').send({ name: '隔离等级', rank: 1 });
  const store = await owner.post('/admin/stores').send({ name: '门店', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号', hours: '10:00–21:00', phone: '0571-88886666', lat: 30.27, lng: 120.15 });
  // 社区团购: an approved leader's point, an activity, and (after its cut-off) the batch of a paid order
  const communityLeader = await shop.post('/shop/community/leaders/apply').send({ name: '隔离团长', phone: '13800000000', pickupPoint: { name: '隔离社区', province: '浙江省', city: '杭州市', district: '西湖区', detail: '1号楼' } });
  await owner.post(`/admin/community/leaders/${communityLeader.body.id}/approve`);
  const communityActivity = await owner.post('/admin/community/activities').send({ name: '隔离团', startsAt: new Date(Date.now() - 60_000).toISOString(), cutoffAt: new Date(Date.now() + 3_600_000).toISOString(), deliverAt: new Date(Date.now() + 7_200_000).toISOString(), items: [{ skuId: listing.skus[0]!.id, price: listing.skus[0]!.price }] });
  await paidOrder(m.slug, s.token, { items: [{ skuId: listing.skus[0]!.id, quantity: 1 }], pickupPointId: communityLeader.body.id });
  clock.travel(7_200_000);
  const communityBatch = await owner.post('/admin/community/batches').send({ activityId: communityActivity.body.id });
  clock.travel(-7_200_000);
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
      webhookEndpoint: webhook.body.endpoint.id,
      webhookDelivery: webhookDelivery?.id,
      shopPage: shopPage.body.id,
      shopPageVersion: pageVersion.body.version,
      contentArticle: contentArticle.body.id,
      contentCategory: contentCategory.body.id,
      conversation,
      cannedReply: cannedReply.body.id,
      chatTag: chatTag.body.id,
      miniprogramSubmission: miniprogramSubmission.body.id,
      coupon: coupon.body.id,
      fullReduction: fullReduction.body.id,
      limitedPrice: limitedPrice.body.id,
      flashSale: flashSale.body.id,
      flashSaleItem: flashSale.body.items?.[0]?.id,
      groupBuy: groupBuy.body.id,
      groupBuyGroup: groupBuyGroup.body.group?.id,
      memberMallItem: memberMallItem.body.id,
      distributor: s.id,
      promoterWithdrawal: promoterWithdrawal.id,
      distributionLevel: distributionLevel.body.id,
      store: store.body.id,
      communityLeader: communityLeader.body.id,
      pickupPoint: communityLeader.body.id,
      communityActivity: communityActivity.body.id,
      communityBatch: communityBatch.body.items?.[0]?.id,
      // a flash-sale ticket is a random string held for its shopper alone: no id of B's can name one of A's
      flashTicket: 1,
      // platform-level rows (market products) are the same for every shop: not isolation subjects
      platform: (await marketProduct()).id,
    },
  };
}

/** A shopper's conversation, opened over a socket of a server started for the moment. */
async function openConversation(m: TestMerchant, s: TestShopper): Promise<number> {
  const server = await startServer();
  try {
    const socket = await connect(server, m.slug, s.token);
    const reply = (await socket.timeout(5_000).emitWithAck('chat:open', {})) as { data: { id: number } };
    socket.close();
    return reply.data.id;
  } finally {
    await server.close();
  }
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

const resourcesOf = (r: AnyRoute) => (r.resources ?? {}) as Record<string, string>;

/** The route's path with each parameter replaced by the side's id of the resource it names. */
const pathWith = (r: AnyRoute, ids: Record<string, number>, fallback?: number) => r.path.replace(/:(\w+)/g, (_, p: string) => String(ids[resourcesOf(r)[p]!] ?? fallback));

/** Routes naming a resource the suite has no fixture id for, and routes with ids and a body but no example. */
function coverageGaps(list: AnyRoute[], ids: Record<string, number>): { missing: string[]; noExample: string[] } {
  return {
    missing: list.flatMap((r) =>
      pathParamNames(r.path)
        .filter((p) => !((ids[resourcesOf(r)[p] ?? ''] ?? 0) > 0))
        .map((p) => `${r.method.toUpperCase()} ${r.path} :${p}`),
    ),
    noExample: list.filter((r) => pathParamNames(r.path).length && r.body && !r.example).map((r) => `${r.method} ${r.path}`),
  };
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
    const { missing, noExample } = coverageGaps(tenantRoutes(), b.ids);
    expect(missing, `routes naming resources without an isolation fixture:\n${missing.join('\n')}`).to.deep.equal([]);
    expect(noExample, 'routes with ids and a body need an example body').to.deep.equal([]);
  });

  it("answers 401 to A's token on B's host and with B's appid, and changes nothing of B", async () => {
    const before = await snapshot(b.m.id);
    const failures: string[] = [];
    for (const route of tenantRoutes()) {
      const path = pathWith(route, a.ids, 1);
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
    const named = (r: AnyRoute) => pathParamNames(r.path).map((p) => resourcesOf(r)[p]!);
    const withIds = tenantRoutes().filter((r) => named(r).some((x) => x !== 'platform'));
    expect(withIds.length).to.be.greaterThan(5);
    for (const route of withIds) {
      const path = pathWith(route, b.ids);
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

/**
 * Supplier isolation, checked on every supplier route of the registry the same way: signed in as
 * supplier A, every /supplier/* route naming supplier B's products, SKUs, staff, imports, freight
 * templates, fulfilments or after-sales cases answers 404, ids of B's warehouses and freight
 * templates in a body are refused, and nothing of B changes. B's goods sell in a shop of their
 * own, whose rows are B's too.
 */
interface SupplierSide {
  s: TestSupplier;
  shop: TestMerchant;
  ids: Record<string, number>;
}

const IMPORT_CSV = 'productRef,title,description,categoryId,images,specs,code,supplyPrice,suggestedPrice,stock,weightGrams,warehouseId\r\nP1,导入测试品,,,,,,1.00,2.00,1,,\r\n';

async function supplierSide(): Promise<SupplierSide> {
  const s = await supplier();
  const sup = api({ token: s.token });
  const product = await marketProduct({ supplier: s });
  const staff = await sup.post('/supplier/staff').send({ email: `${uniq('ss')}@supplier.test`, name: '同事', password: 'Colleague#2026' });
  const upload = await sup.post('/supplier/products/import').attach('file', Buffer.from(IMPORT_CSV), 'p.csv');
  const template = await sup.post('/supplier/freight-templates').send({ name: '包邮', mode: 'piece', defaultRule: { first: 1, firstFee: 0, additional: 1, additionalFee: 0 } });
  const shop = await merchant();
  const listing = await listed(shop, product.id);
  const buyer = await shopper(shop.slug);
  const addressId = await addressOf(shop.slug, buyer.token);
  const line = { items: [{ skuId: listing.skus[0]!.id, quantity: 1 }], addressId };
  await paidOrder(shop.slug, buyer.token, line);
  const disputed = await paidOrder(shop.slug, buyer.token, line);
  const aftersale = await shopApi(shop.slug, buyer.token).post(`/shop/orders/${disputed.id}/aftersales`).send({ type: 'refund_only', reason: 'isolation fixture' });
  const toShip = (await sup.get('/supplier/fulfillments?status=to_ship')).body.items as Array<{ id: number }>;
  // help written for merchants only: no supplier reads it, whoever asks
  const operator = api({ token: await platformToken() });
  const help = await operator.post('/platform/content/articles').send({ title: '店铺装修指南', kind: 'help', audience: 'merchants' });
  await operator.post(`/platform/content/articles/${help.body.id}/publish`);
  const ids = {
    supplierProduct: product.id,
    supplierSku: product.skus[0]!.id,
    warehouse: product.warehouseId,
    supplierStaff: staff.body.id,
    productImport: upload.body.id,
    freightTemplate: template.body.id,
    fulfillment: toShip[0]?.id ?? 0,
    aftersale: aftersale.body.id,
    helpArticle: help.body.id,
  };
  for (const [name, id] of Object.entries(ids)) expect(id, `fixture ${name}`).to.be.a('number').greaterThan(0);
  return { s, shop, ids };
}

/** Everything of supplier B: its row, rows it owns or that name it, its goods, and its shop. */
async function supplierSnapshot(side: SupplierSide): Promise<string> {
  return acrossTenants('isolation suite: snapshot one supplier', async () => {
    const id = side.s.id;
    const parts: Record<string, unknown> = { supplier: await Supplier.findByPk(id, { raw: true }) };
    for (const model of Object.values(db().models) as Array<ModelStatic<Model>>) {
      const attributes = model.getAttributes();
      const where = isTenantModel(model)
        ? { tenantId: side.shop.id }
        : 'ownerKind' in attributes && 'ownerId' in attributes
          ? { ownerKind: 'supplier', ownerId: id }
          : 'supplierId' in attributes
            ? { supplierId: id }
            : 'accountType' in attributes && 'accountId' in attributes
              ? { accountType: 'supplier', accountId: id }
              : null;
      if (where) parts[model.name] = await model.findAll({ where, order: [['id', 'ASC']], raw: true });
    }
    const productIds = (parts[Product.name] as Array<{ id: number }>).map((p) => p.id);
    parts.skus = await ProductSku.findAll({ where: { productId: productIds }, order: [['id', 'ASC']], raw: true });
    parts.stock = await SkuStock.findAll({ where: { skuId: (parts.skus as Array<{ id: number }>).map((x) => x.id) }, order: [['id', 'ASC']], raw: true });
    return JSON.stringify(parts);
  });
}

describe('supplier isolation across every supplier route', function () {
  this.timeout(120_000);
  let a: SupplierSide;
  let b: SupplierSide;
  const supplierRoutes = () => routes().filter((r) => !r.tenant && allowedKinds(r).includes('supplier'));

  before(async () => {
    a = await supplierSide();
    b = await supplierSide();
  });

  it('covers the supplier routes of the registry', () => {
    expect(supplierRoutes().length).to.be.greaterThan(20);
    const { missing, noExample } = coverageGaps(supplierRoutes(), b.ids);
    expect(missing, `supplier routes naming resources without an isolation fixture:\n${missing.join('\n')}`).to.deep.equal([]);
    expect(noExample, 'routes with ids and a body need an example body').to.deep.equal([]);
  });

  it("answers 404 to A's token with B's ids on every route that names one, and changes nothing of B", async () => {
    const before = await supplierSnapshot(b);
    const withIds = supplierRoutes().filter((r) => pathParamNames(r.path).length);
    expect(withIds.length).to.be.greaterThan(10);
    const failures: string[] = [];
    for (const route of withIds) {
      const req = api({ token: a.s.token })[route.method](pathWith(route, b.ids));
      const res = await (route.body ? req.send((route.example as object | undefined) ?? {}) : req);
      if (res.status !== 404) failures.push(`${route.method.toUpperCase()} ${route.path} -> ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`);
    }
    expect(failures, failures.join('\n')).to.deep.equal([]);
    expect(await supplierSnapshot(b)).to.equal(before);
  });

  it("refuses B's warehouse and freight template named in A's bodies, and changes nothing of B", async () => {
    const before = await supplierSnapshot(b);
    const sup = api({ token: a.s.token });
    const sku = { specs: {}, supplyPrice: 100, suggestedPrice: 200, stock: 1 };
    const intoB = await sup.post('/supplier/products').send({ title: '放进别人仓库', draft: true, skus: [{ ...sku, warehouseId: b.ids.warehouse }] });
    expect(intoB.status).to.equal(400);
    expect(intoB.body.error.details[0].field).to.equal('skus[0].warehouseId');
    const stock = await sup.put(`/supplier/products/${a.ids.supplierProduct}/skus/${a.ids.supplierSku}/stock`).send({ warehouseId: b.ids.warehouse, stock: 99 });
    expect(stock.status).to.equal(400);
    expect(stock.body.error.details[0].field).to.equal('warehouseId');
    const freight = await sup.put(`/supplier/products/${a.ids.supplierProduct}`).send({ freightTemplateId: b.ids.freightTemplate });
    expect(freight.status).to.equal(400);
    expect(freight.body.error.details[0].field).to.equal('freightTemplateId');
    expect(await supplierSnapshot(b)).to.equal(before);
  });

  it("lets A's token reach its own resources (the suite's ids are real)", async () => {
    const sup = api({ token: a.s.token });
    expect((await sup.get(`/supplier/products/${a.ids.supplierProduct}`)).status).to.equal(200);
    expect((await sup.get(`/supplier/imports/${a.ids.productImport}`)).status).to.equal(200);
    expect((await sup.get(`/supplier/aftersales/${a.ids.aftersale}`)).status).to.equal(200);
    expect((await sup.post(`/supplier/fulfillments/${a.ids.fulfillment}/ship`).send({ carrier: 'shunfeng', trackingNo: 'SF0000000001' })).status).to.equal(200);
  });
});
