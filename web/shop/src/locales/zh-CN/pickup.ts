export default {
  code: '取货码',
  codeHint: '到店出示取货码或二维码，店员核销后取货',
  qrAlt: '取货二维码',
  waiting: '待自提',
  pickedUp: '已取货',
  pickedUpAt: '已于 {time} 取货',
  point: '自提点',
  hours: '营业时间：{hours}',
  phone: '电话：{phone}',
  payFirst: '付款后生成取货码',
};
