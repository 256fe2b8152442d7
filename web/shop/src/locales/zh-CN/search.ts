export default {
  placeholder: '搜索商品',
  submit: '搜索',
  history: '最近搜索',
  clearHistory: '清空最近搜索',
  hot: '热门搜索',
};
