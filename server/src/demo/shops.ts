/**
 * The two demo shops dressed: stocked from the market at their own prices (acme most of the tea
 * and teaware, fresh the snacks and a few teas plus its own fruit), filed under store categories,
 * branded (a drawn logo, banners), and given a published home page.
 */
import { DemoApiError, type Caller } from './client.js';
import type { SeededProduct } from './catalog.js';
import { banner, logo, productPhoto, type Shape } from './images.js';

export interface ShopSku {
  id: number;
  price: number;
  /** The spec value it sells (规格 100g). */
  value: string;
}

export interface ShopListing {
  id: number;
  key: string;
  title: string;
  skus: ShopSku[];
}

export interface ShopPlan {
  slug: 'acme' | 'fresh';
  /** The market products it sells, by key. */
  picks: string[];
  /** Its price for a SKU given the supplier's suggestion (never below supply). */
  price: (suggested: number, supply: number) => number;
  storeCategories: Array<{ name: string; from: string[] }>;
  own: Array<{ key: string; title: string; label: string; caption: string; shape: Shape; color: string; category: string; skus: Array<[string, number, number]>; points: string[] }>;
  logo: { mark: string; color: string };
  /** Each banner leads to one of the shop's products, by key. */
  banners: Array<{ title: string; subtitle: string; color: string; shape: Shape; accent?: string; product: string }>;
  notice: string;
  nav: Array<{ icon: string; label: string; category: string }>;
}

const TEA = ['dahongpao', 'tieguanyin', 'rougui', 'dancong', 'zhengshan', 'jinjunmei', 'dianhong', 'longjing', 'biluochun', 'maofeng', 'yinzhen', 'baimudan', 'shoumei', 'shupu', 'shengpu', 'xiaoqinggan'];
const TEAWARE = ['qinghuabei', 'ruyao', 'jianzhan', 'gaiwan', 'xishihu', 'tiliang', 'gongdaobei', 'gongfu', 'lvxing'];
const SNACKS = ['mangguo', 'caomei', 'huangtao', 'wuhuaguo', 'meirijianguo', 'shanhetao', 'xiaweiyi', 'guihuagao', 'lvdougao', 'fenglisu'];

/** ¥x9.90-style prices: a discount on the suggestion, kept above supply. */
const charm = (n: number) => Math.max(Math.floor(n / 100) * 100 - 10, 90);

export const SHOP_PLANS: readonly ShopPlan[] = [
  {
    slug: 'acme',
    picks: [...TEA, ...TEAWARE, 'guihuagao', 'lvdougao', 'fenglisu', 'shanhetao'],
    price: (suggested) => suggested,
    storeCategories: [
      { name: '乌龙茶', from: ['乌龙茶'] },
      { name: '红茶', from: ['红茶'] },
      { name: '绿茶', from: ['绿茶'] },
      { name: '白茶', from: ['白茶'] },
      { name: '普洱', from: ['普洱'] },
      { name: '茶具', from: ['茶杯', '茶壶', '茶具套装'] },
      { name: '茶点', from: ['果干', '坚果', '糕点'] },
    ],
    own: [],
    logo: { mark: '好', color: '#b4532a' },
    banners: [
      { title: '春茶上新 明前头采', subtitle: '西湖龙井 · 碧螺春 · 黄山毛峰 产地直发', color: '#3d6b47', shape: 'leaf', product: 'longjing' },
      { title: '岩韵醇厚 武夷正岩', subtitle: '大红袍 · 肉桂 · 正山小种 满 99 包邮', color: '#8a3b22', shape: 'tin', accent: '#e9c9a0', product: 'dahongpao' },
      { title: '器为茶之父', subtitle: '景德镇手作茶器 · 新品 8 折起', color: '#2c4f7c', shape: 'pot', accent: '#d9e6f2', product: 'gongfu' },
    ],
    notice: '全场满 99 包邮 · 新客首单立减 10 元 · 春茶预售火热进行中',
    nav: [
      { icon: 'fire-o', label: '乌龙茶', category: '乌龙茶' },
      { icon: 'gift-o', label: '红茶', category: '红茶' },
      { icon: 'flower-o', label: '绿茶', category: '绿茶' },
      { icon: 'gem-o', label: '茶具', category: '茶具' },
      { icon: 'shop-o', label: '茶点', category: '茶点' },
    ],
  },
  {
    slug: 'fresh',
    picks: [...SNACKS, 'xiaoqinggan', 'zhengshan', 'gongdaobei'],
    price: (suggested, supply) => Math.max(charm(suggested * 0.92), supply),
    storeCategories: [
      { name: '鲜果', from: ['水果'] },
      { name: '果干', from: ['果干'] },
      { name: '坚果', from: ['坚果'] },
      { name: '糕点', from: ['糕点'] },
      { name: '茶饮', from: ['乌龙茶', '红茶', '绿茶', '白茶', '普洱', '茶杯', '茶壶', '茶具套装'] },
    ],
    own: [
      { key: 'qicheng', title: '赣南脐橙 当季现摘 5 斤装', label: '脐橙', caption: '江西赣州 · 果园直发', shape: 'fruit', color: '#f28c28', category: '水果', skus: [['5 斤装', 3990, 300], ['10 斤装', 6990, 150]], points: ['赣南脐橙，皮薄多汁', '当天采摘，顺丰冷链直发', '坏果包赔，放心吃'] },
      { key: 'guohe', title: '当季鲜果礼盒 六种水果', label: '鲜果', caption: '每日鲜选 · 同城当日达', shape: 'fruit', color: '#e85d75', category: '水果', skus: [['家庭装', 8800, 80], ['豪华礼盒', 16800, 40]], points: ['六种当季鲜果，每日鲜选', '同城上午下单当日达', '节日送礼的暖心之选'] },
    ],
    logo: { mark: '鲜', color: '#07c160' },
    banners: [
      { title: '当季鲜果 当日达', subtitle: '赣南脐橙 5 斤装 39.9 元 · 坏果包赔', color: '#1f8f4e', shape: 'fruit', accent: '#f6b26b', product: 'qicheng' },
      { title: '果干零食 馋嘴必备', subtitle: '芒果干 · 草莓脆 · 黄桃干 满 59 包邮', color: '#d9822b', shape: 'bag', accent: '#ffe0b2', product: 'mangguo' },
    ],
    notice: '今日鲜果 上午下单当日达 · 坏果包赔',
    nav: [
      { icon: 'cart-o', label: '鲜果', category: '鲜果' },
      { icon: 'gift-o', label: '果干', category: '果干' },
      { icon: 'shop-o', label: '坚果', category: '坚果' },
      { icon: 'star-o', label: '糕点', category: '糕点' },
      { icon: 'fire-o', label: '茶饮', category: '茶饮' },
    ],
  },
];

