/**
 * The home page renders the shop's published DIY page block by block (the same block definitions
 * as the storefront), and a shop without one gets the default home.
 */
import { expect } from 'chai';
import { listed, marketProduct } from '../factories/index.js';
import { miniprogramSuite } from './support/harness.js';

describe('mini-program home', function () {
  this.timeout(90_000);
  const mp = miniprogramSuite();

  it('renders every block of the published home page, in order, from the real API', async () => {
    const shop = await mp.shop({ primaryColor: '#07c160' });
    const product = await marketProduct({ title: '明前龙井 250g' });
    const listing = await listed(shop.merchant, product.id);
    const blocks = [
      { type: 'search', props: {} },
      { type: 'banner', props: { images: [{ url: 'https://cdn.example.com/banner-1.png', link: `/products/${listing.id}` }, { url: '/uploads/banner-2.webp' }] } },
      { type: 'notice', props: { text: '满 99 包邮，今日下单明日发货' } },
      { type: 'nav', props: { items: [{ icon: 'hot-o', label: '热卖', link: '/products' }, { icon: 'https://cdn.example.com/new.png', label: '上新', link: '/search?q=%E8%8C%B6' }] } },
      { type: 'products', props: { source: 'manual', productIds: [listing.id], limit: 6, columns: 2, title: '掌柜推荐' } },
      { type: 'richtext', props: { html: '<p>关于我们：<b>三代茶农</b></p><img src="https://cdn.example.com/farm.png">' } },
      { type: 'video', props: { url: 'https://cdn.example.com/tea.mp4', poster: 'https://cdn.example.com/poster.png' } },
    ];
    const created = await shop.admin.post('/admin/store/pages').send({ title: '首页', kind: 'home', blocks });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    expect((await shop.admin.post(`/admin/store/pages/${created.body.id}/publish`)).status).to.equal(200);

    const page = await mp.page('pages/home/index');
    expect(page.data.state).to.equal('diy');
    expect(page.data.blocks.map((b: { type: string }) => b.type)).to.deep.equal(['search', 'banner', 'notice', 'nav', 'products', 'richtext', 'video']);
    const text = page.text();
    expect(text).to.contain('搜索本店商品').and.contain('满 99 包邮').and.contain('热卖').and.contain('上新').and.contain('掌柜推荐').and.contain('明前龙井 250g');
    const price = (listing.skus.map((s) => s.price).sort((a, b) => a - b)[0]! / 100).toFixed(2).split('.');
    expect(text).to.contain(`¥${price[0]}.${price[1]}`);
    // relative upload paths become absolute against the API's origin; rich text images fit the screen
    const banner = page.data.blocks[1] as { images: Array<{ url: string }> };
    expect(banner.images[1]!.url).to.equal(`http://127.0.0.1:${mp.server.port}/uploads/banner-2.webp`);
    expect((page.data.blocks[5] as { html: string }).html).to.contain('<img style="max-width:100%');
    expect(page.comp.dom.innerHTML).to.contain('wx-swiper').and.contain('wx-video').and.contain('wx-rich-text');
    expect(page.data.themeStyle).to.equal('--theme: #07c160;');
    expect(shop.wx.requestsTo('/shop/pages/home')[0]!.header['X-App-Id']).to.equal(shop.appId);
    expect(shop.wx.callsOf('setNavigationBarTitle')[0]!.title).to.equal(shop.merchant.name);

    // a banner's link opens the product; a product card opens it too
    await page.tapIn('.blocks', '.block-banner', '.banner-image');
    expect(shop.wx.callsOf('navigateTo').map((c) => c.url)).to.deep.equal([`/pages/product/index?id=${listing.id}`]);
    page.child('.blocks', '.block-nav').querySelectorAll('.nav-item')[1]!.dispatchEvent('tap');
    await page.settle();
    expect(shop.wx.callsOf('navigateTo')[1]!.url).to.equal(`/pages/search/index?q=${encodeURIComponent('茶')}`);

    const share = page.instance.onShareAppMessage() as { title: string; path: string };
    expect(share).to.deep.equal({ title: shop.merchant.name, path: '/pages/home/index' });
  });

  it('shows the default home (search, categories, newest products) when the shop has no published home page', async () => {
    const shop = await mp.shop();
    const cat = await shop.admin.post('/admin/store-categories').send({ name: '绿茶' });
    expect(cat.status, JSON.stringify(cat.body)).to.equal(201);
    const product = await marketProduct({ title: '碧螺春 100g' });
    await listed(shop.merchant, product.id);
    const page = await mp.page('pages/home/index');
    expect(shop.wx.requestsTo('/shop/pages/home')[0]!.status).to.equal(404);
    expect(page.data.state).to.equal('default');
    const text = page.text();
    expect(text).to.contain('搜索本店商品').and.contain('绿茶').and.contain('新品上架').and.contain('碧螺春 100g');
    expect(shop.wx.requestsTo('/shop/products?sort=newest')).to.have.length(1);

    await page.tap('.category');
    expect(shop.wx.callsOf('navigateTo')[0]!.url).to.equal(`/pages/search/index?categoryId=${cat.body.id}`);

    // pull to refresh loads again and stops the spinner
    await page.instance.onPullDownRefresh();
    expect(shop.wx.callsOf('stopPullDownRefresh')).to.have.length(1);
    expect(shop.wx.requestsTo('/shop/pages/home')).to.have.length(2);
  });
});
