export default {
  nav: { counter: 'Store counter', stores: 'Stores' },
  counter: {
    choose: 'Choose a store',
    noStore: 'You are not bound to a store yet; ask your manager',
    verify: 'Verify pickup',
    today: "Today's orders ({n})",
    noOrders: 'No orders for this store today',
    stock: 'Store stock',
  },
  kinds: { pickup: 'In-store pickup', same_city: 'Same-city delivery', counter: 'Counter sale' },
  stock: { empty: 'This store holds no stock yet', goods: 'Goods', count: 'Stock' },
};
