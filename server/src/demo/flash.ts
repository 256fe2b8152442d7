/**
 * The demo's flash sales: in each demo shop a session running now (a week long, so a newcomer's
 * first days find it open) and one starting tomorrow at 10:00 Beijing time, two goods each at
 * about 60% of the shop's price (never below its cost), a few dozen units, two per shopper.
 */
import { clock, days, hours } from '../core/clock.js';
import { costCovered, type SeededShop, type ShopListing } from './shops.js';

const BEIJING_OFFSET = hours(8);

/** Tomorrow at `hour`:00 in Beijing, as an instant. */
function tomorrowAt(hour: number): Date {
  const local = new Date(clock.nowMs() + BEIJING_OFFSET + days(1));
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), hour) - BEIJING_OFFSET);
}

/** About 60% of the price, never below what the shop pays for it. */
async function itemsOf(shop: SeededShop, listings: ShopListing[]) {
  const items = [];
  for (const l of listings) {
    const sku = l.skus[0]!;
    const price = Math.max(await costCovered(shop, l.id, sku.id), Math.round((sku.price * 0.6) / 10) * 10);
    if (price < sku.price) items.push({ skuId: sku.id, price, stock: 30, perShopperLimit: 2 });
  }
  return items;
}

export async function seedFlashSales(shop: SeededShop): Promise<void> {
  const listings = [...shop.listings.values()].filter((l) => l.skus.length);
  if (listings.length < 4) return;
  const now = clock.nowMs();
  await shop.owner.post('/admin/marketing/flash-sales', { name: '限时秒杀 · 本周好价', startsAt: new Date(now - hours(1)).toISOString(), endsAt: new Date(now + days(7)).toISOString(), items: await itemsOf(shop, listings.slice(0, 2)) });
  const start = tomorrowAt(10);
  await shop.owner.post('/admin/marketing/flash-sales', { name: '明日 10 点场', startsAt: start.toISOString(), endsAt: new Date(start.getTime() + hours(2)).toISOString(), items: await itemsOf(shop, listings.slice(2, 4)) });
}
