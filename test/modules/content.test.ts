import { expect } from 'chai';
import { runInContext, systemContext } from '../../server/src/core/context.js';
import { matchFaq as match0 } from '../../server/src/modules/content/index.js';
import { merchant, platformStaff, platformToken, shopper, staffWith, supplier, uniq, type TestMerchant } from '../factories/index.js';
import { api, platformApi, shopApi, type Caller } from '../support/http.js';

/** As the chat calls it: inside the shop's context. */
const matchFaq = (ctx: ReturnType<typeof systemContext>, text: string) => runInContext(ctx, () => match0(ctx, text));

const fields = (res: { body: { error?: { details?: Array<{ field: string }> } } }) => (res.body.error?.details ?? []).map((d) => d.field).sort();

async function write(owner: Caller, body: Record<string, unknown>, publish = true): Promise<number> {
  const res = await owner.post('/admin/content/articles').send(body);
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  expect(res.body).to.deep.equal({ id: res.body.id, status: 'draft' });
  if (publish) expect((await owner.post(`/admin/content/articles/${res.body.id}/publish`)).status).to.equal(200);
  return res.body.id;
}

/** A shop's FAQ as a merchant would write it, published. */
async function shopFaq(m: TestMerchant): Promise<Record<string, number>> {
  const owner = shopApi(m.slug, m.token);
  return {
    ship: await write(owner, { kind: 'faq', title: '下单后多久发货？', body: '<p>付款后 <strong>48 小时</strong>内发货，预售商品以详情页为准。</p>', keywords: ['发货', '几天发', '什么时候到'] }),
    freight: await write(owner, { kind: 'faq', title: '运费怎么算？', body: '<p>全场满 99 元包邮，不满收 8 元运费；偏远地区另计。</p>', keywords: ['运费', '包邮', '邮费'] }),
    returns: await write(owner, { kind: 'faq', title: '如何申请退换货？', body: '<p>签收后 7 天内可在订单页申请退货或换货。</p>', keywords: ['退货', '换货', '退换', '退款'] }),
    pay: await write(owner, { kind: 'faq', title: '支持哪些支付方式？', body: '<p>支持微信支付、支付宝和余额支付。</p>', keywords: ['支付方式', '付款方式', '支付宝', '微信支付'] }),
    draft: await write(owner, { kind: 'faq', title: '可以开发票吗？', body: '<p>可以，下单时填写抬头。</p>', keywords: ['发票'] }, false),
  };
}

