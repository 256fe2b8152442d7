import { expect } from 'chai';
import { merchant, shopper, staffWith, uniq, type TestMerchant } from '../factories/index.js';
import { shopApi, type Caller } from '../support/http.js';

/** Own goods on sale in `m`'s shop at these prices; returns their listing ids, oldest first. */
async function goods(m: TestMerchant, prices: number[], extra: { storeCategoryId?: number } = {}): Promise<number[]> {
  const owner = shopApi(m.slug, m.token);
  const ids: number[] = [];
  for (const price of prices) {
    const res = await owner.post('/admin/own-products').send({ title: `${uniq('茶')} 龙井`, images: ['https://cdn.example.com/tea.png'], skus: [{ specs: {}, price, stock: 9 }] });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    ids.push(res.body.product.id);
    if (extra.storeCategoryId) expect((await owner.patch(`/admin/products/${res.body.product.id}`).send({ storeCategoryId: extra.storeCategoryId })).status).to.equal(200);
  }
  return ids;
}

const banner = { type: 'banner', props: { images: [{ url: '/uploads/banner-1.png', link: '/products/1' }, { url: 'https://cdn.example.com/b2.jpg', link: 'https://example.com/sale' }] } };
const notice = { type: 'notice', props: { text: '全场满 99 包邮' } };

async function newPage(owner: Caller, body: Record<string, unknown>): Promise<number> {
  const res = await owner.post('/admin/store/pages').send(body);
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  expect(res.body.status).to.equal('draft');
  return res.body.id;
}

const fields = (res: { body: { error?: { details?: Array<{ field: string }> } } }) => (res.body.error?.details ?? []).map((d) => d.field);

