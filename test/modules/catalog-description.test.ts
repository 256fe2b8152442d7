/**
 * A product's description is written in the console's rich-text editor and shown as HTML on the
 * storefront: what the editor makes (headings, lists, alignment, links, pictures) survives, and no
 * script, handler or foreign scheme ever comes back, on create, on edit or to the shopper.
 */
import { expect } from 'chai';
import { runDueJobs } from '../../server/src/core/jobs.js';
import { api, shopApi } from '../support/http.js';
import { listed, merchant, platformToken, supplier, uniq } from '../factories/index.js';

const EDITOR_HTML =
  '<h2 style="text-align: center">产地直发</h2><p><b>高山</b><i>云雾</i>绿茶</p><ul><li>一芽一叶</li></ul><ol><li>85℃ 冲泡</li></ol>' +
  '<p><a href="https://example.com/tea">茶园</a></p><p><img src="/uploads/tea.png"></p>';

const HOSTILE =
  '<p onclick="steal()">好茶<script>alert(1)</script></p><img src="x" onerror="alert(2)"><img src="javascript:alert(3)">' +
  '<a href="javascript:alert(4)">点我</a><iframe src="https://evil.example"></iframe><p style="background:url(javascript:alert(5))">样式</p><svg onload="alert(6)"></svg>';

function expectHarmless(html: string | null): void {
  expect(html ?? '').to.not.match(/script|onerror|onclick|onload|javascript:|iframe|svg|url\(/i);
}

describe('product descriptions (rich text)', () => {
  it('keep the editor formatting and drop scripts and handlers on create, edit and on the storefront', async () => {
    const s = await supplier();
    const sup = api({ token: s.token });
    await sup.post('/supplier/warehouses').send({ name: '仓', province: '浙江省', city: '杭州市', address: '西湖区 1 号' });
    const created = await sup.post('/supplier/products').send({ title: `绿茶 ${uniq('d')}`, description: EDITOR_HTML + HOSTILE, skus: [{ specs: {}, supplyPrice: 500, suggestedPrice: 900, stock: 5 }] });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    const description: string = created.body.description;
    expectHarmless(description);
    expect(description).to.contain('<h2 style="text-align:center">产地直发</h2>');
    expect(description).to.contain('<ul><li>一芽一叶</li></ul>');
    expect(description).to.contain('<a href="https://example.com/tea" rel="nofollow noopener">茶园</a>');
    expect(description).to.contain('<img src="/uploads/tea.png" />');
    expect(description).to.contain('好茶');

    const edited = await sup.put(`/supplier/products/${created.body.id}`).send({ description: `<p>新</p>${HOSTILE}` });
    expect(edited.status).to.equal(200);
    expectHarmless(edited.body.description);
    expectHarmless((await sup.get(`/supplier/products/${created.body.id}`)).body.description);

    await api({ token: await platformToken() }).post(`/platform/products/${created.body.id}/approve`);
    await runDueJobs();
    const m = await merchant();
    const listing = await listed(m, created.body.id);
    const shop = await shopApi(m.slug).get(`/shop/products/${listing.id}`);
    expect(shop.status).to.equal(200);
    expectHarmless(shop.body.description);
    expect(shop.body.description).to.contain('<p>新</p>');
  });

  it('is empty (null) when nothing but hostile markup was sent', async () => {
    const s = await supplier();
    const sup = api({ token: s.token });
    await sup.post('/supplier/warehouses').send({ name: '仓', province: '浙江省', city: '杭州市', address: '西湖区 1 号' });
    const created = await sup.post('/supplier/products').send({ title: `空 ${uniq('d')}`, description: '<script>alert(1)</script><img src=x onerror=alert(1)>', draft: true, skus: [{ specs: {}, supplyPrice: 500, suggestedPrice: 900, stock: 5 }] });
    expect(created.status).to.equal(201);
    expect(created.body.description).to.equal(null);
  });
});

describe('supplier warehouses', () => {
  it('keep a contact name and phone, and name a bad phone', async () => {
    const s = await supplier();
    const sup = api({ token: s.token });
    const made = await sup.post('/supplier/warehouses').send({ name: '华东仓', province: '浙江省', city: '杭州市', district: '余杭区', address: '仓前街道 8 号', contactName: '李四', contactPhone: '0571-8888 8888' });
    expect(made.status, JSON.stringify(made.body)).to.equal(201);
    expect(made.body).to.include({ contactName: '李四', contactPhone: '0571-8888 8888', district: '余杭区' });
    const plain = await sup.post('/supplier/warehouses').send({ name: '华南仓', province: '广东省', city: '广州市', address: '白云区 1 号' });
    expect(plain.body).to.include({ contactName: null, contactPhone: null });
    const bad = await sup.post('/supplier/warehouses').send({ name: '坏', province: '广东省', city: '广州市', address: '白云区 1 号', contactPhone: 'call me' });
    expect(bad.status).to.equal(400);
    expect(bad.body.error.details[0].field).to.equal('contactPhone');
    const list = await sup.get('/supplier/warehouses');
    expect(list.body.items.map((w: { name: string }) => w.name)).to.deep.equal(['华东仓', '华南仓']);
  });
});
