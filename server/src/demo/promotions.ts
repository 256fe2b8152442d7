/**
 * The demo's promotions (modules/promotions), set as a merchant would after the shop has traded:
 * a whole-shop 满199减30 / 满299减60 running for a month, a 限时折扣 on three SKUs ending in three
 * days (so product cards strike the price through and the product page counts down), and last
 * week's limited price, ended early.
 */
import { clock, days, hours } from '../core/clock.js';
import { costCovered, type SeededShop } from './shops.js';

const at = (ms: number) => new Date(clock.nowMs() + ms).toISOString();

export async function seedPromotions(shop: SeededShop): Promise<void> {
  await shop.owner.post('/admin/marketing/full-reductions', {
    name: '店庆满减',
    startsAt: at(-days(2)),
    endsAt: at(days(30)),
    tiers: [
      { threshold: 19900, amountOff: 3000 },
      { threshold: 29900, amountOff: 6000 },
    ],
  });
  const listings = [...shop.listings.values()].slice(0, 5);
  const skus = listings.map((l) => l.skus[0]!);
  // about 20% off, in whole yuan, never below what the shop pays for it
  const costs = await Promise.all(listings.map((l) => costCovered(shop, l.id, l.skus[0]!.id)));
  const off = (price: number, i: number) => Math.min(price, Math.max(costs[i]!, Math.floor((price * 0.8) / 100) * 100));
  await shop.owner.post('/admin/marketing/limited-prices', {
    name: '周末限时折扣',
    startsAt: at(-hours(6)),
    endsAt: at(days(3)),
    items: skus.slice(0, 3).map((s, i) => ({ skuId: s.id, price: off(s.price, i) })),
  });
  const past = await shop.owner.post('/admin/marketing/limited-prices', {
    name: '上周尝鲜价',
    startsAt: at(-hours(1)),
    endsAt: at(days(1)),
    items: skus.slice(3, 5).map((s, i) => ({ skuId: s.id, price: off(s.price, i + 3) })),
  });
  await shop.owner.post(`/admin/marketing/limited-prices/${past.id as number}/end`);
}
