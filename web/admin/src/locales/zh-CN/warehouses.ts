export default {
  name: '名称',
  address: '地址',
  addWarehouse: '新增仓库',
  province: '省',
  city: '市',
  district: '区',
  productsShipFromThe: '商品默认从第一个仓库发货',
  cancel: '取消',
  save: '保存',
  added: '已添加',
};
