/**
 * The demo shops' trade over the last two weeks, played forward on the platform's clock: shoppers
 * with addresses place orders that end in every state (waiting for payment, paid and waiting to
 * ship, shipped with a tracking trail, received, completed and settled, cancelled, refunded),
 * review what they received (the shop answers some), and one case per shop is still open in
 * after-sales. Every step goes through the same routes a person's click would, at the moment it
 * would have happened (the clock is set for each step), so the orders' times spread over the
 * fortnight and the ledger is the ledger those steps book.
 */
import { clock, days, hours, minutes } from '../core/clock.js';
import type { Caller, DemoApi, Json } from './client.js';
import type { SeededShop, ShopListing } from './shops.js';
import type { SeededSupplier, SupplierSpec } from './suppliers.js';

export type Fate = 'pending_payment' | 'paid' | 'shipped' | 'received' | 'completed' | 'cancelled' | 'refunded';

export interface DemoShopper {
  phone: string;
  password: string;
  nickname: string;
}

const ADDRESSES = [
  { province: '上海市', city: '上海市', district: '浦东新区', detail: '张杨路 500 号 时代广场 12 楼' },
  { province: '北京市', city: '北京市', district: '朝阳区', detail: '建国路 88 号 SOHO 现代城 3 号楼 1802' },
  { province: '广东省', city: '深圳市', district: '南山区', detail: '科技园南区 深南大道 9996 号' },
  { province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 478 号 华星时代广场 A 座' },
  { province: '四川省', city: '成都市', district: '武侯区', detail: '天府大道北段 1700 号 环球中心' },
  { province: '江苏省', city: '南京市', district: '鼓楼区', detail: '中山路 321 号 现代大厦 6 楼' },
  { province: '湖北省', city: '武汉市', district: '洪山区', detail: '珞喻路 1037 号 华中科技大学东区' },
  { province: '福建省', city: '厦门市', district: '思明区', detail: '环岛南路 3088 号 曾厝垵' },
];

const REVIEWS: Record<'tea' | 'ceramics' | 'snacks' | 'own', string[]> = {
  tea: ['香气很足，冲了七八泡还有回甘，会回购的。', '包装很用心，小罐装方便带去办公室，口感醇厚。', '第二次买了，品质稳定，家里老人很喜欢。', '汤色漂亮，茶香清雅，性价比很高。', '送朋友的，朋友说比在茶叶店买的还好。'],
  ceramics: ['做工精细，釉色温润，拿在手里很舒服。', '包装防震做得很好，一点没磕碰，颜值很高。', '手绘的纹样很灵动，每只都不一样，喜欢。', '出汤很利落，不烫手，泡茶很顺手。'],
  snacks: ['酸甜适中，一点都不腻，孩子抢着吃。', '独立小包装很方便，带去公司当下午茶。', '很新鲜，口感酥脆，配茶刚刚好。', '分量足，味道正宗，物流也快。'],
  own: ['果子很新鲜，汁水多，甜度刚好。', '当天就送到了，包装很用心，没有坏果。'],
};
const REPLIES = ['感谢您的支持与认可！我们会继续把好品质，期待您再次光临～', '谢谢亲的好评！新茶上市会第一时间通知您，祝您生活愉快。', '您的满意是我们最大的动力，欢迎常来逛逛！'];
const CARRIERS = [
  { code: 'shunfeng', no: (n: number) => `SF${String(1_460_000_000_000 + n * 7919).slice(0, 13)}` },
  { code: 'yuantong', no: (n: number) => `YT${String(8_810_000_000_000 + n * 104_729).slice(0, 13)}` },
  { code: 'zhongtong', no: (n: number) => `7${String(73_100_000_000_000 + n * 1_299_709).slice(0, 14)}` },
];

/** A small deterministic generator: the same demo every time. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface OrderPlan {
  fate: Fate;
  /** When it was placed. */
  at: number;
  shopper: number;
  lines: Array<{ key: string; sku: number; quantity: number }>;
  reviews: boolean;
  /** An after-sales case left open for the owner to decide (a received order). */
  openCase?: string;
}

/** How many orders of each fate a shop has, and over which span of days they were placed. */
const MIX: Array<{ fate: Fate; count: [acme: number, fresh: number]; daysAgo: [number, number]; reviews?: boolean }> = [
  { fate: 'completed', count: [8, 4], daysAgo: [10.4, 13.8], reviews: true },
  { fate: 'received', count: [5, 3], daysAgo: [3.2, 8.6], reviews: true },
  { fate: 'refunded', count: [2, 1], daysAgo: [4.3, 9.4] },
  { fate: 'cancelled', count: [2, 1], daysAgo: [1.5, 7.2] },
  { fate: 'shipped', count: [4, 2], daysAgo: [1.1, 3.0] },
  { fate: 'paid', count: [4, 3], daysAgo: [-1, -1] },
  { fate: 'pending_payment', count: [2, 1], daysAgo: [-2, -2] },
];