describe('shop pages', () => {
  it('keeps a draft, publishes numbered versions, reads and restores them', async () => {
    const m = await merchant();
    const owner = shopApi(m.slug, m.token);
    const id = await newPage(owner, { title: '首页', kind: 'home', blocks: [banner] });

    const listed = await owner.get('/admin/store/pages');
    expect(listed.status).to.equal(200);
    expect(listed.body.items).to.have.length(1);
    expect(listed.body.items[0]).to.include({ id, kind: 'home', title: '首页', status: 'draft', publishedVersion: null, hasUnpublishedChanges: true });
    expect((await shopApi(m.slug).get('/shop/pages/home')).status, 'nothing published yet').to.equal(404);

    const v1 = await owner.post(`/admin/store/pages/${id}/publish`);
    expect(v1.status, JSON.stringify(v1.body)).to.equal(200);
    expect(v1.body).to.deep.equal({ id, status: 'published', version: 1 });
    const home1 = await shopApi(m.slug).get('/shop/pages/home');
    expect(home1.status).to.equal(200);
    expect(home1.body).to.include({ id, version: 1 });
    expect(home1.body.blocks).to.deep.equal([banner]);

    const edited = await owner.put(`/admin/store/pages/${id}`).send({ title: '新首页', blocks: [notice, banner] });
    expect(edited.status, JSON.stringify(edited.body)).to.equal(200);
    expect(edited.body).to.include({ title: '新首页', status: 'published', publishedVersion: 1, hasUnpublishedChanges: true });
    expect(edited.body.blocks.map((b: { type: string }) => b.type)).to.deep.equal(['notice', 'banner']);
    expect((await shopApi(m.slug).get('/shop/pages/home')).body.blocks, 'shoppers see the published version, not the draft').to.deep.equal([banner]);

    const v2 = await owner.post(`/admin/store/pages/${id}/publish`);
    expect(v2.body.version).to.equal(2);
    expect((await shopApi(m.slug).get('/shop/pages/home')).body, 'a publish shows at once, cache or not').to.include({ version: 2, title: '新首页' });

    const detail = await owner.get(`/admin/store/pages/${id}`);
    expect(detail.body).to.include({ publishedVersion: 2, hasUnpublishedChanges: false });
    expect(detail.body.versions.map((v: { version: number }) => v.version)).to.deep.equal([2, 1]);
    expect(detail.body.versions[0].publishedBy).to.be.a('string').and.not.equal('');
    const old = await owner.get(`/admin/store/pages/${id}/versions/1`);
    expect(old.status).to.equal(200);
    expect(old.body).to.include({ version: 1, title: '首页' });
    expect(old.body.blocks).to.deep.equal([banner]);
    expect((await owner.get(`/admin/store/pages/${id}/versions/9`)).status).to.equal(404);

    const restored = await owner.post(`/admin/store/pages/${id}/versions/1/restore`);
    expect(restored.status, JSON.stringify(restored.body)).to.equal(200);
    expect(restored.body).to.include({ title: '首页', publishedVersion: 2, hasUnpublishedChanges: true });
    expect(restored.body.blocks).to.deep.equal([banner]);
    expect((await shopApi(m.slug).get('/shop/pages/home')).body.version, 'a restore changes the draft only').to.equal(2);
    expect((await owner.post(`/admin/store/pages/${id}/publish`)).body.version).to.equal(3);
    expect((await shopApi(m.slug).get('/shop/pages/home')).body).to.include({ version: 3, title: '首页' });
  });

  it('names the bad block or prop: blocks[i].type, blocks[i].props.x', async () => {
    const m = await merchant();
    const owner = shopApi(m.slug, m.token);
    const cases: Array<[unknown[], string[]]> = [
      [[notice, { type: 'carousel', props: {} }], ['blocks[1].type']],
      [[{ type: 'banner', props: { images: [{ url: 'javascript:alert(1)' }] } }], ['blocks[0].props.images[0].url']],
      [[{ type: 'banner', props: { images: [{ url: '/uploads/a.png', link: 'javascript:alert(1)' }] } }], ['blocks[0].props.images[0].link']],
      [[{ type: 'products', props: { source: 'random', limit: 6 } }], ['blocks[0].props.source']],
      [[{ type: 'products', props: { source: 'newest', limit: 0 } }], ['blocks[0].props.limit']],
      [[{ type: 'products', props: { source: 'category', limit: 6 } }], ['blocks[0].props.categoryId']],
      [[notice, { type: 'notice', props: { text: '好', colour: 'red' } }], ['blocks[1].props.colour']],
      [[{ type: 'nav', props: { items: [{ icon: 'hot-o', label: '', link: '/page/2' }] } }], ['blocks[0].props.items[0].label']],
      [[{ type: 'video', props: { url: 'ftp://x/v.mp4' } }], ['blocks[0].props.url']],
      [[{ type: 'search', props: { q: 1 } }], ['blocks[0].props.q']],
    ];
    for (const [blocks, expected] of cases) {
      const res = await owner.post('/admin/store/pages').send({ title: '活动页', kind: 'custom', blocks });
      expect(res.status, JSON.stringify(blocks)).to.equal(400);
      expect(res.body.error.code).to.equal('validation_failed');
      expect(fields(res), JSON.stringify(blocks)).to.deep.equal(expected);
    }
    const id = await newPage(owner, { title: '活动页', kind: 'custom', blocks: [] });
    const bad = await owner.put(`/admin/store/pages/${id}`).send({ blocks: [notice, notice, { type: 'coupons', props: { couponIds: ['a'] } }] });
    expect(bad.status).to.equal(400);
    expect(fields(bad)).to.deep.equal(['blocks[2].props.couponIds[0]']);
    expect((await owner.post('/admin/store/pages').send({ title: '', kind: 'landing', blocks: [] })).body.error.details.map((d: { field: string }) => d.field).sort()).to.deep.equal(['kind', 'title']);
  });

  it('sanitizes rich text on save: scripts, handlers and foreign schemes go, formatting stays', async () => {
    const m = await merchant();
    const owner = shopApi(m.slug, m.token);
    const html =
      '<h2 style="text-align:center;position:fixed">春茶上新</h2><p onclick="steal()">明前<strong>龙井</strong><script>alert(1)</script></p>' +
      '<img src="https://cdn.example.com/a.jpg" onerror="x()"><img src="javascript:alert(1)"><img src="data:image/png;base64,AAAA">' +
      '<a href="javascript:alert(1)">坏链接</a><a href="https://example.com/tea">好链接</a><iframe src="https://evil.example"></iframe>';
    const id = await newPage(owner, { title: '品牌故事', kind: 'custom', blocks: [{ type: 'richtext', props: { html } }] });
    const saved = (await owner.get(`/admin/store/pages/${id}`)).body.blocks[0].props.html as string;
    expect(saved).to.contain('<h2 style="text-align:center">春茶上新</h2>');
    expect(saved).to.contain('<strong>龙井</strong>');
    expect(saved).to.contain('<img src="https://cdn.example.com/a.jpg" />');
    expect(saved).to.contain('<a href="https://example.com/tea" rel="nofollow noopener">好链接</a>');
    for (const gone of ['script', 'onclick', 'onerror', 'javascript:', 'data:', 'iframe', 'position']) expect(saved, gone).not.to.contain(gone);
    const updated = await owner.put(`/admin/store/pages/${id}`).send({ blocks: [{ type: 'richtext', props: { html: '<p>ok</p><script>x</script>' } }] });
    expect(updated.body.blocks[0].props.html).to.equal('<p>ok</p>');
  });

  it('resolves products blocks to the shop\'s cards: newest, best selling, a category, hand-picked in order', async () => {
    const m = await merchant();
    const owner = shopApi(m.slug, m.token);
    const category = await owner.post('/admin/store-categories').send({ name: '绿茶' });
    const [a, b, c] = await goods(m, [1000, 2000, 3000]);
    const [green] = await goods(m, [4000], { storeCategoryId: category.body.id });
    const off = (await goods(m, [5000]))[0]!;
    expect((await owner.post(`/admin/products/${off}/off-sale`)).status).to.be.oneOf([200, 201]);
    const id = await newPage(owner, {
      title: '首页',
      kind: 'home',
      blocks: [
        notice,
        { type: 'products', props: { source: 'newest', limit: 2, title: '新品' } },
        { type: 'products', props: { source: 'category', categoryId: category.body.id, limit: 10 } },
        { type: 'products', props: { source: 'manual', productIds: [c, off, a, 999999], limit: 10, columns: 3 } },
        { type: 'products', props: { source: 'best_selling', limit: 3 } },
      ],
    });
    const preview = await owner.get(`/admin/store/pages/${id}/preview`);
    expect(preview.status, JSON.stringify(preview.body)).to.equal(200);
    await owner.post(`/admin/store/pages/${id}/publish`);
    const home = await shopApi(m.slug).get('/shop/pages/home');
    expect(home.status).to.equal(200);
    const ids = (i: number) => home.body.blocks[i].products.map((p: { id: number }) => p.id);
    expect(home.body.blocks[0]).not.to.have.property('products');
    expect(ids(1)).to.deep.equal([green, c]);
    expect(ids(2)).to.deep.equal([green]);
    expect(ids(3), 'hand-picked in their order; off-sale and unknown ones drop out').to.deep.equal([c, a]);
    expect(ids(4)).to.have.length(3);
    expect(home.body.blocks[3].products[0]).to.deep.include({ id: c, price: 3000, image: 'https://cdn.example.com/tea.png', sales: 0 });
    expect(home.body.blocks[3].props).to.deep.equal({ source: 'manual', productIds: [c, off, a, 999999], limit: 10, columns: 3 });
    expect(preview.body.blocks.map((x: { products?: unknown[] }) => x.products?.length ?? null)).to.deep.equal([null, 2, 1, 2, 3]);
    expect(b).to.be.a('number');

    const unsaved = await owner.post('/admin/store/pages/resolve').send({ blocks: [{ type: 'products', props: { source: 'manual', productIds: [b], limit: 1 } }, { type: 'richtext', props: { html: '<p>hi<script>x</script></p>' } }] });
    expect(unsaved.status, JSON.stringify(unsaved.body)).to.equal(200);
    expect(unsaved.body.blocks[0].products.map((p: { id: number }) => p.id)).to.deep.equal([b]);
    expect(unsaved.body.blocks[1].props.html).to.equal('<p>hi</p>');
  });

  it('serves custom pages by id and deletes them; the home page stays', async () => {
    const m = await merchant();
    const owner = shopApi(m.slug, m.token);
    const home = await newPage(owner, { title: '首页', kind: 'home', blocks: [] });
    const custom = await newPage(owner, { title: '会员日', kind: 'custom', blocks: [notice, { type: 'nav', props: { items: [{ icon: 'gift-o', label: '会员日', link: '/page/1' }] } }] });
    expect((await shopApi(m.slug).get(`/shop/pages/${custom}`)).status, 'a draft is not shown').to.equal(404);
    await owner.post(`/admin/store/pages/${custom}/publish`);
    const page = await shopApi(m.slug).get(`/shop/pages/${custom}`);
    expect(page.status).to.equal(200);
    expect(page.body).to.include({ id: custom, version: 1, title: '会员日' });
    expect((await shopApi(m.slug).get('/shop/pages/home')).status, 'the home page is not published').to.equal(404);

    const refused = await owner.delete(`/admin/store/pages/${home}`);
    expect(refused.status).to.equal(409);
    expect(refused.body.error.code).to.equal('home_page_kept');
    expect((await owner.delete(`/admin/store/pages/${custom}`)).body).to.deep.equal({ deleted: true });
    expect((await shopApi(m.slug).get(`/shop/pages/${custom}`)).status, 'gone from the cache too').to.equal(404);
    expect((await owner.get(`/admin/store/pages/${custom}`)).status).to.equal(404);
    expect((await owner.get('/admin/store/pages')).body.items.map((p: { id: number }) => p.id)).to.deep.equal([home]);
  });

  it('makes one home page when ten requests race to create it', async () => {
    const m = await merchant();
    const owner = shopApi(m.slug, m.token);
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => owner.post('/admin/store/pages').send({ title: `首页 ${i}`, kind: 'home', blocks: [] })));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201), JSON.stringify(answers.map((r) => r.body))).to.have.length(1);
    expect(statuses.filter((s) => s === 409)).to.have.length(9);
    expect(answers.find((r) => r.status === 409)!.body.error.code).to.equal('home_page_exists');
    expect((await owner.get('/admin/store/pages')).body.items.filter((p: { kind: string }) => p.kind === 'home')).to.have.length(1);
    expect((await owner.post('/admin/store/pages').send({ title: '活动', kind: 'custom', blocks: [] })).status, 'custom pages are many').to.equal(201);
    expect((await owner.post('/admin/store/pages').send({ title: '活动', kind: 'custom', blocks: [] })).status).to.equal(201);
  });

  it('gives ten parallel publishes of one page ten distinct versions', async () => {
    const m = await merchant();
    const owner = shopApi(m.slug, m.token);
    const id = await newPage(owner, { title: '首页', kind: 'home', blocks: [notice] });
    const answers = await Promise.all(Array.from({ length: 10 }, () => owner.post(`/admin/store/pages/${id}/publish`)));
    expect(answers.map((r) => r.status), JSON.stringify(answers.map((r) => r.body))).to.deep.equal(Array(10).fill(200));
    expect(answers.map((r) => r.body.version).sort((x, y) => x - y)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const detail = await owner.get(`/admin/store/pages/${id}`);
    expect(detail.body.publishedVersion).to.equal(10);
    expect(detail.body.versions).to.have.length(10);
    expect((await shopApi(m.slug).get('/shop/pages/home')).body.version).to.equal(10);
  });

  it('keeps each shop\'s pages to itself', async () => {
    const a = await merchant();
    const b = await merchant();
    const pageOfB = await newPage(shopApi(b.slug, b.token), { title: 'B 的首页', kind: 'home', blocks: [notice] });
    await shopApi(b.slug, b.token).post(`/admin/store/pages/${pageOfB}/publish`);
    const asA = shopApi(a.slug, a.token);
    expect((await asA.get(`/admin/store/pages/${pageOfB}`)).status).to.equal(404);
    expect((await asA.put(`/admin/store/pages/${pageOfB}`).send({ title: '改掉' })).status).to.equal(404);
    expect((await asA.post(`/admin/store/pages/${pageOfB}/publish`)).status).to.equal(404);
    expect((await asA.get(`/admin/store/pages/${pageOfB}/versions/1`)).status).to.equal(404);
    expect((await asA.post(`/admin/store/pages/${pageOfB}/versions/1/restore`)).status).to.equal(404);
    expect((await asA.delete(`/admin/store/pages/${pageOfB}`)).status).to.equal(404);
    expect((await asA.get('/admin/store/pages')).body.items).to.deep.equal([]);
    expect((await shopApi(a.slug).get('/shop/pages/home')).status, 'A has no home page of its own').to.equal(404);
    expect((await shopApi(a.slug).get(`/shop/pages/${pageOfB}`)).status).to.equal(404);
    expect((await asA.post('/admin/store/pages').send({ title: 'A 的首页', kind: 'home', blocks: [] })).status, 'B\'s home does not block A\'s').to.equal(201);
    expect((await shopApi(b.slug, a.token).get('/admin/store/pages')).status, 'A\'s token on B\'s host').to.equal(401);
    const bView = await shopApi(b.slug, b.token).get(`/admin/store/pages/${pageOfB}`);
    expect(bView.body).to.include({ title: 'B 的首页', publishedVersion: 1 });
  });

  it('lets store.read read pages and store.manage change them; shoppers neither', async () => {
    const m = await merchant();
    const owner = shopApi(m.slug, m.token);
    const id = await newPage(owner, { title: '首页', kind: 'home', blocks: [notice] });
    const reader = shopApi(m.slug, (await staffWith(m, ['store.read'])).token);
    expect((await reader.get('/admin/store/pages')).status).to.equal(200);
    expect((await reader.get(`/admin/store/pages/${id}`)).status).to.equal(200);
    expect((await reader.get(`/admin/store/pages/${id}/preview`)).status).to.equal(200);
    for (const res of [
      await reader.post('/admin/store/pages').send({ title: 'x', kind: 'custom', blocks: [] }),
      await reader.put(`/admin/store/pages/${id}`).send({ title: 'x' }),
      await reader.post(`/admin/store/pages/${id}/publish`),
      await reader.delete(`/admin/store/pages/${id}`),
    ]) expect(res.status, JSON.stringify(res.body)).to.equal(403);
    const outsider = shopApi(m.slug, (await staffWith(m, ['orders.read'])).token);
    expect((await outsider.get('/admin/store/pages')).status).to.equal(403);
    const manager = shopApi(m.slug, (await staffWith(m, ['store.manage'])).token);
    expect((await manager.post(`/admin/store/pages/${id}/publish`)).status).to.equal(200);
    const s = await shopper(m.slug);
    expect((await shopApi(m.slug, s.token).get('/admin/store/pages')).status).to.be.oneOf([401, 403]);
    expect((await shopApi(m.slug, s.token).get('/shop/pages/home')).status, 'a signed-in shopper reads the shop page').to.equal(200);
  });
});
