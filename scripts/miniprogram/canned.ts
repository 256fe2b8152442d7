/**
 * A shop answered from canned replies of realistic size (no network, no database), for the
 * mini-program benchmark and its screenshots: `cannedWx()` is a `wx` API whose wx.request answers
 * from the fixtures below on the next turn of the event loop, and whose wx.connectSocket is a
 * socket.io server that knows `chat:open` (the customer-service page).
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
/** A fixed reply, or one made from the request's query (`status=paid`) and method. */
type Reply = unknown | ((query: URLSearchParams, method: string) => unknown);

export interface CannedWx {
  api: Record<string, unknown>;
  /** Until no canned answer is pending for a few turns of the event loop (answers chain into requests). */
  settled(): Promise<void>;
  reset(): void;
  /** The default home is what a shop without a published home page gets: its request answers 404. */
  withoutHome: boolean;
  /** Titles the pages set (the screenshots draw them in a navigation bar). */
  titles: string[];
  /** Requests since the last reset that no fixture answers (the benchmark refuses to time them). */
  failed: string[];
}

/** `image(i)` names a picture: web addresses for the benchmark, inline pictures for screenshots. */
export function cannedWx(image: (i: number) => string = (i) => `https://cdn.example.com/p/${i}.webp`): CannedWx {
  const titles = ['春季新款 纯棉宽松长袖衬衫 男女同款', '水洗牛仔直筒裤 高腰显瘦', '法式碎花连衣裙 收腰长裙', '加绒连帽卫衣 情侣款', '帆布鞋 经典低帮', '羊毛混纺围巾 格纹'];
  const card = (i: number) => ({ id: i, title: `${titles[i % titles.length]} ${i}`, price: 5900 + ((i * 1370) % 20000), image: image(i), salesCount: 100 + i * 7, skus: [] });
  const skus = ['白', '蓝', '黑', '卡其'].flatMap((color, c) =>
    ['S', 'M', 'L'].map((size, s) => ({ id: 1000 + c * 3 + s, specs: { 颜色: color, 尺码: size }, price: 9900 + c * 500, stock: (c + s) % 4 === 0 ? 0 : 20 })),
  );
  const signedIn = trade(image);
  const fixtures: Array<[RegExp, Reply]> = [
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
    ...signedIn.fixtures,
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
    failed: [],
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
      canned.failed.length = 0;
    },
  };
  const api: Record<string, unknown> = {
    getExtConfigSync: () => ({ ext: cannedConfig }),
    request(o: Opts) {
      const [p = '', q = ''] = String(o.url).slice(cannedConfig.apiBase.length).split('?');
      const found = canned.withoutHome && p === '/shop/pages/home' ? undefined : fixtures.find(([re]) => re.test(p));
      if (!found && !canned.withoutHome) canned.failed.push(`${o.method ?? 'GET'} ${p}`);
      const reply = found && (typeof found[1] === 'function' ? found[1](new URLSearchParams(q), String(o.method ?? 'GET')) : found[1]);
      inFlight++;
      setImmediate(() => {
        inFlight--;
        ok(o, found ? { statusCode: 200, data: structuredClone(reply) } : { statusCode: 404, data: { error: { code: 'not_found', message: 'Not found' } } });
      });
      return { abort() {} };
    },
    login: (o: Opts) => setImmediate(() => ok(o, { code: 'canned' })),
    getStorageSync: (k: string) => storage.get(k) ?? '',
    setStorageSync: (k: string, v: unknown) => void storage.set(k, v),
    removeStorageSync: (k: string) => void storage.delete(k),
    connectSocket: () => signedIn.socket(() => inFlight++, () => inFlight--),
    setNavigationBarTitle: (o: Opts) => {
      canned.titles.push(String(o.title));
      ok(o, {});
    },
  };
  for (const name of ['pageScrollTo', 'setClipboardData', 'removeTabBarBadge', 'showToast', 'stopPullDownRefresh', 'setTabBarStyle', 'setTabBarItem']) api[name] = (o: Opts = {}) => ok(o, {});
  canned.api = api;
  return canned;
}

