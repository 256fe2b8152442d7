/**
 * The one live connection of an app (socket.io, same origin): both apps make one with
 * `createLive({ token })` and every screen listens through it, so a console open on five screens
 * holds one socket, not five.
 *
 * - Connects when something first listens (or sends), with the token `token()` gives at that
 *   moment; each reconnection asks again, so a new sign-in is picked up.
 * - Reconnects by itself: socket.io's own backoff after a dropped line, and ours (1 s doubling to
 *   30 s, jittered) when the server ended the socket (a role change: the next handshake joins the
 *   rooms the new role allows) or refused the handshake; it stops while there is no token.
 * - Events the server sent while the socket was down are gone: `onConnect(again => ...)` runs on
 *   each connection, `again` true after the first, and is where a screen refetches what it shows
 *   and re-joins what it had joined (chat conversations).
 * - Typed: `ServerEvents` maps each event the server sends to its payload; a module adding events
 *   (chat) adds them there.
 * - WebSocket only: a long-polling client would need every request of its session to reach the
 *   same API node, and there are several behind the balancer.
 */
import { io, type Socket } from 'socket.io-client';
import { ref, type Ref } from 'vue';
import type { FulfillmentUpdate, OrderUpdate } from '../../server/src/modules/orders/notifications.js';
import type { ChatAgent, ChatMessage, ChatSide, Conversation } from './chat/types';

export type { FulfillmentUpdate, OrderUpdate };

/** What the server sends, by event name (API.md, Realtime). */
export interface ServerEvents {
  /** Staff who read the shop's orders and the order's shopper: an order was placed or changed status. */
  'order:updated': OrderUpdate;
  /** Whoever ships it (a supplier, or the shop for its own goods): a paid fulfilment to ship. */
  'fulfillment:created': FulfillmentUpdate;
  /** A parcel left, or the order moved on (received, completed, refunded). */
  'fulfillment:updated': FulfillmentUpdate;
  // chat (server/src/modules/chat/CONTEXT.md, "Received")
  'chat:message': ChatMessage;
  'chat:read': { conversationId: number; reader: ChatSide; seq: number };
  'chat:typing': { conversationId: number; sender: { kind: ChatSide }; typing: boolean };
  'chat:assigned': { conversationId: number; conversation: Conversation };
  'chat:queue': { conversationId: number; position: number };
  'chat:conversation': Conversation;
  'chat:desk': { queueLength: number };
  'chat:agent': ChatAgent;
}

export type ServerEvent = keyof ServerEvents;

export interface Live {
  /** Calls `handler` on each event until the returned function is called. */
  on<E extends ServerEvent>(event: E, handler: (payload: ServerEvents[E]) => void): () => void;
  /** Calls `handler` on every connection (`again`: not the first): refetch, re-join. */
  onConnect(handler: (again: boolean) => void): () => void;
  /** Sends an event and resolves with the server's acknowledgement; rejects after `timeoutMs`. */
  request<R = unknown>(event: string, payload: unknown, timeoutMs?: number): Promise<R>;
  /** True while the socket is connected (a "live" dot, a reconnecting notice). */
  readonly connected: Ref<boolean>;
  /**
   * Ends the connection (sign-in, sign-out). Listeners stay: with a token (a new sign-in) it
   * connects again at once for them, and without one the next listener or request opens it.
   */
  close(): void;
}

export interface LiveOptions {
  /** The current token, or null when signed out (then nothing connects). */
  token: () => string | null;
}

const FIRST_RETRY_MS = 1_000;
const LAST_RETRY_MS = 30_000;

export function createLive(opts: LiveOptions): Live {
  let socket: Socket | null = null;
  let retries = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let connectedOnce = false;
  const connected = ref(false);
  const listeners = new Map<string, Set<(payload: never) => void>>();
  const connectHandlers = new Set<(again: boolean) => void>();

  function retryLater(): void {
    clearTimeout(retryTimer);
    if (!opts.token()) return;
    const delay = Math.min(LAST_RETRY_MS, FIRST_RETRY_MS * 2 ** retries) * (0.5 + Math.random());
    retries++;
    retryTimer = setTimeout(() => socket?.connect(), delay);
  }

  function open(): Socket | null {
    if (socket) return socket;
    if (!opts.token()) return null;
    const s = io({
      transports: ['websocket'],
      auth: (send) => send({ token: opts.token() }),
      reconnectionDelay: FIRST_RETRY_MS,
      reconnectionDelayMax: LAST_RETRY_MS,
    });
    s.on('connect', () => {
      connected.value = true;
      retries = 0;
      const again = connectedOnce;
      connectedOnce = true;
      for (const handler of connectHandlers) handler(again);
    });
    s.on('disconnect', (reason) => {
      connected.value = false;
      // socket.io retries a dropped line itself; a socket the server ended is ours to bring back
      if (reason === 'io server disconnect') retryLater();
    });
    // a refused handshake (expired session, suspended shop) is not retried by socket.io
    s.on('connect_error', () => {
      if (!s.active) retryLater();
    });
    for (const [event, handlers] of listeners) for (const h of handlers) s.on(event, h as (payload: unknown) => void);
    socket = s;
    return s;
  }

  // back on the network: do not wait out the backoff
  if (typeof window !== 'undefined') {
    window.addEventListener('online', () => {
      if (socket && !socket.connected) {
        retries = 0;
        socket.connect();
      }
    });
  }

  return {
    on(event, handler) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(handler as (payload: never) => void);
      open()?.on(event as string, handler as (payload: unknown) => void);
      return () => {
        set.delete(handler as (payload: never) => void);
        socket?.off(event as string, handler as (payload: unknown) => void);
      };
    },
    onConnect(handler) {
      connectHandlers.add(handler);
      open();
      return () => void connectHandlers.delete(handler);
    },
    async request<R>(event: string, payload: unknown, timeoutMs = 10_000): Promise<R> {
      const s = open();
      if (!s) throw new Error('not signed in');
      return (await s.timeout(timeoutMs).emitWithAck(event, payload)) as R;
    },
    connected,
    close() {
      clearTimeout(retryTimer);
      socket?.off();
      socket?.disconnect();
      socket = null;
      connected.value = false;
      connectedOnce = false;
      retries = 0;
      if (connectHandlers.size || [...listeners.values()].some((set) => set.size)) open();
    },
  };
}
