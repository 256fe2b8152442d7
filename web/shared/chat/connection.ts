/**
 * The chat's view of the app's one live connection (web/shared/realtime.ts): every event asked
 * with an acknowledgement becomes a promise (an error ack an `ApiError`, so screens show it like an
 * HTTP error), and `onConnect` runs on the connection at hand and on every reconnect, which is where
 * a screen catches up (`chat:sync` from the last seq it holds). `close()` drops this screen's
 * listeners only: the connection stays for the rest of the app.
 */
import type { Ref } from 'vue';
import { ApiError, type FieldError } from '../api';
import type { Live, ServerEvent, ServerEvents } from '../realtime';

type Ack<T> = { ok: true; data?: T } | { error: { code: string; message: string; details?: unknown } };

/** The status an HTTP route would answer with the same code (for `errorWords`). */
const statusOf = (code: string): number => (code === 'validation_failed' ? 400 : code === 'not_found' ? 404 : code === 'forbidden' ? 403 : code === 'rate_limited' ? 429 : 409);

export interface ChatSocket {
  connected: Ref<boolean>;
  ask<T = unknown>(event: string, payload: unknown): Promise<T>;
  on<E extends ServerEvent>(event: E, handler: (payload: ServerEvents[E]) => void): () => void;
  onConnect(handler: () => void): () => void;
  close(): void;
}

export function chatSocket(live: Live): ChatSocket {
  const offs = new Set<() => void>();
  const track = (off: () => void) => {
    offs.add(off);
    return () => {
      off();
      offs.delete(off);
    };
  };

  return {
    connected: live.connected,
    async ask<T>(event: string, payload: unknown): Promise<T> {
      const reply = await live.request<Ack<T>>(event, payload, 15_000);
      if ('error' in reply) {
        const details = reply.error.details;
        throw new ApiError(statusOf(reply.error.code), reply.error.code, reply.error.message, Array.isArray(details) ? (details as FieldError[]) : [], details);
      }
      return reply.data as T;
    },
    on: (event, handler) => track(live.on(event, handler)),
    onConnect(handler) {
      const off = track(live.onConnect(() => handler()));
      if (live.connected.value) handler();
      return off;
    },
    close() {
      for (const off of offs) off();
      offs.clear();
    },
  };
}
