/**
 * The demo's 分销: each shop runs a two-level programme (10% and 5%, by application). The first
 * demo shopper applied and was approved; the others signed up under their invite code (the second
 * one also became a distributor, with the third in its team), and the second shopper's paid order
 * earned the first one a frozen commission, so the console's distributors, team, commissions and
 * ranking, and the shopper's distributor centre, show something on a first start. Two levels:
 * 普通分销商 (the entry level) and 金牌分销商 (15% and 8%, from one direct invitee): the first
 * shopper is upgraded to 金牌 when the second binds under them.
 */
import type { DemoApi, Json } from './client.js';
import type { SeededShop } from './shops.js';
import type { DemoShopper } from './shoppers-orders.js';

export const DEMO_DISTRIBUTION = { enabled: true, depth: 2, rates: [1000, 500], becomeBy: 'apply', selfPurchase: false, lockDays: 30, minWithdrawal: 1000, withdrawalFeeBps: 0 };

export const DEMO_LEVELS = [
  { name: '普通分销商', rank: 1 },
  { name: '金牌分销商', rank: 2, rates: [1500, 800], conditions: { directDownlines: 1, teamSales: 500000 }, match: 'any' },
];

export async function seedDistribution(api: DemoApi, shop: SeededShop, people: DemoShopper[]): Promise<number> {
  await shop.owner.put('/admin/distribution/settings', DEMO_DISTRIBUTION);
  for (const level of DEMO_LEVELS) await shop.owner.post('/admin/distribution/levels', level);
  if (people.length < 2) return 0;
  const signIn = async (p: DemoShopper) => api.shop(shop.plan.slug, (await api.shop(shop.plan.slug).post('/shop/auth/login', { phone: p.phone, password: p.password })).token as string);
  const [first, second, third] = await Promise.all(people.slice(0, 3).map(signIn));
  const ids = await Promise.all([first, second, third].map(async (me) => (me ? ((await me.get('/shop/me')).id as number) : null)));
  await first!.post('/shop/distribution/apply');
  await shop.owner.post(`/admin/distribution/distributors/${ids[0]}/approve`);
  const code = (await first!.get('/shop/distribution/me')).inviteCode as string;
  await second!.post('/shop/distribution/bind', { inviteCode: code });
  await second!.post('/shop/distribution/apply');
  await shop.owner.post(`/admin/distribution/distributors/${ids[1]}/approve`);
  if (third) await third.post('/shop/distribution/bind', { inviteCode: (await second!.get('/shop/distribution/me')).inviteCode as string });
  // the second shopper buys: the first earns level 1
  const sku = [...shop.listings.values()].flatMap((l) => l.skus).sort((a, b) => b.price - a.price)[0];
  const addressId = ((await second!.get('/shop/addresses')).items as Json[])[0]?.id as number | undefined;
  if (!sku || !addressId) return 0;
  const order = await second!.post('/shop/orders', { items: [{ skuId: sku.id, quantity: 1 }], addressId });
  const pay = await second!.post(`/shop/orders/${order.id}/pay`, { method: 'sandbox' });
  await api.platform().post(`/payments/sandbox/${pay.paymentId}/confirm`);
  return 1;
}
