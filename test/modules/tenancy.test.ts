import { expect } from 'chai';
import { api, shopApi } from '../support/http.js';
import { merchant, platformToken, uniq, type TestMerchant } from '../factories/index.js';

describe('tenant resolution', () => {
  let m: TestMerchant;
  const appid = () => `wx${Array.from({ length: 16 }, () => Math.floor(Math.random() * 16).toString(16)).join('')}`;

  before(async () => {
    m = await merchant({ name: '解析测试店' });
  });

  it('finds a shop by <slug>.<platform domain>, ignoring port and letter case', async () => {
    for (const host of [`${m.slug}.localhost`, `${m.slug}.LOCALHOST:3000`, `${m.slug.toUpperCase()}.localhost:8080`]) {
      const res = await api({ host }).get('/shop/store');
      expect(res.status, host).to.equal(200);
      expect(res.body).to.include({ name: '解析测试店', slug: m.slug });
    }
  });

  it('answers 404 tenant_not_found for an unknown host or appid, and for the platform host', async () => {
    for (const opts of [{ host: 'nobody-here.localhost' }, { host: 'unknown.example.com' }, {}, { appId: 'wx0000000000000000' }]) {
      const res = await api(opts).get('/shop/store');
      expect(res.status, JSON.stringify(opts)).to.equal(404);
      expect(res.body.error.code).to.equal('tenant_not_found');
    }
  });

  it('finds a shop by a custom domain once added, and forgets it once removed', async () => {
    const domain = `${uniq('d')}.example.cn`;
    expect((await api({ host: domain }).get('/shop/store')).status).to.equal(404);
    const added = await shopApi(m.slug, m.token).post('/admin/store/domains').send({ domain: domain.toUpperCase() });
    expect(added.status).to.equal(201);
    expect(added.body.domain).to.equal(domain);
    const found = await api({ host: `${domain}:443` }).get('/shop/store');
    expect(found.status).to.equal(200);
    expect(found.body.slug).to.equal(m.slug);
    const removed = await shopApi(m.slug, m.token).delete(`/admin/store/domains/${added.body.id}`);
    expect(removed.status).to.equal(200);
    expect((await api({ host: domain }).get('/shop/store')).status).to.equal(404);
  });

  it('prefers X-App-Id over Host and finds the shop from anywhere with it', async () => {
    const other = await merchant();
    const id = appid();
    const bound = await shopApi(m.slug, m.token).post('/admin/store/apps').send({ appid: id, channel: 'wechat_mp', secret: 'abcdef0123456789abcdef0123456789' });
    expect(bound.status).to.equal(201);
    expect(bound.body).to.include({ appid: id, hasSecret: true });
    expect(bound.body).to.not.have.property('secret');
    const res = await api({ host: other.host, appId: id }).get('/shop/store');
    expect(res.status).to.equal(200);
    expect(res.body.slug).to.equal(m.slug);
    const anywhere = await api({ host: '203.0.113.9', appId: id }).get('/shop/store');
    expect(anywhere.body.slug).to.equal(m.slug);
  });

  it('refuses a domain or appid another shop already holds, and malformed ones', async () => {
    const other = await merchant();
    const domain = `${uniq('d')}.example.cn`;
    expect((await shopApi(m.slug, m.token).post('/admin/store/domains').send({ domain })).status).to.equal(201);
    const taken = await shopApi(other.slug, other.token).post('/admin/store/domains').send({ domain });
    expect(taken.status).to.equal(409);
    expect(taken.body.error.code).to.equal('domain_taken');
    for (const bad of ['not a domain', 'localhost', `x.${'localhost'}`, '-bad.example.com']) {
      const res = await shopApi(m.slug, m.token).post('/admin/store/domains').send({ domain: bad });
      expect(res.status, bad).to.equal(400);
      expect(res.body.error.details[0].field).to.equal('domain');
    }
    const id = appid();
    expect((await shopApi(m.slug, m.token).post('/admin/store/apps').send({ appid: id, channel: 'wechat_mp' })).status).to.equal(201);
    const appTaken = await shopApi(other.slug, other.token).post('/admin/store/apps').send({ appid: id, channel: 'wechat_mp' });
    expect(appTaken.status).to.equal(409);
    expect(appTaken.body.error.code).to.equal('appid_taken');
    const badAppid = await shopApi(m.slug, m.token).post('/admin/store/apps').send({ appid: 'wx123', channel: 'wechat_mp' });
    expect(badAppid.status).to.equal(400);
    expect(badAppid.body.error.details[0].field).to.equal('appid');
  });

  it('answers 403 tenant_suspended on a suspended shop and its console, and serves it again on resume', async () => {
    const s = await merchant();
    const operator = await platformToken();
    const suspended = await api({ token: operator }).post(`/platform/tenants/${s.id}/suspend`);
    expect(suspended.status).to.equal(200);
    expect(suspended.body.status).to.equal('suspended');
    const shop = await shopApi(s.slug).get('/shop/store');
    expect(shop.status).to.equal(403);
    expect(shop.body.error.code).to.equal('tenant_suspended');
    const consoleMe = await shopApi(s.slug, s.token).get('/admin/me');
    expect(consoleMe.status).to.equal(403);
    const listed = await api({ token: operator }).get('/platform/tenants?status=suspended&pageSize=100');
    expect(listed.body.items.map((t: { id: number }) => t.id)).to.include(s.id);
    expect((await api({ token: operator }).post(`/platform/tenants/${s.id}/resume`)).status).to.equal(200);
    expect((await shopApi(s.slug).get('/shop/store')).status).to.equal(200);
    expect((await shopApi(s.slug, s.token).get('/admin/me')).status).to.equal(200);
  });
});
