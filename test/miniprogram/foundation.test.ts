/**
 * The mini-program's foundation under miniprogram-simulate against the real server: every request
 * names the tenant with X-App-Id; WeChat sign-in goes wx.login -> POST /shop/auth/wechat; API errors
 * arrive typed, in Chinese words; a 401 drops the token. And jsdom does not outlive the suite.
 */
import { expect } from 'chai';
import { miniprogramSuite } from './support/harness.js';

interface ApiErrorLike extends Error {
  status: number;
  code: string;
  details?: unknown;
}
type ApiLib = { request<T>(method: string, path: string, body?: unknown): Promise<T> };
type AuthLib = { ensureSignedIn(): Promise<string>; getToken(): string | null };

describe('mini-program foundation', function () {
  this.timeout(60_000);
  const mp = miniprogramSuite();

  it('sends X-App-Id, the language and JSON on every request, and reads the tenant through it', async () => {
    const shop = await mp.shop();
    const { request } = mp.lib<ApiLib>('lib/api');
    const store = await request<{ slug: string; name: string }>('GET', '/shop/store');
    expect(store.slug).to.equal(shop.merchant.slug);
    const [sent] = shop.wx.requestsTo('/shop/store');
    expect(sent!.header['X-App-Id']).to.equal(shop.appId);
    expect(sent!.header['Accept-Language']).to.equal('zh-CN');
    expect(sent!.header.Authorization).to.equal(undefined);
  });

  it('signs in with wx.login once, keeps the token and sends it as a Bearer token', async () => {
    const shop = await mp.shop();
    const auth = mp.lib<AuthLib>('lib/auth');
    const [a, b] = await Promise.all([auth.ensureSignedIn(), auth.ensureSignedIn()]);
    expect(a).to.be.a('string').and.equal(b);
    expect(shop.wx.callsOf('login')).to.have.length(1);
    expect(shop.wx.requestsTo('/shop/auth/wechat', 'POST')[0]!.data).to.deep.equal({ code: shop.wx.loginCode });
    const me = await mp.lib<ApiLib>('lib/api').request<{ id: number }>('GET', '/shop/me');
    expect(me.id).to.be.a('number');
    expect(shop.wx.requestsTo('/shop/me')[0]!.header.Authorization).to.equal(`Bearer ${a}`);
    expect(await auth.ensureSignedIn()).to.equal(a);
    expect(shop.wx.callsOf('login')).to.have.length(1);
  });

  it('turns API errors into ApiError with code, message and details, in Chinese words; a 401 drops the token', async () => {
    const shop = await mp.shop();
    const { request } = mp.lib<ApiLib>('lib/api');
    const { errorText } = mp.lib<{ errorText(e: unknown): string }>('lib/errors');
    const bad = await request('POST', '/shop/addresses', { name: '' }).catch((e: ApiErrorLike) => e);
    expect(bad).to.be.instanceOf(Error);
    // unauthenticated comes first for a shopper route without a token
    expect((bad as ApiErrorLike).code).to.equal('unauthenticated');
    expect(errorText(bad)).to.equal('请先登录');

    await mp.lib<AuthLib>('lib/auth').ensureSignedIn();
    const invalid = (await request('POST', '/shop/addresses', { name: '' }).catch((e: ApiErrorLike) => e)) as ApiErrorLike;
    expect(invalid.status).to.equal(400);
    expect(invalid.code).to.equal('validation_failed');
    expect((invalid.details as Array<{ field: string }>).map((d) => d.field)).to.include('name');
    expect(errorText(invalid)).to.equal('请检查填写的内容');

    shop.wx.storage.set(`token:${shop.appId}`, 'not-a-token');
    const expired = (await request('GET', '/shop/me').catch((e: ApiErrorLike) => e)) as ApiErrorLike;
    expect(expired.status).to.equal(401);
    expect(mp.lib<AuthLib>('lib/auth').getToken()).to.equal(null);
  });

  it('renders a page with its texts from the messages, in the theme colour', async () => {
    await mp.shop({ primaryColor: '#1989fa' });
    const page = await mp.page('pages/me/index');
    expect(page.text()).to.contain('我的订单').and.contain('收货地址');
    expect(page.data.themeStyle).to.contain('--theme');
  });
});

describe('mini-program harness hygiene', () => {
  it('leaves no window or document behind for the next test file', () => {
    expect(typeof (globalThis as Record<string, unknown>).window).to.equal('undefined');
    expect(typeof (globalThis as Record<string, unknown>).document).to.equal('undefined');
  });
});
