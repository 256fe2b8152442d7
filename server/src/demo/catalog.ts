/**
 * The demo's market: a two-level platform category tree and 35 products from the three demo
 * suppliers, each with a photo drawn for it, specs and SKUs with stock, a Chinese description,
 * submitted and approved by the operator.
 */
import type { Caller } from './client.js';
import { productPhoto, type Shape } from './images.js';
import type { SeededSupplier, SupplierSpec } from './suppliers.js';

export const CATEGORY_TREE: ReadonlyArray<{ name: string; children: string[] }> = [
  { name: '茶叶', children: ['绿茶', '红茶', '乌龙茶', '白茶', '普洱'] },
  { name: '茶具', children: ['茶杯', '茶壶', '茶具套装'] },
  { name: '零食', children: ['果干', '坚果', '糕点'] },
  { name: '生鲜', children: ['水果'] },
];

/** A SKU as [spec value, supply price, suggested price, stock] (fen). */
type SkuRow = [string, number, number, number];

export interface ProductSpec {
  key: string;
  supplier: SupplierSpec['key'];
  category: string;
  title: string;
  /** The few characters printed on the drawn goods. */
  label: string;
  caption: string;
  shape: Shape;
  color: string;
  dimension: string;
  skus: SkuRow[];
  points: string[];
}

const g = (weights: string[], base: number, stock = 200): SkuRow[] =>
  weights.map((w, i) => {
    const factor = [1, 1.9, 4.4][i] ?? i + 1;
    const supply = Math.round((base * factor) / 100) * 100;
    return [w, supply, Math.round((supply * 1.8) / 100) * 100 - 10, stock - i * 40];
  });

