import { expect } from 'chai';
import { runDueJobs } from '../../server/src/core/jobs.js';
import { api, shopApi } from '../support/http.js';
import { listed, marketProduct, merchant, platformToken, supplier, uniq } from '../factories/index.js';

describe('supplier products and review', () => {
  it('lets an unapproved supplier keep drafts but not submit (403 supplier_not_approved)', async () => {
    const s = await supplier({ approved: false });
    const sup = api({ token: s.token });
    await sup.post('/supplier/warehouses').send({ name: 'W', province: '广东省', city: '广州市', address: 'x 路 1 号' });
    const body = { title: '待审商品', skus: [{ specs: {}, supplyPrice: 500, suggestedPrice: 900, stock: 3 }] };
    const draft = await sup.post('/supplier/products').send({ ...body, draft: true });
    expect(draft.status).to.equal(201);
    expect(draft.body.status).to.equal('draft');
    const submit = await sup.post('/supplier/products').send(body);
    expect(submit.status).to.equal(403);
    expect(submit.body.error.code).to.equal('supplier_not_approved');
    expect((await sup.post(`/supplier/products/${draft.body.id}/submit`)).status).to.equal(403);
  });

  it('checks the SKU matrix and prices, naming the field', async () => {
    const s = await supplier();
    const sup = api({ token: s.token });
    const noWarehouse = await sup.post('/supplier/products').send({ title: '无仓库', skus: [{ specs: {}, supplyPrice: 500, suggestedPrice: 900, stock: 1 }] });
    expect(noWarehouse.status).to.equal(400);
    expect(noWarehouse.body.error.details[0].field).to.equal('skus[0].warehouseId');
    await sup.post('/supplier/warehouses').send({ name: 'W', province: '广东省', city: '广州市', address: 'x 路 1 号' });
    const dup = await sup.post('/supplier/products').send({
      title: '重复规格',
      skus: [
        { specs: { 颜色: '红' }, supplyPrice: 500, suggestedPrice: 900 },
        { specs: { 颜色: '红' }, supplyPrice: 500, suggestedPrice: 900 },
      ],
    });
    expect(dup.status).to.equal(400);
    expect(dup.body.error.details[0].field).to.equal('skus[1].specs');
    const missingDim = await sup.post('/supplier/products').send({ title: '缺维度', skus: [{ specs: { 颜色: '红', 尺码: 'M' }, supplyPrice: 1, suggestedPrice: 1 }, { specs: { 颜色: '蓝' }, supplyPrice: 1, suggestedPrice: 1 }] });
    expect(missingDim.body.error.details[0].field).to.equal('skus[1].specs');
    const cheap = await sup.post('/supplier/products').send({ title: '倒挂', skus: [{ specs: {}, supplyPrice: 900, suggestedPrice: 500 }] });
    expect(cheap.body.error.details[0].field).to.equal('skus[0].suggestedPrice');
    const floatPrice = await sup.post('/supplier/products').send({ title: '小数', skus: [{ specs: {}, supplyPrice: 9.5, suggestedPrice: 500 }] });
    expect(floatPrice.status).to.equal(400);
    expect(floatPrice.body.error.details[0].field).to.equal('skus[0].supplyPrice');
    const matrix = await sup.post('/catalog/sku-matrix').send({ specDimensions: [{ name: '颜色', values: ['红', '蓝'] }, { name: '尺码', values: ['M', 'L', 'XL'] }] });
    expect(matrix.body.items).to.have.length(6);
    expect(matrix.body.items[5]).to.deep.equal({ 颜色: '蓝', 尺码: 'XL' });
  });

  it('lets a product name only its own owner\'s freight template (400 naming freightTemplateId)', async () => {
    const rule = { first: 1, firstFee: 500, additional: 1, additionalFee: 100 };
    const template = (token: string) => api({ token }).post('/supplier/freight-templates').send({ name: uniq('运费'), mode: 'piece', defaultRule: rule });
    const a = await supplier();
    const b = await supplier();
    const sup = api({ token: a.token });
    await sup.post('/supplier/warehouses').send({ name: 'W', province: '广东省', city: '广州市', address: 'x 路 1 号' });
    const mine = (await template(a.token)).body.id as number;
    const theirs = (await template(b.token)).body.id as number;
    const m = await merchant();
    const shops = (await shopApi(m.slug, m.token).post('/admin/freight-templates').send({ name: '店铺运费', mode: 'piece', defaultRule: rule })).body.id as number;
    const body = { title: '运费模板测试', skus: [{ specs: {}, supplyPrice: 500, suggestedPrice: 900, stock: 3 }], draft: true };
    for (const id of [theirs, shops, 99_999_999]) {
      const res = await sup.post('/supplier/products').send({ ...body, freightTemplateId: id });
      expect(res.status, String(id)).to.equal(400);
      expect(res.body.error.details[0].field).to.equal('freightTemplateId');
    }
    const ok = await sup.post('/supplier/products').send({ ...body, freightTemplateId: mine });
    expect(ok.status, JSON.stringify(ok.body)).to.equal(201);
    const edit = await sup.put(`/supplier/products/${ok.body.id}`).send({ freightTemplateId: theirs });
    expect(edit.status).to.equal(400);
    expect(edit.body.error.details[0].field).to.equal('freightTemplateId');
    expect((await sup.put(`/supplier/products/${ok.body.id}`).send({ freightTemplateId: null })).status).to.equal(200);

    const own = await shopApi(m.slug, m.token).post('/admin/own-products').send({ title: '自营运费', skus: [{ specs: {}, price: 100, stock: 5 }] });
    const productId = (await shopApi(m.slug, m.token).get(`/admin/products/${own.body.product.id}`)).body.productId;
    expect((await shopApi(m.slug, m.token).put(`/admin/own-products/${productId}`).send({ freightTemplateId: mine })).status).to.equal(400);
    expect((await shopApi(m.slug, m.token).put(`/admin/own-products/${productId}`).send({ freightTemplateId: shops })).status).to.equal(200);
  });

  it('keeps unreviewed and rejected products out of the market; a fixed one is resubmitted and approved', async () => {
    const s = await supplier();
    const sup = api({ token: s.token });
    await sup.post('/supplier/warehouses').send({ name: 'W', province: '广东省', city: '广州市', address: 'x 路 1 号' });
    const title = `审核测试 ${uniq('r')}`;
    const p = await sup.post('/supplier/products').send({ title, description: '<p>好<script>alert(1)</script><img src="javascript:x" onerror="y"><img src="https://cdn.example.com/a.png"></p>', skus: [{ specs: {}, supplyPrice: 500, suggestedPrice: 900, stock: 10 }] });
    expect(p.body.status).to.equal('pending_review');
    expect(p.body.description).to.equal('<p>好<img src="https://cdn.example.com/a.png" /></p>');
    const m = await merchant();
    const search = () => shopApi(m.slug, m.token).get(`/admin/market/products?q=${encodeURIComponent(title)}`);
    expect((await search()).body.total).to.equal(0);
    expect((await shopApi(m.slug, m.token).post(`/admin/market/products/${p.body.id}/import`).send({ markupPercent: 10 })).status).to.equal(404);
    const operator = await platformToken();
    const queue = await api({ token: operator }).get('/platform/products?status=pending_review&pageSize=100');
    expect(queue.body.items.map((x: { id: number }) => x.id)).to.include(p.body.id);
    expect(queue.body.items.find((x: { id: number }) => x.id === p.body.id).supplierName, 'the review queue names the supplier').to.match(/^供应商 /);
    const rejected = await api({ token: operator }).post(`/platform/products/${p.body.id}/reject`).send({ reason: '图片不清晰' });
    expect(rejected.body).to.include({ status: 'rejected', rejectReason: '图片不清晰' });
    expect((await search()).body.total).to.equal(0);
    await sup.put(`/supplier/products/${p.body.id}`).send({ images: ['https://cdn.example.com/clear.png'] });
    expect((await sup.post(`/supplier/products/${p.body.id}/submit`)).body.status).to.equal('pending_review');
    expect((await api({ token: operator }).post(`/platform/products/${p.body.id}/approve`)).body.status).to.equal('approved');
    const found = await search();
    expect(found.body.items.map((x: { id: number }) => x.id)).to.deep.equal([p.body.id]);
    expect(found.body.items[0].supplierName, 'the market names the supplier').to.match(/^供应商 /);
  });

  it('holds content changes of an approved product as a revision until the platform approves it; listings then follow', async () => {
    const product = await marketProduct({ title: `原标题 ${uniq('t')}` });
    const m = await merchant();
    const listing = await listed(m, product.id);
    const sup = api({ token: product.supplier.token });
    const edited = await sup.put(`/supplier/products/${product.id}`).send({ title: '新标题 全棉' });
    expect(edited.body.title).to.match(/^原标题/);
    expect(edited.body.revision).to.deep.include({ title: '新标题 全棉', status: 'pending' });
    const operator = await platformToken();
    expect((await api({ token: operator }).get('/platform/products?revision=pending&pageSize=100')).body.items.map((x: { id: number }) => x.id)).to.include(product.id);
    await api({ token: operator }).post(`/platform/products/${product.id}/approve`);
    await runDueJobs();
    const shop = await shopApi(m.slug).get(`/shop/products/${listing.id}`);
    expect(shop.body.title).to.equal('新标题 全棉');
    const again = await sup.put(`/supplier/products/${product.id}`).send({ title: '第三版' });
    expect(again.body.revision.status).to.equal('pending');
    await api({ token: operator }).post(`/platform/products/${product.id}/reject`).send({ reason: '标题不符' });
    const mine = await sup.get(`/supplier/products/${product.id}`);
    expect(mine.body.title).to.equal('新标题 全棉');
    expect(mine.body.revision).to.deep.include({ status: 'rejected', reason: '标题不符' });
  });

  it('applies small price moves at once and holds moves over half for review', async () => {
    const product = await marketProduct();
    const sup = api({ token: product.supplier.token });
    const sku = product.skus[0]!;
    const small = await sup.put(`/supplier/products/${product.id}/skus/${sku.id}/prices`).send({ supplyPrice: 1100 });
    expect(small.body.pendingReview).to.equal(false);
    expect(small.body.skus[0].supplyPrice).to.equal(1100);
    const big = await sup.put(`/supplier/products/${product.id}/skus/${sku.id}/prices`).send({ supplyPrice: 5000, suggestedPrice: 9000 });
    expect(big.body.pendingReview).to.equal(true);
    expect(big.body.skus[0].supplyPrice).to.equal(1100);
    await api({ token: await platformToken() }).post(`/platform/products/${product.id}/approve`);
    expect((await sup.get(`/supplier/products/${product.id}`)).body.skus[0].supplyPrice).to.equal(5000);
  });

  it('keeps a category tree that the platform edits', async () => {
    const operator = api({ token: await platformToken() });
    const root = await operator.post('/platform/categories').send({ name: `服装 ${uniq('c')}` });
    const child = await operator.post('/platform/categories').send({ name: 'T恤', parentId: root.body.id });
    const grandchild = await operator.post('/platform/categories').send({ name: '短袖', parentId: child.body.id });
    expect(grandchild.status).to.equal(201);
    const tooDeep = await operator.post('/platform/categories').send({ name: 'x', parentId: grandchild.body.id });
    expect(tooDeep.status).to.equal(400);
    const tree = await api().get('/categories');
    const node = tree.body.items.find((c: { id: number }) => c.id === root.body.id);
    expect(node.children[0].children[0].name).to.equal('短袖');
    expect((await operator.delete(`/platform/categories/${root.body.id}`)).status).to.equal(409);
  });
});
