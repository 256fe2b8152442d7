/** The home page and the DIY blocks. */
export default {
  searchPlaceholder: '搜索本店商品',
  newest: '新品上架',
  categories: '全部分类',
  viewAll: '查看全部',
  coupon: {
    off: '满{threshold}减',
    noThreshold: '无门槛',
    discount: '{value}折',
    take: '领取',
  },
  videoUnavailable: '视频暂时无法播放',
  shareTitle: '{name}',
};