export const DEMO_PRODUCTS: readonly ProductSpec[] = [
  // tea: the Fujian estate
  { key: 'dahongpao', supplier: 'tea', category: '乌龙茶', title: '武夷山大红袍 岩茶 传统炭焙', label: '大红袍', caption: '福建武夷山 · 正岩产区', shape: 'tin', color: '#8a3b22', dimension: '规格', skus: g(['50g', '100g', '250g'], 4800), points: ['武夷山正岩产区，传统炭火慢焙', '岩骨花香，汤色橙黄明亮，七泡有余香', '独立小罐充氮锁鲜，便于存放与分享'] },
  { key: 'tieguanyin', supplier: 'tea', category: '乌龙茶', title: '安溪铁观音 清香型 特级', label: '铁观音', caption: '福建安溪 · 2026 春茶', shape: 'tin', color: '#3d7a4a', dimension: '规格', skus: g(['50g', '100g', '250g'], 3600), points: ['安溪核心产区，春茶头采', '兰花香馥郁，回甘持久', '冲泡 8 泡以上，清香不减'] },
  { key: 'rougui', supplier: 'tea', category: '乌龙茶', title: '武夷肉桂 中火 岩韵浓郁', label: '肉桂', caption: '福建武夷山 · 马头岩', shape: 'tin', color: '#a0522d', dimension: '规格', skus: g(['50g', '100g', '250g'], 5200), points: ['马头岩肉桂，桂皮辛香', '中火足焙，滋味醇厚', '适合老茶客的口粮之选'] },
  { key: 'dancong', supplier: 'tea', category: '乌龙茶', title: '凤凰单丛 蜜兰香', label: '单丛', caption: '广东潮州 · 乌岽山', shape: 'tin', color: '#c27c2c', dimension: '规格', skus: g(['50g', '100g', '250g'], 4200), points: ['乌岽山单株采制', '蜜兰香高扬，入口甜润', '潮汕工夫茶的灵魂'] },
  { key: 'zhengshan', supplier: 'tea', category: '红茶', title: '正山小种 桐木关 松烟香', label: '小种', caption: '福建武夷山 · 桐木关', shape: 'tin', color: '#a33b2b', dimension: '规格', skus: g(['50g', '100g', '250g'], 3200), points: ['世界红茶鼻祖，桐木关原产', '松烟香与桂圆汤交织', '加奶加糖同样美味'] },
  { key: 'jinjunmei', supplier: 'tea', category: '红茶', title: '金骏眉 特级 礼盒装', label: '金骏眉', caption: '福建武夷山 · 高山芽头', shape: 'box', color: '#b8442c', dimension: '规格', skus: g(['100g 礼盒', '200g 礼盒'], 12800, 120), points: ['高山单芽制作，金黄黑相间', '花果蜜香，汤色金黄', '精美礼盒，送礼体面'] },
  { key: 'dianhong', supplier: 'tea', category: '红茶', title: '云南滇红 金芽 工夫红茶', label: '滇红', caption: '云南凤庆 · 大叶种', shape: 'bag', color: '#c0392b', dimension: '规格', skus: g(['100g', '250g'], 2600), points: ['凤庆大叶种，金毫显露', '甜香浓郁，滋味鲜爽', '日常口粮，性价比之选'] },
  { key: 'longjing', supplier: 'tea', category: '绿茶', title: '西湖龙井 明前特级 2026 新茶', label: '龙井', caption: '浙江杭州 · 狮峰山', shape: 'tin', color: '#5a8f3c', dimension: '规格', skus: g(['50g', '100g', '250g'], 6800, 150), points: ['明前采摘，一芽一叶初展', '豆花香清雅，汤色嫩绿', '冷藏保存，鲜爽如初'] },
  { key: 'biluochun', supplier: 'tea', category: '绿茶', title: '洞庭碧螺春 一级 花果香', label: '碧螺春', caption: '江苏苏州 · 东山', shape: 'tin', color: '#6aa04a', dimension: '规格', skus: g(['50g', '100g', '250g'], 3800), points: ['卷曲成螺，满身披毫', '花果香清幽，鲜醇甘厚', '先注水后投茶，茶叶慢慢舒展'] },
  { key: 'maofeng', supplier: 'tea', category: '绿茶', title: '黄山毛峰 雨前 高山绿茶', label: '毛峰', caption: '安徽黄山 · 高山云雾', shape: 'leaf', color: '#4f8a3a', dimension: '规格', skus: g(['100g', '250g'], 2200), points: ['高山云雾滋养，芽叶肥壮', '清香高长，滋味醇甜', '日常办公的好伙伴'] },
  { key: 'yinzhen', supplier: 'tea', category: '白茶', title: '福鼎白毫银针 头采', label: '银针', caption: '福建福鼎 · 太姥山', shape: 'tin', color: '#b9a56b', dimension: '规格', skus: g(['50g', '100g'], 8800, 100), points: ['太姥山头采单芽', '毫香蜜韵，汤色杏黄', '可煮可泡，越存越香'] },
  { key: 'baimudan', supplier: 'tea', category: '白茶', title: '福鼎白牡丹 饼茶 2022 年', label: '白牡丹', caption: '福建福鼎 · 三年陈', shape: 'cake', color: '#a8996a', dimension: '规格', skus: g(['100g 小饼', '350g 饼'], 4600), points: ['一芽二叶，绿叶夹银白毫心', '三年陈化，枣香初显', '压饼便于存放'] },
  { key: 'shoumei', supplier: 'tea', category: '白茶', title: '老寿眉 煮茶 2018 年陈', label: '寿眉', caption: '福建福鼎 · 八年陈', shape: 'cake', color: '#8c7a4e', dimension: '规格', skus: g(['350g 饼'], 9800, 80), points: ['八年陈期，药香枣香', '围炉煮茶首选', '温润顺滑，冬日暖饮'] },
  { key: 'shupu', supplier: 'tea', category: '普洱', title: '勐海普洱熟茶 357g 七子饼', label: '熟普', caption: '云南勐海 · 2019 年', shape: 'cake', color: '#5b3a29', dimension: '规格', skus: g(['357g 饼', '357g×7 提'], 6800, 90), points: ['勐海味，陈香浓郁', '汤色红浓透亮', '暖胃养身，老少皆宜'] },
  { key: 'shengpu', supplier: 'tea', category: '普洱', title: '冰岛古树普洱生茶 200g', label: '生普', caption: '云南临沧 · 冰岛村', shape: 'cake', color: '#7a6a3a', dimension: '规格', skus: g(['200g 饼'], 16800, 60), points: ['冰岛古树原料', '冰糖甜，回甘迅猛', '可饮可藏，值得收藏'] },
  { key: 'xiaoqinggan', supplier: 'tea', category: '普洱', title: '新会小青柑 普洱 柑普茶', label: '小青柑', caption: '广东新会 · 宫廷普洱', shape: 'jar', color: '#4f7d3a', dimension: '规格', skus: g(['250g 罐装', '500g 罐装'], 4500), points: ['新会青柑搭配宫廷普洱', '柑香清新，陈香醇厚', '一颗一泡，方便携带'] },
  // ceramics: the Jingdezhen studio
  { key: 'qinghuabei', supplier: 'ceramics', category: '茶杯', title: '手绘青花 主人杯 缠枝莲', label: '青花', caption: '景德镇 · 手工绘制', shape: 'cup', color: '#2c5aa0', dimension: '款式', skus: [['单只', 3900, 6900, 80], ['对杯礼盒', 7500, 12900, 50]], points: ['老师傅手绘缠枝莲纹', '高白泥料，透光温润', '每只纹样略有不同，独一无二'] },
  { key: 'ruyao', supplier: 'ceramics', category: '茶杯', title: '汝窑天青 品茗杯 开片可养', label: '汝窑', caption: '景德镇 · 柴窑烧制', shape: 'cup', color: '#7fa9a5', dimension: '款式', skus: [['单只', 2900, 4900, 120], ['四只装', 9900, 16800, 60]], points: ['天青釉色，雨过天晴', '开片随使用渐显', '釉面温润如玉'] },
  { key: 'jianzhan', supplier: 'ceramics', category: '茶杯', title: '建盏 兔毫 铁胎 束口盏', label: '建盏', caption: '福建建阳 · 柴烧', shape: 'cup', color: '#4a2f25', dimension: '款式', skus: [['束口', 8800, 15800, 40], ['敞口', 8800, 15800, 40]], points: ['铁胎厚重，保温性好', '兔毫纹理自然天成', '宋代点茶名器'] },
  { key: 'gaiwan', supplier: 'ceramics', category: '茶壶', title: '青花盖碗 三才碗 150ml', label: '盖碗', caption: '景德镇 · 青花釉下彩', shape: 'pot', color: '#3a6aa8', dimension: '容量', skus: [['150ml', 4500, 7900, 100], ['200ml', 5200, 8900, 80]], points: ['天地人三才合一', '出汤利落不烫手', '泡茶百搭之选'] },
  { key: 'xishihu', supplier: 'ceramics', category: '茶壶', title: '朱泥西施壶 手工拉坯', label: '西施', caption: '宜兴 · 朱泥', shape: 'pot', color: '#a0452b', dimension: '容量', skus: [['180ml', 16800, 29800, 30], ['240ml', 19800, 34800, 20]], points: ['纯手工拉坯成型', '朱泥细腻，发色红润', '越养越亮，茶香更醇'] },
  { key: 'tiliang', supplier: 'ceramics', category: '茶壶', title: '粗陶提梁壶 煮茶壶 1.2L', label: '提梁', caption: '景德镇 · 粗陶', shape: 'pot', color: '#6b5b4b', dimension: '颜色', skus: [['岩灰', 12800, 21800, 40], ['窑变棕', 12800, 21800, 40]], points: ['耐高温粗陶，可明火煮茶', '提梁设计，稳当顺手', '围炉煮茶氛围感满分'] },
  { key: 'gongdaobei', supplier: 'ceramics', category: '茶杯', title: '玻璃公道杯 耐热 带茶滤', label: '公道杯', caption: '高硼硅 · 耐热', shape: 'cup', color: '#8fb7c9', dimension: '容量', skus: [['300ml', 2200, 3900, 200], ['450ml', 2800, 4900, 150]], points: ['高硼硅玻璃，耐冷热', '不锈钢茶滤，细密不漏渣', '透明杯身，赏汤色'] },
  { key: 'gongfu', supplier: 'ceramics', category: '茶具套装', title: '青瓷功夫茶具套装 十件套', label: '青瓷', caption: '龙泉青瓷 · 礼盒装', shape: 'box', color: '#6f9c8e', dimension: '套装', skus: [['十件套', 29800, 49800, 30], ['十二件套 含茶盘', 45800, 76800, 20]], points: ['盖碗、公道杯、六只品茗杯', '梅子青釉，清雅脱俗', '乔迁送礼首选'] },
  { key: 'lvxing', supplier: 'ceramics', category: '茶具套装', title: '旅行茶具便携套装 一壶四杯', label: '旅行', caption: '快客杯 · 便携收纳', shape: 'box', color: '#3f5c7a', dimension: '颜色', skus: [['月白', 9800, 16800, 60], ['墨蓝', 9800, 16800, 60]], points: ['一壶四杯，随身收纳', '户外露营也能好好喝茶', '配防震收纳包'] },
  // snacks: the Hangzhou maker
  { key: 'mangguo', supplier: 'snacks', category: '果干', title: '泰国芒果干 无添加 厚切', label: '芒果干', caption: '酸甜软糯 · 独立小包', shape: 'bag', color: '#f0a020', dimension: '规格', skus: g(['200g', '500g'], 1600, 300), points: ['精选泰国大青芒', '厚切 6mm，果肉饱满', '独立小包，随手一包'] },
  { key: 'caomei', supplier: 'snacks', category: '果干', title: '冻干草莓脆 整颗', label: '草莓脆', caption: '真空冻干 · 酥脆', shape: 'bag', color: '#d94a5a', dimension: '规格', skus: g(['50g', '100g'], 1500, 300), points: ['整颗草莓真空冻干', '入口酥脆，果香浓郁', '泡酸奶也好吃'] },
  { key: 'huangtao', supplier: 'snacks', category: '果干', title: '砀山黄桃干 软糯', label: '黄桃干', caption: '安徽砀山 · 果园直供', shape: 'bag', color: '#f2b134', dimension: '规格', skus: g(['250g', '500g'], 1400, 300), points: ['砀山黄桃，手工切片', '低温烘焙，软糯有嚼劲', '孩子也爱吃'] },
  { key: 'wuhuaguo', supplier: 'snacks', category: '果干', title: '新疆无花果干 自然晾晒', label: '无花果', caption: '新疆阿图什 · 晾晒', shape: 'jar', color: '#8e5a7a', dimension: '规格', skus: g(['250g', '500g'], 1800, 250), points: ['阿图什无花果，自然晾晒', '软糯香甜，籽粒脆口', '罐装防潮，开盖即食'] },
  { key: 'meirijianguo', supplier: 'snacks', category: '坚果', title: '每日坚果 混合果仁 30 袋', label: '每日坚果', caption: '六种果仁 · 科学配比', shape: 'box', color: '#8a6a3a', dimension: '规格', skus: g(['15 袋', '30 袋'], 3900, 300), points: ['腰果、巴旦木、榛子等六种果仁', '搭配蓝莓干与蔓越莓干', '每天一袋，营养均衡'] },
  { key: 'shanhetao', supplier: 'snacks', category: '坚果', title: '临安手剥山核桃 椒盐味', label: '山核桃', caption: '浙江临安 · 当季新货', shape: 'bag', color: '#7a5230', dimension: '规格', skus: g(['250g', '500g'], 3200, 200), points: ['临安昌化山核桃', '椒盐口味，一捏就开', '香脆不腻，越吃越香'] },
  { key: 'xiaweiyi', supplier: 'snacks', category: '坚果', title: '夏威夷果 奶油味 罐装', label: '夏威夷果', caption: '大颗饱满 · 附开果器', shape: 'jar', color: '#b08850', dimension: '规格', skus: g(['250g', '500g'], 2600, 200), points: ['大颗饱满，奶香浓郁', '开口设计，附开果器', '罐装防潮，独享分享两相宜'] },
  { key: 'guihuagao', supplier: 'snacks', category: '糕点', title: '杭州桂花糕 传统手工', label: '桂花糕', caption: '杭州 · 满觉陇桂花', shape: 'box', color: '#e8b84a', dimension: '规格', skus: g(['6 枚装', '12 枚装'], 1800, 200), points: ['满觉陇桂花入馅', '软糯清甜，不粘牙', '配一杯龙井正好'] },
  { key: 'lvdougao', supplier: 'snacks', category: '糕点', title: '冰皮绿豆糕 低糖 独立包装', label: '绿豆糕', caption: '清凉细腻 · 低糖配方', shape: 'box', color: '#7fb069', dimension: '规格', skus: g(['8 枚装', '16 枚装'], 1600, 200), points: ['去皮绿豆，细腻绵密', '低糖配方，清甜不腻', '冷藏后口感更佳'] },
  { key: 'fenglisu', supplier: 'snacks', category: '糕点', title: '凤梨酥 土凤梨 礼盒 12 枚', label: '凤梨酥', caption: '酥皮 · 土凤梨内馅', shape: 'box', color: '#e0a030', dimension: '规格', skus: g(['12 枚礼盒'], 3800, 150), points: ['土凤梨熬制内馅，酸甜有纤维', '奶香酥皮，入口即化', '茶点伴手礼佳品'] },
];

