export default {
  orders: 'Orders',
  paid: 'Paid (¥)',
  title: 'Orders, last 14 days',
  totals: '{n} orders · {paid} paid',
};
