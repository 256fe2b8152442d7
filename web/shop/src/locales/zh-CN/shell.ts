export default {
  home: '首页',
  cart: '购物车',
  me: '我的',
  noMore: '没有更多了',
  loadFailed: '加载失败，点击重试',
  suspended: '店铺暂停营业',
  notFound: '店铺不存在',
  error: '店铺暂时无法访问',
  suspendedSub: '请稍后再来看看。',
  notFoundSub: '这个地址没有店铺。',
  errorSub: '店铺加载失败，请刷新重试。',
  retry: '重试',
};
