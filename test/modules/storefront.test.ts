import { expect } from 'chai';
import { shopApi } from '../support/http.js';
import { merchant } from '../factories/index.js';

describe('storefront branding', () => {
  it('shows the branding the merchant sets, to shoppers of that shop only', async () => {
    const m = await merchant();
    const other = await merchant();
    const res = await shopApi(m.slug, m.token)
      .put('/admin/store/branding')
      .send({ name: '新店名', logoUrl: 'https://cdn.example.com/logo.png', primaryColor: '#ff6600', theme: { notice: '开业大吉', banners: [{ imageUrl: '/uploads/b.png' }] } });
    expect(res.status).to.equal(200);
    const store = await shopApi(m.slug).get('/shop/store');
    expect(store.body).to.deep.equal({
      name: '新店名',
      slug: m.slug,
      branding: { logoUrl: 'https://cdn.example.com/logo.png', primaryColor: '#ff6600', notice: '开业大吉', banners: [{ imageUrl: '/uploads/b.png' }] },
    });
    const untouched = await shopApi(other.slug).get('/shop/store');
    expect(untouched.body.name).to.equal(other.name);
    const cleared = await shopApi(m.slug, m.token).put('/admin/store/branding').send({ logoUrl: null });
    expect(cleared.body.branding.logoUrl).to.equal(null);
    expect(cleared.body.branding.notice).to.equal('开业大吉');
  });

  it('names the bad fields of a branding change', async () => {
    const m = await merchant();
    const res = await shopApi(m.slug, m.token).put('/admin/store/branding').send({ primaryColor: 'red', logoUrl: 'javascript:alert(1)', name: '' });
    expect(res.status).to.equal(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field).sort()).to.deep.equal(['logoUrl', 'name', 'primaryColor']);
  });

  it('takes banner links to web pages and shop pages only, naming the bad one', async () => {
    const m = await merchant();
    const owner = shopApi(m.slug, m.token);
    const banners = (link: string) => ({ theme: { banners: [{ imageUrl: '/uploads/a.png', link: '/products/1' }, { imageUrl: '/uploads/b.png', link }] } });
    for (const link of ['javascript:alert(document.cookie)', 'JavaScript:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', '//evil.example/x', '/\\evil.example', 'products/1']) {
      const res = await owner.put('/admin/store/branding').send(banners(link));
      expect(res.status, link).to.equal(400);
      expect(res.body.error.details.map((d: { field: string }) => d.field), link).to.deep.equal(['theme.banners[1].link']);
    }
    for (const link of ['https://mp.weixin.qq.com/s/abc', 'http://example.com/a?b=1', '/products/12', '/categories/3?sort=sales']) {
      expect((await owner.put('/admin/store/branding').send(banners(link))).status, link).to.equal(200);
    }
    expect((await shopApi(m.slug).get('/shop/store')).body.branding.banners[1].link).to.equal('/categories/3?sort=sales');
  });
});
