export default {
  intro: '买家需把商品寄回以下地址',
  name: '收件人',
  phone: '电话',
  address: '地址',
  nameHint: '请填写收件人',
  phoneHint: '请填写联系电话',
  addressHint: '请填写详细地址（至少 4 个字）',
};