export interface SeededProduct {
  spec: ProductSpec;
  id: number;
  image: string;
  skus: Array<{ id: number; value: string }>;
}

/** The platform tree, creating what is missing; name -> id of every node. */
export async function seedCategories(operator: Caller): Promise<Map<string, number>> {
  type Node = { id: number; name: string; children: Node[] };
  const ids = new Map<string, number>();
  const tree = (await operator.get('/categories')).items as Node[];
  for (const [i, top] of CATEGORY_TREE.entries()) {
    const existing = tree.find((n) => n.name === top.name);
    const parent = existing ?? ((await operator.post('/platform/categories', { name: top.name, sort: i + 1 })) as Node);
    ids.set(top.name, parent.id);
    for (const [j, name] of top.children.entries()) {
      const child = existing?.children.find((n) => n.name === name) ?? ((await operator.post('/platform/categories', { name, parentId: parent.id, sort: j + 1 })) as Node);
      ids.set(name, child.id);
    }
  }
  return ids;
}

export function descriptionOf(p: ProductSpec): string {
  return [`<p><strong>${p.title}</strong></p>`, `<ul>${p.points.map((x) => `<li>${x}</li>`).join('')}</ul>`, `<p>产地与工艺：${p.caption}。收到后请置于阴凉干燥处保存，如有任何问题，欢迎联系客服。</p>`].join('');
}