export interface SeededShop {
  plan: ShopPlan;
  owner: Caller;
  listings: Map<string, ShopListing>;
  storeCategories: Map<string, number>;
  /** Whether a home page was designed and published (false without the pages module). */
  homePage: boolean;
}

async function importListing(owner: Caller, plan: ShopPlan, product: SeededProduct): Promise<ShopListing> {
  const byValue = new Map(product.skus.map((s) => [s.id, s.value]));
  const prices = product.spec.skus.map(([, supply, suggested], i) => ({ supplierSkuId: product.skus[i]!.id, price: plan.price(suggested, supply) }));
  const reply = await owner.post(`/admin/market/products/${product.id}/import`, { prices });
  const skus = (reply.product.skus as Array<{ id: number; supplierSkuId: number; price: number }>).map((s) => ({ id: s.id, price: s.price, value: byValue.get(s.supplierSkuId)! }));
  return { id: reply.product.id, key: product.spec.key, title: product.spec.title, skus };
}

async function ownGoods(owner: Caller, plan: ShopPlan, categories: Map<string, number>): Promise<ShopListing[]> {
  if (!plan.own.length) return [];
  const warehouse = await owner.post('/admin/warehouses', { name: '鲜果坊 前置仓', province: '浙江省', city: '杭州市', district: '西湖区', address: '文三路 90 号 1 楼' });
  const out: ShopListing[] = [];
  for (const o of plan.own) {
    const image = await owner.upload(await productPhoto({ name: o.title.split(' ')[0]!, label: o.label, caption: o.caption, shape: o.shape, color: o.color }), `${o.key}.jpg`, 'image/jpeg');
    const reply = await owner.post('/admin/own-products', {
      title: o.title,
      description: `<p><strong>${o.title}</strong></p><ul>${o.points.map((x) => `<li>${x}</li>`).join('')}</ul>`,
      images: [image],
      categoryId: categories.get(o.category),
      skus: o.skus.map(([value, price, stock]) => ({ specs: { 规格: value }, price, stock, weightGrams: 2500, warehouseId: warehouse.id })),
    });
    out.push({ id: reply.product.id, key: o.key, title: o.title, skus: (reply.product.skus as Array<{ id: number; price: number }>).map((s, i) => ({ id: s.id, price: s.price, value: o.skus[i]![0] })) });
  }
  return out;
}

