export default {
  nav: { counter: '门店柜台', stores: '门店' },
  counter: {
    choose: '选择门店',
    noStore: '你还没有绑定门店，请联系店长',
    verify: '核销取货',
    today: '今日订单 ({n})',
    noOrders: '今天还没有本店订单',
    stock: '本店库存',
  },
  kinds: { pickup: '到店自提', same_city: '同城配送', counter: '柜台销售' },
  stock: { empty: '本店还没有库存', goods: '商品', count: '库存' },
};