async function seedProduct(supplierApi: Caller, operator: Caller, supplier: SeededSupplier, categories: Map<string, number>, p: ProductSpec): Promise<SeededProduct> {
  const photo = await productPhoto({ name: p.title.split(' ')[0]!, label: p.label, caption: p.caption, shape: p.shape, color: p.color });
  const image = await supplierApi.upload(photo, `${p.key}.jpg`, 'image/jpeg');
  const created = await supplierApi.post('/supplier/products', {
    title: p.title,
    description: descriptionOf(p),
    categoryId: categories.get(p.category),
    images: [image],
    specDimensions: [{ name: p.dimension, values: p.skus.map(([v]) => v) }],
    freightTemplateId: supplier.freightTemplateId,
    skus: p.skus.map(([value, supplyPrice, suggestedPrice, stock], i) => ({ specs: { [p.dimension]: value }, code: `${p.key.toUpperCase()}-${i + 1}`, supplyPrice, suggestedPrice, stock, weightGrams: 300, warehouseId: supplier.warehouseId })),
  });
  await operator.post(`/platform/products/${created.id}/approve`);
  const skus = (created.skus as Array<{ id: number; specs: Record<string, string> }>).map((s) => ({ id: s.id, value: s.specs[p.dimension]! }));
  return { spec: p, id: created.id, image, skus };
}

/** Every demo product, listed in the market; a few at a time (drawing a photo is the slow part). */
export async function seedProducts(operator: Caller, suppliers: Map<SupplierSpec['key'], SeededSupplier>, categories: Map<string, number>, api: { platform(token: string): Caller }): Promise<Map<string, SeededProduct>> {
  const out = new Map<string, SeededProduct>();
  const queue = [...DEMO_PRODUCTS];
  const worker = async () => {
    for (let p = queue.shift(); p; p = queue.shift()) {
      const supplier = suppliers.get(p.supplier)!;
      out.set(p.key, await seedProduct(api.platform(supplier.token), operator, supplier, categories, p));
    }
  };
  await Promise.all([worker(), worker(), worker()]);
  return out;
}
