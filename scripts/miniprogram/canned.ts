/**
 * A shop answered from canned replies of realistic size (no network, no database), for the
 * mini-program benchmark and its screenshots: `cannedWx()` is a `wx` API whose wx.request answers
 * from the fixtures below on the next turn of the event loop.
 */
import type { TenantConfig } from '../../web/miniprogram/src/lib/tenant-config.js';

export const cannedConfig: TenantConfig = {
  apiBase: 'https://bench.example.com/api/v1',
  appId: 'wx0123456789abcdef',
  slug: 'bench',
  name: '轻风小铺',
  primaryColor: '#ee0a24',
  logoUrl: null,
  socketUrl: 'wss://bench.example.com',
};

type Opts = Record<string, any>;

export interface CannedWx {
  api: Record<string, unknown>;
  /** Until no canned answer is pending for a few turns of the event loop (answers chain into requests). */
  settled(): Promise<void>;
  reset(): void;
  /** The default home is what a shop without a published home page gets: its request answers 404. */
  withoutHome: boolean;
  /** Titles the pages set (the screenshots draw them in a navigation bar). */
  titles: string[];
}

/** `image(i)` names a picture: web addresses for the benchmark, inline pictures for screenshots. */
export function cannedWx(image: (i: number) => string = (i) => `https://cdn.example.com/p/${i}.webp`): CannedWx {
  const titles = ['春季新款 纯棉宽松长袖衬衫 男女同款', '水洗牛仔直筒裤 高腰显瘦', '法式碎花连衣裙 收腰长裙', '加绒连帽卫衣 情侣款', '帆布鞋 经典低帮', '羊毛混纺围巾 格纹'];
  const card = (i: number) => ({ id: i, title: `${titles[i % titles.length]} ${i}`, price: 5900 + ((i * 1370) % 20000), image: image(i), salesCount: 100 + i * 7, skus: [] });
  const skus = ['白', '蓝', '黑', '卡其'].flatMap((color, c) =>
    ['S', 'M', 'L'].map((size, s) => ({ id: 1000 + c * 3 + s, specs: { 颜色: color, 尺码: size }, price: 9900 + c * 500, stock: (c + s) % 4 === 0 ? 0 : 20 })),
  );
  const fixtures: Array<[RegExp, unknown]> = [
    [/^\/shop\/store$/, { name: cannedConfig.name, slug: 'bench', branding: { logoUrl: null, primaryColor: cannedConfig.primaryColor } }],
    [
      /^\/shop\/pages\/home$/,
      {
        id: 1,
        version: 3,
        blocks: [
          { type: 'search', props: {} },
          { type: 'banner', props: { images: [101, 102, 103].map((i) => ({ url: image(i), link: `/products/${i}` })) } },
          { type: 'notice', props: { text: '满 99 包邮，今日下单明日发货' } },
          { type: 'nav', props: { items: ['上新', '热卖', '男装', '女装', '配饰', '童装', '家居', '清仓'].map((label) => ({ icon: 'hot-o', label, link: '/products' })) } },
          { type: 'products', props: { source: 'newest', limit: 10, columns: 2, title: '新品上架' }, products: Array.from({ length: 10 }, (_, i) => card(i + 1)) },
          { type: 'richtext', props: { html: '<p>关于我们：一家认真做衣服的小店。</p>'.repeat(3) } },
          { type: 'video', props: { url: 'https://cdn.example.com/v.mp4', poster: image(104) } },
          { type: 'products', props: { source: 'best_selling', limit: 6, columns: 3, title: '热卖榜' }, products: Array.from({ length: 6 }, (_, i) => card(i + 20)) },
        ],
      },
    ],
    [
      /^\/shop\/categories$/,
      {
        items: ['上装', '下装', '连衣裙', '鞋靴', '配饰', '童装', '家居', '运动'].map((name, i) => ({
          id: i + 1,
          name,
          parentId: null,
          sort: i,
          iconUrl: null,
          children: ['新品', '热卖', '基础款', '特价'].map((child, j) => ({ id: 100 + i * 10 + j, name: child, parentId: i + 1, sort: j, iconUrl: null, children: [] })),
        })),
      },
    ],
    [/^\/shop\/search\/hot$/, { words: ['衬衫', '卫衣', '牛仔裤', '连衣裙', '帆布鞋'] }],
    [
      /^\/shop\/products\/\d+\/reviews/,
      {
        items: [1, 2, 3].map((i) => ({ id: i, productId: 1, rating: 6 - i, content: ['面料舒服，做工不错，尺码标准', '颜色和图片一样，很满意', '物流很快，包装完好'][i - 1], images: i === 1 ? [image(201), image(202)] : [], specs: { 颜色: '白', 尺码: 'M' }, author: `用户${i}**`, reply: i === 1 ? '感谢支持，欢迎再来！' : null, repliedAt: null, createdAt: '2026-12-01T00:00:00.000Z' })),
        total: 3,
        page: 1,
        pageSize: 3,
        average: 4.7,
        count: 128,
      },
    ],
    [/^\/shop\/products\/\d+$/, { ...card(1), description: '<p>100% 纯棉，亲肤透气。</p>'.repeat(3), images: [301, 302, 303, 304, 305].map(image), specDimensions: [{ name: '颜色', values: ['白', '蓝', '黑', '卡其'] }, { name: '尺码', values: ['S', 'M', 'L'] }], status: 'on_sale', skus }],
    [/^\/shop\/products/, { items: Array.from({ length: 20 }, (_, i) => card(i + 1)), total: 60, page: 1, pageSize: 20 }],
    [/^\/shop\/auth\/wechat$/, { token: 'canned-token' }],
    [
      /^\/shop\/cart$/,
      {
        items: Array.from({ length: 4 }, (_, i) => ({ id: i + 1, skuId: 1000 + i, productId: i + 1, title: card(i).title, image: image(i), specs: { 颜色: '白', 尺码: 'M' }, price: card(i).price, quantity: 1 + (i % 2), stock: 20, selected: i !== 2, available: i !== 3, subtotal: card(i).price })),
        selectedCount: 3,
        selectedAmount: card(0).price + card(1).price * 2,
      },
    ],
  ];

  let inFlight = 0;
  const storage = new Map<string, unknown>();
  const ok = (o: Opts, res: unknown) => {
    o.success?.(res);
    o.complete?.(res);
  };
  const canned: CannedWx = {
    withoutHome: false,
    titles: [],
    api: {},
    async settled() {
      for (let quiet = 0; quiet < 3; ) {
        await new Promise((r) => setImmediate(r));
        quiet = inFlight === 0 ? quiet + 1 : 0;
      }
    },
    reset() {
      storage.clear();
      canned.titles.length = 0;
    },
  };
  const api: Record<string, unknown> = {
    getExtConfigSync: () => ({ ext: cannedConfig }),
    request(o: Opts) {
      const p = String(o.url).slice(cannedConfig.apiBase.length).split('?')[0]!;
      const found = canned.withoutHome && p === '/shop/pages/home' ? undefined : fixtures.find(([re]) => re.test(p));
      inFlight++;
      setImmediate(() => {
        inFlight--;
        ok(o, found ? { statusCode: 200, data: structuredClone(found[1]) } : { statusCode: 404, data: { error: { code: 'not_found', message: 'Not found' } } });
      });
      return { abort() {} };
    },
    login: (o: Opts) => setImmediate(() => ok(o, { code: 'canned' })),
    getStorageSync: (k: string) => storage.get(k) ?? '',
    setStorageSync: (k: string, v: unknown) => void storage.set(k, v),
    removeStorageSync: (k: string) => void storage.delete(k),
    setNavigationBarTitle: (o: Opts) => {
      canned.titles.push(String(o.title));
      ok(o, {});
    },
  };
  for (const name of ['setTabBarBadge', 'removeTabBarBadge', 'showToast', 'stopPullDownRefresh', 'setTabBarStyle', 'setTabBarItem']) api[name] = (o: Opts = {}) => ok(o, {});
  canned.api = api;
  return canned;
}
