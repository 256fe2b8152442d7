/**
 * The demo's content (modules/content), written as a merchant and an operator would: each shop's
 * FAQ in two categories (the questions every shop is asked: 发货时间, 运费, 退换货, 支付方式), with
 * the keywords its customer service auto-reply listens for; two articles and a video with drawn
 * covers; and two platform help articles for the consoles. Everything is published.
 */
import type { Caller } from './client.js';
import { banner } from './images.js';
import type { SeededShop } from './shops.js';

/** A CC0 sample clip (MDN's): the demo has no video of its own to upload. */
const SAMPLE_VIDEO = 'https://interactive-examples.mdn.mozilla.net/media/cc0-videos/flower.mp4';

interface Faq {
  category: string;
  question: string;
  answer: string;
  keywords: string[];
}

const FAQ: Faq[] = [
  { category: '配送说明', question: '下单后多久发货？', answer: '<p>现货商品付款后 <strong>48 小时内</strong>发货，预售商品以商品详情页标注的时间为准。发货后可在「我的订单」查看物流。</p>', keywords: ['发货', '几天发', '什么时候到', '多久到'] },
  { category: '配送说明', question: '运费怎么算？', answer: '<p>全场<strong>满 99 元包邮</strong>，不满 99 元收取 8 元运费；新疆、西藏等偏远地区另计。</p>', keywords: ['运费', '包邮', '邮费', '快递费'] },
  { category: '配送说明', question: '发什么快递？', answer: '<p>默认发顺丰或中通，生鲜商品全程冷链。如需指定快递，请下单时在备注中说明。</p>', keywords: ['快递', '顺丰', '物流'] },
  { category: '售后服务', question: '如何申请退换货？', answer: '<p>签收后 <strong>7 天内</strong>，在「我的订单」中找到对应订单，点击「申请售后」，选择退货退款或换货并说明原因。商品需保持完好、不影响二次销售。</p>', keywords: ['退货', '换货', '退换', '退款', '不想要'] },
  { category: '售后服务', question: '收到的商品有破损怎么办？', answer: '<p>请在签收后 48 小时内拍照，在订单页申请售后并上传照片，核实后为您补发或退款，运费由我们承担。</p>', keywords: ['破损', '坏了', '漏了', '压坏'] },
  { category: '售后服务', question: '支持哪些支付方式？', answer: '<p>支持<strong>微信支付</strong>、<strong>支付宝</strong>和账户余额支付。余额可在「我的」页面充值。</p>', keywords: ['支付方式', '付款方式', '支付宝', '微信支付', '怎么付款'] },
];

interface Story {
  title: string;
  body: string;
  cover: { title: string; subtitle: string; color: string };
}

