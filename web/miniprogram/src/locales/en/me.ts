/** The "me" tab (pages/me). */
export default {
  guest: 'Tap to sign in',
  wechatUser: 'WeChat user',
  signIn: 'Sign in with WeChat',
  balance: 'Balance',
  orders: 'My orders',
  allOrders: 'All orders',
  addresses: 'Addresses',
  service: 'Customer service',
  aftersales: 'Refunds & after-sales',
  language: 'Language',
  languages: { zh: '中文', en: 'English' },
  shortcuts: { pending_payment: 'To pay', paid: 'To ship', shipped: 'To receive', received: 'Received' },
};
