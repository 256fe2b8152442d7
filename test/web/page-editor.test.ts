/**
 * The DIY page editor (店铺装修) in a real browser: a merchant builds the shop's home page from
 * blocks (a banner with an uploaded image, a product grid picked by hand, a notice), drags the
 * notice to the top, publishes, and a shopper's phone shows the page in that order. Pending when the
 * web is not built (`npm run build:web`) or Chromium is missing.
 */
import { expect } from 'chai';
import sharp from 'sharp';
import { merchant, type TestMerchant } from '../factories/index.js';
import { shopApi } from '../support/http.js';
import { BROWSER_TEST_MS, browserSuite, snapshot, textOf, until, type TestPage } from './browser.js';

/** A PNG of one colour with a word on it (what a merchant would upload). */
const picture = (word: string, colour: string, width = 750, height = 375) =>
  sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="${colour}"/><text x="50%" y="55%" font-size="${Math.round(height / 6)}" text-anchor="middle" fill="#fff">${word}</text></svg>`))
    .png()
    .toBuffer();

/** A shop with three products of its own on sale, each with a picture. */
async function teaShop(): Promise<{ m: TestMerchant; products: Array<{ id: number; title: string }> }> {
  const m = await merchant({ name: '山茶小铺' });
  const owner = shopApi(m.slug, m.token);
  for (const [i, title] of ['明前龙井', '正山小种', '白毫银针'].entries()) {
    const up = await owner.post('/uploads').attach('file', await picture(title, '#3f7d4e', 400, 400), `p${i}.png`);
    expect(up.status, JSON.stringify(up.body)).to.equal(201);
    const res = await owner.post('/admin/own-products').send({ title, images: [up.body.url], skus: [{ specs: {}, price: 3900 + i * 1000, stock: 50 }] });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
  }
  const listings = (await owner.get('/admin/products')).body.items as Array<{ id: number; title: string }>;
  return { m, products: listings.map(({ id, title }) => ({ id, title })) };
}

/** The console in Chinese, as a merchant in China sees it. */
async function inChinese(page: TestPage): Promise<void> {
  await page.addInitScript({ content: "localStorage.setItem('s2b2c:locale', 'zh-CN')" });
}

const previewTypes = (page: TestPage) => page.locator('[data-test=page-preview] [data-type]').evaluateAll((els) => els.map((e) => e.getAttribute('data-type')));

describe('the DIY page editor in the browser', function () {
  this.timeout(BROWSER_TEST_MS * 2);

  const web = browserSuite();

  it('lets a merchant build the home page (banner, grid, notice), drag the notice to the top and publish; a phone shows it in that order', async function () {
    this.timeout(BROWSER_TEST_MS * 2);
    const { m, products } = await teaShop();
    const [longjing, , yinzhen] = products.sort((a, b) => a.id - b.id);
    const notice = '全场满 99 元包邮，新客下单送试饮装';

    const page = await web.newPage();
    await inChinese(page);
    await web.consoleSignIn(page, m.host, m.email, m.password);
    await page.click('[data-test=menu-pages]');
    await page.click('[data-test=page-create-home]');
    await page.locator('[data-test=page-editor] [data-test=block-palette]').waitFor();
    expect(await textOf(page, '[data-test=preview-empty]')).to.contain('从左侧组件库添加组件');

    // A banner with an uploaded picture.
    await page.click('[data-test=palette-banner]');
    expect(await textOf(page, '[data-test=settings-title]')).to.equal('轮播图');
    await page.setInputFiles('[data-test=banner-settings] input[type=file]', { name: 'banner.png', mimeType: 'image/png', buffer: await picture('春茶上新', '#e4572e') });
    await page.locator('[data-test=banner-image-0]').waitFor();

    // A product grid of two products picked by hand, in the order they were ticked.
    await page.click('[data-test=palette-products]');
    await page.click('[data-test=products-source-manual]');
    await page.click('[data-test=products-pick]');
    await page.click(`[data-test=picker-check-${yinzhen.id}]`);
    await page.click(`[data-test=picker-check-${longjing.id}]`);
    expect(await textOf(page, '[data-test=picker-count]')).to.equal('已选 2 件');
    await page.click('[data-test=picker-confirm]');
    await page.locator('[data-test=picked-1]').waitFor();

    // A notice, then dragged from the bottom to the top of the page.
    await page.click('[data-test=palette-notice]');
    await page.fill('textarea[data-test=notice-text]', notice);
    expect(await previewTypes(page)).to.deep.equal(['banner', 'products', 'notice']);
    await page.dragAndDrop('[data-test=preview-block-2]', '[data-test=preview-block-0]', { targetPosition: { x: 60, y: 4 } });
    expect(await previewTypes(page)).to.deep.equal(['notice', 'banner', 'products']);
    expect(await textOf(page, '[data-test=editor-dirty]')).to.equal('有未保存的修改');

    // The preview shows the storefront's own blocks: the notice and the picked products.
    await until(async () => ((await page.locator('[data-test=preview-block-0]').textContent()) ?? '').includes(notice), 'the notice in the preview');
    await until(async () => ((await page.locator('[data-test=preview-block-2]').textContent()) ?? '').includes(yinzhen.title), 'the products in the preview');

    // Publish (the draft is saved first), after a confirmation.
    await page.click('[data-test=editor-publish]');
    await page.click('.el-message-box__btns .el-button--primary');
    await until(async () => (await textOf(page, '[data-test=editor-status]')).includes('已发布'), 'the page to be published');
    expect(await textOf(page, '[data-test=editor-status]')).to.contain('第 1 版');
    expect(await textOf(page, '[data-test=editor-dirty]')).to.equal('草稿已保存');
    await snapshot(page, 'editor-published');

    const published = await shopApi(m.slug).get('/shop/pages/home');
    expect(published.status, JSON.stringify(published.body)).to.equal(200);
    expect(published.body.blocks.map((b: { type: string }) => b.type)).to.deep.equal(['notice', 'banner', 'products']);

    // A shopper's phone: the notice, then the banner, then the two products in the picked order.
    const phone = await web.newPage({ phone: true });
    await phone.goto(web.server.url(m.host, '/'));
    await phone.locator('[data-test=home-page] [data-test=notice]').waitFor();
    const order = await phone.locator('[data-test=home-page] > [data-test^=block-]').evaluateAll((els) => els.map((e) => e.getAttribute('data-test')));
    expect(order).to.deep.equal(['block-notice', 'block-banner', 'block-products']);
    expect(await textOf(phone, '[data-test=notice]')).to.contain(notice);
    const bannerUrl: string = published.body.blocks[1].props.images[0].url;
    expect(await phone.locator('[data-test=banner-0] img').first().getAttribute('src')).to.contain(bannerUrl.replace(/\.\w+$/, ''));
    const cards = await phone.locator('[data-test=block-products] [data-test^=block-product-]').evaluateAll((els) => els.map((e) => e.getAttribute('data-test')));
    expect(cards).to.deep.equal([`block-product-${yinzhen.id}`, `block-product-${longjing.id}`]);
    expect(await textOf(phone, `[data-test=block-product-${yinzhen.id}]`)).to.contain(yinzhen.title);
    await snapshot(phone, 'storefront-home');
  });

  it('shows what the API refuses on the block it names, in Chinese, and restores an earlier version into the draft', async function () {
    this.timeout(BROWSER_TEST_MS * 2);
    const m = await merchant();
    const owner = shopApi(m.slug, m.token);
    const created = await owner.post('/admin/store/pages').send({ title: '首页', kind: 'home', blocks: [{ type: 'notice', props: { text: '第一版公告' } }] });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    const id: number = created.body.id;
    expect((await owner.post(`/admin/store/pages/${id}/publish`)).status).to.equal(200);
    expect((await owner.put(`/admin/store/pages/${id}`).send({ blocks: [{ type: 'notice', props: { text: '第二版公告' } }] })).status).to.equal(200);
    expect((await owner.post(`/admin/store/pages/${id}/publish`)).status).to.equal(200);

    const page = await web.newPage();
    await inChinese(page);
    await web.consoleSignIn(page, m.host, m.email, m.password);
    await page.click('[data-test=menu-pages]');
    expect(await textOf(page, `[data-test=page-version-${id}]`)).to.equal('第 2 版');
    await page.click(`[data-test=page-edit-${id}]`);
    await until(async () => ((await page.locator('[data-test=preview-block-0]').textContent()) ?? '').includes('第二版公告'), 'the draft in the preview');

    // A navigation item without a name or a link: the API's refusal lands on that block, in words.
    await page.click('[data-test=palette-nav]');
    await page.click('[data-test=nav-add]');
    await page.click('[data-test=editor-save]');
    const problems = await textOf(page, '[data-test=settings-errors]');
    expect(problems).to.contain('请填写导航名称').and.to.contain('请为导航项选择链接');
    expect(problems).not.to.match(/[A-Za-z]{3,}/);
    expect(await page.getAttribute('[data-test=preview-block-1]', 'class')).to.contain('invalid');
    expect(await textOf(page, '[data-test=editor-invalid]')).to.contain('有 1 个组件需要修改');
    await page.click('[data-test=block-delete-1]');
    await page.click('.el-message-box__btns .el-button--primary');
    expect(await previewTypes(page)).to.deep.equal(['notice']);

    // Version 1 back into the draft: the preview shows it, the list says the draft moved on.
    await page.click('[data-test=editor-history]');
    await page.locator('[data-test=version-2]').waitFor();
    await page.click('[data-test=version-restore-1]');
    await page.click('.el-message-box__btns .el-button--primary');
    await until(async () => ((await page.locator('[data-test=preview-block-0]').textContent()) ?? '').includes('第一版公告'), 'version 1 in the preview');
    expect(await textOf(page, '[data-test=editor-status]')).to.contain('有未发布的修改');
    const draft = await owner.get(`/admin/store/pages/${id}`);
    expect(draft.body.blocks).to.deep.equal([{ type: 'notice', props: { text: '第一版公告' } }]);
    expect(draft.body.publishedVersion).to.equal(2);
  });
});
