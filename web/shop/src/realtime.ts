/**
 * Live order updates over socket.io (same origin, the shopper's token): the server sends
 * `order:updated {id, orderNo, status}` on every status change of the shopper's orders.
 */
import { io, type Socket } from 'socket.io-client';
import { shopperToken } from './api';

export interface OrderUpdate {
  id: number;
  orderNo: string;
  status: string;
}

/** Calls `handler` on each update until the returned function is called. */
export function onOrderUpdated(handler: (update: OrderUpdate) => void): () => void {
  const token = shopperToken.get();
  if (!token) return () => undefined;
  let socket: Socket | null = io({ auth: { token }, transports: ['websocket'], reconnectionAttempts: 5 });
  socket.on('order:updated', handler);
  socket.on('connect_error', () => undefined); // live updates are a nicety: the page still works without them
  return () => {
    socket?.off();
    socket?.disconnect();
    socket = null;
  };
}