/** Today in the shops' time zone (China, UTC+8) began at this instant. */
function startOfTodayInChina(now: number): number {
  const shifted = now + hours(8);
  return shifted - (shifted % days(1)) - hours(8);
}

function planOrders(shop: SeededShop, shoppers: number, now: number): OrderPlan[] {
  const rnd = random(shop.plan.slug === 'acme' ? 2026 : 1206);
  const keys = [...shop.listings.keys()];
  const index = shop.plan.slug === 'acme' ? 0 : 1;
  const today = startOfTodayInChina(now);
  const todaySpan = Math.max(Math.min(hours(6), now - today - minutes(20)), minutes(30));
  const plans: OrderPlan[] = [];
  for (const mix of MIX) {
    const count = mix.count[index];
    for (let i = 0; i < count; i++) {
      const at =
        mix.daysAgo[0] === -2 ? now - minutes(4 + i * 9) // waiting for payment: placed minutes ago, before the unpaid timeout
        : mix.daysAgo[0] === -1 ? now - minutes(25) - Math.round((todaySpan * (i + 0.5)) / count) // paid today, before the shop's figures are read
        : now - Math.round(days(mix.daysAgo[0] + ((mix.daysAgo[1] - mix.daysAgo[0]) * (i + rnd() * 0.6)) / count));
      const lineCount = mix.fate === 'refunded' ? 1 : 1 + Math.floor(rnd() * (rnd() < 0.5 ? 1 : 3));
      const lines = new Map<string, { key: string; sku: number; quantity: number }>();
      while (lines.size < lineCount) {
        const key = keys[Math.floor(rnd() * keys.length)]!;
        const listing = shop.listings.get(key)!;
        lines.set(key, { key, sku: Math.floor(rnd() * listing.skus.length), quantity: 1 + Math.floor(rnd() * rnd() * 3) });
      }
      plans.push({ fate: mix.fate, at, shopper: (plans.length * 3 + i) % shoppers, lines: [...lines.values()], reviews: !!mix.reviews && rnd() < 0.85 });
    }
  }
  // one case per shop waits for its decider: acme's on supplier goods, fresh's on its own fruit when it sold some
  const received = plans.filter((p) => p.fate === 'received');
  const own = received.find((p) => p.lines.some((l) => l.key === 'qicheng' || l.key === 'guohe'));
  const target = own ?? received[0];
  if (target) {
    target.openCase = own ? '收到时有两个果子磕坏了，申请退货退款' : '收到后发现包装破损，茶叶受潮结块，申请退货退款';
    target.reviews = false;
  }
  if (index === 1 && received[1] && !own) {
    received[1].lines = [{ key: 'qicheng', sku: 0, quantity: 1 }];
    received[1].openCase = '收到时有两个果子磕坏了，申请退货退款';
    received[1].reviews = false;
  }
  return plans;
}

interface Step {
  at: number;
  order: number;
  run: () => Promise<void>;
}

export interface TradeContext {
  api: DemoApi;
  suppliers: Map<SupplierSpec['key'], SeededSupplier>;
  supplierOf: (key: string) => SupplierSpec['key'] | 'own';
}

export interface TradeSummary {
  orders: number;
  byFate: Record<string, number>;
  reviews: number;
  replies: number;
}

/** Signs the shop's shoppers in and gives each an address. */
async function shoppersOf(api: DemoApi, shop: SeededShop, people: DemoShopper[]): Promise<Array<{ caller: Caller; addressId: number }>> {
  return Promise.all(
    people.map(async (p, i) => {
      const { token } = await api.shop(shop.plan.slug).post('/shop/auth/login', { phone: p.phone, password: p.password });
      const caller = api.shop(shop.plan.slug, token as string);
      const where = ADDRESSES[(i + (shop.plan.slug === 'acme' ? 0 : 3)) % ADDRESSES.length]!;
      const address = await caller.post('/shop/addresses', { name: p.nickname.replace(/\s.*/, '').slice(0, 8), phone: p.phone, ...where, isDefault: true });
      return { caller, addressId: address.id as number };
    }),
  );
}

