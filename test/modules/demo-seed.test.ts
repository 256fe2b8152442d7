/**
 * The living demo: a fresh platform seeded the way main.ts seeds an embedded start, then read back
 * through the API a newcomer's screens use. The seed goes through the platform's own routes, so
 * what is checked here is what those routes made: approved goods on both shops' shelves, orders in
 * every state over two weeks, reviews and replies, an open after-sales case, a balanced and settled
 * ledger; and a second seed that changes nothing.
 */
import { expect } from 'chai';
import request from 'supertest';
import { DEMO_AGENT_PASSWORD } from '../../server/src/demo/chat.js';
import { DEMO_SUPPLIER_PASSWORD, DEMO_SUPPLIERS, type DemoSeedResult } from '../../server/src/demo/index.js';
import { assertBooksBalance } from '../factories/money.js';
import { seedDemoLikeMain } from '../support/demo-seed.js';
import { api, shopApi, testApp } from '../support/http.js';

const STATES = ['pending_payment', 'paid', 'shipped', 'received', 'completed', 'cancelled', 'refunded'] as const;

async function ownerToken(slug: string, email: string, password: string): Promise<string> {
  const res = await shopApi(slug).post('/admin/auth/login').send({ email, password });
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return res.body.token;
}

async function orderCounts(slug: string, token: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const status of STATES) counts[status] = (await shopApi(slug, token).get(`/admin/orders?status=${status}&pageSize=1`)).body.total;
  return counts;
}

