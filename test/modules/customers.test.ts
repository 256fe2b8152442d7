import { expect } from 'chai';
import { api, shopApi } from '../support/http.js';
import { lastSmsCode, merchant, shopper, staffWith, uniqPhone, type TestMerchant } from '../factories/index.js';

describe('shoppers', () => {
  let m: TestMerchant;

  before(async () => {
    m = await merchant();
  });

  it('registers with phone and password and signs in', async () => {
    const phone = uniqPhone();
    const reg = await shopApi(m.slug).post('/shop/auth/register').send({ phone, password: 'Shop#2026' });
    expect(reg.status).to.equal(201);
    expect(reg.body.customer.id).to.be.a('number');
    const dup = await shopApi(m.slug).post('/shop/auth/register').send({ phone, password: 'Shop#2026' });
    expect(dup.status).to.equal(409);
    expect(dup.body.error.code).to.equal('phone_taken');
    const login = await shopApi(m.slug).post('/shop/auth/login').send({ phone, password: 'Shop#2026' });
    expect(login.status).to.equal(200);
    const me = await shopApi(m.slug, login.body.token).get('/shop/me');
    expect(me.body).to.include({ id: reg.body.customer.id, phone });
  });

  it('keeps the same phone in two shops as two shoppers', async () => {
    const other = await merchant();
    const phone = uniqPhone();
    const a = await shopApi(m.slug).post('/shop/auth/register').send({ phone, password: 'Shop#2026' });
    const b = await shopApi(other.slug).post('/shop/auth/register').send({ phone, password: 'Other#2026' });
    expect(a.status).to.equal(201);
    expect(b.status).to.equal(201);
    expect((await shopApi(other.slug).post('/shop/auth/login').send({ phone, password: 'Shop#2026' })).status).to.equal(401);
    expect((await shopApi(other.slug, a.body.token).get('/shop/me')).status).to.equal(401);
  });

  it('signs in with an SMS code, creating the shopper on first use; a wrong code is refused', async () => {
    const phone = uniqPhone();
    const sent = await shopApi(m.slug).post('/shop/auth/sms-code').send({ phone });
    expect(sent.status).to.equal(200);
    expect(sent.body).to.include({ sent: true });
    const code = await lastSmsCode(phone);
    const wrong = await shopApi(m.slug).post('/shop/auth/login').send({ phone, code: code === '000000' ? '111111' : '000000' });
    expect(wrong.status).to.equal(400);
    expect(wrong.body.error.code).to.equal('sms_code_invalid');
    const ok = await shopApi(m.slug).post('/shop/auth/login').send({ phone, code });
    expect(ok.status).to.equal(200);
    expect(ok.body.customer).to.include({ isNew: true });
    const reused = await shopApi(m.slug).post('/shop/auth/login').send({ phone, code });
    expect(reused.status).to.equal(400);
    const both = await shopApi(m.slug).post('/shop/auth/login').send({ phone, code, password: 'x' });
    expect(both.status).to.equal(400);
  });

  it('signs a mini-program shopper in through the sandbox code2session with the app\'s appid', async () => {
    const appid = 'wx' + Math.random().toString(16).slice(2, 10).padEnd(8, '0') + Math.random().toString(16).slice(2, 10).padEnd(8, '0');
    expect((await shopApi(m.slug, m.token).post('/admin/store/apps').send({ appid, channel: 'wechat_mp', secret: 'abcdef0123456789abcdef0123456789' })).status).to.equal(201);
    const first = await api({ host: '127.0.0.1', appId: appid }).post('/shop/auth/wechat').send({ code: 'wx-login-code-1' });
    expect(first.status, JSON.stringify(first.body)).to.equal(200);
    expect(first.body.customer.isNew).to.equal(true);
    const again = await api({ host: '127.0.0.1', appId: appid }).post('/shop/auth/wechat').send({ code: 'wx-login-code-1' });
    expect(again.body.customer).to.deep.equal({ id: first.body.customer.id, isNew: false });
    const me = await api({ appId: appid, token: first.body.token }).get('/shop/me');
    expect(me.body).to.include({ wechatBound: true, phone: null });
    const phone = uniqPhone();
    await api({ appId: appid }).post('/shop/auth/sms-code').send({ phone, purpose: 'bind' });
    const bound = await api({ appId: appid, token: first.body.token }).put('/shop/me/phone').send({ phone, code: await lastSmsCode(phone) });
    expect(bound.status).to.equal(200);
    expect(bound.body.phone).to.equal(phone);
  });

  it('resets a shopper password with an SMS code and ends old sessions, cached ones included', async () => {
    const s = await shopper(m.slug);
    // the shopper, once authenticated, is cached with the session: revoking must reach that entry
    expect((await shopApi(m.slug, s.token).get('/shop/me')).status).to.equal(200);
    await shopApi(m.slug).post('/shop/auth/sms-code').send({ phone: s.phone, purpose: 'reset' });
    const res = await shopApi(m.slug).post('/shop/auth/password-reset').send({ phone: s.phone, code: await lastSmsCode(s.phone), password: 'Newer#2026' });
    expect(res.status).to.equal(200);
    expect((await shopApi(m.slug, s.token).get('/shop/me')).status).to.equal(401);
    expect((await shopApi(m.slug).post('/shop/auth/login').send({ phone: s.phone, password: 'Newer#2026' })).status).to.equal(200);
  });

  it('masks shoppers\' phones for staff without customers.phone', async () => {
    const s = await shopper(m.slug);
    const agent = await staffWith(m, ['customers.read']);
    const admin = await staffWith(m, ['customers.phone']);
    const masked = await shopApi(m.slug, agent.token).get('/admin/customers?pageSize=100');
    const row = masked.body.items.find((c: { id: number }) => c.id === s.id);
    expect(row.phone).to.equal(`${s.phone.slice(0, 3)}****${s.phone.slice(7)}`);
    const one = await shopApi(m.slug, agent.token).get(`/admin/customers/${s.id}`);
    expect(one.body.phone).to.contain('****');
    const full = await shopApi(m.slug, admin.token).get('/admin/customers?pageSize=100');
    expect(full.body.items.find((c: { id: number }) => c.id === s.id).phone).to.equal(s.phone);
    const ownerView = await shopApi(m.slug, m.token).get(`/admin/customers/${s.id}`);
    expect(ownerView.body.phone).to.equal(s.phone);
    const noPerm = await staffWith(m, []);
    expect((await shopApi(m.slug, noPerm.token).get('/admin/customers')).status).to.equal(403);
  });

  it('refuses bad phone numbers naming the field', async () => {
    const res = await shopApi(m.slug).post('/shop/auth/register').send({ phone: '12345', password: 'Shop#2026' });
    expect(res.status).to.equal(400);
    expect(res.body.error.details[0].field).to.equal('phone');
  });
});
