/**
 * The demo's 品牌分销: acme is a brand owner. It shares two goods of its own brand with its two
 * distributor shops (acme-hz, acme-sh: tenants/acme-*.json), each at a distributor price and a
 * minimum retail price; the distributors list them (one at explicit prices, one with a markup),
 * their shoppers buy them over the last ten days (one order partly refunded), and acme then
 * raises a floor above a distributor's price, which lifts that listing and writes its audit log.
 * acme's 品牌分销 screens show figures from the first start.
 */
import { clock, days, hours } from '../core/clock.js';
import type { DemoApi, Json } from './client.js';
import type { DemoTenant } from './index.js';
import { productPhoto } from './images.js';
import type { SeededShop } from './shops.js';

const RANGE = [
  {
    title: 'Acme 品牌 明前龙井礼盒',
    label: '龙井',
    caption: '品牌直供',
    shape: 'box' as const,
    color: '#4f7d3a',
    skus: [
      { specs: { 规格: '125g' }, price: 26800, distributorPrice: 12800, minRetailPrice: 19800, stock: 200 },
      { specs: { 规格: '250g' }, price: 49800, distributorPrice: 23800, minRetailPrice: 36800, stock: 200 },
    ],
  },
  {
    title: 'Acme 品牌 青瓷盖碗茶具',
    label: '青瓷',
    caption: '品牌直供',
    shape: 'cup' as const,
    color: '#5b8c85',
    skus: [{ specs: { 规格: '一壶四杯' }, price: 35800, distributorPrice: 16800, minRetailPrice: 25800, stock: 150 }],
  },
];

/** [distributor index, shopper index, [range product, sku, quantity][], days ago]. */
const ORDERS: Array<[number, number, Array<[number, number, number]>, number]> = [
  [0, 0, [[0, 0, 2]], 9.2],
  [0, 1, [[1, 0, 1]], 7.5],
  [1, 0, [[0, 1, 1], [1, 0, 1]], 6.3],
  [0, 0, [[0, 1, 1]], 4.1],
  [1, 1, [[0, 0, 3]], 2.6],
  [1, 0, [[1, 0, 2]], 1.2],
  [0, 1, [[0, 0, 1]], 0.2],
];

export async function seedBrand(api: DemoApi, shops: SeededShop[], tenants: DemoTenant[]): Promise<number> {
  const brand = shops.find((s) => s.plan.slug === 'acme');
  const children = tenants.filter((t) => (t as DemoTenant & { parent?: string | null }).parent === 'acme');
  if (!brand || !children.length) return 0;
  const productIds: number[] = [];
  for (const p of RANGE) {
    const image = await brand.owner.upload(await productPhoto({ name: p.label, label: p.label, caption: p.caption, shape: p.shape, color: p.color }), `brand-${p.label}.jpg`, 'image/jpeg');
    const made = await brand.owner.post('/admin/own-products', {
      title: p.title,
      description: `<p><strong>${p.title}</strong></p><p>品牌直供，全国分销商统一最低零售价。</p>`,
      images: [image],
      shareWithDistributors: true,
      skus: p.skus,
    });
    productIds.push(made.product.productId as number);
  }
  const shopSkus: Array<Array<number[]>> = [];
  const shoppers: Array<Array<{ me: ReturnType<DemoApi['shop']>; addressId: number }>> = [];
  for (const [i, child] of children.entries()) {
    const { token } = await api.shop(child.slug).post('/admin/auth/login', { email: child.owner.email, password: child.owner.password });
    const owner = api.shop(child.slug, token as string);
    const skus: number[][] = [];
    const range: Json = await owner.get('/admin/market/brand-products?pageSize=100');
    for (const [k, productId] of productIds.entries()) {
      const product = (range.items as Json[]).find((x) => x.id === productId);
      // the first shop prices each SKU itself; the second takes a markup (lifted to the floor where it falls short)
      const body =
        i === 0 ? { prices: (product.skus as Array<{ id: number }>).map((s, j) => ({ supplierSkuId: s.id, price: RANGE[k]!.skus[j]!.minRetailPrice + 2000 * (j + 1) })) } : { markupPercent: 60 };
      const listed = await owner.post(`/admin/market/brand-products/${productId}/import`, body);
      skus.push((listed.product.skus as Array<{ id: number }>).map((s) => s.id));
    }
    shopSkus.push(skus);
    const people: Array<{ me: ReturnType<DemoApi['shop']>; addressId: number }> = [];
    for (const c of child.demo?.customers ?? []) {
      const { token: t } = await api.shop(child.slug).post('/shop/auth/login', { phone: c.phone, password: c.password });
      const me = api.shop(child.slug, t as string);
      const where = i === 0 ? { province: '浙江省', city: '杭州市', district: '西湖区' } : { province: '上海市', city: '上海市', district: '徐汇区' };
      const address: Json = await me.post('/shop/addresses', { name: (c.nickname ?? '顾客').slice(0, 8), phone: c.phone, ...where, detail: '演示路 8 号', isDefault: true });
      people.push({ me, addressId: address.id as number });
    }
    shoppers.push(people);
  }
  let placed = 0;
  const now = clock.nowMs();
  try {
    for (const [d, s, lines, ago] of ORDERS) {
      const who = shoppers[d]?.[s];
      if (!who) continue;
      const { me, addressId } = who;
      clock.freeze(new Date(now - days(ago)));
      const order: Json = await me.post('/shop/orders', { items: lines.map(([p, k, quantity]) => ({ skuId: shopSkus[d]![p]![k]!, quantity })), addressId });
      const pay = await me.post(`/shop/orders/${order.id}/pay`, { method: 'sandbox' });
      await api.platform().post(`/payments/sandbox/${pay.paymentId}/confirm`);
      placed++;
      if (placed === 5) {
        // a shopper sends one tin back: the refund shows in the brand's figures
        clock.freeze(new Date(now - days(ago) + hours(5)));
        const { token } = await api.shop(children[d]!.slug).post('/admin/auth/login', { email: children[d]!.owner.email, password: children[d]!.owner.password });
        const owner = api.shop(children[d]!.slug, token as string);
        const detail: Json = await owner.get(`/admin/orders/${order.id}`);
        await owner.post(`/admin/orders/${order.id}/refund`, { items: [{ orderItemId: detail.items[0].id, quantity: 1 }], reason: '顾客退回一盒' });
      }
    }
  } finally {
    clock.reset();
  }
  // the brand raises the 125g floor above the first shop's price: its listing is lifted (audited there)
  const floors: Json = await brand.owner.get('/admin/brand/price-floors?pageSize=100');
  const tea = floors.items.find((p: Json) => p.productId === productIds[0]);
  await brand.owner.put('/admin/brand/price-floors', { items: [{ skuId: tea.skus[0].skuId, minRetailPrice: 22800, suggestedPrice: 26800 }] });
  return placed;
}