describe('demo seed', function () {
  this.timeout(600_000);
  let first: DemoSeedResult;
  const owners: Record<string, string> = {};

  before(async () => {
    first = await seedDemoLikeMain();
    owners.acme = await ownerToken('acme', 'owner@acme.test', 'Acme#2026');
    owners.fresh = await ownerToken('fresh', 'owner@fresh.test', 'Fresh#2026');
  });

  it('writes each shop\'s FAQ, articles and a video, and the platform\'s help for the consoles', async () => {
    for (const slug of ['acme', 'fresh']) {
      const faq = (await shopApi(slug).get('/shop/articles?kind=faq&pageSize=100')).body.items as Array<{ title: string; categoryName: string | null; keywords: string[] }>;
      expect(faq.map((f) => f.title), slug).to.include.members(['下单后多久发货？', '运费怎么算？', '如何申请退换货？', '支持哪些支付方式？']);
      expect(faq.every((f) => f.categoryName && f.keywords.length), 'each entry in a category, with keywords').to.equal(true);
      expect((await shopApi(slug).get('/shop/articles?kind=article')).body.total, slug).to.equal(2);
      const videos = (await shopApi(slug).get('/shop/articles?kind=video')).body.items;
      expect(videos).to.have.length(1);
      expect(videos[0].videoUrl).to.match(/^https:\/\//);
      expect(videos[0].coverUrl).to.match(/^\/uploads\//);
    }
    const help = (await shopApi('acme', owners.acme).get('/help/articles')).body.items.map((a: { title: string }) => a.title);
    expect(help).to.include.members(['开店第一步：装修店铺首页', '提现与对账说明']);
  });

  it('runs three member levels in each shop; its shoppers earned points from completed orders and checked in', async () => {
    for (const slug of ['acme', 'fresh']) {
      const owner = shopApi(slug, owners[slug]);
      const settings = (await owner.get('/admin/membership/settings')).body;
      expect(settings.levels.map((l: { name: string }) => l.name), slug).to.deep.equal(['普通会员', '银卡会员', '金卡会员']);
      const members = (await owner.get('/admin/membership/members')).body.items as Array<{ customerId: number; balance: number }>;
      expect(members.length, slug).to.be.greaterThan(0);
      const histories = await Promise.all(members.map(async (m) => (await owner.get(`/admin/membership/members/${m.customerId}?pageSize=100`)).body.items as Array<{ kind: string }>));
      expect(histories.every((h) => h.some((e) => e.kind === 'checkin')), 'each checked in').to.equal(true);
      expect(histories.some((h) => h.some((e) => e.kind === 'earn_order')), 'points from a completed order').to.equal(true);
      expect((await shopApi(slug).get('/shop/points-mall')).body.items, 'two goods in the points mall').to.have.length(2);
    }
  });

  it('publishes each shop\'s own mini-program through the sandbox\'s third-party platform: authorized and released', async () => {
    for (const [slug, appid] of [['acme', 'wx0a1b2c3d4e5f6071'], ['fresh', 'wx1b2c3d4e5f607182']] as const) {
      const mp = (await shopApi(slug, owners[slug]).get('/admin/miniprogram')).body;
      expect(mp.mode, slug).to.equal('sandbox');
      expect(mp.authorizer.revoked, slug).to.equal(false);
      expect(mp.authorizer.appid).to.equal(appid);
      expect(mp.autoRelease).to.equal(true);
      expect(mp.submissions[0].status, slug).to.equal('released');
      expect(mp.released.version).to.equal(mp.template.version);
    }
  });

  it('seeds approved suppliers with documents, who sign in and see their goods approved', async () => {
    expect(first.seeded).to.equal(true);
    for (const s of DEMO_SUPPLIERS) {
      const login = await api().post('/supplier/auth/login').send({ email: s.email, password: DEMO_SUPPLIER_PASSWORD });
      expect(login.status, JSON.stringify(login.body)).to.equal(200);
      const { supplier } = (await api({ token: login.body.token }).get('/supplier/me')).body;
      expect(supplier.status).to.equal('approved');
      expect(supplier.documents.map((d: { type: string }) => d.type)).to.include('business_license');
      const goods = (await api({ token: login.body.token }).get('/supplier/products?status=approved&pageSize=100')).body;
      expect(goods.total, s.companyName).to.be.greaterThan(8);
      expect((await api({ token: login.body.token }).get('/supplier/warehouses')).body.items).to.have.length(1);
    }
    const tree = (await api().get('/categories')).body.items as Array<{ name: string; children: Array<{ name: string }> }>;
    expect(tree.find((c) => c.name === '茶叶')?.children.map((c) => c.name)).to.include.members(['绿茶', '红茶', '乌龙茶', '白茶', '普洱']);
  });

  it('fills both shops with priced goods that have photos, under store categories', async () => {
    for (const [slug, least] of [['acme', 29], ['fresh', 15]] as const) {
      const page = (await shopApi(slug).get('/shop/products?pageSize=100')).body;
      expect(page.total, slug).to.be.at.least(least);
      for (const p of page.items) {
        expect(p.image, p.title).to.match(/^\/uploads\//);
        expect(p.skus.length, p.title).to.be.greaterThan(0);
      }
      const image = await request(testApp()).get(page.items[0].image);
      expect(image.status).to.equal(200);
      expect(image.headers['content-type']).to.match(/^image\//);
      expect((await shopApi(slug).get('/shop/categories')).body.items.length, slug).to.be.at.least(5);
      const store = (await shopApi(slug).get('/shop/store')).body;
      expect(store.branding.logoUrl, slug).to.match(/^\/uploads\//);
      expect(store.branding.banners?.length, slug).to.be.at.least(2);
    }
    const fresh = (await shopApi('fresh', owners.fresh).get('/admin/products?source=own')).body;
    expect(fresh.total).to.equal(2);
  });

  it('publishes a designed home page for each shop: banners, search, notice, shortcuts and product grids', async () => {
    for (const slug of ['acme', 'fresh']) {
      const home = await shopApi(slug).get('/shop/pages/home');
      expect(home.status, JSON.stringify(home.body)).to.equal(200);
      const blocks = home.body.blocks as Array<{ type: string; props: { images?: unknown[] }; products?: Array<{ image: string | null }> }>;
      expect(blocks.map((b) => b.type)).to.include.members(['banner', 'search', 'notice', 'nav', 'products']);
      expect(blocks.find((b) => b.type === 'banner')!.props.images!.length, slug).to.be.at.least(2);
      const grids = blocks.filter((b) => b.type === 'products');
      for (const grid of grids) expect(grid.products!.length, slug).to.be.at.least(6);
      expect(grids.flatMap((g) => g.products!).every((p) => p.image?.startsWith('/uploads/'))).to.equal(true);
    }
  });

  it('leaves orders in every state in each shop, spread over two weeks with some today', async () => {
    for (const slug of ['acme', 'fresh']) {
      const counts = await orderCounts(slug, owners[slug]!);
      for (const status of STATES) expect(counts[status], `${slug} ${status}`).to.be.at.least(1);
      const all = (await shopApi(slug, owners[slug]).get('/admin/orders?pageSize=100')).body.items as Array<{ createdAt: string }>;
      const ages = all.map((o) => (Date.now() - Date.parse(o.createdAt)) / 86_400_000);
      expect(Math.max(...ages), slug).to.be.greaterThan(10);
      expect(ages.filter((a) => a < 0.5).length, slug).to.be.at.least(3);
    }
  });

  it('has reviews with the shop\'s replies and an after-sales case waiting for its decider', async () => {
    const reviews = (await shopApi('acme', owners.acme).get('/admin/reviews?pageSize=100')).body;
    expect(reviews.total).to.be.greaterThan(5);
    expect(reviews.items.filter((r: { reply: string | null }) => r.reply).length).to.be.greaterThan(1);
    for (const slug of ['acme', 'fresh']) {
      const open = (await shopApi(slug, owners[slug]).get('/admin/aftersales?status=pending')).body;
      expect(open.total, slug).to.be.at.least(1);
    }
  });

  it('staffs customer service: an online 客服 with canned replies, tags and an answered conversation', async () => {
    for (const slug of ['acme', 'fresh']) {
      const agent = await ownerToken(slug, `kefu@${slug}.demo`, DEMO_AGENT_PASSWORD);
      const me = (await shopApi(slug, agent).get('/admin/chat/me')).body;
      expect(me, slug).to.include({ name: '客服小美', status: 'online' });
      expect((await shopApi(slug, agent).get('/admin/chat/canned-replies')).body.length).to.be.at.least(3);
      expect((await shopApi(slug, agent).get('/admin/chat/tags')).body.map((t: { name: string }) => t.name)).to.include('物流查询');
      const [conversation] = (await shopApi(slug, agent).get('/admin/conversations?view=mine')).body.items;
      expect(conversation.agent.name).to.equal('客服小美');
      const history = (await shopApi(slug, agent).get(`/admin/conversations/${conversation.id}/messages`)).body.items as Array<{ type: string; auto: boolean; sender: { kind: string } }>;
      // the shop's FAQ answers the shopper's first question at once, before 客服小美 does
      expect(history.map((m) => m.type)).to.deep.equal(['card', 'text', 'text', 'text', 'text', 'text']);
      expect(history.map((m) => m.sender.kind)).to.include.members(['shopper', 'agent', 'system']);
      expect(history.filter((m) => m.auto)).to.have.length(1);
    }
  });

  it('runs 分销 in each shop: a distributor with a two-level team and a frozen commission', async () => {
    for (const slug of ['acme', 'fresh']) {
      const owner = shopApi(slug, owners[slug]);
      expect((await owner.get('/admin/distribution/settings')).body, slug).to.deep.include({ enabled: true, depth: 2, rates: [1000, 500] });
      const ranking = (await owner.get('/admin/distribution/ranking?by=earned')).body.items as Array<{ earned: number; teamSize: number; frozen: number }>;
      expect(ranking.length, slug).to.be.at.least(2);
      expect(ranking[0]!.earned, slug).to.be.greaterThan(0);
      expect(ranking[0]!.teamSize, slug).to.be.at.least(1);
      expect((await owner.get('/admin/distribution/commissions')).body.total, slug).to.be.at.least(1);
      // 分销等级: the entry level and 金牌, which the first distributor reached with an invitee
      const levels = (await owner.get('/admin/distribution/levels')).body.items as Array<{ name: string; holders: number }>;
      expect(levels.map((l) => l.name), slug).to.deep.equal(['普通分销商', '金牌分销商']);
      expect(levels[1]!.holders, slug).to.be.at.least(1);
    }
  });

  it('runs a coupon centre in each shop: 新人券 at sign-up, a category 9折, free shipping; claimed and used by its shoppers', async () => {
    for (const slug of ['acme', 'fresh']) {
      const centre = (await shopApi(slug).get('/shop/coupons')).body.items as Array<{ name: string; kind: string }>;
      expect(centre.map((c) => c.name), slug).to.include.members(['新人券', '包邮券', '满199减30']);
      expect(centre.map((c) => c.kind), slug).to.include('percent_off');
      const coupons = (await shopApi(slug, owners[slug]).get('/admin/marketing/coupons')).body.items as Array<{ name: string; issueOnSignup: boolean; figures: { claimed: number; orders: number; gmv: number; discount: number } }>;
      const welcome = coupons.find((c) => c.name === '新人券')!;
      expect(welcome.issueOnSignup, slug).to.equal(true);
      expect(welcome.figures.claimed, slug).to.be.at.least(2);
      expect(welcome.figures, slug).to.deep.include({ orders: 1, discount: 1000 });
      expect(welcome.figures.gmv, slug).to.be.greaterThan(0);
      const fresh = (await shopApi(slug).post('/shop/auth/register').send({ phone: `139${String(Date.now()).slice(-8)}`, password: 'Fresh#2026' })).body;
      const mine = (await shopApi(slug, fresh.token).get('/shop/me/coupons')).body.items as Array<{ coupon: { name: string }; source: string }>;
      expect(mine.map((h) => [h.coupon.name, h.source]), slug).to.deep.equal([['新人券', 'signup']]);
    }
  });

  it('runs a flash sale this week and has one starting tomorrow in each shop', async () => {
    for (const slug of ['acme', 'fresh'] as const) {
      const sales = (await shopApi(slug, owners[slug]).get('/admin/marketing/flash-sales')).body.items as Array<{ id: number; status: string; itemCount: number }>;
      expect(sales.map((s) => s.status).sort(), slug).to.deep.equal(['not_started', 'running']);
      const running = (await shopApi(slug).get(`/shop/flash-sales/${sales.find((s) => s.status === 'running')!.id}`)).body;
      expect(running.items.length).to.equal(2);
      for (const item of running.items) expect(item.price).to.be.below(item.originalPrice);
    }
  });

  it('runs community group buying in each shop: two approved leaders with their points, a running activity, an order for pickup at a point', async () => {
    for (const slug of ['acme', 'fresh'] as const) {
      const leaders = (await shopApi(slug, owners[slug]).get('/admin/community/leaders?status=approved')).body.items as Array<{ id: number }>;
      expect(leaders, slug).to.have.length(2);
      const points = (await shopApi(slug).get('/shop/community/pickup-points?lat=30.25&lng=120.21')).body.items as Array<{ id: number; distance: number }>;
      expect(points[0]!.distance).to.be.below(points[1]!.distance);
      const running = (await shopApi(slug).get('/shop/community/activities')).body.items as Array<{ id: number; status: string }>;
      expect(running.map((a) => a.status)).to.deep.equal(['running']);
      const list = (await shopApi(slug, owners[slug]).get(`/admin/community/pick-lists?activityId=${running[0]!.id}`)).body;
      expect(list.points.map((p: { pointId: number }) => p.pointId)).to.deep.equal([points[0]!.id]);
    }
  });

  it('runs 品牌分销 at acme: its two distributor shops sold its range over days, one refund, floors set and met', async () => {
    const byShop = (await shopApi('acme', owners.acme).get('/admin/brand/sales?groupBy=distributor')).body;
    expect(byShop.rows.map((r: { label: string; orders: number }) => [r.label, r.orders > 0])).to.have.deep.members([['Acme 杭州分销店', true], ['Acme 上海分销店', true]]);
    expect(byShop.totals.refunds).to.be.greaterThan(0);
    const byDay = (await shopApi('acme', owners.acme).get('/admin/brand/sales?groupBy=day')).body;
    expect(byDay.rows.filter((r: { orders: number }) => r.orders > 0).length).to.be.at.least(5);
    const floors = (await shopApi('acme', owners.acme).get('/admin/brand/price-floors')).body.items.flatMap((p: { skus: unknown[] }) => p.skus);
    expect(floors.map((s: { minRetailPrice: number | null }) => s.minRetailPrice)).to.include(22800);
    const hz = await ownerToken('acme-hz', 'owner@acme-hz.test', 'AcmeHz#2026');
    const listings = (await shopApi('acme-hz', hz).get('/admin/products?source=brand')).body.items as Array<{ skus: Array<{ price: number; floor: number }> }>;
    for (const l of listings) for (const sku of l.skus) expect(sku.price).to.be.at.least(sku.floor);
  });

  it('settles the oldest orders: shops, suppliers and the platform hold available money, and the books balance', async () => {
    for (const slug of ['acme', 'fresh']) {
      const summary = (await shopApi(slug, owners[slug]).get('/admin/finance/summary')).body;
      expect(summary.available, slug).to.be.greaterThan(0);
      expect(summary.frozen, slug).to.be.greaterThan(0);
    }
    const login = await api().post('/supplier/auth/login').send({ email: DEMO_SUPPLIERS[0]!.email, password: DEMO_SUPPLIER_PASSWORD });
    expect((await api({ token: login.body.token }).get('/supplier/finance/summary')).body.available).to.be.greaterThan(0);
    await assertBooksBalance();
  });

  it('changes nothing when it runs again', async () => {
    const before = { acme: await orderCounts('acme', owners.acme!), products: (await shopApi('acme').get('/shop/products?pageSize=1')).body.total };
    const again = await seedDemoLikeMain();
    expect(again.seeded).to.equal(false);
    expect({ acme: await orderCounts('acme', owners.acme!), products: (await shopApi('acme').get('/shop/products?pageSize=1')).body.total }).to.deep.equal(before);
  });
});
