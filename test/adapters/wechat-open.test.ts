import { expect } from 'chai';
import { clock, hours, minutes } from '../../server/src/core/clock.js';
import { config, type Config } from '../../server/src/core/config.js';
import { systemContext } from '../../server/src/core/context.js';
import { runDueJobs } from '../../server/src/core/jobs.js';
import * as repo from '../../server/src/modules/miniprogram/repository.js';
import { LiveWechat, useWechat } from '../../server/src/core/wechat.js';
import { merchant, type TestMerchant } from '../factories/index.js';
import { api, shopApi, testApp } from '../support/http.js';
import { localPath } from '../support/miniprogram.js';
import { deliver, fakeWechatOpen, type FakeWechatOpen } from './fake-wechat-open.js';

const randomAppid = () => `wx${Array.from({ length: 16 }, () => Math.floor(Math.random() * 16).toString(16)).join('')}`;

describe('WeChat third-party platform adapter against a fake WeChat', () => {
  let fake: FakeWechatOpen;
  let saved: Config['wechatOpen'];

  beforeEach(async () => {
    fake = await fakeWechatOpen();
    saved = config().wechatOpen;
    config().wechatOpen = { live: true, apiBase: fake.url, ...fake.creds };
    useWechat(new LiveWechat(fake.url));
    const pushed = await deliver(testApp(), '/wechat/open/ticket', fake.ticketPush());
    expect(pushed.status, pushed.text).to.equal(200);
    expect(pushed.text).to.equal('success');
  });

  afterEach(async () => {
    config().wechatOpen = saved;
    useWechat(undefined);
    await fake.close();
  });

  /** The console's link, WeChat's page (the fake hands out the auth code), our callback. */
  async function authorize(m: TestMerchant, appid = randomAppid()): Promise<{ appid: string; location: string }> {
    const start = await shopApi(m.slug, m.token).post('/admin/miniprogram/authorize');
    expect(start.status, JSON.stringify(start.body)).to.equal(200);
    // the platform's launch page (on the 授权发起页域名) links to WeChat's page
    const launch = await api().get(localPath(start.body.url));
    expect(launch.status, launch.text).to.equal(200);
    expect(launch.text).to.contain('前往微信授权');
    const page = new URL(/<a class="button" href="([^"]+)"/.exec(launch.text)![1]!.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))));
    expect(`${page.origin}${page.pathname}`).to.equal('https://mp.weixin.qq.com/cgi-bin/componentloginpage');
    expect(page.searchParams.get('auth_type')).to.equal('2');
    expect(page.searchParams.get('component_appid')).to.equal(fake.creds.appid);
    const redirect = new URL(page.searchParams.get('redirect_uri')!);
    redirect.searchParams.set('auth_code', fake.authorize(page.searchParams.get('pre_auth_code')!, appid, `${m.name} 小程序`));
    redirect.searchParams.set('expires_in', '3600');
    const callback = await api().get(localPath(redirect.toString()));
    expect(callback.status, JSON.stringify(callback.body)).to.equal(302);
    return { appid, location: callback.headers.location! };
  }

  async function submitted(m: TestMerchant, description = '新版本') {
    const res = await shopApi(m.slug, m.token).post('/admin/miniprogram/submissions').send({ description });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body as { id: number; status: string; auditId: string };
  }

  const overview = async (m: TestMerchant) => (await shopApi(m.slug, m.token).get('/admin/miniprogram')).body;

  it('takes the pushed ticket and gets the component token with it; refuses a push with a bad signature or for another platform', async () => {
    const m = await merchant();
    expect((await shopApi(m.slug, m.token).post('/admin/miniprogram/authorize')).status).to.equal(200);
    expect(fake.calls('/cgi-bin/component/api_component_token')[0]!.body.component_verify_ticket).to.equal(fake.ticket);

    const forged = fake.ticketPush({ token: 'notTheToken1' });
    const bad = await deliver(testApp(), '/wechat/open/ticket', forged);
    expect(bad.status).to.equal(401);
    expect(bad.body.error.code).to.equal('wechat_signature_invalid');
    const tampered = fake.ticketPush();
    tampered.query.msg_signature = tampered.query.msg_signature!.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
    expect((await deliver(testApp(), '/wechat/open/ticket', tampered)).status).to.equal(401);
    const elsewhere = await deliver(testApp(), '/wechat/open/ticket', fake.ticketPush({ appid: randomAppid() }));
    expect(elsewhere.status).to.equal(400);
    expect(elsewhere.body.error.code).to.equal('wechat_message_invalid');
    expect((await deliver(testApp(), '/wechat/open/ticket', { query: {}, body: '<xml><Encrypt>x</Encrypt></xml>' })).status).to.equal(400);
    expect((await deliver(testApp(), '/wechat/open/ticket', { query: fake.ticketPush().query, body: 'not xml' })).status).to.equal(400);
  });

  it('caches the component token (a second call does not reach WeChat), and refreshes it on expiry and on 42001', async () => {
    const m = await merchant();
    const tokenCalls = () => fake.calls('/cgi-bin/component/api_component_token').length;
    const authorizeLink = async () => expect((await shopApi(m.slug, m.token).post('/admin/miniprogram/authorize')).status).to.equal(200);
    await authorizeLink();
    await authorizeLink();
    expect(tokenCalls()).to.equal(1);
    // a new ticket arrives every 10 minutes; the old token is still used until it nears its end
    fake.ticket = `ticket@@@${Date.now()}`;
    expect((await deliver(testApp(), '/wechat/open/ticket', fake.ticketPush())).status).to.equal(200);
    clock.travel(hours(1) + minutes(45));
    await authorizeLink();
    expect(tokenCalls()).to.equal(1);
    clock.travel(minutes(10));
    await authorizeLink();
    expect(tokenCalls()).to.equal(2);
    expect(fake.calls('/cgi-bin/component/api_component_token')[1]!.body.component_verify_ticket).to.equal(fake.ticket);

    const current = fake.calls('/cgi-bin/component/api_create_preauthcode').at(-1)!.query.get('component_access_token')!;
    fake.expire(current);
    await authorizeLink();
    expect(tokenCalls()).to.equal(3);
    const last = fake.calls('/cgi-bin/component/api_create_preauthcode').slice(-2);
    expect(last[0]!.query.get('component_access_token')).to.equal(current);
    expect(last[1]!.query.get('component_access_token')).to.not.equal(current);
  });

  it('keeps the longer-lived token when two processes refresh at once (a conditional update, not the last writer)', async () => {
    const ctx = systemContext('test');
    const appid = fake.creds.appid;
    const now = clock.nowMs();
    const results = await Promise.all([
      repo.storeComponentToken(ctx, appid, 'token-of-process-b', new Date(now + 7_200_000)),
      repo.storeComponentToken(ctx, appid, 'token-of-process-a', new Date(now + 7_100_000)),
    ]);
    expect((await repo.findComponent(ctx, appid))!.accessToken).to.equal('token-of-process-b');
    expect(results.filter(Boolean).length).to.be.within(1, 2);
    expect(await repo.storeComponentToken(ctx, appid, 'an-older-one', new Date(now + 60_000))).to.equal(false);
    expect((await repo.findComponent(ctx, appid))!.accessToken).to.equal('token-of-process-b');
  });

  it('authorizes end to end: the appid becomes the shop\'s app, and shoppers sign in through the component', async () => {
    const m = await merchant({ name: '授权小店' });
    const { appid, location } = await authorize(m);
    expect(location).to.match(new RegExp(`^http://${m.slug}\\.[^/]+/admin/#/miniprogram\\?authorized=1$`));
    const o = await overview(m);
    expect(o.mode).to.equal('live');
    expect(o.authorizer).to.include({ appid, nickname: '授权小店 小程序', principalName: '测试科技有限公司', headImg: 'https://wx.qlogo.cn/head.png', revoked: false });
    expect(o.template).to.deep.equal({ templateId: '9', version: '1.3.0', description: '商城模板 1.3' });
    expect(fake.calls('/wxa/modify_domain')[0]!.body).to.deep.include({ action: 'set', requestdomain: [`https://${m.slug}.${config().platformDomain}`], wsrequestdomain: [`wss://${m.slug}.${config().platformDomain}`] });

    expect((await api({ appId: appid }).get('/shop/store')).body.slug).to.equal(m.slug);
    const signIn = await api({ appId: appid }).post('/shop/auth/wechat').send({ code: 'good-code' });
    expect(signIn.status, JSON.stringify(signIn.body)).to.equal(200);
    const session = fake.calls('/sns/component/jscode2session')[0]!.query;
    expect(session.get('appid')).to.equal(appid);
    expect(session.get('component_appid')).to.equal(fake.creds.appid);
    expect(session.get('secret')).to.equal(null);
  });

  it('refuses a mini-program another shop has, and changes nothing', async () => {
    const first = await merchant();
    const second = await merchant();
    const { appid } = await authorize(first);
    const { location } = await authorize(second, appid);
    expect(location).to.match(/\/admin\/#\/miniprogram\?authorized=0&error=appid_taken$/);
    expect((await overview(second)).authorizer).to.equal(null);
    expect((await overview(first)).authorizer).to.include({ appid, revoked: false });
    expect((await api({ appId: appid }).get('/shop/store')).body.slug).to.equal(first.slug);
  });

  it('commits the newest template with the shop\'s ext_json, submits, takes the audit push and releases', async () => {
    const m = await merchant({ name: '发布小店' });
    const { appid } = await authorize(m);
    const s = await submitted(m, '首页改版');
    expect(s.status).to.equal('auditing');
    const commit = fake.calls('/wxa/commit')[0]!.body;
    expect(commit).to.include({ template_id: '9', user_version: '1.3.0', user_desc: '首页改版' });
    const ext = JSON.parse(String(commit.ext_json));
    const origin = `http://${m.slug}.${config().platformDomain}:${config().port}`;
    expect(ext).to.deep.equal({
      extEnable: true,
      extAppid: appid,
      directCommit: false,
      ext: { apiBase: `${origin}/api/v1`, appId: appid, slug: m.slug, name: '发布小店', primaryColor: '#ee0a24', logoUrl: null, socketUrl: `ws://${m.slug}.${config().platformDomain}:${config().port}` },
      window: { navigationBarTitleText: '发布小店' },
    });
    expect(fake.calls('/wxa/submit_audit')).to.have.length(1);

    const pushed = await deliver(testApp(), `/wechat/open/events/${appid}`, fake.auditPush(appid, 'weapp_audit_success'));
    expect(pushed.status, pushed.text).to.equal(200);
    expect(pushed.text).to.equal('success');
    expect((await overview(m)).submissions[0]).to.include({ id: s.id, status: 'approved', auditId: s.auditId });

    const released = await shopApi(m.slug, m.token).post(`/admin/miniprogram/submissions/${s.id}/release`);
    expect(released.status, JSON.stringify(released.body)).to.equal(200);
    expect(released.body.status).to.equal('released');
    expect(fake.calls('/wxa/release')).to.have.length(1);
    expect((await overview(m)).released).to.include({ version: '1.3.0' });

    const code = await shopApi(m.slug, m.token).get('/admin/miniprogram/preview-code');
    expect(code.status).to.equal(200);
    expect(code.headers['content-type']).to.equal('image/png');
  });

  it('fails the submission with WeChat\'s words when WeChat refuses the commit, and frees the shop to submit again', async () => {
    const m = await merchant();
    await authorize(m);
    fake.failNext('/wxa/commit', 85013, '无效的自定义配置');
    const refused = await shopApi(m.slug, m.token).post('/admin/miniprogram/submissions').send({});
    expect(refused.status).to.equal(502);
    expect(refused.body.error).to.include({ code: 'wechat_error' });
    expect(refused.body.error.details).to.deep.equal({ errcode: 85013, errmsg: '无效的自定义配置' });
    expect((await overview(m)).submissions[0]).to.include({ status: 'failed', reason: '85013: 无效的自定义配置' });
    expect((await submitted(m)).status).to.equal('auditing');
  });

  it('records a rejection with WeChat\'s reason, and a delay before it', async () => {
    const m = await merchant();
    const { appid } = await authorize(m);
    const s = await submitted(m);
    await deliver(testApp(), `/wechat/open/events/${appid}`, fake.auditPush(appid, 'weapp_audit_delay', '审核延后'));
    expect((await overview(m)).submissions[0]).to.include({ status: 'delayed', reason: '审核延后' });
    await deliver(testApp(), `/wechat/open/events/${appid}`, fake.auditPush(appid, 'weapp_audit_fail', '1:帐号信息与小程序内容不符<br>'));
    expect((await overview(m)).submissions[0]).to.include({ id: s.id, status: 'rejected', reason: '1:帐号信息与小程序内容不符<br>' });
    const release = await shopApi(m.slug, m.token).post(`/admin/miniprogram/submissions/${s.id}/release`);
    expect(release.status).to.equal(409);
    expect(release.body.error.code).to.equal('not_approved');
  });

  it('moves once when the same audit push arrives ten times at once, and auto-release releases once', async () => {
    const m = await merchant();
    const { appid } = await authorize(m);
    expect((await shopApi(m.slug, m.token).put('/admin/miniprogram/settings').send({ autoRelease: true })).status).to.equal(200);
    const s = await submitted(m);
    const push = fake.auditPush(appid, 'weapp_audit_success');
    const answers = await Promise.all(Array.from({ length: 10 }, () => deliver(testApp(), `/wechat/open/events/${appid}`, push)));
    expect(answers.map((a) => a.status)).to.deep.equal(Array(10).fill(200));
    await runDueJobs();
    expect((await overview(m)).submissions[0]).to.include({ id: s.id, status: 'released' });
    expect(fake.calls('/wxa/release')).to.have.length(1);
    // a late failure push for the same audit changes nothing
    await deliver(testApp(), `/wechat/open/events/${appid}`, fake.auditPush(appid, 'weapp_audit_fail', 'late'));
    expect((await overview(m)).submissions[0]).to.include({ status: 'released', reason: null });
  });

  it('lets one of ten submissions at once through; the others are 409 audit_in_progress', async () => {
    const m = await merchant();
    await authorize(m);
    const answers = await Promise.all(Array.from({ length: 10 }, () => shopApi(m.slug, m.token).post('/admin/miniprogram/submissions').send({})));
    expect(answers.filter((a) => a.status === 201)).to.have.length(1);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused.map((a) => `${a.status} ${a.body.error?.code}`)).to.deep.equal(Array(9).fill('409 audit_in_progress'));
    expect(fake.calls('/wxa/submit_audit')).to.have.length(1);
  });

  it('publishes two shops independently: each its authorizer token, ext_json and audit', async () => {
    const a = await merchant({ name: '甲店' });
    const b = await merchant({ name: '乙店' });
    const ka = await authorize(a);
    const kb = await authorize(b);
    const sa = await submitted(a);
    const sb = await submitted(b);
    const commits = fake.calls('/wxa/commit');
    const extOf = (i: number) => JSON.parse(String(commits[i]!.body.ext_json));
    expect(extOf(0).ext).to.include({ appId: ka.appid, name: '甲店', slug: a.slug });
    expect(extOf(1).ext).to.include({ appId: kb.appid, name: '乙店', slug: b.slug });
    expect(commits[0]!.query.get('access_token')).to.not.equal(commits[1]!.query.get('access_token'));

    await deliver(testApp(), `/wechat/open/events/${kb.appid}`, fake.auditPush(kb.appid, 'weapp_audit_fail', '乙店被驳回'));
    await deliver(testApp(), `/wechat/open/events/${ka.appid}`, fake.auditPush(ka.appid, 'weapp_audit_success'));
    expect((await overview(a)).submissions[0]).to.include({ id: sa.id, status: 'approved', reason: null });
    expect((await overview(b)).submissions[0]).to.include({ id: sb.id, status: 'rejected', reason: '乙店被驳回' });
    // A's token on B's host, B's submission on A's console
    expect((await shopApi(b.slug, a.token).get('/admin/miniprogram')).status).to.equal(401);
    expect((await shopApi(a.slug, a.token).post(`/admin/miniprogram/submissions/${sb.id}/release`)).status).to.equal(404);
  });

  it('renews authorizer tokens with 30 minutes left and keeps the rotated refresh token; a 42001 refreshes once', async () => {
    const m = await merchant();
    const { appid } = await authorize(m);
    // other tests' shops are renewed too (against this fake, which refuses them): count this shop's
    const refreshCalls = () => fake.calls('/cgi-bin/component/api_authorizer_token').filter((c) => c.body.authorizer_appid === appid);
    clock.travel(hours(1) + minutes(20));
    await runDueJobs();
    expect(refreshCalls()).to.have.length(0);
    clock.travel(minutes(15));
    await runDueJobs();
    expect(refreshCalls()).to.have.length(1);
    await runDueJobs();
    expect(refreshCalls()).to.have.length(1);
    // the next renewal must present the rotated refresh token (the fake forgot the first one)
    clock.travel(hours(1) + minutes(45));
    await runDueJobs();
    expect(refreshCalls()).to.have.length(2);
    expect(refreshCalls()[1]!.body.authorizer_refresh_token).to.not.equal(refreshCalls()[0]!.body.authorizer_refresh_token);

    await submitted(m);
    const token = fake.calls('/wxa/commit')[0]!.query.get('access_token')!;
    fake.expire(token);
    const own = await shopApi(m.slug, m.token).post('/admin/own-products').send({ title: '分享', skus: [{ specs: {}, price: 100, stock: 5 }] });
    const shared = await api({ slug: m.slug }).get(`/shop/products/${own.body.product.id}/share-code`);
    expect(shared.status, shared.text).to.equal(200);
    expect(refreshCalls()).to.have.length(3);
    const codes = fake.calls('/wxa/getwxacodeunlimit');
    expect(codes.map((c) => c.query.get('access_token') === token)).to.deep.equal([true, false]);
    expect(codes[1]!.body).to.include({ page: 'pages/product/index', scene: `p=${own.body.product.id}` });
    // the code is kept: shoppers asking again do not spend WeChat's quota
    expect((await api({ slug: m.slug }).get(`/shop/products/${own.body.product.id}/share-code`)).status).to.equal(200);
    expect(fake.calls('/wxa/getwxacodeunlimit')).to.have.length(2);
  });

  it('marks the authorizer revoked on the unauthorized push; publishing then answers 409', async () => {
    const m = await merchant();
    const { appid } = await authorize(m);
    for (let i = 0; i < 2; i++) expect((await deliver(testApp(), '/wechat/open/ticket', fake.unauthorizedPush(appid))).status).to.equal(200);
    expect((await overview(m)).authorizer).to.include({ appid, revoked: true });
    const audit = (await shopApi(m.slug, m.token).get('/admin/audit-log?pageSize=50')).body.items.map((e: { action: string }) => e.action);
    expect(audit.filter((a: string) => a === 'miniprogram.unauthorized')).to.have.length(1);
    expect(audit).to.include('miniprogram.authorize');
    const res = await shopApi(m.slug, m.token).post('/admin/miniprogram/submissions').send({});
    expect(res.status).to.equal(409);
    expect(res.body.error.code).to.equal('miniprogram_not_authorized');
  });
});
