/** The "me" tab (pages/me). */
export default {
  guest: '点击登录',
  wechatUser: '微信用户',
  signIn: '微信一键登录',
  balance: '余额',
  orders: '我的订单',
  allOrders: '全部订单',
  addresses: '收货地址',
  service: '联系客服',
  aftersales: '退款/售后',
  language: '语言',
  languages: { zh: '中文', en: 'English' },
  shortcuts: { pending_payment: '待付款', paid: '待发货', shipped: '待收货', received: '已收货' },
};