/** Stocks, files and brands one shop. */
export async function seedShop(owner: Caller, plan: ShopPlan, products: Map<string, SeededProduct>, categories: Map<string, number>): Promise<SeededShop> {
  const listings = new Map<string, ShopListing>();
  const picked = plan.picks.map((k) => products.get(k)!);
  // one at a time, the shop's flagship goods last: the storefront shows the newest first
  for (const p of [...picked].reverse()) listings.set(p.spec.key, await importListing(owner, plan, p));
  for (const l of await ownGoods(owner, plan, categories)) listings.set(l.key, l);

  const storeCategories = new Map<string, number>();
  for (const [i, c] of plan.storeCategories.entries()) storeCategories.set(c.name, (await owner.post('/admin/store-categories', { name: c.name, sort: i + 1 })).id);
  const platformCategoryOf = new Map<string, string>([...picked.map((p) => [p.spec.key, p.spec.category] as const), ...plan.own.map((o) => [o.key, o.category] as const)]);
  await Promise.all(
    [...listings.values()].map((l) => {
      const store = plan.storeCategories.find((c) => c.from.includes(platformCategoryOf.get(l.key)!));
      return store ? owner.patch(`/admin/products/${l.id}`, { storeCategoryId: storeCategories.get(store.name) }) : undefined;
    }),
  );

  const logoUrl = await owner.upload(await logo(plan.logo), 'logo.png', 'image/png');
  const banners = await Promise.all(plan.banners.map(async (b, i) => ({ imageUrl: await owner.upload(await banner(b), `banner-${i + 1}.jpg`, 'image/jpeg'), link: `/products/${listings.get(b.product)!.id}` })));
  // the notice and colour are the manifest's (applied on every start); the pictures are drawn here
  await owner.put('/admin/store/branding', { logoUrl, theme: { banners } });
  const shop = { plan, owner, listings, storeCategories, homePage: false };
  shop.homePage = await publishHomePage(shop, { banners });
  return shop;
}

/**
 * The shop's home page, designed as a merchant would in the page editor (API.md "Shop pages"):
 * banners, search, the notice, category shortcuts and product grids, published. Answers false
 * where the platform has no pages module (the storefront then shows its default home).
 */
export async function publishHomePage(shop: Omit<SeededShop, 'homePage'>, images: { banners: Array<{ imageUrl: string; link: string }> }): Promise<boolean> {
  const ids = (keys: string[]) => keys.map((k) => shop.listings.get(k)?.id).filter((id): id is number => id !== undefined);
  const featured = shop.plan.slug === 'acme' ? ['longjing', 'dahongpao', 'jinjunmei', 'yinzhen', 'shupu', 'tieguanyin'] : ['qicheng', 'guohe', 'mangguo', 'caomei', 'meirijianguo', 'shanhetao'];
  const second = shop.plan.slug === 'acme' ? ['qinghuabei', 'ruyao', 'gaiwan', 'gongfu', 'xishihu', 'lvxing'] : ['xiaoqinggan', 'zhengshan', 'guihuagao', 'fenglisu', 'lvdougao', 'huangtao'];
  const blocks = [
    { type: 'banner', props: { images: images.banners.map((b) => ({ url: b.imageUrl, link: b.link })) } },
    { type: 'search', props: {} },
    { type: 'notice', props: { text: shop.plan.notice } },
    { type: 'nav', props: { items: shop.plan.nav.map((n) => ({ icon: n.icon, label: n.label, link: `/search?category=${shop.storeCategories.get(n.category)}` })) } },
    { type: 'products', props: { source: 'manual', productIds: ids(featured), limit: 6, columns: 2, title: shop.plan.slug === 'acme' ? '本周热卖' : '今日鲜选' } },
    { type: 'products', props: { source: 'manual', productIds: ids(second), limit: 6, columns: 3, title: shop.plan.slug === 'acme' ? '茶器雅集' : '茶点时光' } },
    { type: 'products', props: { source: 'newest', limit: 10, columns: 2, title: '新品上架' } },
  ];
  try {
    const page = await shop.owner.post('/admin/store/pages', { title: '首页', kind: 'home', blocks });
    await shop.owner.post(`/admin/store/pages/${page.id}/publish`);
    return true;
  } catch (err) {
    // TODO(pages): remove once the pages module has landed on main; until then there is no route
    if (err instanceof DemoApiError && err.status === 404 && err.path === '/admin/store/pages') return false;
    throw err;
  }
}

/**
 * The least whole-yuan price a shop can sell the SKU at in an activity: its floor (what the shop
 * pays the supplier) with a tenth on top for the platform's fee. A shop funds its savings down to
 * its cost, never below (orders/floors.ts).
 */
export async function costCovered(shop: SeededShop, listingId: number, skuId: number): Promise<number> {
  const view = (await shop.owner.get(`/admin/products/${listingId}`)) as { skus: Array<{ id: number; floor: number }> };
  const floor = view.skus.find((s) => s.id === skuId)?.floor ?? 0;
  return Math.max(100, Math.ceil((floor * 1.1) / 100) * 100);
}
