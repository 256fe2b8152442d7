/**
 * The cart tab: signs the shopper in silently, shows the lines with live prices, changes a quantity
 * and a selection through the API (PUT: wx.request has no PATCH), and checks out the selected lines.
 */
import { expect } from 'chai';
import { listed, marketProduct } from '../factories/index.js';
import { miniprogramSuite } from './support/harness.js';

type ApiLib = { request<T>(method: string, path: string, body?: unknown): Promise<T> };

describe('mini-program cart', function () {
  this.timeout(90_000);
  const mp = miniprogramSuite();

  it('shows the cart, changes quantity and selection, and checks out the selected lines', async () => {
    const shop = await mp.shop({ primaryColor: '#ff6034' });
    const product = await marketProduct({
      title: '手冲咖啡豆',
      skus: [
        { specs: { 烘焙: '浅' }, supplyPrice: 4000, suggestedPrice: 6800, stock: 4 },
        { specs: { 烘焙: '深' }, supplyPrice: 4000, suggestedPrice: 6800, stock: 9 },
      ],
    });
    const listing = await listed(shop.merchant, product.id, 50);
    const [light, dark] = listing.skus;
    // the same WeChat user the page signs in as puts two lines in the cart
    await mp.lib<{ ensureSignedIn(): Promise<string> }>('lib/auth').ensureSignedIn();
    const { request } = mp.lib<ApiLib>('lib/api');
    await request('POST', '/shop/cart/items', { skuId: light!.id, quantity: 1 });
    await request('POST', '/shop/cart/items', { skuId: dark!.id, quantity: 2 });

    const page = await mp.page('pages/cart/index');
    expect(page.data.state).to.equal('ready');
    expect(page.data.lines).to.have.length(2);
    expect(page.text()).to.contain('手冲咖啡豆').and.contain('浅').and.contain('深').and.contain('¥180.00').and.contain('结算(3)');
    expect(shop.wx.callsOf('setTabBarBadge')[0]).to.include({ index: 2, text: '3' });

    // more of the light roast, within its stock of 4
    const lightLine = page.data.lines.findIndex((l: { skuId: number }) => l.skuId === light!.id);
    const stepper = page.comp.querySelectorAll('.line-stepper')[lightLine]!;
    for (let i = 0; i < 5; i++) {
      stepper.querySelector('.plus')!.dispatchEvent('tap');
      await page.settle();
    }
    const puts = shop.wx.requestsTo('/shop/cart/items/', 'PUT');
    expect(puts.map((r) => (r.data as { quantity: number }).quantity)).to.deep.equal([2, 3, 4]);
    expect(puts.every((r) => r.status === 200 && r.header['X-App-Id'] === shop.appId)).to.equal(true);
    expect(page.data.lines[lightLine].quantity).to.equal(4);

    // unselect the dark roast: the total follows the server's answer
    const darkLine = 1 - lightLine;
    page.comp.querySelectorAll('.line .check')[darkLine]!.dispatchEvent('tap');
    await page.settle();
    expect(page.data.lines[darkLine].selected).to.equal(false);
    expect(page.data.total).to.equal('¥240.00');
    expect(page.data.checkoutText).to.equal('结算(4)');

    await page.tap('.go');
    const url = shop.wx.callsOf('navigateTo').at(-1)!.url as string;
    expect(url).to.match(/^\/pages\/checkout\/index\?items=.*&from=cart$/);
    expect(JSON.parse(decodeURIComponent(/items=([^&]+)/.exec(url)![1]!))).to.deep.equal([{ skuId: light!.id, quantity: 4 }]);
  });

  it('shows the empty cart with a way back to shopping', async () => {
    const shop = await mp.shop();
    const page = await mp.page('pages/cart/index');
    expect(page.text()).to.contain('购物车还是空的');
    await page.tap('.cta');
    expect(shop.wx.callsOf('switchTab')[0]!.url).to.equal('/pages/home/index');
    expect(shop.wx.callsOf('removeTabBarBadge')).to.have.length(1);
  });
});