describe('content: articles, videos, FAQ and categories', () => {
  it('keeps drafts from shoppers, publishes, withdraws, edits and deletes', async () => {
    const m = await merchant();
    const owner = shopApi(m.slug, m.token);
    const guide = (await owner.post('/admin/content/categories').send({ name: '购物指南' })).body;
    expect(guide).to.include({ name: '购物指南' });
    const articleId = await write(owner, { kind: 'article', title: '春茶上新：明前龙井', body: '<h2>今年的春茶</h2><p>清香<strong>鲜爽</strong></p>', coverUrl: '/uploads/2026/03/tea.png', categoryId: guide.id }, false);
    const videoId = await write(owner, { kind: 'video', title: '三分钟学会冲泡', videoUrl: 'https://cdn.example.com/brew.mp4', coverUrl: 'https://cdn.example.com/brew.jpg' }, false);
    const shop = shopApi(m.slug);
    expect((await shop.get('/shop/articles')).body.items, 'drafts are not shown').to.deep.equal([]);
    expect((await shop.get(`/shop/articles/${articleId}`)).status).to.equal(404);

    const published = await owner.post(`/admin/content/articles/${articleId}/publish`);
    expect(published.status, JSON.stringify(published.body)).to.equal(200);
    expect(published.body).to.include({ id: articleId, status: 'published' });
    expect((await owner.post(`/admin/content/articles/${articleId}/publish`)).body.error.code).to.equal('already_published');
    await owner.post(`/admin/content/articles/${videoId}/publish`);

    const listed = await shop.get('/shop/articles');
    expect(listed.body.items.map((a: { id: number }) => a.id)).to.deep.equal([videoId, articleId]);
    expect(listed.body.total).to.equal(2);
    const first = listed.body.items[1];
    expect(first).to.include({ kind: 'article', title: '春茶上新：明前龙井', coverUrl: '/uploads/2026/03/tea.png', categoryName: '购物指南', summary: '今年的春茶 清香鲜爽' });
    expect(first).not.to.have.property('body');
    expect((await shop.get('/shop/articles?kind=video')).body.items.map((a: { id: number }) => a.id)).to.deep.equal([videoId]);
    const detail = await shop.get(`/shop/articles/${articleId}`);
    expect(detail.body.body).to.equal('<h2>今年的春茶</h2><p>清香<strong>鲜爽</strong></p>');

    const edited = await owner.put(`/admin/content/articles/${articleId}`).send({ title: '明前龙井上新', categoryId: null });
    expect(edited.status, JSON.stringify(edited.body)).to.equal(200);
    expect(edited.body).to.include({ title: '明前龙井上新', status: 'published', categoryId: null });
    expect((await shop.get(`/shop/articles/${articleId}`)).body.title, 'a published article changes at once').to.equal('明前龙井上新');

    expect((await owner.post(`/admin/content/articles/${articleId}/unpublish`)).body).to.include({ status: 'draft', publishedAt: null });
    expect((await shop.get(`/shop/articles/${articleId}`)).status).to.equal(404);
    expect((await owner.get('/admin/content/articles?status=draft')).body.items.map((a: { id: number }) => a.id)).to.deep.equal([articleId]);

    expect((await owner.delete(`/admin/content/articles/${videoId}`)).body).to.deep.equal({ deleted: true });
    expect((await owner.get(`/admin/content/articles/${videoId}`)).status).to.equal(404);
    expect((await shop.get('/shop/articles')).body.items).to.deep.equal([]);
  });

  it('deletes a category and keeps its articles, uncategorised; renames one', async () => {
    const m = await merchant();
    const owner = shopApi(m.slug, m.token);
    const cat = (await owner.post('/admin/content/categories').send({ name: '配送' })).body;
    const id = await write(owner, { kind: 'faq', title: '发什么快递？', body: '顺丰', categoryId: cat.id });
    expect((await owner.put(`/admin/content/categories/${cat.id}`).send({ name: '配送说明' })).body).to.deep.equal({ id: cat.id, name: '配送说明' });
    expect((await shopApi(m.slug).get('/shop/content/categories')).body.items).to.deep.equal([{ id: cat.id, name: '配送说明' }]);
    expect((await shopApi(m.slug).get('/shop/articles?kind=faq')).body.items[0]).to.include({ categoryName: '配送说明', body: '顺丰' });
    expect((await owner.delete(`/admin/content/categories/${cat.id}`)).status).to.equal(200);
    expect((await owner.get(`/admin/content/articles/${id}`)).body).to.include({ categoryId: null, status: 'published' });
    expect((await owner.get('/admin/content/categories')).body.items).to.deep.equal([]);
  });

  it('refuses bad input naming the field, and sanitizes bodies with the page editor\'s allow-list', async () => {
    const m = await merchant();
    const owner = shopApi(m.slug, m.token);
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ kind: 'faq', title: '' }, ['title']],
      [{ kind: 'podcast', title: '好' }, ['kind']],
      [{ kind: 'video', title: '冲泡' }, ['videoUrl']],
      [{ kind: 'video', title: '冲泡', videoUrl: 'javascript:alert(1)' }, ['videoUrl']],
      [{ kind: 'article', title: '好', coverUrl: 'http://plain.example.com/a.png' }, ['coverUrl']],
      [{ kind: 'faq', title: '好', keywords: ['ok', ''] }, ['keywords[1]']],
      [{ kind: 'faq', title: '好', colour: 'red' }, ['colour']],
      [{ kind: 'faq', title: '好', categoryId: 999999999 }, ['categoryId']],
    ];
    for (const [body, expected] of cases) {
      const res = await owner.post('/admin/content/articles').send(body);
      expect(res.status, JSON.stringify(body)).to.equal(400);
      expect(fields(res), JSON.stringify(body)).to.deep.equal(expected);
    }
    const id = await write(owner, {
      kind: 'article',
      title: '品牌故事',
      body: '<p onclick="steal()">明前<strong>龙井</strong><script>alert(1)</script></p><img src="javascript:alert(1)"><iframe src="https://evil.example"></iframe><a href="https://example.com/tea">好链接</a>',
    });
    const saved = (await owner.get(`/admin/content/articles/${id}`)).body.body as string;
    expect(saved).to.equal('<p>明前<strong>龙井</strong></p><a href="https://example.com/tea" rel="nofollow noopener">好链接</a>');
  });

  it('searches published content in Chinese over titles, keywords and bodies', async () => {
    const m = await merchant();
    await shopFaq(m);
    const owner = shopApi(m.slug, m.token);
    await write(owner, { kind: 'article', title: '冬季养护指南', body: '<p>茶叶怕潮，开封后请密封冷藏，避免串味。</p>' });
    const shop = shopApi(m.slug);
    const titles = async (q: string, kind = '') => (await shop.get(`/shop/articles?q=${encodeURIComponent(q)}${kind}`)).body.items.map((a: { title: string }) => a.title);
    expect(await titles('运费')).to.deep.equal(['运费怎么算？']);
    expect(await titles('退货', '&kind=faq')).to.deep.equal(['如何申请退换货？']);
    expect(await titles('密封'), 'the body is searched too').to.deep.equal(['冬季养护指南']);
    expect(await titles('发票'), 'a draft is not found').to.deep.equal([]);
    expect((await owner.get('/admin/content/articles?q=发票')).body.items.map((a: { title: string }) => a.title), 'the console finds drafts').to.deep.equal(['可以开发票吗？']);
  });

  it('publishes once when ten publishes race', async () => {
    const m = await merchant();
    const owner = shopApi(m.slug, m.token);
    const id = await write(owner, { kind: 'faq', title: '几点发货？', body: '下午四点前下单当天发。' }, false);
    const results = await Promise.all(Array.from({ length: 10 }, () => owner.post(`/admin/content/articles/${id}/publish`)));
    expect(results.filter((r) => r.status === 200)).to.have.length(1);
    expect(results.filter((r) => r.status === 409).map((r) => r.body.error.code)).to.deep.equal(Array(9).fill('already_published'));
  });

  it('keeps each shop\'s content to itself', async () => {
    const a = await merchant();
    const b = await merchant();
    const ownerA = shopApi(a.slug, a.token);
    const ownerB = shopApi(b.slug, b.token);
    const catA = (await ownerA.post('/admin/content/categories').send({ name: 'A 的分类' })).body;
    const idA = await write(ownerA, { kind: 'faq', title: '运费怎么算？', body: '包邮', keywords: ['运费'], categoryId: catA.id });
    expect((await shopApi(b.slug).get('/shop/articles')).body.items).to.deep.equal([]);
    expect((await shopApi(b.slug).get('/shop/articles?q=运费')).body.items).to.deep.equal([]);
    expect((await shopApi(b.slug).get(`/shop/articles/${idA}`)).status).to.equal(404);
    expect((await ownerB.get(`/admin/content/articles/${idA}`)).status).to.equal(404);
    expect((await ownerB.post(`/admin/content/articles/${idA}/publish`)).status).to.equal(404);
    expect((await ownerB.delete(`/admin/content/categories/${catA.id}`)).status).to.equal(404);
    expect(fields(await ownerB.post('/admin/content/articles').send({ kind: 'faq', title: '偷用分类', categoryId: catA.id }))).to.deep.equal(['categoryId']);
    expect(await matchFaq(systemContext('test', b.id), '运费多少钱'), 'B has no FAQ of its own').to.equal(null);
    expect((await matchFaq(systemContext('test', a.id), '运费多少钱'))?.id).to.equal(idA);
  });

  it('lets content.read staff read but not write', async () => {
    const m = await merchant();
    const reader = await staffWith(m, ['content.read']);
    const staff = shopApi(m.slug, reader.token);
    expect((await staff.get('/admin/content/articles')).status).to.equal(200);
    expect((await staff.post('/admin/content/articles').send({ kind: 'faq', title: '好' })).status).to.equal(403);
    const none = await staffWith(m, ['orders.read']);
    expect((await shopApi(m.slug, none.token).get('/admin/content/articles')).status).to.equal(403);
  });
});

