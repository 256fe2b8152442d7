export default {
  orders: '订单数',
  paid: '成交额',
  title: '近 14 天订单',
  totals: '共 {n} 单 · 成交 {paid}',
};
