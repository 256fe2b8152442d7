/**
 * socket.io on our benchmark server (ours-server.ts started with BENCH_REALTIME=on): core's own
 * attachRealtime() on its HTTP server, so the handshake, rooms, the Redis adapter and the modules'
 * socket events (chat) are the production ones. Commands realtime.ts sends over IPC:
 *
 * - `memory`: RSS and heap after two full GCs (V8's gc exposed at run time), with the number of
 *   connected sockets, so memory per connection is not blurred by garbage not yet collected.
 * - `orders-start {shoppers, perSecond}` / `orders-stop`: every listed shopper gets `order:updated`
 *   `perSecond` times a second. 5,000 real order status changes a second (each one a transaction,
 *   an outbox row and a dispatched job) would measure the database, not the sockets, on this
 *   machine, so the orders module's own subscriber (`pushStatusChange`, the handler the outbox
 *   calls for `order.status_changed`) is called directly: the same emitTo() into the shopper's room
 *   and the shop's order feed, through the Redis adapter. Its payload carries the send time in
 *   `orderNo` (the only free-form field) for the receiver to measure the delay.
 */
import type { Server as HttpServer } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Server } from 'socket.io';
import { createContext } from '../../../server/src/core/context.js';
import { attachRealtime } from '../../../server/src/core/realtime.js';
import { pushStatusChange } from '../../../server/src/modules/orders/notifications.js';
import { wallMs } from './latency.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

export interface OrderTarget {
  tenantId: number;
  customerId: number;
}

/** The sends of one second are spread over this many slices, as order changes arrive over time. */
const SLICES = 20;

export function attachBenchRealtime(server: HttpServer): Server {
  const io = attachRealtime(server);
  const ctx = createContext({ requestId: 'bench-realtime' });
  let ticker: NodeJS.Timeout | null = null;
  let sent = 0;
  let late = 0;
  let startedAt = 0;

  function startOrders(targets: OrderTarget[], perSecond: number): void {
    const sliceMs = 1000 / perSecond / SLICES;
    const perSlice = Math.ceil(targets.length / SLICES);
    let slice = 0;
    sent = 0;
    late = 0;
    startedAt = wallMs();
    const tick = () => {
      // slices are due at fixed times: a slow slice makes the next one late, not the whole run longer
      const due = startedAt + slice * sliceMs;
      if (wallMs() - due > sliceMs) late++;
      const from = (slice % SLICES) * perSlice;
      for (const t of targets.slice(from, from + perSlice)) {
        void pushStatusChange.handler(ctx, { tenantId: t.tenantId, orderId: ++sent, orderNo: String(wallMs()), customerId: t.customerId, from: 'paid', to: 'shipped' });
      }
      slice++;
      ticker = setTimeout(tick, Math.max(0, startedAt + slice * sliceMs - wallMs()));
    };
    tick();
  }

  process.on('message', (m: { cmd: string; id?: number; shoppers?: OrderTarget[]; perSecond?: number }) => {
    switch (m.cmd) {
      case 'memory': {
        gc();
        gc();
        const mem = process.memoryUsage();
        process.send?.({ type: 'memory', id: m.id, rss: mem.rss, heapUsed: mem.heapUsed, external: mem.external, sockets: io.engine.clientsCount });
        break;
      }
      case 'orders-start':
        startOrders(m.shoppers ?? [], m.perSecond ?? 1);
        process.send?.({ type: 'ok', id: m.id });
        break;
      case 'orders-stop':
        if (ticker) clearTimeout(ticker);
        ticker = null;
        process.send?.({ type: 'orders', id: m.id, sent, lateSlices: late, seconds: (wallMs() - startedAt) / 1000 });
        break;
    }
  });
  return io;
}