describe('content: matching a shopper\'s chat message to the FAQ', () => {
  let m: TestMerchant;
  let ids: Record<string, number>;
  before(async () => {
    m = await merchant();
    ids = await shopFaq(m);
  });
  const match = (text: string) => matchFaq(systemContext('test', m.id), text);

  it('answers realistic questions with the right entry, as plain text', async () => {
    const cases: Array<[string, string]> = [
      ['你好，请问什么时候发货呀？', 'ship'],
      ['我昨天下的单，几天发货', 'ship'],
      ['运费多少钱', 'freight'],
      ['满多少包邮？', 'freight'],
      ['这个能退货吗，买大了', 'returns'],
      ['我想换货怎么弄', 'returns'],
      ['可以用支付宝付款吗', 'pay'],
      ['有哪些付款方式', 'pay'],
      ['运费怎么算', 'freight'],
    ];
    for (const [text, key] of cases) expect((await match(text))?.id, text).to.equal(ids[key]);
    expect(await match('下单后多久发货')).to.deep.equal({ id: ids.ship, question: '下单后多久发货？', answer: '付款后 48 小时内发货，预售商品以详情页为准。' });
  });

  it('answers nothing to greetings, small talk and questions no entry covers', async () => {
    for (const text of ['你好', '在吗？', '您好，有人吗', '今天天气怎么样', '这款茶叶是今年的新茶吗', '什么时候可以开发票', '', '   ', '😀', 'hello']) {
      expect(await match(text), text).to.equal(null);
    }
  });

  it('does not answer from a draft entry', async () => {
    expect(await match('可以开发票吗？')).to.equal(null);
  });
});

