import { expect } from 'chai';
import { shopApi } from '../support/http.js';
import { merchant, shopper } from '../factories/index.js';

describe('the cart', () => {
  it('adds up quantities within stock, selects, merges a guest cart, flags what can no longer be bought', async () => {
    const m = await merchant();
    const owner = shopApi(m.slug, m.token);
    const a = await owner.post('/admin/own-products').send({ title: '苹果', skus: [{ specs: {}, price: 500, stock: 5 }] });
    const b = await owner.post('/admin/own-products').send({ title: '香蕉', skus: [{ specs: {}, price: 300, stock: 9 }] });
    const skuA = a.body.product.skus[0].id;
    const skuB = b.body.product.skus[0].id;
    const s = await shopper(m.slug);
    const cart = shopApi(m.slug, s.token);
    const added = await cart.post('/shop/cart/items').send({ skuId: skuA, quantity: 2 });
    expect(added.status).to.equal(201);
    expect(added.body.items[0]).to.include({ skuId: skuA, quantity: 2, price: 500, subtotal: 1000, available: true });
    expect((await cart.post('/shop/cart/items').send({ skuId: skuA, quantity: 2 })).body.items[0].quantity).to.equal(4);
    const tooMany = await cart.post('/shop/cart/items').send({ skuId: skuA, quantity: 2 });
    expect(tooMany.status).to.equal(409);
    expect(tooMany.body.error.code).to.equal('insufficient_stock');
    const merged = await cart.post('/shop/cart/merge').send({ items: [{ skuId: skuB, quantity: 3 }, { skuId: skuA, quantity: 9 }, { skuId: 999999, quantity: 1 }] });
    expect(merged.body.items.map((i: { skuId: number; quantity: number }) => [i.skuId, i.quantity]).sort()).to.deep.equal([[skuA, 5], [skuB, 3]].sort());
    const lineB = merged.body.items.find((i: { skuId: number }) => i.skuId === skuB);
    const unselected = await cart.patch(`/shop/cart/items/${lineB.id}`).send({ selected: false });
    expect(unselected.body).to.include({ selectedCount: 5, selectedAmount: 2500 });
    await owner.post(`/admin/products/${a.body.product.id}/off-sale`);
    const flagged = await cart.get('/shop/cart');
    expect(flagged.body.items.find((i: { skuId: number }) => i.skuId === skuA).available).to.equal(false);
    expect(flagged.body.selectedAmount).to.equal(0);
    const removed = await cart.delete(`/shop/cart/items/${lineB.id}`);
    expect(removed.body.items).to.have.length(1);
    const other = await merchant();
    expect((await shopApi(other.slug, (await shopper(other.slug)).token).post('/shop/cart/items').send({ skuId: skuA, quantity: 1 })).status, 'another shop\'s SKU is unknown here').to.equal(400);
  });

  it('adds up ten parallel adds of one SKU: every request answers, none is lost, the stock still caps them', async () => {
    const m = await merchant();
    const p = await shopApi(m.slug, m.token).post('/admin/own-products').send({ title: '橙子', skus: [{ specs: {}, price: 400, stock: 12 }] });
    const sku = p.body.product.skus[0].id;
    const cart = shopApi(m.slug, (await shopper(m.slug)).token);
    const answers = await Promise.all(Array.from({ length: 10 }, () => cart.post('/shop/cart/items').send({ skuId: sku, quantity: 1 })));
    expect(answers.map((r) => r.status)).to.deep.equal(Array(10).fill(201));
    expect((await cart.get('/shop/cart')).body.items[0].quantity).to.equal(10);

    const over = await Promise.all(Array.from({ length: 10 }, () => cart.post('/shop/cart/items').send({ skuId: sku, quantity: 1 })));
    expect(over.filter((r) => r.status === 201), 'two more fit under the stock of 12').to.have.length(2);
    expect(over.filter((r) => r.status === 409).every((r) => r.body.error.code === 'insufficient_stock')).to.equal(true);
    expect((await cart.get('/shop/cart')).body.items[0].quantity).to.equal(12);
  });
});
