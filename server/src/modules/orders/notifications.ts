/** Every status change reaches the staff who may read the shop's orders, and the order's shopper, live (socket.io). */
import { subscribe } from '../../core/outbox.js';
import { defineFeed, emitTo, rooms } from '../../core/realtime.js';
import { ORDER_STATUS_CHANGED } from './state.js';

interface StatusChanged extends Record<string, unknown> {
  tenantId: number;
  orderId: number;
  orderNo: string;
  customerId: number;
  to: string;
}

const orderReaders = defineFeed('Order');

subscribe<StatusChanged>(ORDER_STATUS_CHANGED, 'realtime.order-updated', async (_ctx, e) => {
  const payload = { id: e.orderId, orderNo: e.orderNo, status: e.to };
  emitTo(orderReaders(e.tenantId), 'order:updated', payload);
  emitTo(rooms.shopper(e.tenantId, e.customerId), 'order:updated', payload);
});