describe('content: the platform\'s help for merchants and suppliers', () => {
  it('lets operators write help that each console reads by its audience', async () => {
    const operator = platformApi(await platformToken());
    const title = uniq('帮助');
    const post = async (audience: string, kind = 'help') => {
      const res = await operator.post('/platform/content/articles').send({ title: `${title} ${audience}`, kind, body: `<p>${audience} 的帮助</p>`, audience });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      return res.body.id as number;
    };
    const forMerchants = await post('merchants');
    const forSuppliers = await post('suppliers');
    const forBoth = await post('both');
    const draft = await post('both');
    for (const id of [forMerchants, forSuppliers, forBoth]) expect((await operator.post(`/platform/content/articles/${id}/publish`)).status).to.equal(200);
    expect(fields(await operator.post('/platform/content/articles').send({ title: '好', kind: 'help', categoryId: 1 }))).to.deep.equal(['categoryId']);

    const m = await merchant();
    const s = await supplier();
    const titlesFor = async (caller: Caller) => {
      const res = await caller.get(`/help/articles?q=${encodeURIComponent(title)}&pageSize=100`);
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      return res.body.items.map((a: { id: number }) => a.id).sort();
    };
    expect(await titlesFor(shopApi(m.slug, m.token)), 'a merchant on the shop host').to.deep.equal([forMerchants, forBoth].sort());
    expect(await titlesFor(api({ token: m.token })), 'a merchant on the platform host').to.deep.equal([forMerchants, forBoth].sort());
    expect(await titlesFor(api({ token: s.token }))).to.deep.equal([forSuppliers, forBoth].sort());
    expect(await titlesFor(operator)).to.deep.equal([forMerchants, forSuppliers, forBoth].sort());
    expect((await shopApi(m.slug, m.token).get(`/help/articles/${forBoth}`)).body).to.include({ audience: 'both', body: '<p>both 的帮助</p>' });
    expect((await shopApi(m.slug, m.token).get(`/help/articles/${forSuppliers}`)).status).to.equal(404);
    expect((await shopApi(m.slug, m.token).get(`/help/articles/${draft}`)).status).to.equal(404);

    const buyer = await shopper(m.slug);
    expect((await shopApi(m.slug, buyer.token).get('/help/articles')).status).to.equal(401);
    expect((await api().get('/help/articles')).status).to.equal(401);
    const reviewer = await platformStaff('reviewer');
    expect((await platformApi(reviewer.token).post('/platform/content/articles').send({ title: '好', kind: 'help' })).status).to.equal(403);
    expect((await shopApi(m.slug, m.token).post('/platform/content/articles').send({ title: '好', kind: 'help' })).status).to.equal(401);
  });
});
