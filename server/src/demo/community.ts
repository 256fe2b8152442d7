/**
 * The demo's community group buying (modules/community), run as people would: a shopper of each
 * shop applies to be a leader with a pickup point (and a neighbour with a second one), the shop
 * approves both, runs a weekend activity on its first goods at about 90% of their prices (never
 * below what it owes for them) with the cut-off two days away, and another shopper orders for
 * pickup at the nearest point and pays (the leader's commission is booked frozen).
 */
import { clock, days } from '../core/clock.js';
import { runDueJobs } from '../core/jobs.js';
import type { DemoApi } from './client.js';
import type { SeededShop } from './shops.js';
import type { DemoShopper } from './shoppers-orders.js';

const POINTS = [
  { name: '钱江花园便利店', province: '浙江省', city: '杭州市', district: '上城区', detail: '钱江路 58 号 1 楼', hours: '每天 8:00-21:00', lat: 30.2469, lng: 120.2108 },
  { name: '西溪花园 2 幢架空层', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文二西路 西溪花园 2 幢', hours: '每天 9:00-20:00', lat: 30.2785, lng: 120.0821 },
];

export async function seedCommunity(api: DemoApi, shop: SeededShop, people: DemoShopper[]): Promise<void> {
  if (people.length < 3) return;
  const signedIn = async (p: DemoShopper) => api.shop(shop.plan.slug, (await api.shop(shop.plan.slug).post('/shop/auth/login', { phone: p.phone, password: p.password })).token as string);
  const leaders = people.slice(-2);
  const pointIds: number[] = [];
  for (const [i, p] of leaders.entries()) {
    const applied = await (await signedIn(p)).post('/shop/community/leaders/apply', { name: p.nickname.slice(0, 16), phone: p.phone, pickupPoint: POINTS[i]! });
    await shop.owner.post(`/admin/community/leaders/${applied.id}/approve`, {});
    pointIds.push(applied.id as number);
  }
  const items: Array<{ skuId: number; price: number }> = [];
  for (const listing of [...shop.listings.values()].slice(0, 3)) {
    const detail = (await shop.owner.get(`/admin/products/${listing.id}`)) as { skus: Array<{ id: number; price: number; floor: number; stock: number }> };
    const sku = detail.skus.find((s) => s.stock > 0);
    if (sku) items.push({ skuId: sku.id, price: Math.min(sku.price, Math.max(sku.floor, Math.round((sku.price * 0.9) / 10) * 10)) });
  }
  if (!items.length) return;
  const now = clock.nowMs();
  const activity = await shop.owner.post('/admin/community/activities', {
    name: '周末社区团购',
    startsAt: new Date(now - days(1)).toISOString(),
    cutoffAt: new Date(now + days(2)).toISOString(),
    deliverAt: new Date(now + days(3)).toISOString(),
    items,
  });
  const buyer = await signedIn(people[1]!);
  const order = await buyer.post(`/shop/community/activities/${activity.id}/orders`, { items: [{ skuId: items[0]!.skuId, quantity: 2 }], pickupPointId: pointIds[0] });
  const pay = await buyer.post(`/shop/orders/${order.id}/pay`, { method: 'sandbox' });
  await api.platform().post(`/payments/sandbox/${pay.paymentId}/confirm`);
  await runDueJobs();
}
