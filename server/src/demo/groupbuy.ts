/**
 * The demo's group buy (modules/groupbuy), run as shoppers would: each shop puts its first
 * product on a two-person group buy at about 80% of its price (never below what the shop pays
 * for it); one shopper opens a group and pays (it is forming, waiting for a partner, with its
 * clock running), and two more open and complete another (it succeeded and its orders went to
 * fulfilment).
 */
import { clock, days, hours } from '../core/clock.js';
import { runDueJobs } from '../core/jobs.js';
import type { DemoApi, Caller } from './client.js';
import type { SeededShop } from './shops.js';
import type { DemoShopper } from './shoppers-orders.js';

async function signedIn(api: DemoApi, slug: string, p: DemoShopper): Promise<{ caller: Caller; addressId: number }> {
  const { token } = await api.shop(slug).post('/shop/auth/login', { phone: p.phone, password: p.password });
  const caller = api.shop(slug, token as string);
  const addresses = (await caller.get('/shop/addresses')) as { items?: Array<{ id: number }> } | Array<{ id: number }>;
  const list = Array.isArray(addresses) ? addresses : (addresses.items ?? []);
  const addressId = list[0]?.id ?? (await caller.post('/shop/addresses', { name: p.nickname.slice(0, 8), phone: p.phone, province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 90 号', isDefault: true })).id;
  return { caller, addressId };
}

async function paid(api: DemoApi, who: Caller, orderId: number): Promise<void> {
  const pay = await who.post(`/shop/orders/${orderId}/pay`, { method: 'sandbox' });
  await api.platform().post(`/payments/sandbox/${pay.paymentId}/confirm`);
  // the payment is heard by the group after it committed (an event): deliver it now
  await runDueJobs();
}

/**
 * Joins once the group has heard its leader's payment: the event is delivered by the jobs, which a
 * busy start may leave for a later pass (a retry after a lock timeout).
 */
async function opened<T>(join: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await join();
    } catch (err) {
      if (attempt >= 20 || !String((err as Error).message).includes('group_not_open')) throw err;
      await new Promise((resolve) => setTimeout(resolve, 250));
      await runDueJobs();
    }
  }
}

export async function seedGroupBuys(api: DemoApi, shop: SeededShop, people: DemoShopper[]): Promise<void> {
  const listing = [...shop.listings.values()][0];
  if (!listing || people.length < 3) return;
  const detail = (await shop.owner.get(`/admin/products/${listing.id}`)) as { skus: Array<{ id: number; price: number; floor: number; stock: number }> };
  const prices = detail.skus.flatMap((s) => {
    const price = Math.max(s.floor, Math.round((s.price * 0.8) / 10) * 10);
    return price < s.price && s.stock > 0 ? [{ skuId: s.id, price }] : [];
  });
  if (!prices.length) return;
  const now = clock.nowMs();
  const { id } = await shop.owner.post('/admin/marketing/group-buys', {
    name: `${listing.title.slice(0, 20)} 2人团`,
    productId: listing.id,
    groupSize: 2,
    hours: 24,
    autoFill: false,
    startsAt: new Date(now - hours(1)).toISOString(),
    endsAt: new Date(now + days(14)).toISOString(),
    prices,
  });
  const skuId = prices[0]!.skuId;
  const [waiting, leader, partner] = await Promise.all(people.slice(0, 3).map((p) => signedIn(api, shop.plan.slug, p)));
  // a succeeded group: its leader and a partner both paid
  const done = await leader!.caller.post(`/shop/group-buys/${id}/groups`, { skuId, addressId: leader!.addressId });
  await paid(api, leader!.caller, done.order.id);
  const joined = await opened(() => partner!.caller.post(`/shop/groups/${done.group.id}/join`, { skuId, addressId: partner!.addressId }));
  await paid(api, partner!.caller, joined.order.id);
  // a forming group: its leader paid, a seat is free for whoever follows the share link
  const forming = await waiting!.caller.post(`/shop/group-buys/${id}/groups`, { skuId, addressId: waiting!.addressId });
  await paid(api, waiting!.caller, forming.order.id);
}