/** Plays a shop's fortnight of trade forward in time; returns what it made. */
export async function seedTrade(ctx: TradeContext, shops: SeededShop[], shoppers: Map<string, DemoShopper[]>): Promise<TradeSummary> {
  const now = clock.nowMs();
  const steps: Step[] = [];
  const summary: TradeSummary = { orders: 0, byFate: {}, reviews: 0, replies: 0 };
  let parcel = 0;
  let replyCount = 0;
  for (const shop of shops) {
    const people = await shoppersOf(ctx.api, shop, shoppers.get(shop.plan.slug) ?? []);
    for (const plan of planOrders(shop, people.length, now)) {
      const who = people[plan.shopper]!;
      const state: { order?: Json; caseId?: number; replies: number[] } = { replies: [] };
      const order = summary.orders++;
      summary.byFate[plan.fate] = (summary.byFate[plan.fate] ?? 0) + 1;
      const add = (offset: number, run: () => Promise<void>) => steps.push({ at: Math.min(plan.at + offset, now - 1000), order, run });
      const listingOf = (skuId: number): ShopListing => [...shop.listings.values()].find((l) => l.skus.some((s) => s.id === skuId))!;

      add(0, async () => {
        const items = plan.lines.map((l) => ({ skuId: shop.listings.get(l.key)!.skus[l.sku]!.id, quantity: l.quantity }));
        state.order = await who.caller.post('/shop/orders', { items, addressId: who.addressId });
      });
      if (plan.fate === 'pending_payment') continue;
      if (plan.fate === 'cancelled') {
        add(minutes(12), async () => void (await who.caller.post(`/shop/orders/${state.order.id}/cancel`)));
        continue;
      }
      add(minutes(2), async () => {
        const pay = await who.caller.post(`/shop/orders/${state.order.id}/pay`, { method: 'sandbox' });
        await ctx.api.platform().post(`/payments/sandbox/${pay.paymentId}/confirm`);
      });
      if (plan.fate === 'paid') continue;
      if (plan.fate === 'refunded') {
        add(hours(3), async () => {
          const opened = await who.caller.post(`/shop/orders/${state.order.id}/aftersales`, { type: 'refund_only', reason: '拍错了规格，还没发货，申请退款' });
          state.caseId = opened.id as number;
        });
        add(hours(5), async () => {
          const owner = ctx.supplierOf(plan.lines[0]!.key);
          const decider = owner === 'own' ? shop.owner.post(`/admin/aftersales/${state.caseId}/approve`) : ctx.api.platform(ctx.suppliers.get(owner)!.token).post(`/supplier/aftersales/${state.caseId}/approve`);
          await decider;
        });
        continue;
      }
      add(hours(18), async () => {
        const detail = await who.caller.get(`/shop/orders/${state.order.id}`);
        state.order = detail;
        for (const f of detail.fulfillments as Array<{ id: number; itemIds: number[] }>) {
          const item = (detail.items as Array<{ id: number; skuId: number }>).find((i) => f.itemIds.includes(i.id))!;
          const owner = ctx.supplierOf(listingOf(item.skuId).key);
          const carrier = CARRIERS[parcel % CARRIERS.length]!;
          const body = { carrier: carrier.code, trackingNo: carrier.no(++parcel) };
          if (owner === 'own') await shop.owner.post(`/admin/fulfillments/${f.id}/ship`, body);
          else await ctx.api.platform(ctx.suppliers.get(owner)!.token).post(`/supplier/fulfillments/${f.id}/ship`, body);
        }
      });
      if (plan.fate === 'shipped') continue;
      add(hours(62), async () => void (await who.caller.post(`/shop/orders/${state.order.id}/receive`)));
      if (plan.openCase) {
        const reason = plan.openCase;
        add(hours(70), async () => {
          const item = (state.order.items as Array<{ id: number }>)[0]!;
          await who.caller.post(`/shop/orders/${state.order.id}/aftersales`, { type: 'return_refund', reason, items: [{ orderItemId: item.id, quantity: 1 }] });
        });
      }
      if (!plan.reviews) continue;
      add(hours(64), async () => {
        for (const item of state.order.items as Array<{ id: number; skuId: number }>) {
          const listing = listingOf(item.skuId);
          const kind = ctx.supplierOf(listing.key);
          const pool = REVIEWS[kind];
          const text = pool[(item.id * 7) % pool.length]!;
          const review = await who.caller.post(`/shop/products/${listing.id}/reviews`, { orderItemId: item.id, rating: item.id % 5 === 0 ? 4 : 5, content: text });
          summary.reviews++;
          if (replyCount++ % 2 === 0) state.replies.push(review.id as number);
        }
      });
      add(hours(80), async () => {
        for (const id of state.replies) {
          await shop.owner.post(`/admin/reviews/${id}/reply`, { reply: REPLIES[id % REPLIES.length] });
          summary.replies++;
        }
      });
    }
  }
  steps.sort((a, b) => a.at - b.at || a.order - b.order);
  try {
    for (const step of steps) {
      clock.freeze(new Date(step.at));
      await step.run();
    }
  } finally {
    clock.reset();
  }
  return summary;
}
