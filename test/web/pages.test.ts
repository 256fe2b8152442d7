/**
 * The shop's DIY pages in a real browser: a home page published through the API shows on the
 * storefront at a phone's size (banner, notice, products), a banner opens a custom page by its
 * link, and a shop without a published home shows its default home with the theme's banners.
 * With SCREENSHOT_DIR set, keeps pictures of the home and the custom page.
 */
import { expect } from 'chai';
import sharp from 'sharp';
import { merchant, type TestMerchant } from '../factories/index.js';
import { shopApi } from '../support/http.js';
import { browserSuite, snapshot, textOf, until } from './browser.js';

/** A picture drawn here (no network in tests): a gradient with a few words, uploaded to the shop. */
async function picture(m: TestMerchant, opts: { width: number; height: number; from: string; to: string; text: string; sub?: string }): Promise<string> {
  const { width, height } = opts;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${opts.from}"/><stop offset="1" stop-color="${opts.to}"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>
    <circle cx="${width * 0.82}" cy="${height * 0.3}" r="${height * 0.45}" fill="#fff" fill-opacity="0.12"/>
    <circle cx="${width * 0.12}" cy="${height * 0.95}" r="${height * 0.35}" fill="#fff" fill-opacity="0.1"/>
    <text x="${width * 0.08}" y="${height * 0.5}" font-family="WenQuanYi Micro Hei" font-size="${Math.round(height * 0.16)}" font-weight="bold" fill="#fff">${opts.text}</text>
    ${opts.sub ? `<text x="${width * 0.08}" y="${height * 0.68}" font-family="WenQuanYi Micro Hei" font-size="${Math.round(height * 0.08)}" fill="#fff" fill-opacity="0.9">${opts.sub}</text>` : ''}
  </svg>`;
  const png = await sharp(Buffer.from(svg)).png().toBuffer();
  const res = await shopApi(m.slug, m.token).post('/uploads').attach('file', png, { filename: 'picture.png', contentType: 'image/png' });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body.url;
}

const TEAS = [
  { title: '明前龙井 特级 250g', price: 16800, from: '#7cb342', to: '#33691e', text: '龙井' },
  { title: '武夷山大红袍 岩茶礼盒', price: 29900, from: '#a1887f', to: '#4e342e', text: '大红袍' },
  { title: '云南古树普洱 生茶饼 357g', price: 12800, from: '#ffb74d', to: '#bf360c', text: '普洱' },
  { title: '安溪铁观音 清香型', price: 8800, from: '#4db6ac', to: '#00695c', text: '铁观音' },
];

async function teaShop(m: TestMerchant): Promise<number[]> {
  const owner = shopApi(m.slug, m.token);
  const ids: number[] = [];
  for (const tea of TEAS) {
    const image = await picture(m, { width: 400, height: 400, from: tea.from, to: tea.to, text: tea.text });
    const res = await owner.post('/admin/own-products').send({ title: tea.title, images: [image], skus: [{ specs: {}, price: tea.price, stock: 20 }] });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    ids.push(res.body.product.id);
  }
  return ids;
}

async function published(m: TestMerchant, body: Record<string, unknown>): Promise<number> {
  const owner = shopApi(m.slug, m.token);
  const created = await owner.post('/admin/store/pages').send(body);
  expect(created.status, JSON.stringify(created.body)).to.equal(201);
  const done = await owner.post(`/admin/store/pages/${created.body.id}/publish`);
  expect(done.status, JSON.stringify(done.body)).to.equal(200);
  return created.body.id;
}

describe('shop pages in the browser', function () {
  this.timeout(90_000);
  const web = browserSuite();

  /** A phone-sized page in Chinese, whatever language the test browser reports. */
  async function phonePage() {
    const page = await web.newPage({ mobile: true });
    await page.addInitScript("localStorage.setItem('s2b2c:locale', 'zh-CN')");
    return page;
  }

  it('shows the published home page on a phone: banner, notice, products; a banner opens a custom page', async () => {
    const m = await merchant({ name: '一叶茶舍' });
    await shopApi(m.slug, m.token).put('/admin/store/branding').send({ primaryColor: '#2e7d32' });
    const [longjing, dahongpao, puer, tieguanyin] = await teaShop(m);
    const story = await published(m, {
      title: '春茶节',
      kind: 'custom',
      blocks: [
        { type: 'banner', props: { images: [{ url: await picture(m, { width: 750, height: 375, from: '#66bb6a', to: '#1b5e20', text: '春茶节', sub: '明前新茶 限时 8 折' }) }] } },
        { type: 'richtext', props: { html: '<h3>一年只等这一季</h3><p>清明前采摘的<strong>一芽一叶</strong>，香气清高，滋味鲜爽。</p>' } },
        { type: 'products', props: { source: 'manual', productIds: [longjing, tieguanyin], limit: 2, columns: 1, title: '春茶推荐' } },
      ],
    });
    await published(m, {
      title: '首页',
      kind: 'home',
      blocks: [
        { type: 'search', props: {} },
        {
          type: 'banner',
          props: {
            images: [
              { url: await picture(m, { width: 750, height: 375, from: '#43a047', to: '#1b5e20', text: '春茶上新', sub: '明前龙井 · 新茶到店' }), link: `/page/${story}` },
              { url: await picture(m, { width: 750, height: 375, from: '#8d6e63', to: '#3e2723', text: '岩茶礼盒', sub: '送礼自饮两相宜' }), link: `/products/${dahongpao}` },
            ],
          },
        },
        { type: 'notice', props: { text: '全场满 99 元包邮，新客下单立减 10 元' } },
        {
          type: 'nav',
          props: {
            items: [
              { icon: 'new-o', label: '新品', link: '/search' },
              { icon: 'fire-o', label: '热卖', link: `/products/${puer}` },
              { icon: 'gift-o', label: '礼盒', link: `/products/${dahongpao}` },
              { icon: 'flower-o', label: '春茶节', link: `/page/${story}` },
            ],
          },
        },
        { type: 'products', props: { source: 'newest', limit: 4, columns: 2, title: '本店新品' } },
        { type: 'products', props: { source: 'manual', productIds: [puer, longjing, dahongpao], limit: 3, columns: 3, title: '掌柜推荐' } },
      ],
    });

    const page = await phonePage();
    await page.goto(web.server.url(m.host, '/'));
    await page.waitForSelector('[data-test=home-page]');
    expect(await page.locator('[data-test=block-banner] img').count()).to.be.greaterThan(0);
    await until(async () => Number(await page.evaluate("document.querySelector('[data-test=banner-0] img').naturalWidth")) > 0, 'the banner picture to load');
    expect(await textOf(page, '[data-test=block-notice]')).to.contain('全场满 99 元包邮');
    const newest = page.locator('[data-test=block-products]').first();
    expect(await newest.locator('.title').innerText()).to.equal('本店新品');
    expect(await newest.locator('.name').allInnerTexts()).to.deep.equal([...TEAS].reverse().map((t) => t.title));
    expect(await newest.locator('.price').first().innerText()).to.contain('88.00');
    expect(await page.locator('[data-test=search]').count(), 'the default home is not shown').to.equal(0);
    await page.evaluate('Promise.all([...document.images].filter((i) => !i.complete).map((i) => new Promise((r) => { i.onload = i.onerror = r; })))');
    await snapshot(page, 'home');

    // a product card opens the product
    await newest.locator(`[data-test=block-product-${tieguanyin}]`).click();
    await page.waitForURL(new RegExp(`#/products/${tieguanyin}$`));
    await page.goBack();
    await page.waitForSelector('[data-test=home-page]');

    // the first banner links to the custom page
    await page.locator('[data-test=banner-0]').click();
    await page.waitForURL(new RegExp(`#/page/${story}$`));
    await page.waitForSelector('[data-test=custom-page]');
    expect(await textOf(page, '.van-nav-bar__title')).to.equal('春茶节');
    expect(await textOf(page, '[data-test=richtext]')).to.contain('一芽一叶');
    expect(await page.locator('[data-test=custom-page] .name').allInnerTexts()).to.deep.equal([TEAS[0]!.title, TEAS[3]!.title]);
    await page.evaluate('Promise.all([...document.images].filter((i) => !i.complete).map((i) => new Promise((r) => { i.onload = i.onerror = r; })))');
    await snapshot(page, 'custom-page');

    // the products block's 查看更多 opens every product
    await page.goBack();
    await page.waitForSelector('[data-test=home-page]');
    await page.locator('[data-test=block-products] .more').first().click();
    await page.waitForURL(/#\/products$/);
    await until(async () => (await page.locator('[data-test=product-grid] .title').count()) === TEAS.length, 'every product listed');

    // a page that is not published says so
    await page.goto(web.server.url(m.host, '/#/page/999999'));
    expect(await textOf(page, '[data-test=page-missing]')).to.contain('页面不存在');

    // the search block opens the search results
    await page.goto(web.server.url(m.host, '/'));
    await page.fill('[data-test=search-block] input', '龙井');
    await page.press('[data-test=search-block] input', 'Enter');
    await page.waitForURL(/#\/search\?q=/);
    await until(async () => (await page.locator('[data-test=product-grid] .title').allInnerTexts()).join() === TEAS[0]!.title, 'the search results');
  });

  it('keeps the default home with the theme\'s banners while no home page is published', async () => {
    const m = await merchant({ name: '二叶茶铺' });
    const banner = await picture(m, { width: 750, height: 375, from: '#ef5350', to: '#b71c1c', text: '开业大吉', sub: '进店有礼' });
    await shopApi(m.slug, m.token).put('/admin/store/branding').send({ theme: { notice: '新店开业', banners: [{ imageUrl: banner }] } });
    const page = await phonePage();
    await page.goto(web.server.url(m.host, '/'));
    await page.waitForSelector('[data-test=theme-banners]');
    // the banner is asked for at the size it shows: a variant of the upload, named by its content hash
    expect(await page.locator('[data-test=theme-banners] img').getAttribute('src')).to.contain(banner.replace(/\.\w+$/, ''));
    expect(await textOf(page, '[data-test=store-notice]')).to.contain('新店开业');
    expect(await page.locator('[data-test=search]').count()).to.be.greaterThan(0);
    expect(await page.locator('[data-test=home-page]').count()).to.equal(0);
    await snapshot(page, 'default-home-theme-banners');
  });
});
