/**
 * The demo's coupon centre: each shop runs a 新人券 given at sign-up, a 9折 coupon on its first
 * store category, a free-shipping coupon, a 满199减30 that does not stack with 满减, and a
 * share-link-only coupon for old friends. The shop's shoppers have claimed some; the first used
 * its 新人券 on a paid order, so the console's figures show claims, use, GMV and discount.
 */
import { clock, days } from '../core/clock.js';
import type { DemoApi, Json } from './client.js';
import type { SeededShop } from './shops.js';
import type { DemoShopper } from './shoppers-orders.js';

export async function seedCoupons(api: DemoApi, shop: SeededShop, people: DemoShopper[]): Promise<number> {
  const now = clock.nowMs();
  const window = { startsAt: new Date(now - days(1)).toISOString(), endsAt: new Date(now + days(60)).toISOString() };
  const [firstCategoryName, firstCategory] = [...shop.storeCategories][0] ?? [];
  const make = async (body: Record<string, unknown>) => (await shop.owner.post('/admin/marketing/coupons', { ...window, ...body })).id as number;
  const welcome = await make({ name: '新人券', kind: 'amount', value: 1000, threshold: 9900, total: 10_000, perShopper: 1, validDays: 7, issueOnSignup: true, description: '新用户专享，注册即送' });
  const category = firstCategory ? await make({ name: `${firstCategoryName}9折券`, kind: 'percent_off', value: 10, total: 500, perShopper: 2, categoryIds: [firstCategory], description: `限${firstCategoryName}类商品使用` }) : null;
  const shipping = await make({ name: '包邮券', kind: 'free_shipping', value: 0, threshold: 5900, total: 1000, perShopper: 3, description: '满59元免运费' });
  await make({ name: '满199减30', kind: 'amount', value: 3000, threshold: 19900, total: 200, perShopper: 1, stacksWithFullReduction: false, description: '不与满减同享' });
  await make({ name: '老友专享券', kind: 'amount', value: 2000, threshold: 15000, total: 100, perShopper: 1, inCentre: false, description: '分享链接领取' });

  let used = 0;
  for (const [i, p] of people.entries()) {
    const { token } = await api.shop(shop.plan.slug).post('/shop/auth/login', { phone: p.phone, password: p.password });
    const me = api.shop(shop.plan.slug, token as string);
    const held: Json = await me.post(`/shop/coupons/${welcome}/claim`, {});
    await me.post(`/shop/coupons/${shipping}/claim`, {});
    if (category && i % 2 === 1) await me.post(`/shop/coupons/${category}/claim`, {});
    if (i !== 0) continue;
    // the first shopper spends ¥99 or more and uses the 新人券
    const sku = [...shop.listings.values()].flatMap((l) => l.skus).sort((a, b) => b.price - a.price)[0];
    const addressId = ((await me.get('/shop/addresses')).items as Json[])[0]?.id as number | undefined;
    if (!sku || !addressId) continue;
    const order = await me.post('/shop/orders', { items: [{ skuId: sku.id, quantity: Math.max(1, Math.ceil(9900 / sku.price)) }], addressId, couponId: held.id });
    const pay = await me.post(`/shop/orders/${order.id}/pay`, { method: 'sandbox' });
    await api.platform().post(`/payments/sandbox/${pay.paymentId}/confirm`);
    used++;
  }
  return used;
}
