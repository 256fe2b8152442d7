import { expect } from 'chai';
import { shopApi } from '../support/http.js';
import { addressOf, merchant, paidOrder, shopper } from '../factories/index.js';

describe('reviews', () => {
  it('lets a shopper review a received item once, shows the average, and the shop replies once', async () => {
    const m = await merchant();
    const owner = shopApi(m.slug, m.token);
    const goods = await owner.post('/admin/own-products').send({ title: '手工皂', skus: [{ specs: {}, price: 1800, stock: 20 }] });
    const listingId = goods.body.product.id;
    const skuId = goods.body.product.skus[0].id;
    const ratings = [5, 4];
    for (const rating of ratings) {
      const s = await shopper(m.slug);
      const addressId = await addressOf(m.slug, s.token);
      const order = await paidOrder(m.slug, s.token, { items: [{ skuId, quantity: 1 }], addressId });
      const detail = (await shopApi(m.slug, s.token).get(`/shop/orders/${order.id}`)).body;
      const early = await shopApi(m.slug, s.token).post(`/shop/products/${listingId}/reviews`).send({ orderItemId: detail.items[0].id, rating });
      expect(early.status, 'not before it arrives').to.equal(409);
      await owner.post(`/admin/fulfillments/${detail.fulfillments[0].id}/ship`).send({ carrier: 'sf', trackingNo: 'SF5556667778' });
      await shopApi(m.slug, s.token).post(`/shop/orders/${order.id}/receive`);
      const review = await shopApi(m.slug, s.token).post(`/shop/products/${listingId}/reviews`).send({ orderItemId: detail.items[0].id, rating, content: '很好用' });
      expect(review.status, JSON.stringify(review.body)).to.equal(201);
      const twice = await shopApi(m.slug, s.token).post(`/shop/products/${listingId}/reviews`).send({ orderItemId: detail.items[0].id, rating });
      expect(twice.status).to.equal(409);
      const bad = await shopApi(m.slug, s.token).post(`/shop/products/${listingId}/reviews`).send({ orderItemId: detail.items[0].id, rating: 6 });
      expect(bad.body.error.details[0].field).to.equal('rating');
    }
    const page = await shopApi(m.slug).get(`/shop/products/${listingId}/reviews`);
    expect(page.body).to.deep.include({ average: 4.5, count: 2, total: 2 });
    const first = page.body.items[0];
    expect((await owner.post(`/admin/reviews/${first.id}/reply`).send({ reply: '谢谢！' })).body.reply).to.equal('谢谢！');
    expect((await owner.post(`/admin/reviews/${first.id}/reply`).send({ reply: 'again' })).status).to.equal(409);
    const stranger = await shopper(m.slug);
    const sneaky = await shopApi(m.slug, stranger.token).post(`/shop/products/${listingId}/reviews`).send({ orderItemId: 1, rating: 1 });
    expect(sneaky.status).to.equal(400);
    const sales = await shopApi(m.slug).get('/shop/products?sort=sales');
    expect(sales.body.items[0]).to.include({ id: listingId });
  });
});
