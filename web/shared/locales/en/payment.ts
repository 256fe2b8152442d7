export default {
  method: { wechat: 'WeChat Pay', alipay: 'Alipay', balance: 'Balance', sandbox: 'Sandbox payment' },
};
