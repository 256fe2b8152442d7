export default {
  placeholder: 'Search products',
  submit: 'Search',
  history: 'Recent searches',
  clearHistory: 'Clear recent searches',
  hot: 'Popular searches',
};
