export default {
  intro: '买家需把商品寄回以下地址',
  name: '收件人',
  phone: '电话',
  address: '地址',
};
