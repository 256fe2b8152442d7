/**
 * The product page: the SKU picker chooses the SKU the chosen spec values name and disables
 * combinations without stock; the quantity stays within stock; add to cart and buy now call the
 * right API / open checkout; a mini-program code's scene opens the product; the share code sheet
 * says in words when the shop cannot make one yet.
 */
import { expect } from 'chai';
import { listed, marketProduct } from '../factories/index.js';
import { miniprogramSuite, type MpShop, type PageHandle } from './support/harness.js';

type Row = { name: string; chips: Array<{ value: string; active: boolean; disabled: boolean }> };

describe('mini-program product page and SKU picker', function () {
  this.timeout(90_000);
  const mp = miniprogramSuite();

  async function shopWithShirt(): Promise<{ shop: MpShop; id: number; skuOf: (color: string, size: string) => number }> {
    const shop = await mp.shop({ primaryColor: '#ee0a24' });
    const product = await marketProduct({
      title: '亚麻衬衫',
      skus: [
        { specs: { 颜色: '白', 尺码: 'M' }, supplyPrice: 5000, suggestedPrice: 9900, stock: 5 },
        { specs: { 颜色: '白', 尺码: 'L' }, supplyPrice: 5000, suggestedPrice: 9900, stock: 0 },
        { specs: { 颜色: '蓝', 尺码: 'M' }, supplyPrice: 5200, suggestedPrice: 10900, stock: 3 },
        { specs: { 颜色: '蓝', 尺码: 'L' }, supplyPrice: 5200, suggestedPrice: 10900, stock: 2 },
      ],
    });
    const listing = await listed(shop.merchant, product.id, 60);
    const skuOf = (color: string, size: string) => {
      const supplierSku = product.skus.find((s) => s.specs['颜色'] === color && s.specs['尺码'] === size)!;
      return listing.skus.find((s) => s.supplierSkuId === supplierSku.id)!.id;
    };
    return { shop, id: listing.id, skuOf };
  }

  const picker = (page: PageHandle) => page.child('.sku-picker');
  const rows = (page: PageHandle) => picker(page).instance.data.rows as Row[];
  const chip = (page: PageHandle, name: string, value: string) => rows(page).find((r) => r.name === name)!.chips.find((c) => c.value === value)!;
  async function tapChip(page: PageHandle, name: string, value: string) {
    const index = rows(page).flatMap((r) => r.chips.map((c) => `${r.name}=${c.value}`)).indexOf(`${name}=${value}`);
    picker(page).querySelectorAll('.chip')[index]!.dispatchEvent('tap');
    await page.settle();
  }

  it('chooses the SKU of the chosen values, disables sold-out combinations and keeps the quantity within stock', async () => {
    const { shop, id, skuOf } = await shopWithShirt();
    const page = await mp.page('pages/product/index', { id: String(id) });
    expect(page.data.state).to.equal('ready');
    expect(page.text()).to.contain('亚麻衬衫').and.contain('¥80.00').and.contain('¥83.20').and.contain('请选择颜色 / 尺码');
    expect(shop.wx.requestsTo(`/shop/products/${id}`)[0]!.header['X-App-Id']).to.equal(shop.appId);

    await page.tap('.specs-row');
    expect(page.data.pickerVisible).to.equal(true);
    expect(rows(page).map((r) => r.name)).to.deep.equal(['颜色', '尺码']);
    expect(chip(page, '尺码', 'L').disabled).to.equal(false); // 蓝 L has stock

    await tapChip(page, '颜色', '白');
    expect(chip(page, '颜色', '白').active).to.equal(true);
    expect(chip(page, '尺码', 'L').disabled, '白 L is sold out').to.equal(true);
    await tapChip(page, '尺码', 'L'); // refused: stays unchosen
    expect(chip(page, '尺码', 'L').active).to.equal(false);
    expect(picker(page).instance.data.skuId).to.equal(0);

    await tapChip(page, '尺码', 'M');
    expect(picker(page).instance.data.skuId).to.equal(skuOf('白', 'M'));
    expect(page.data.selectedText).to.equal('白 / M');
    expect(picker(page).instance.data.stockText).to.equal('库存 5 件');

    // switching the colour: blue M is another SKU with its own stock and price
    await tapChip(page, '颜色', '蓝');
    expect(picker(page).instance.data.skuId).to.equal(skuOf('蓝', 'M'));
    expect(picker(page).instance.data.price).to.equal(8320);
    expect(picker(page).instance.data.max).to.equal(3);
    const plus = picker(page).querySelector('.stepper')!.querySelector('.plus')!;
    for (let i = 0; i < 5; i++) plus.dispatchEvent('tap');
    await page.settle();
    expect(picker(page).instance.data.quantity, 'capped at the stock').to.equal(3);

    // add to cart: signs in with WeChat, then POST /shop/cart/items
    picker(page).querySelector('.action.cart')!.dispatchEvent('tap');
    await page.settle();
    const added = shop.wx.requestsTo('/shop/cart/items', 'POST');
    expect(added).to.have.length(1);
    expect(added[0]!.data).to.deep.equal({ skuId: skuOf('蓝', 'M'), quantity: 3 });
    expect(added[0]!.status).to.equal(201);
    expect(added[0]!.header['X-App-Id']).to.equal(shop.appId);
    expect(shop.wx.requestsTo('/shop/auth/wechat', 'POST')).to.have.length(1);
    expect(shop.wx.callsOf('showToast').map((c) => c.title)).to.include('已加入购物车');

    // buy now: checkout with the chosen line
    picker(page).querySelector('.action.buy')!.dispatchEvent('tap');
    await page.settle();
    const url = shop.wx.callsOf('navigateTo').at(-1)!.url as string;
    expect(url.startsWith('/pages/checkout/index?items=')).to.equal(true);
    expect(JSON.parse(decodeURIComponent(url.split('items=')[1]!))).to.deep.equal([{ skuId: skuOf('蓝', 'M'), quantity: 3 }]);
  });

  it('refuses to go on without a complete choice, in words', async () => {
    const { shop, id } = await shopWithShirt();
    const page = await mp.page('pages/product/index', { id: String(id) });
    await page.tap('.buy-now');
    picker(page).querySelector('.action.buy')!.dispatchEvent('tap');
    await page.settle();
    expect(shop.wx.callsOf('navigateTo')).to.have.length(0);
    expect(shop.wx.callsOf('showToast').at(-1)!.title).to.equal('请选择颜色 / 尺码');
  });

  it('opens the product a mini-program code names (options.scene), shares it, and explains when no share code can be made', async () => {
    const { shop, id } = await shopWithShirt();
    const page = await mp.page('pages/product/index', { scene: encodeURIComponent(`p=${id}`) });
    expect(page.data.id).to.equal(id);
    expect(page.data.state).to.equal('ready');
    const share = page.instance.onShareAppMessage() as { title: string; path: string };
    expect(share.title).to.equal('亚麻衬衫');
    expect(share.path).to.equal(`/pages/product/index?id=${id}`);

    await page.tap('.share');
    await page.tap('.share-code');
    const [codeRequest] = shop.wx.requestsTo(`/shop/products/${id}/share-code`);
    expect(codeRequest!.header['X-App-Id']).to.equal(shop.appId);
    // this shop has not authorised its mini-program on the platform: no code, said in words
    expect(page.data.shareCode.image).to.equal('');
    expect(page.text()).to.contain('店铺小程序尚未发布，暂时无法生成分享码');
  });

  it('says the product is gone when it is not for sale here', async () => {
    await mp.shop();
    const page = await mp.page('pages/product/index', { id: '999999' });
    expect(page.data.state).to.equal('error');
    expect(page.text()).to.contain('商品不存在或已下架');
  });
});
