export default {
  title: '购物车',
  empty: '购物车是空的',
  browse: '去逛逛',
  localHint: '未登录：购物车保存在本机，登录后自动合并',
  lowStock: '库存不足（剩 {n}）',
  unavailable: '已失效',
  remove: '删除',
  checkout: '结算({n})',
  selectAll: '全选',
  removeTitle: '删除商品',
  removeAsk: '从购物车删除「{title}」？',
};
