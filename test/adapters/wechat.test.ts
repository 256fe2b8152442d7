import { expect } from 'chai';
import { LiveWechat, useWechat } from '../../server/src/core/wechat.js';
import { api, shopApi } from '../support/http.js';
import { merchant } from '../factories/index.js';
import { fakeHttp, json } from './fake-servers.js';

describe('WeChat code2session', () => {
  const appid = () => `wx${Array.from({ length: 16 }, () => Math.floor(Math.random() * 16).toString(16)).join('')}`;
  afterEach(() => useWechat(undefined));

  it('signs a shopper in with the tenant app\'s appid and secret against a server speaking WeChat\'s protocol', async () => {
    const id = appid();
    const secret = 'f'.repeat(32);
    const fake = await fakeHttp((req, res) => {
      const q = req.url.searchParams;
      if (req.url.pathname !== '/sns/jscode2session' || q.get('grant_type') !== 'authorization_code') return json(res, 404, {});
      if (q.get('appid') !== id || q.get('secret') !== secret) return json(res, 200, { errcode: 40125, errmsg: 'invalid appsecret' });
      if (q.get('js_code') !== 'good-code') return json(res, 200, { errcode: 40029, errmsg: 'invalid code' });
      return json(res, 200, { openid: 'oLIVE_openid_123', session_key: 'c2Vzc2lvbg==', unionid: 'uLIVE' });
    });
    useWechat(new LiveWechat(fake.url));
    try {
      const m = await merchant();
      expect((await shopApi(m.slug, m.token).post('/admin/store/apps').send({ appid: id, channel: 'wechat_mp', secret })).status).to.equal(201);
      const ok = await api({ appId: id }).post('/shop/auth/wechat').send({ code: 'good-code' });
      expect(ok.status, JSON.stringify(ok.body)).to.equal(200);
      const bad = await api({ appId: id }).post('/shop/auth/wechat').send({ code: 'used-code' });
      expect(bad.status).to.equal(401);
      expect(bad.body.error.code).to.equal('wechat_code_invalid');
      expect(fake.requests.map((r) => r.url.searchParams.get('js_code'))).to.deep.equal(['good-code', 'used-code']);
    } finally {
      await fake.close();
    }
  });

  it('answers 409 when the mini-program has no secret, and 502 when WeChat is unreachable', async () => {
    useWechat(new LiveWechat('http://127.0.0.1:9'));
    const m = await merchant();
    const noSecret = appid();
    await shopApi(m.slug, m.token).post('/admin/store/apps').send({ appid: noSecret, channel: 'wechat_mp' });
    const res = await api({ appId: noSecret }).post('/shop/auth/wechat').send({ code: 'x' });
    expect(res.status).to.equal(409);
    expect(res.body.error.code).to.equal('wechat_app_not_configured');
    const withSecret = appid();
    await shopApi(m.slug, m.token).post('/admin/store/apps').send({ appid: withSecret, channel: 'wechat_mp', secret: 'a'.repeat(32) });
    const down = await api({ appId: withSecret }).post('/shop/auth/wechat').send({ code: 'x' });
    expect(down.status).to.equal(502);
  });
});
