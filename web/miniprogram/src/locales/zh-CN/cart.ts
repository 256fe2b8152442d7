/** The cart. */
export default {
  title: '购物车',
  empty: '购物车还是空的',
  goShopping: '去逛逛',
  selectAll: '全选',
  total: '合计：',
  checkout: '结算({count})',
  edit: '管理',
  done: '完成',
  remove: '删除',
  removeConfirm: '确定删除选中的商品吗？',
  unavailable: '已失效',
  chooseItems: '请选择要结算的商品',
  signInToSee: '登录后查看购物车',
  signIn: '微信一键登录',
};
