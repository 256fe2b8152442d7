/**
 * Live order updates for merchant staff over socket.io (same origin, the staff token): the server
 * sends `order:updated {id, orderNo, status}` on every status change of the shop's orders.
 */
import { io, type Socket } from 'socket.io-client';
import { storedToken } from './api';

export interface OrderUpdate {
  id: number;
  orderNo: string;
  status: string;
}

/** Calls `handler` on each update until the returned function is called (a no-op off the merchant console). */
export function onOrderUpdated(handler: (update: OrderUpdate) => void): () => void {
  const token = storedToken('merchant');
  if (!token) return () => undefined;
  let socket: Socket | null = io({ auth: { token }, transports: ['websocket'], reconnectionAttempts: 5 });
  socket.on('order:updated', handler);
  // the server ends a socket when the staff member's role changes: join again under the new role
  // (a revoked session is refused, and the next request signs the console out)
  socket.on('disconnect', (reason) => {
    if (reason === 'io server disconnect') socket?.connect();
  });
  socket.on('connect_error', () => undefined); // live updates are a nicety: the list still works without them
  return () => {
    socket?.off();
    socket?.disconnect();
    socket = null;
  };
}
