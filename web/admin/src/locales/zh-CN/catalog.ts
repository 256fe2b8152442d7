export default {
  specs: '规格',
  supply: '供货价',
  suggested: '建议价',
  stock: '库存',
  description: '详情',
  save: '保存',
  stockSet: '库存已更新',
};
