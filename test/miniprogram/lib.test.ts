/** The mini-program's pure helpers (no `wx`): money, links, SKU rules, paging, views. */
import { expect } from 'chai';
import { cartView, checkoutItems } from '../../web/miniprogram/src/lib/cart-view.js';
import { linkTarget, pages, sceneProductId } from '../../web/miniprogram/src/lib/links.js';
import { plainYuan, priceParts, yuan } from '../../web/miniprogram/src/lib/money.js';
import { hasMore, mergePage } from '../../web/miniprogram/src/lib/paging.js';
import { remember } from '../../web/miniprogram/src/lib/search-history.js';
import { chipRows, chosenSku, clampQuantity, dimensionsOf, pick, priceRange } from '../../web/miniprogram/src/lib/sku.js';
import { absoluteUrl, fitRichText, navColumns } from '../../web/miniprogram/src/lib/view.js';

describe('mini-program helpers', () => {
  it('shows fen as yuan', () => {
    expect(yuan(1250)).to.equal('¥12.50');
    expect(yuan(5)).to.equal('¥0.05');
    expect(yuan(-300)).to.equal('-¥3.00');
    expect(plainYuan(100000)).to.equal('1000.00');
    expect(priceParts(1990)).to.deep.equal({ int: '19', dec: '.90' });
  });

  it('maps storefront links of DIY blocks to mini-program pages', () => {
    expect(linkTarget('/products/12')).to.deep.equal({ kind: 'page', url: '/pages/product/index?id=12' });
    expect(linkTarget('/product/12')).to.deep.equal({ kind: 'page', url: '/pages/product/index?id=12' });
    expect(linkTarget('/categories/3')).to.deep.equal({ kind: 'page', url: '/pages/search/index?categoryId=3' });
    expect(linkTarget('/search?q=%E8%8C%B6')).to.deep.equal({ kind: 'page', url: `/pages/search/index?q=${encodeURIComponent('茶')}` });
    expect(linkTarget('/page/7')).to.deep.equal({ kind: 'page', url: '/pages/home/index?pageId=7' });
    expect(linkTarget('/products')).to.deep.equal({ kind: 'page', url: '/pages/search/index' });
    expect(linkTarget('https://example.com/a')).to.deep.equal({ kind: 'web', url: 'https://example.com/a' });
    expect(linkTarget('')).to.deep.equal({ kind: 'none' });
    expect(linkTarget('javascript:alert(1)')).to.deep.equal({ kind: 'none' });
    expect(pages.checkout([{ skuId: 3, quantity: 2 }])).to.equal(`/pages/checkout/index?items=${encodeURIComponent('[{"skuId":3,"quantity":2}]')}`);
  });

  it('reads the product id of a mini-program code scene', () => {
    expect(sceneProductId('p%3D42')).to.equal(42);
    expect(sceneProductId('p=42')).to.equal(42);
    expect(sceneProductId('x=1&p=7')).to.equal(7);
    expect(sceneProductId('q=1')).to.equal(null);
    expect(sceneProductId(undefined)).to.equal(null);
  });

  describe('SKU rules', () => {
    const skus = [
      { id: 1, specs: { 颜色: '红', 尺码: 'M' }, price: 100, stock: 2 },
      { id: 2, specs: { 颜色: '红', 尺码: 'L' }, price: 120, stock: 0 },
      { id: 3, specs: { 颜色: '蓝', 尺码: 'L' }, price: 130, stock: 5 },
    ];
    const dims = dimensionsOf(skus);

    it('derives the dimensions from the SKUs when the product names none', () => {
      expect(dims).to.deep.equal([{ name: '颜色', values: ['红', '蓝'] }, { name: '尺码', values: ['M', 'L'] }]);
    });

    it('disables values without stock in combination, chooses the SKU when complete, toggles off', () => {
      let chosen = pick(skus, {}, '颜色', '红');
      const size = chipRows(skus, dims, chosen)[1]!;
      expect(size.chips.map((c) => [c.value, c.disabled])).to.deep.equal([['M', false], ['L', true]]);
      expect(pick(skus, chosen, '尺码', 'L')).to.deep.equal(chosen); // refused
      chosen = pick(skus, chosen, '尺码', 'M');
      expect(chosenSku(skus, dims, chosen)!.id).to.equal(1);
      expect(chosenSku(skus, dims, pick(skus, chosen, '尺码', 'M'))).to.equal(null);
      expect(chosenSku([skus[0]!], [], {})!.id, 'one SKU, no dimensions').to.equal(1);
    });

    it('keeps the quantity within the stock and prices the range of what is in stock', () => {
      expect(clampQuantity(5, skus[0]!)).to.equal(2);
      expect(clampQuantity(0, skus[0]!)).to.equal(1);
      expect(clampQuantity(3, null)).to.equal(3);
      expect(priceRange(skus)).to.deep.equal({ min: 100, max: 130 });
    });
  });

  it('pages lists and keeps ten history words, newest first', () => {
    expect(hasMore({ page: 1, pageSize: 20, total: 21 })).to.equal(true);
    expect(hasMore({ page: 2, pageSize: 20, total: 40 })).to.equal(false);
    const a = { id: 1 }, b = { id: 2 }, c = { id: 3 };
    expect(mergePage([a, b], { items: [b, c], page: 2, pageSize: 2, total: 3 })).to.deep.equal([a, b, c]);
    expect(mergePage([a, b], { items: [c], page: 1, pageSize: 2, total: 1 })).to.deep.equal([c]);
    let h: string[] = [];
    for (let i = 0; i < 12; i++) h = remember(h, `w${i}`);
    h = remember(h, ' w5 ');
    expect(h).to.have.length(10);
    expect(h[0]).to.equal('w5');
    expect(h.filter((x) => x === 'w5')).to.have.length(1);
  });

  it('makes picture paths absolute, fits rich-text images, lays out nav icons', () => {
    expect(absoluteUrl('/uploads/a.webp', 'https://s.example.com/api/v1')).to.equal('https://s.example.com/uploads/a.webp');
    expect(absoluteUrl('https://cdn.example.com/a.png', 'https://s.example.com/api/v1')).to.equal('https://cdn.example.com/a.png');
    expect(absoluteUrl(null, 'https://s.example.com/api/v1')).to.equal('');
    expect(fitRichText('<p><img src="a.png"></p>')).to.equal('<p><img style="max-width:100%;height:auto;display:block;" src="a.png"></p>');
    expect([1, 4, 5, 6, 8, 10].map(navColumns)).to.deep.equal([1, 4, 5, 5, 4, 5]);
  });

  it('sums up the cart and checks out only selected lines still for sale', () => {
    const line = (id: number, selected: boolean, available: boolean) => ({ id, skuId: id * 10, productId: 1, title: 't', image: '/uploads/x.png', specs: { 色: '红' }, price: 1000, quantity: 2, stock: 5, selected, available, subtotal: 2000 });
    const view = cartView({ items: [line(1, true, true), line(2, false, true), line(3, true, false)], selectedCount: 2, selectedAmount: 2000 }, 'https://s.example.com/api/v1');
    expect(view.allSelected).to.equal(false);
    expect(view.total).to.equal('¥20.00');
    expect(view.pieces).to.equal(6);
    expect(view.lines[0]!.image).to.equal('https://s.example.com/uploads/x.png');
    expect(checkoutItems(view.lines)).to.deep.equal([{ skuId: 10, quantity: 2 }]);
  });
});
