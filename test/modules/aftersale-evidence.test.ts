/**
 * After-sales as a shopper and a decider meet it: a preset reason per type, photos with the
 * application and with later messages, the refund previewed before asking (the very amount the
 * case is then opened for), a timeline of every step on every side, and one decider: the goods'
 * owner (the supplier for its goods; the shop only for its own).
 */
import { expect } from 'chai';
import { api, shopApi } from '../support/http.js';
import { addressOf, merchant, paidOrder, platformToken, shopper, storeWithProduct } from '../factories/index.js';

const photo = (n: number) => `/uploads/${String(n).padStart(64, 'a')}.jpg`;

async function supplierCase() {
  const { m, s, addressId, skuId, product } = await storeWithProduct();
  const order = await paidOrder(m.slug, s.token, { items: [{ skuId, quantity: 2 }], addressId });
  const detail = (await shopApi(m.slug, s.token).get(`/shop/orders/${order.id}`)).body;
  return { m, s, order, line: detail.items[0] as { id: number }, sup: api({ token: product.supplier.token }), product, shop: shopApi(m.slug, s.token) };
}

describe('after-sales: reasons, evidence, preview, timeline, decider', () => {
  it('previews the refund with the computation the case is opened for, and writes nothing', async () => {
    const { shop, order, line } = await supplierCase();
    const quote = await shop.post(`/shop/orders/${order.id}/aftersales/quote`).send({ type: 'refund_only', items: [{ orderItemId: line.id, quantity: 1 }] });
    expect(quote.status, JSON.stringify(quote.body)).to.equal(200);
    expect(quote.body).to.deep.equal({ type: 'refund_only', amount: 1500, freight: 0, lines: [{ orderItemId: line.id, quantity: 1, amount: 1500 }] });
    const whole = await shop.post(`/shop/orders/${order.id}/aftersales/quote`).send({ type: 'refund_only' });
    expect(whole.body.amount).to.equal(3000);
    expect((await shop.get('/shop/aftersales')).body.items).to.have.length(0);
    const opened = await shop.post(`/shop/orders/${order.id}/aftersales`).send({ type: 'refund_only', reasonCode: 'damaged', items: [{ orderItemId: line.id, quantity: 1 }] });
    expect(opened.body.amount, 'the case asks what the preview said').to.equal(quote.body.amount);
    const tooMany = await shop.post(`/shop/orders/${order.id}/aftersales/quote`).send({ type: 'refund_only', items: [{ orderItemId: line.id, quantity: 5 }] });
    expect(tooMany.status).to.equal(400);
    expect(tooMany.body.error.details[0].field).to.equal('items[0].quantity');
  });

  it("keeps the freight rule: a whole order refunded before shipping gives the freight back in the preview", async () => {
    const { product, m, s, addressId, skuId } = await storeWithProduct();
    await api({ token: product.supplier.token }).post('/supplier/freight-templates').send({ name: '运费', mode: 'piece', defaultRule: { first: 1, firstFee: 800, additional: 1, additionalFee: 200 }, isDefault: true });
    const order = await paidOrder(m.slug, s.token, { items: [{ skuId, quantity: 2 }], addressId });
    const quote = await shopApi(m.slug, s.token).post(`/shop/orders/${order.id}/aftersales/quote`).send({ type: 'refund_only' });
    expect(quote.body).to.include({ amount: 4000, freight: 1000 });
  });

  it('takes a preset reason that fits the type, with up to six photos, and refuses anything else naming the field', async () => {
    const { shop, order, line } = await supplierCase();
    const wrongType = await shop.post(`/shop/orders/${order.id}/aftersales`).send({ type: 'refund_only', reasonCode: 'size_fit' });
    expect(wrongType.status).to.equal(400);
    expect(wrongType.body.error.details[0].field).to.equal('reasonCode');
    // goods never received can only be refunded: no return, exchange or repair of them
    const unfit = await shop.post(`/shop/orders/${order.id}/aftersales`).send({ type: 'refund_only', reasonCode: 'not_received' });
    expect(unfit.status).to.equal(201);
    await shop.post(`/shop/aftersales/${unfit.body.id}/withdraw`);
    const repairUnreceived = await shop.post(`/shop/orders/${order.id}/aftersales`).send({ type: 'return_refund', reasonCode: 'not_received' });
    expect(repairUnreceived.status).to.equal(400);
    const none = await shop.post(`/shop/orders/${order.id}/aftersales`).send({ type: 'refund_only' });
    expect(none.status).to.equal(400);
    expect(none.body.error.details[0].field).to.equal('reasonCode');
    const seven = await shop.post(`/shop/orders/${order.id}/aftersales`).send({ type: 'refund_only', reasonCode: 'damaged', images: [1, 2, 3, 4, 5, 6, 7].map(photo) });
    expect(seven.status).to.equal(400);
    expect(seven.body.error.details[0].field).to.equal('images');
    const notUpload = await shop.post(`/shop/orders/${order.id}/aftersales`).send({ type: 'refund_only', reasonCode: 'damaged', images: ['javascript:alert(1)'] });
    expect(notUpload.status).to.equal(400);
    const opened = await shop.post(`/shop/orders/${order.id}/aftersales`).send({ type: 'refund_only', reasonCode: 'damaged', reason: '外包装破损', images: [photo(1), photo(2)], items: [{ orderItemId: line.id, quantity: 1 }] });
    expect(opened.status, JSON.stringify(opened.body)).to.equal(201);
    expect(opened.body).to.include({ reasonCode: 'damaged', reason: '外包装破损' });
    expect(opened.body.evidence).to.deep.equal([photo(1), photo(2)]);
    expect(opened.body.timeline[0]).to.include({ kind: 'applied', actor: 'shopper', text: '外包装破损' });
    expect(opened.body.timeline[0].images).to.deep.equal([photo(1), photo(2)]);
  });

  it("lets the supplier decide its goods' case and refuses the shop with 403 aftersale_supplier_decides; the shop may still add a message", async () => {
    const { m, shop, order, line, sup, product } = await supplierCase();
    const opened = await shop.post(`/shop/orders/${order.id}/aftersales`).send({ type: 'refund_only', reasonCode: 'quality', images: [photo(3)], items: [{ orderItemId: line.id, quantity: 1 }] });
    const staff = shopApi(m.slug, m.token);
    const seen = await staff.get(`/admin/aftersales/${opened.body.id}`);
    expect(seen.body.owner).to.deep.equal({ kind: 'supplier', id: product.supplier.id, name: (await sup.get('/supplier/me')).body.supplier.companyName });
    expect(seen.body.evidence).to.deep.equal([photo(3)]);
    for (const action of ['approve', 'refuse', 'confirm-return', 'reship']) {
      const body = action === 'refuse' ? { reason: '不同意' } : action === 'reship' ? { carrier: 'shunfeng', trackingNo: 'SF1234567890' } : {};
      const res = await staff.post(`/admin/aftersales/${opened.body.id}/${action}`).send(body);
      expect(res.status, `${action}: ${JSON.stringify(res.body)}`).to.equal(403);
      expect(res.body.error.code).to.equal('aftersale_supplier_decides');
    }
    const note = await staff.post(`/admin/aftersales/${opened.body.id}/messages`).send({ text: '已催促供应商处理' });
    expect(note.status).to.equal(201);
    const asked = await sup.post(`/supplier/aftersales/${opened.body.id}/messages`).send({ text: '请补充外包装照片' });
    expect(asked.status).to.equal(201);
    const more = await shop.post(`/shop/aftersales/${opened.body.id}/messages`).send({ images: [photo(4)] });
    expect(more.status).to.equal(201);
    expect((await shop.post(`/shop/aftersales/${opened.body.id}/messages`).send({})).status).to.equal(400);
    const refused = await sup.post(`/supplier/aftersales/${opened.body.id}/refuse`).send({ reason: '照片看不出质量问题' });
    expect(refused.status).to.equal(200);
    await shop.post(`/shop/aftersales/${opened.body.id}/escalate`);
    const operator = api({ token: await platformToken() });
    const queued = (await operator.get('/platform/aftersales')).body.items.find((c: { id: number }) => c.id === opened.body.id);
    expect(queued.evidence).to.deep.equal([photo(3)]);
    await operator.post(`/platform/aftersales/${opened.body.id}/arbitrate`).send({ decision: 'refund', reason: '照片可见破损' });
    const done = (await sup.get(`/supplier/aftersales/${opened.body.id}`)).body;
    expect(done.timeline.map((e: { kind: string; actor: string }) => `${e.kind}:${e.actor}`)).to.deep.equal([
      'applied:shopper', 'message:shop', 'message:supplier', 'message:shopper', 'refused:supplier', 'escalated:shopper', 'arbitrated:platform', 'refunded:platform',
    ]);
    expect(done.timeline[3].images).to.deep.equal([photo(4)]);
    expect(done.timeline[4].text).to.equal('照片看不出质量问题');
    expect(done.timeline[6]).to.deep.include({ text: '照片可见破损', details: { decision: 'refund' } });
    expect(done.timeline[7].details).to.deep.equal({ amount: 1500 });
    const shopperView = (await shop.get(`/shop/aftersales/${opened.body.id}`)).body;
    expect(shopperView.owner.name, 'the storefront is not told who supplies its goods').to.equal('');
  });

  it("lets the shop decide a case about its own goods, and records the return's parcel on the timeline", async () => {
    const m = await merchant();
    const owner = shopApi(m.slug, m.token);
    const p = await owner.post('/admin/own-products').send({ title: '自营茶叶', skus: [{ specs: {}, price: 2000, stock: 10 }] });
    const s = await shopper(m.slug);
    const addressId = await addressOf(m.slug, s.token);
    const order = await paidOrder(m.slug, s.token, { items: [{ skuId: p.body.product.skus[0].id, quantity: 1 }], addressId });
    const f = (await owner.get('/admin/fulfillments?status=to_ship')).body.items[0];
    expect((await owner.post(`/admin/fulfillments/${f.id}/ship`).send({ carrier: 'zhongtong', trackingNo: 'ZT000111333' })).status).to.equal(200);
    const shop = shopApi(m.slug, s.token);
    const opened = await shop.post(`/shop/orders/${order.id}/aftersales`).send({ type: 'return_refund', reasonCode: 'not_as_described' });
    expect(opened.body.owner).to.deep.include({ kind: 'tenant', id: m.id });
    const approved = await owner.post(`/admin/aftersales/${opened.body.id}/approve`).send({ returnAddress: { name: '售后部', phone: '0571-88888888', address: '杭州市余杭区 1 号' } });
    expect(approved.status, JSON.stringify(approved.body)).to.equal(200);
    await shop.post(`/shop/aftersales/${opened.body.id}/return`).send({ carrier: 'yuantong', trackingNo: 'YT1234567890' });
    const back = await owner.post(`/admin/aftersales/${opened.body.id}/confirm-return`);
    expect(back.body.status).to.equal('refunded');
    expect(back.body.timeline.map((e: { kind: string }) => e.kind)).to.deep.equal(['applied', 'approved', 'returning', 'returned', 'refunded']);
    expect(back.body.timeline[2].details).to.deep.equal({ carrier: 'yuantong', trackingNo: 'YT1234567890' });
  });
});
