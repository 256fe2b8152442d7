export default {
  thisShopTakesNo: '本店暂未开通可用的支付方式',
  simulatePayment: '模拟支付',
  waitingForPayment: '等待支付',
  finishPayingInWechat: '请在微信中完成支付',
  paid: '支付成功',
};
