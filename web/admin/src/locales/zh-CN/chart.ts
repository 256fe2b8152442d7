export default {
  orders: '订单数',
  paid: '成交额',
};
