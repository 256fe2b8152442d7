export default {
  thisShopTakesNo: 'This shop takes no payments yet',
  simulatePayment: 'Simulate payment',
  waitingForPayment: 'Waiting for payment',
  finishPayingInWechat: 'Finish paying in WeChat',
  paid: 'Paid',
};
