export default {
  orders: 'Orders',
  paid: 'Paid (¥)',
};
