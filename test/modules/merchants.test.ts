import { expect } from 'chai';
import sinon from 'sinon';
import { systemContext, runInContext } from '../../server/src/core/context.js';
import { acrossTenants } from '../../server/src/core/db/index.js';
import { applyManifest } from '../../server/src/modules/merchants/index.js';
import { StorefrontSettings } from '../../server/src/modules/storefront/model.js';
import { Tenant } from '../../server/src/modules/tenants/model.js';
import { api, shopApi } from '../support/http.js';
import { brandOwner, linkToken, merchant, platformToken, sandboxMessages, uniq } from '../factories/index.js';

describe('merchant sign-up', () => {
  it('creates the tenant, its owner and its storefront, and signs the owner in', async () => {
    const slug = uniq('m');
    const res = await api().post('/merchants/signup').send({ storeName: '小林杂货', slug, email: `${slug}@x.cn`, password: 'Owner#2026' });
    expect(res.status).to.equal(201);
    expect(res.body.tenant).to.deep.include({ slug, name: '小林杂货', host: `${slug}.localhost` });
    const me = await shopApi(slug, res.body.token).get('/admin/me');
    expect(me.status).to.equal(200);
    expect(me.body).to.deep.include({ email: `${slug}@x.cn`, role: 'owner' });
    expect(me.body.tenant).to.deep.include({ id: res.body.tenant.id, slug });
    const store = await shopApi(slug).get('/shop/store');
    expect(store.body).to.deep.include({ name: '小林杂货', slug });
    expect(store.body.branding.primaryColor).to.match(/^#/);
    const roles = await shopApi(slug, res.body.token).get('/admin/roles');
    expect(roles.body.items.map((r: { code: string }) => r.code).sort()).to.deep.equal(['admin', 'agent', 'finance']);
  });

  it('refuses a taken or reserved slug with 409 slug_taken', async () => {
    const m = await merchant();
    const again = await api().post('/merchants/signup').send({ storeName: 'Copy', slug: m.slug, email: 'x@y.cn', password: 'Owner#2026' });
    expect(again.status).to.equal(409);
    expect(again.body.error.code).to.equal('slug_taken');
    const reserved = await api().post('/merchants/signup').send({ storeName: 'Www', slug: 'www', email: 'x@y.cn', password: 'Owner#2026' });
    expect(reserved.status).to.equal(409);
  });

  it('writes nothing when a step of the sign-up fails', async () => {
    const slug = uniq('m');
    // the storefront is the last step, after the tenant and its owner were written
    sinon.stub(StorefrontSettings, 'create').rejects(new Error('boom'));
    const res = await api().post('/merchants/signup').send({ storeName: 'Half', slug, email: `${slug}@x.cn`, password: 'Owner#2026' });
    sinon.restore();
    expect(res.status).to.equal(500);
    const left = await acrossTenants('test', () => Tenant.count({ where: { slug } }));
    expect(left).to.equal(0);
    const retry = await api().post('/merchants/signup').send({ storeName: 'Half', slug, email: `${slug}@x.cn`, password: 'Owner#2026' });
    expect(retry.status).to.equal(201);
  });
});

describe('brand owners and distributors', () => {
  it('lets a brand owner onboard a distributor whose owner accepts by email and runs the child shop', async () => {
    const brand = await brandOwner();
    const slug = uniq('dist');
    const ownerEmail = `${slug}@dist.cn`;
    const res = await shopApi(brand.slug, brand.token).post('/admin/distributors').send({ storeName: '城东分销', slug, ownerEmail });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body).to.deep.include({ slug, parentId: brand.id, status: 'active' });
    const [mail] = await sandboxMessages(ownerEmail);
    expect(mail?.body).to.contain(`${slug}.localhost`);
    const accepted = await shopApi(slug).post('/admin/staff/invitations/accept').send({ token: linkToken(mail!.body), name: '分销老板', password: 'Dist#2026' });
    expect(accepted.status, JSON.stringify(accepted.body)).to.equal(201);
    const me = await shopApi(slug, accepted.body.token).get('/admin/me');
    expect(me.body).to.deep.include({ role: 'owner', email: ownerEmail });
    expect(me.body.tenant.parentId).to.equal(brand.id);
    const list = await shopApi(brand.slug, brand.token).get('/admin/distributors');
    expect(list.body.items.map((t: { slug: string }) => t.slug)).to.deep.equal([slug]);
    const reuse = await shopApi(slug).post('/admin/staff/invitations/accept').send({ token: linkToken(mail!.body), name: 'x', password: 'Dist#2026' });
    expect(reuse.status).to.equal(400);
  });

  it('refuses distributor onboarding to a tenant that is not a brand owner', async () => {
    const m = await merchant();
    const res = await shopApi(m.slug, m.token).post('/admin/distributors').send({ storeName: 'X', slug: uniq('d'), ownerEmail: 'o@x.cn' });
    expect(res.status).to.equal(403);
    expect(res.body.error.code).to.equal('not_brand_owner');
  });
});

describe('tenants as code', () => {
  it('applies a manifest idempotently: creates once, then only updates', async () => {
    const slug = uniq('code');
    const manifest = {
      slug,
      name: '代码店',
      plan: 'pro',
      branding: { primaryColor: '#123456', theme: { notice: 'hi' } },
      domains: [`${slug}.example.cn`],
      apps: [{ appid: 'wx' + 'ab'.repeat(8).slice(0, 14) + Math.floor(Math.random() * 90 + 10) }],
      owner: { email: `${slug}@code.cn`, name: 'Owner', password: 'Owner#2026' },
      staff: [{ email: `agent-${slug}@code.cn`, name: 'Agent', role: 'agent', password: 'Agent#2026' }],
      demo: { customers: [{ phone: '13700000001', password: 'Shop#2026', nickname: 'demo' }] },
    };
    const ctx = systemContext('test');
    const first = await runInContext(ctx, () => applyManifest(ctx, manifest));
    expect(first.created).to.equal(true);
    const second = await runInContext(ctx, () => applyManifest(ctx, { ...manifest, name: '代码店 2' }));
    expect(second.created).to.equal(false);
    expect(second.changes).to.deep.equal(['tenant updated']);
    const store = await api({ host: `${slug}.example.cn` }).get('/shop/store');
    expect(store.body).to.deep.include({ name: '代码店 2', slug });
    expect(store.body.branding).to.deep.include({ primaryColor: '#123456', notice: 'hi' });
    const login = await shopApi(slug).post('/admin/auth/login').send({ email: `agent-${slug}@code.cn`, password: 'Agent#2026' });
    expect(login.status).to.equal(200);
    const operator = await platformToken();
    const tenant = await api({ token: operator }).get(`/platform/tenants/${first.tenantId}`);
    expect(tenant.body).to.deep.include({ plan: 'pro' });
  });
});
