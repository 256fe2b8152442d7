/**
 * The storefront page asks for its first screen's reads itself (preload links the server writes),
 * and the app's own requests then use those answers: each read goes over the network once, and so
 * does each of the first cards' photos. A shop with a designed home is not sent the default home's.
 */
import { expect } from 'chai';
import sharp from 'sharp';
import { merchant } from '../factories/index.js';
import { shopApi } from '../support/http.js';
import { browserSuite, until } from './browser.js';

const square = (colour: string) => sharp({ create: { width: 400, height: 400, channels: 3, background: colour } }).png().toBuffer();
const imagePreloadsIn = (html: string) => [...html.matchAll(/<link rel="preload" as="image" type="image\/webp" imagesrcset="([^"]+)"/g)].map((m) => m[1]!);
const preloadsIn = (html: string) => [...html.matchAll(/<link rel="preload" href="([^"]+)" as="fetch"/g)].map((m) => m[1]!.replace(/&(amp|#38);/g, '&'));

describe('the storefront\'s first screen', function () {
  this.timeout(90_000);
  const web = browserSuite();

  it('preloads the default home\'s reads and uses each answer, one request per read', async () => {
    const m = await merchant({ name: '预载小铺' });
    const owner = shopApi(m.slug, m.token);
    const photos: string[] = [];
    let made!: { body: { product: { id: number } } };
    for (const [i, colour] of ['#c0392b', '#27ae60', '#2980b9'].entries()) {
      photos.push((await owner.post('/uploads').attach('file', await square(colour), `p${i}.png`)).body.url);
      made = await owner.post('/admin/own-products').send({ title: `预载 测试商品 ${i}`, images: [photos[i]], skus: [{ specs: {}, price: 990, stock: 3 }] });
      expect(made.body.product, JSON.stringify(made.body)).to.have.property('id');
    }
    const page = await web.newPage({ mobile: true });
    const asked: string[] = [];
    const photosAsked: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith('/uploads/')) photosAsked.push(url.pathname);
      if (url.pathname.startsWith('/api/v1/shop/') && !url.pathname.endsWith('/visits')) asked.push(url.pathname + url.search);
    });
    const res = await page.goto(web.server.url(m.host, '/'));
    const html = (await res!.text()) ?? '';
    const preloads = preloadsIn(html);
    // the two newest goods' photos, at the sizes their cards ask for
    const hashOf = (url: string) => url.replace(/^.*\/|\.\w+$/g, '');
    const images = imagePreloadsIn(html);
    expect(images.map((set) => set.split(', ').map((x) => x.replace(/^.*@/, '')))).to.deep.equal([['thumb.webp 160w', 'card.webp 400w'], ['thumb.webp 160w', 'card.webp 400w']]);
    expect(images.map((set) => hashOf(set.split(' ')[0]!.replace(/@\w+/, '')))).to.deep.equal([hashOf(photos[2]!), hashOf(photos[1]!)]);
    expect(preloads).to.deep.equal(['/api/v1/shop/store', '/api/v1/shop/pages/home', '/api/v1/shop/categories', '/api/v1/shop/products?page=1&pageSize=20&sort=newest']);
    await page.locator(`[data-test=product-${made.body.product.id}] img`).first().waitFor();
    await until(async () => preloads.every((p) => asked.includes(p)), 'every preload to be asked for');
    await page.waitForTimeout(300);
    for (const p of preloads) expect(asked.filter((a) => a === p), `${p} asked for once: ${asked.join(', ')}`).to.have.length(1);
    await until(async () => photosAsked.length >= 3, 'the three photos');
    await page.waitForTimeout(300);
    // one file per photo: the cards took the very files preloaded, not another size of them
    expect(photosAsked, 'each photo once, in one size').to.have.length(3);
    expect(new Set(photosAsked.map(hashOf)).size).to.equal(3);
  });

  it('leaves the default home\'s reads out for a shop with a published home page', async () => {
    const m = await merchant({ name: '装修小铺' });
    const owner = shopApi(m.slug, m.token);
    const home = await owner.post('/admin/store/pages').send({ title: '首页', kind: 'home', blocks: [{ type: 'notice', props: { text: '欢迎光临' } }] });
    expect((await owner.post(`/admin/store/pages/${home.body.id}/publish`)).status).to.equal(200);
    const page = await web.newPage({ mobile: true });
    const res = await page.goto(web.server.url(m.host, '/'));
    expect(preloadsIn((await res!.text()) ?? '')).to.deep.equal(['/api/v1/shop/store', '/api/v1/shop/pages/home']);
    await page.locator('[data-test=home-page]').waitFor();
  });
});
