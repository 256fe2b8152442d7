/**
 * The demo's points and levels (modules/membership): each shop runs three levels (普通会员 from the
 * first yuan, 银卡会员 at 500 growth with 5% off, 金卡会员 at 2000 with 10% off and free shipping),
 * saved before the trade so the demo shoppers earn points from their completed orders, and each
 * shopper has checked in today. The cheapest SKU of each shop's first two listings is offered in the
 * points mall for points plus a cash part that covers its cost.
 */
import type { DemoApi } from './client.js';
import type { DemoShopper } from './shoppers-orders.js';
import { costCovered, type SeededShop } from './shops.js';

export const DEMO_MEMBERSHIP = {
  pointsPerYuan: 1,
  pointValueFen: 1,
  maxPointsPercent: 30,
  checkinPoints: 5,
  reviewPoints: 20,
  growthPerYuan: 1,
  levels: [
    { name: '普通会员', growth: 0, discountPercent: 0, freeShipping: false },
    { name: '银卡会员', growth: 500, discountPercent: 5, freeShipping: false },
    { name: '金卡会员', growth: 2000, discountPercent: 10, freeShipping: true },
  ],
};

export async function seedMembership(api: DemoApi, shops: SeededShop[], people: Map<string, DemoShopper[]>): Promise<void> {
  for (const shop of shops) {
    await shop.owner.put('/admin/membership/settings', DEMO_MEMBERSHIP);
    for (const listing of [...shop.listings.values()].slice(0, 2)) {
      const sku = [...listing.skus].sort((a, b) => a.price - b.price)[0];
      if (!sku) continue;
      // the cash part covers what the shop pays for it
      const cash = await costCovered(shop, listing.id, sku.id);
      if (cash < sku.price) await shop.owner.post('/admin/membership/mall', { skuId: sku.id, points: Math.max(100, Math.round((sku.price - cash) / 100) * 100), cash });
    }
    for (const p of people.get(shop.plan.slug) ?? []) {
      const { token } = await api.shop(shop.plan.slug).post('/shop/auth/login', { phone: p.phone, password: p.password });
      await api.shop(shop.plan.slug, token as string).post('/shop/me/checkin');
    }
  }
}
