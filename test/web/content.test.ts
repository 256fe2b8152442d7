/**
 * Content in a real browser: a merchant writes an FAQ entry and an article with a cover in the
 * console (内容管理) and publishes them; a shopper on a phone finds the answer in the help centre
 * (grouped, then by search), reads the article from the content list, and a merchant's console
 * shows the platform's help (帮助中心). Pending when the web is not built or Chromium is missing.
 * With SCREENSHOT_DIR set, keeps pictures of each screen at a phone's and a desktop's width.
 */
import { expect } from 'chai';
import { config } from '../../server/src/core/config.js';
import { banner } from '../../server/src/demo/images.js';
import { merchant, platformToken } from '../factories/index.js';
import { platformApi, shopApi } from '../support/http.js';
import { BROWSER_TEST_MS, browserSuite, snapshot, textOf, until, type TestPage } from './browser.js';

async function inChinese(page: TestPage): Promise<void> {
  await page.addInitScript({ content: "localStorage.setItem('s2b2c:locale', 'zh-CN')" });
}

/** Types into the rich-text editor as a person would. */
async function typeBody(page: TestPage, text: string): Promise<void> {
  await page.click('[data-test=rte-area]');
  await page.keyboard.type(text);
}

describe('content in the browser', function () {
  this.timeout(BROWSER_TEST_MS * 3);
  const web = browserSuite();

  it('lets a merchant write and publish an FAQ entry and an article; a shopper finds them in the help centre, by search, and reads the article', async function () {
    this.timeout(BROWSER_TEST_MS * 3);
    const m = await merchant({ name: '一叶茶舍' });
    const owner = shopApi(m.slug, m.token);
    await owner.post('/admin/content/categories').send({ name: '配送说明' });

    const page = await web.newPage();
    await inChinese(page);
    await web.consoleSignIn(page, m.host, m.email, m.password);
    await page.click('[data-test=menu-content]');
    await page.locator('[data-test=content-list-faq]').waitFor();

    // An FAQ entry: the question, its keywords, its category and the answer.
    await page.click('[data-test=content-new-faq]');
    await page.fill('input[data-test=content-title]', '运费怎么算？');
    await page.click('[data-test=content-category]');
    await page.locator('.el-select-dropdown__item', { hasText: '配送说明' }).click();
    const keywords = page.locator('[data-test=content-keywords] input');
    for (const k of ['运费', '包邮']) {
      await keywords.pressSequentially(k, { delay: 30 });
      await page.locator('.el-select-dropdown__item', { hasText: k }).first().waitFor();
      await keywords.press('Enter');
      await page.locator('[data-test=content-keywords] .el-tag', { hasText: k }).waitFor();
    }
    await typeBody(page, '全场满 99 元包邮，不满收 8 元运费。');
    await snapshot(page, 'console-faq-editor');
    await page.click('[data-test=content-save-publish]');
    await until(async () => (await page.locator('[data-test=content-back]').count()) === 1 && (await page.locator('.el-tag', { hasText: '已发布' }).count()) > 0, 'the entry published');
    await page.click('[data-test=content-back]');
    await until(async () => (await page.locator('[data-test=content-table] .el-table__row').count()) === 1, 'the FAQ list');
    expect(await textOf(page, '[data-test=content-table] .el-table__row')).to.contain('运费怎么算？');

    // An article with a cover.
    await page.click('#tab-article');
    await page.click('[data-test=content-new-article]');
    await page.fill('input[data-test=content-title]', '明前龙井怎么选');
    await page.setInputFiles('[data-test=image-upload] input[type=file]', { name: 'cover.jpg', mimeType: 'image/jpeg', buffer: await banner({ title: '明前龙井怎么选', subtitle: '看 · 闻 · 尝', color: '#3d6b47', shape: 'leaf' }) });
    await page.locator('[data-test=image-upload] .thumb').waitFor();
    await typeBody(page, '好的明前龙井扁平光滑，色泽嫩绿，汤色明亮，入口鲜爽回甘。');
    await page.click('[data-test=content-save-publish]');
    await until(async () => (await page.locator('.el-tag', { hasText: '已发布' }).count()) > 0, 'the article published');
    await page.click('[data-test=content-back]');
    await until(async () => (await page.locator('[data-test=content-table] .el-table__row').count()) === 1, 'the article list');
    await snapshot(page, 'console-articles');

    const published = (await owner.get('/admin/content/articles?status=published')).body.items as Array<{ kind: string; title: string; coverUrl: string | null; keywords: string[] }>;
    expect(published.map((a) => [a.kind, a.title]).sort()).to.deep.equal([['article', '明前龙井怎么选'], ['faq', '运费怎么算？']]);
    expect(published.find((a) => a.kind === 'faq')?.keywords).to.deep.equal(['运费', '包邮']);
    expect(published.find((a) => a.kind === 'article')?.coverUrl).to.match(/^\/uploads\//);

    // The shopper: 我的 -> 帮助中心, the answer under its category, then a search.
    const phone = await web.newPage({ mobile: true });
    await inChinese(phone);
    await phone.goto(web.server.url(m.host, '/#/me'));
    await phone.click('[data-test=me-help]');
    await phone.locator('[data-test=help-centre]').waitFor();
    expect(await textOf(phone, '[data-test^=help-group-]')).to.contain('配送说明');
    await phone.locator('[data-test^=faq-] .van-cell', { hasText: '运费怎么算？' }).click();
    await until(async () => (await phone.locator('[data-test^=faq-]', { hasText: '全场满 99 元包邮' }).isVisible()), 'the answer opens');
    await snapshot(phone, 'shop-help-centre');
    await phone.fill('[data-test=help-search] input', '包邮');
    await phone.press('[data-test=help-search] input', 'Enter');
    await until(async () => (await phone.locator('.card-head', { hasText: '找到 1 条相关内容' }).count()) === 1, 'the search result');
    expect(await textOf(phone, '[data-test^=faq-]')).to.contain('全场满 99 元包邮');
    await snapshot(phone, 'shop-help-search');

    // The content list and the article.
    await phone.fill('[data-test=help-search] input', '');
    await phone.click('[data-test=help-to-content]');
    await phone.locator('[data-test=content-list] .tile').first().waitFor();
    expect(await textOf(phone, '[data-test=content-list] .tile')).to.contain('明前龙井怎么选');
    await snapshot(phone, 'shop-content-list');
    await phone.locator('[data-test=content-list] .tile').first().click();
    expect(await textOf(phone, '[data-test=article-title]')).to.equal('明前龙井怎么选');
    expect(await textOf(phone, '[data-test=article-body]')).to.contain('入口鲜爽回甘');
    await snapshot(phone, 'shop-article');
  });

  it('shows the platform\'s help in a merchant\'s console (帮助中心) and the operator\'s list', async function () {
    this.timeout(BROWSER_TEST_MS * 2);
    const operator = platformApi(await platformToken());
    const created = await operator.post('/platform/content/articles').send({ kind: 'help', title: '开店第一步：装修店铺首页', audience: 'merchants', body: '<p>在「店铺装修」中新建店铺首页，拖入组件后点击发布。</p><ol><li>上传 Logo</li><li>导入商品</li><li>写好常见问题</li></ol>' });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    await operator.post(`/platform/content/articles/${created.body.id}/publish`);

    const m = await merchant({ name: '山茶小铺' });
    const page = await web.newPage();
    await inChinese(page);
    await web.consoleSignIn(page, m.host, m.email, m.password);
    await page.click('[data-test=menu-help]');
    await page.locator(`[data-test=help-article-${created.body.id}]`).click();
    expect(await textOf(page, '[data-test=help-body]')).to.contain('拖入组件后点击发布');
    await snapshot(page, 'console-help-centre');

    // the operator's list of help articles, with its readers
    const { email, password } = config().platformAdmin;
    const ops = await web.newPage();
    await inChinese(ops);
    await web.consoleSignIn(ops, config().platformDomain, email, password, 'platform');
    await ops.click('[data-test=menu-help-articles]');
    await ops.fill('input[data-test=content-search]', '开店第一步');
    await until(async () => (await ops.locator(`[data-test=content-title-${created.body.id}]`).count()) === 1, 'the help article listed');
    expect(await textOf(ops, `[data-test=content-status-${created.body.id}]`)).to.equal('已发布');
    await snapshot(ops, 'console-platform-help');
  });
});
