export default {
  storeName: '店铺名称',
  slug: '地址',
  ownerEmail: '店主邮箱',
  shop: '店铺',
  host: '地址',
  plan: '套餐',
  status: '状态',
  created: '开通',
  onboard: '开通并邀请',
};
