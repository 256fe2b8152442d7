/** Words every page of the mini-program shares. */
export default {
  tabs: { home: '首页', category: '分类', cart: '购物车', me: '我的' },
  loading: '加载中…',
  noMore: '没有更多了',
  retry: '重新加载',
  empty: '暂无内容',
  confirm: '确定',
  cancel: '取消',
  close: '关闭',
  signingIn: '正在登录…',
  yuan: '¥',
  linkCopied: '链接已复制，请在浏览器中打开',
  networkError: '网络异常，请检查网络后重试',
  sold: '已售 {count}',
};