const STORIES: Record<SeededShop['plan']['slug'], { articles: Story[]; video: Story }> = {
  acme: {
    articles: [
      { title: '明前龙井怎么选：看、闻、尝', body: '<h3>看外形</h3><p>好的明前龙井扁平光滑，色泽嫩绿带糙米色，芽叶匀整。</p><h3>闻香气</h3><p>干茶有清新的豆香或兰花香，没有焦味和陈味。</p><h3>尝滋味</h3><p>汤色嫩绿明亮，入口鲜爽回甘。建议用 80°C 左右的水冲泡，玻璃杯最能看出茶叶舒展的样子。</p>', cover: { title: '明前龙井怎么选', subtitle: '看 · 闻 · 尝 三步挑到好茶', color: '#3d6b47' } },
      { title: '茶叶怎么存放才不会变味', body: '<p>茶叶怕潮、怕光、怕异味。绿茶开封后请用密封罐装好放入冰箱冷藏，两个月内喝完；岩茶和红茶常温密封避光保存即可。</p><ul><li>不要和咖啡、香料放在一起</li><li>取茶时用干燥的茶匙</li><li>大包装可以分装成小袋</li></ul>', cover: { title: '茶叶存放指南', subtitle: '防潮 · 避光 · 隔味', color: '#8a3b22' } },
    ],
    video: { title: '三分钟学会盖碗泡茶', body: '<p>从温杯、投茶到出汤，跟着视频一步步学会用盖碗泡一杯好茶。</p>', cover: { title: '盖碗泡茶教程', subtitle: '三分钟上手', color: '#2c4f7c' } },
  },
  fresh: {
    articles: [
      { title: '赣南脐橙为什么这么甜', body: '<p>赣南地处亚热带，昼夜温差大、光照充足，红壤富含稀土元素，脐橙糖分积累充分，果肉脆嫩化渣。</p><p>我们的脐橙当天采摘、当天发出，收到后常温放置 2～3 天口感更佳。</p>', cover: { title: '赣南脐橙为什么甜', subtitle: '产地故事 · 当天采摘', color: '#1f8f4e' } },
      { title: '水果收到后怎么保存', body: '<ul><li>柑橘类：常温阴凉处可放一周，不要装在密封袋里</li><li>草莓、蓝莓：不要洗，直接冷藏，两天内吃完</li><li>芒果、猕猴桃：常温催熟，变软后再冷藏</li></ul>', cover: { title: '水果保存小贴士', subtitle: '放对地方 新鲜更久', color: '#d9822b' } },
    ],
    video: { title: '一分钟看懂果园直发', body: '<p>从果园采摘、分拣装箱到冷链发货，看看一箱水果是怎么到您手上的。</p>', cover: { title: '果园直发全过程', subtitle: '采摘 · 分拣 · 冷链', color: '#e85d75' } },
  },
};

async function cover(owner: Caller, story: Story, name: string): Promise<string> {
  return owner.upload(await banner({ ...story.cover, shape: 'leaf' }), name, 'image/jpeg');
}

async function published(owner: Caller, body: Record<string, unknown>): Promise<number> {
  const { id } = await owner.post('/admin/content/articles', body);
  await owner.post(`/admin/content/articles/${id}/publish`);
  return id as number;
}

/** One shop's FAQ, articles and video; answers how many were published. */
export async function seedShopContent(shop: SeededShop): Promise<number> {
  const { owner } = shop;
  const categories = new Map<string, number>();
  for (const name of new Set(FAQ.map((f) => f.category))) categories.set(name, (await owner.post('/admin/content/categories', { name })).id);
  for (const f of FAQ) await published(owner, { kind: 'faq', title: f.question, body: f.answer, keywords: f.keywords, categoryId: categories.get(f.category) });
  const guide = (await owner.post('/admin/content/categories', { name: '选购指南' })).id as number;
  const stories = STORIES[shop.plan.slug];
  for (const [i, a] of stories.articles.entries()) await published(owner, { kind: 'article', title: a.title, body: a.body, coverUrl: await cover(owner, a, `article-${i + 1}.jpg`), categoryId: guide });
  await published(owner, { kind: 'video', title: stories.video.title, body: stories.video.body, videoUrl: SAMPLE_VIDEO, coverUrl: await cover(owner, stories.video, 'video-1.jpg') });
  return FAQ.length + stories.articles.length + 1;
}

/** The platform's help for the consoles: one for merchants, one for merchants and suppliers. */
export async function seedPlatformHelp(operator: Caller): Promise<void> {
  const help = [
    {
      title: '开店第一步：装修店铺首页',
      audience: 'merchants',
      body: '<p>在「店铺装修」中新建店铺首页，拖入轮播图、公告、商品等组件，点击「发布」后顾客立即看到。</p><ol><li>上传店铺 Logo 和主题色（店铺设置）</li><li>从供货市场导入商品并设置售价</li><li>在「内容管理」写好常见问题，客服会自动回答</li></ol>',
    },
    {
      title: '提现与对账说明',
      audience: 'both',
      body: '<p>订单确认收货且售后期结束后，货款进入可用余额。在「财务」中申请提现，平台审核通过后 1～3 个工作日到账。</p><p>每一笔收入、服务费和退款都能在流水中查到，如有疑问请联系平台运营。</p>',
    },
  ];
  for (const h of help) {
    const { id } = await operator.post('/platform/content/articles', { kind: 'help', ...h });
    await operator.post(`/platform/content/articles/${id}/publish`);
  }
}
