export default {
  badge: {
    ordersToShip: '{n} paid orders to handle',
    fulfillmentsToShip: '{n} parcels to ship',
  },
  status: {
    live: 'Live',
    reconnecting: 'Reconnecting…',
  },
  row: {
    new: 'New',
    changed: 'Updated',
  },
};