/**
 * What a signed-in shopper sees: profile and balance, orders by status, one shipped order with its
 * parcel's tracking, a quote for checkout, the address book, an after-sales case, and a customer
 * service thread (its conversation opened over the canned socket).
 */
function trade(image: (i: number) => string) {
  const goods = [
    ['春季新款 纯棉宽松长袖衬衫 男女同款', { 颜色: '白', 尺码: 'M' }, 12900],
    ['水洗牛仔直筒裤 高腰显瘦', { 颜色: '蓝', 尺码: 'L' }, 15900],
    ['羊毛混纺围巾 格纹', { 颜色: '卡其' }, 8900],
  ] as const;
  const counts: Record<string, number> = { pending_payment: 1, paid: 2, shipped: 1, received: 0 };
  const statuses = ['shipped', 'paid', 'pending_payment', 'paid', 'received', 'completed', 'completed', 'cancelled', 'completed', 'refunded'];
  const address = (id: number, name: string, phone: string, [province, city, district]: string[], detail: string, regionCode: string) => ({ id, isDefault: id === 1, name, phone, regionCode, province: province!, city: city!, district: district!, detail });
  const addresses = [
    address(1, '林小风', '13800138000', ['上海市', '上海市', '浦东新区'], '世纪大道 1 号 20 楼', '310115'),
    address(2, '林小风', '13800138000', ['浙江省', '杭州市', '西湖区'], '文三路 90 号 3 幢 501 室', '330106'),
    address(3, '陈一', '13912345678', ['北京市', '北京市', '朝阳区'], '建国路 88 号 SOHO 现代城 A 座', '110105'),
  ];
  const items = goods.map(([title, specs, unitPrice], i) => ({ id: i + 1, title, image: image(i), specs, unitPrice, quantity: i === 0 ? 2 : 1, refundedQuantity: 0, shippedQuantity: i === 0 ? 2 : 1, refundingQuantity: i === 2 ? 1 : 0 }));
  const goodsAmount = items.reduce((n, l) => n + l.unitPrice * l.quantity, 0);
  const order = {
    id: 1, orderNo: 'SO202612060001', status: 'shipped', delivery: 'express', createdAt: '2026-12-04T02:36:00.000Z', paidAt: '2026-12-04T02:37:12.000Z',
    goodsAmount, freightAmount: 0, discountAmount: 2000, payAmount: goodsAmount - 2000, refundedAmount: 0, remark: '请用纸箱包装',
    address: addresses[0], items, fulfillments: [{ id: 1, status: 'shipped', shipments: [{ id: 1, carrier: 'shunfeng', trackingNo: 'SF1234567890' }] }],
  };
  const events = ['已签收前派送中，快递员 王师傅 138****1234', '到达【上海浦东世纪大道营业点】', '离开【上海转运中心】发往【上海浦东世纪大道营业点】', '到达【上海转运中心】', '离开【杭州转运中心】发往【上海转运中心】', '顺丰速运 已收取快件'];
  const tracking = { items: [{ shipmentId: 1, carrierName: '顺丰速运', trackingNo: 'SF1234567890', state: 'in_transit', events: events.map((description, k) => ({ time: new Date(Date.UTC(2026, 11, 5, 9 - k)).toISOString(), description })) }] };
  const quote = {
    lines: items.map((l) => ({ skuId: 1000 + l.id, title: l.title, image: l.image, specs: l.specs, unitPrice: l.unitPrice, quantity: l.quantity, subtotal: l.unitPrice * l.quantity })),
    goodsAmount, freightAmount: 0, savings: 2000, payAmount: goodsAmount - 2000, addressNeeded: false,
  };
  const aftersale = { id: 1, orderId: 1, type: 'refund_only', status: 'pending', refunds: [], arbitration: null, escalatedAt: null, reshippedAt: null, items: [{ orderItemId: 3 }], amount: 8900, createdAt: '2026-12-05T08:00:00.000Z' };
  const conversation = { id: 1, status: 'active', leftMessage: false, position: null, agent: { id: 7, name: '小风客服' }, lastSeq: 12 };
  // the shopper asks (even seq), the agent answers
  const said = ['你好，衬衫是纯棉的吗？', '您好，是 100% 纯棉的哦，亲肤透气。', '我身高 175，体重 65 公斤，穿什么码？', '建议 M 码，喜欢宽松可以选 L。', '白色 M 码还有货吗？', '有的，今天下单明天发货。', '可以用纸箱包装吗？', '可以的，下单时备注一下就好～', '好的，谢谢', '不客气，有问题随时找我们。'];
  const messages = Array.from({ length: 12 }, (_, k) => ({
    id: k + 1, conversationId: 1, seq: k + 1, sender: k === 0 ? { kind: 'system', id: null } : k === 1 || k % 2 === 0 ? { kind: 'shopper', id: 1 } : { kind: 'agent', id: 7 },
    type: k === 1 ? 'card' : 'text', text: k === 0 ? '客服 小风客服 为您服务' : k === 1 ? null : said[k - 2]!, url: null,
    card: k === 1 ? { type: 'product', id: 1, title: goods[0][0], image: image(0), price: goods[0][2] } : null, auto: false, createdAt: new Date(Date.UTC(2026, 11, 6, 2, k)).toISOString(),
  }));
  const row = (i: number) => {
    const lines = items.slice(0, 1 + (i % 3));
    return { id: i + 1, orderNo: `SO2026120600${String(i + 1).padStart(2, '0')}`, status: statuses[i % statuses.length], payAmount: lines.reduce((n, l) => n + l.unitPrice * l.quantity, 0), items: lines.map(({ id, title, image, quantity }) => ({ id, title, image, quantity })) };
  };
  const fixtures: Array<[RegExp, Reply]> = [
    [/^\/shop\/me$/, { id: 1, phone: '13800138000', nickname: '林小风', avatarUrl: null }],
    [/^\/shop\/balance$/, { balance: 12800 }],
    [/^\/shop\/payment-methods$/, { methods: [{ method: 'wechat', scenes: ['jsapi'] }, { method: 'balance', scenes: [] }], balance: 12800, sandbox: false }],
    [/^\/shop\/addresses$/, { items: addresses }],
    [/^\/shop\/orders\/quote$/, quote],
    [/^\/shop\/orders\/\d+\/tracking$/, tracking],
    [/^\/shop\/orders\/\d+\/aftersales\/quote$/, { amount: 8900 }],
    [/^\/shop\/orders\/\d+$/, order],
    [
      /^\/shop\/orders$/,
      (q: URLSearchParams) => {
        const status = q.get('status');
        const all = Array.from({ length: 10 }, (_, i) => row(i));
        const listed = status ? all.filter((o) => o.status === status) : all;
        return { items: listed.slice(0, Number(q.get('pageSize') || 10)), total: status ? (counts[status] ?? 0) : 23, page: 1, pageSize: Number(q.get('pageSize') || 10) };
      },
    ],
    [/^\/shop\/aftersales$/, { items: [aftersale], total: 1, page: 1, pageSize: 100 }],
    [/^\/shop\/conversations\/\d+\/messages$/, { items: messages }],
  ];

  /**
   * wx.connectSocket as a socket.io v4 server over Engine.IO: the open packet, the namespace
   * connect, and `chat:open` acknowledged with the conversation. Each answer is pending until sent.
   */
  function socket(begin: () => void, end: () => void) {
    const heard: Record<string, Array<(res: any) => void>> = { message: [], close: [] };
    let open = true;
    const say = (data: string) => {
      begin();
      setImmediate(() => {
        end();
        if (open) for (const cb of heard.message!) cb({ data });
      });
    };
    say(`0${JSON.stringify({ sid: 'canned', upgrades: [], pingInterval: 25000, pingTimeout: 20000, maxPayload: 1e6 })}`);
    return {
      onOpen() {},
      onError() {},
      onMessage: (cb: (res: any) => void) => void heard.message!.push(cb),
      onClose: (cb: (res: any) => void) => void heard.close!.push(cb),
      send({ data }: { data: string }) {
        if (data.startsWith('40')) say('40{"sid":"canned-ns"}');
        const ask = /^42(\d+)\["chat:open"/.exec(data);
        if (ask) say(`43${ask[1]}${JSON.stringify([{ ok: true, data: conversation }])}`);
      },
      close() {
        open = false;
      },
    };
  }
  return { fixtures, socket };
}
