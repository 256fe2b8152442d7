/** The DIY page blocks' words (storefront, and the console editor's phone preview). */
export default {
  search: { placeholder: '搜索店内商品' },
  products: { more: '查看更多', soldBy: '已售 {n}', sampleTitle: '商品名称', empty: '商品将按设置自动展示' },
  coupons: { freeShipping: '包邮', claim: '领取', noThreshold: '无门槛', threshold: '满 {amount} 可用', discount: '{n} 折', sample: '优惠券' },
  video: { unsupported: '当前浏览器无法播放该视频' },
  home: { notFound: '页面不存在或尚未发布', backHome: '返回首页', loadFailed: '页面加载失败', retry: '重试', allProducts: '全部商品' },
  preview: {
    banner: '轮播图：添加图片后显示',
    notice: '公告：填写公告内容',
    nav: '图文导航：添加导航项',
    navItem: '导航',
    coupons: '优惠券：选择要展示的优惠券',
    richtext: '富文本：在右侧编辑内容',
    video: '视频：填写视频地址',
  },
};
