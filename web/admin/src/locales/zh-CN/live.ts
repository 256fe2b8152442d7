export default {
  badge: {
    ordersToShip: '{n} 笔已付款订单待处理',
    fulfillmentsToShip: '{n} 个包裹待发货',
  },
  status: {
    live: '实时更新',
    reconnecting: '正在重新连接…',
  },
  row: {
    new: '新',
    changed: '已更新',
  },
};
