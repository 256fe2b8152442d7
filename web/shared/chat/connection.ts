/**
 * The chat's socket: same origin, `auth: {token}`, socket.io's own reconnection with backoff, and
 * every event asked with an acknowledgement turned into a promise (an error ack becomes an
 * `ApiError`, so screens show it like an HTTP error). `onConnect` runs on the first connect and on
 * every reconnect: that is where a screen catches up (`chat:sync` from the last seq it holds).
 *
 * Kept small on purpose: when the general socket helper lands in web/shared this file becomes a thin
 * adapter over it.
 */
import { ref, type Ref } from 'vue';
import { io, type Socket } from 'socket.io-client';
import { ApiError, type FieldError } from '../api';

type Ack<T> = { ok: true; data?: T } | { error: { code: string; message: string; details?: unknown } };

/** Codes the socket answers and the status an HTTP route would give them (for `errorWords`). */
const statusOf = (code: string): number => (code === 'validation_failed' ? 400 : code === 'not_found' ? 404 : code === 'forbidden' ? 403 : code === 'rate_limited' ? 429 : 409);

export interface ChatSocket {
  connected: Ref<boolean>;
  ask<T = unknown>(event: string, payload: unknown): Promise<T>;
  on<T = unknown>(event: string, handler: (payload: T) => void): () => void;
  onConnect(handler: () => void): () => void;
  close(): void;
}

export function chatSocket(token: string): ChatSocket {
  const connected = ref(false);
  const connectHandlers = new Set<() => void>();
  const socket: Socket = io({ auth: { token }, transports: ['websocket'], reconnectionDelay: 500, reconnectionDelayMax: 5_000 });
  socket.on('connect', () => {
    connected.value = true;
    for (const h of connectHandlers) h();
  });
  socket.on('disconnect', (reason) => {
    connected.value = false;
    // the server ended it (role changed, node restarting): come back; a revoked token is refused there
    if (reason === 'io server disconnect') socket.connect();
  });
  socket.on('connect_error', () => undefined); // socket.io retries by itself; the screen shows "connecting"

  return {
    connected,
    async ask<T>(event: string, payload: unknown): Promise<T> {
      const reply = (await socket.timeout(15_000).emitWithAck(event, payload)) as Ack<T>;
      if ('error' in reply) {
        const details = reply.error.details;
        throw new ApiError(statusOf(reply.error.code), reply.error.code, reply.error.message, Array.isArray(details) ? (details as FieldError[]) : [], details);
      }
      return reply.data as T;
    },
    on<T>(event: string, handler: (payload: T) => void) {
      socket.on(event, handler as (p: unknown) => void);
      return () => void socket.off(event, handler as (p: unknown) => void);
    },
    onConnect(handler) {
      connectHandlers.add(handler);
      if (socket.connected) handler();
      return () => void connectHandlers.delete(handler);
    },
    close() {
      connectHandlers.clear();
      socket.off();
      socket.disconnect();
    },
  };
}
