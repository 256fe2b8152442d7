/** Every status change reaches the staff who may read the shop's orders, and the order's shopper, live (socket.io). */
import { on } from '../../core/events.js';
import { defineFeed, emitTo, rooms } from '../../core/realtime.js';
import { orderStatusChanged } from './events.js';

const orderReaders = defineFeed('Order');

export const pushOrderUpdates = on(orderStatusChanged, 'realtime.order-updated', async (_ctx, e) => {
  const payload = { id: e.orderId, orderNo: e.orderNo, status: e.to };
  emitTo(orderReaders(e.tenantId), 'order:updated', payload);
  emitTo(rooms.shopper(e.tenantId, e.customerId), 'order:updated', payload);
});
