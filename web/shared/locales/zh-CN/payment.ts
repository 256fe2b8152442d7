export default {
  method: { wechat: '微信支付', alipay: '支付宝', balance: '余额支付', sandbox: '模拟支付' },
};
