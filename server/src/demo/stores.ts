/**
 * The demo's offline stores (门店): a shop with its own goods opens two stores in Hangzhou, each
 * with its own stock of those goods (西湖店 also delivers within 3 km for ¥6), and a clerk bound
 * to 西湖店 (clerk@<shop>.test / Clerk#2026, a role holding only `stores.counter`). The first
 * shopper picked up an order there, so the clerk's counter shows one waiting. 西湖店 also sold at
 * its till: a walk-in paid cash for two items, and the first shopper paid by a scanned code, so the
 * order list's and the overview's online / in-store split show in-store figures.
 */
import type { DemoApi, Json } from './client.js';
import type { SeededShop } from './shops.js';
import type { DemoShopper } from './shoppers-orders.js';

export const DEMO_CLERK_PASSWORD = 'Clerk#2026';

const STORES = [
  { name: '西湖店', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 100 号', hours: '每天 09:00–21:00', phone: '0571-88886666', lat: 30.2776, lng: 120.1469, deliveryRadiusM: 3000, deliveryFee: 600, stock: 20 },
  { name: '滨江店', province: '浙江省', city: '杭州市', district: '滨江区', detail: '江南大道 588 号', hours: '每天 10:00–22:00', phone: '0571-86668888', lat: 30.2084, lng: 120.2119, deliveryRadiusM: 0, deliveryFee: 0, stock: 6 },
];

export async function seedStores(api: DemoApi, shop: SeededShop, people: DemoShopper[]): Promise<number> {
  const own = shop.plan.own.map((o) => shop.listings.get(o.key)).filter((l) => l !== undefined);
  if (!own.length) return 0;
  const skus = own.flatMap((l) => l.skus);
  const ids: number[] = [];
  for (const { stock, ...store } of STORES) {
    const made = await shop.owner.post('/admin/stores', store);
    ids.push(made.id as number);
    await shop.owner.put(`/admin/stores/${made.id}/stock`, { items: skus.map((s) => ({ skuId: s.id, stock })), note: '开业盘点' });
  }
  const role = await shop.owner.post('/admin/roles', { name: '门店店员', permissions: ['stores.counter'] });
  const clerk = await shop.owner.post('/admin/staff', { email: `clerk@${shop.plan.slug}.test`, name: '西湖店 店员 小林', roleId: role.id, password: DEMO_CLERK_PASSWORD });
  await shop.owner.post(`/admin/stores/${ids[0]}/clerks`, { staffId: clerk.id });

  const first = people[0];
  const sku = skus[0];
  if (!first || !sku) return ids.length;
  const { token } = await api.shop(shop.plan.slug).post('/shop/auth/login', { phone: first.phone, password: first.password });
  const me = api.shop(shop.plan.slug, token as string);
  const order: Json = await me.post('/shop/orders', { items: [{ skuId: sku.id, quantity: 1 }], storeId: ids[0] });
  const pay = await me.post(`/shop/orders/${order.id}/pay`, { method: 'sandbox' });
  await api.platform().post(`/payments/sandbox/${pay.paymentId}/confirm`);

  // counter sales at 西湖店's till
  await shop.owner.post(`/admin/stores/${ids[0]}/counter-orders`, { items: skus.slice(0, 2).map((s) => ({ skuId: s.id, quantity: 1 })), payMethod: 'cash' });
  const mine: Json = await me.get('/shop/me');
  await shop.owner.post(`/admin/stores/${ids[0]}/counter-orders`, { items: [{ skuId: sku.id, quantity: 2 }], payMethod: 'wechat_scan', customerId: mine.id });
  return ids.length;
}
