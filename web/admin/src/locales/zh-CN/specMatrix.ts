export default {
  dimensionName: '规格名，如 颜色',
  valueEnter: '规格值，回车添加',
  remove: '删除',
  addDimension: '添加规格',
  specs: '规格',
};
