/**
 * A socket.io v4 client over the mini-program's WebSocket (`wx.connectSocket`), because the
 * socket.io-client package needs browser or Node transports the mini-program runtime lacks. It
 * speaks Engine.IO protocol 4 on the websocket transport only (long polling would need sticky
 * sessions across API nodes) and the socket.io packet format on the main namespace:
 *
 *   server  0{"sid","pingInterval","pingTimeout"}   engine open
 *   client  40{"token":...}                           namespace connect with auth
 *   server  40{"sid"} | 44{"message","data"?}         connected | refused (connect_error)
 *   either  42["event",payload] / 42<id>[...]         event (with an ack id)
 *   either  43<id>[reply]                             ack
 *   server  2  -> client 3                            ping / pong (the server pings in v4)
 *   either  41 / engine 1                             namespace disconnect / engine close
 *
 * A dropped line reconnects with backoff (1 s doubling to 30 s, with jitter); a refusal at the
 * handshake does not (the token will not get better by itself), as socket.io-client behaves.
 * Emits made while disconnected are kept and sent once connected.
 */

/** The part of WeChat's SocketTask this client uses (structurally `WechatMiniprogram.SocketTask`). */
export interface SocketTaskLike {
  onOpen(cb: (res: unknown) => void): void;
  onMessage(cb: (res: { data: string | ArrayBuffer }) => void): void;
  onClose(cb: (res: { code?: number; reason?: string }) => void): void;
  onError(cb: (res: { errMsg?: string }) => void): void;
  send(opts: { data: string; fail?: (res: { errMsg?: string }) => void }): void;
  close(opts?: { code?: number; reason?: string }): void;
}

export interface ConnectSocketOptions {
  url: string;
  header?: Record<string, string>;
  timeout?: number;
}

export type ConnectSocket = (opts: ConnectSocketOptions) => SocketTaskLike;

export interface SocketOptions {
  /** Origin of the socket.io server, e.g. "wss://shop.example.com" (the tenant config's socketUrl). */
  url: string;
  /** Sent on the WebSocket handshake: the tenant's appid finds the shop, as on every request. */
  headers?: Record<string, string>;
  /** The namespace connect's auth, read at each (re)connection so a new token is used. */
  auth?: () => Record<string, unknown>;
  path?: string;
  /** Defaults to the mini-program's `wx.connectSocket`; tests pass a stub. */
  connectSocket?: ConnectSocket;
  reconnection?: boolean;
  reconnectionDelay?: number;
  reconnectionDelayMax?: number;
  /** How long an `emitWithAck` waits before it rejects. */
  ackTimeout?: number;
}

export class ConnectError extends Error {
  constructor(
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
    this.name = 'ConnectError';
  }
}

export class AckTimeoutError extends Error {
  constructor(readonly event: string) {
    super(`no acknowledgement for ${event}`);
    this.name = 'AckTimeoutError';
  }
}

type Listener = (...args: any[]) => void;

/** Events the client itself raises; every other name is the server's. */
export type LifecycleEvent = 'connect' | 'disconnect' | 'connect_error' | 'reconnect_attempt';

declare const wx: { connectSocket: (opts: ConnectSocketOptions) => SocketTaskLike } | undefined;

const defaultConnect: ConnectSocket = (opts) => {
  if (typeof wx === 'undefined') throw new Error('wx.connectSocket is not available');
  return wx.connectSocket(opts);
};

/** Engine.IO packet types (first character of every frame). */
const ENGINE = { open: '0', close: '1', ping: '2', pong: '3', message: '4' } as const;
/** socket.io packet types (the character after the engine's `4`). */
const SIO = { connect: '0', disconnect: '1', event: '2', ack: '3', connectError: '4' } as const;

export class MiniSocket {
  /** True between the namespace's `40{sid}` and the line dropping. */
  connected = false;
  /** The namespace's session id while connected. */
  id: string | null = null;

  private readonly opts: Required<Omit<SocketOptions, 'headers' | 'auth'>> & Pick<SocketOptions, 'headers' | 'auth'>;
  private task: SocketTaskLike | null = null;
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly acks = new Map<number, (args: unknown[]) => void>();
  private nextAckId = 0;
  private outbox: string[] = [];
  private attempts = 0;
  /** The app asked to close: no reconnection until it asks to connect again. */
  private closedByApp = true;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private heartbeatTimer: ReturnType<typeof setTimeout> | null = null;
  private heartbeatMs = 45_000;
  private everConnected = false;

  constructor(options: SocketOptions) {
    this.opts = {
      path: '/socket.io',
      connectSocket: defaultConnect,
      reconnection: true,
      reconnectionDelay: 1_000,
      reconnectionDelayMax: 30_000,
      ackTimeout: 10_000,
      ...options,
    };
  }

  on(event: string, fn: Listener): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(fn);
    return () => this.off(event, fn);
  }

  off(event: string, fn?: Listener): void {
    if (fn) this.listeners.get(event)?.delete(fn);
    else this.listeners.delete(event);
  }

  once(event: string, fn: Listener): () => void {
    const stop = this.on(event, (...args) => {
      stop();
      fn(...args);
    });
    return stop;
  }

  /** Opens the line (again). */
  connect(): this {
    this.closedByApp = false;
    this.clearReconnect();
    if (!this.task) this.open();
    return this;
  }

  /** Sends an event; a function as the last argument is called with the server's acknowledgement. */
  emit(event: string, ...args: unknown[]): this {
    const last = args[args.length - 1];
    let ackId = '';
    if (typeof last === 'function') {
      const id = this.nextAckId++;
      this.acks.set(id, (reply) => (last as Listener)(...reply));
      args = args.slice(0, -1);
      ackId = String(id);
    }
    const frame = `${ENGINE.message}${SIO.event}${ackId}${JSON.stringify([event, ...args])}`;
    if (this.connected) this.send(frame);
    else this.outbox.push(frame);
    return this;
  }

  /** Sends an event and resolves with the acknowledgement's first argument. */
  emitWithAck<T = unknown>(event: string, payload?: unknown, timeoutMs = this.opts.ackTimeout): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        for (const [id, fn] of this.acks) if (fn === done) this.acks.delete(id);
        reject(new AckTimeoutError(event));
      }, timeoutMs);
      const done = (reply: T) => {
        clearTimeout(timer);
        resolve(reply);
      };
      if (payload === undefined) this.emit(event, done);
      else this.emit(event, payload, done);
    });
  }

  /** Closes the line for good (until `connect()`); pending emits are dropped. */
  close(): void {
    this.closedByApp = true;
    this.clearReconnect();
    if (this.connected) this.send(`${ENGINE.message}${SIO.disconnect}`);
    this.outbox = [];
    this.teardown('io client disconnect');
  }

  // ---- the line ----

  private open(): void {
    const base = this.opts.url.replace(/\/+$/, '').replace(/^http/, 'ws');
    const url = `${base}${this.opts.path}/?EIO=4&transport=websocket`;
    let task: SocketTaskLike;
    try {
      task = this.opts.connectSocket({ url, header: this.opts.headers ?? {}, timeout: 20_000 });
    } catch (err) {
      this.raise('connect_error', new ConnectError(err instanceof Error ? err.message : String(err)));
      this.scheduleReconnect();
      return;
    }
    this.task = task;
    // a stale task's callbacks (after a reconnect replaced it) must not touch the new line
    const live = () => this.task === task;
    task.onMessage((res) => live() && typeof res.data === 'string' && this.onFrame(res.data));
    task.onClose(() => live() && this.lost('transport close'));
    task.onError((res) => live() && this.lost(res.errMsg || 'transport error'));
  }

  private onFrame(frame: string): void {
    const type = frame[0];
    if (type === ENGINE.open) {
      const info = parseJson(frame.slice(1)) as { pingInterval?: number; pingTimeout?: number } | undefined;
      this.heartbeatMs = (info?.pingInterval ?? 25_000) + (info?.pingTimeout ?? 20_000);
      this.resetHeartbeat();
      this.send(`${ENGINE.message}${SIO.connect}${JSON.stringify(this.opts.auth?.() ?? {})}`);
    } else if (type === ENGINE.ping) {
      this.resetHeartbeat();
      this.send(ENGINE.pong);
    } else if (type === ENGINE.close) {
      this.lost('transport close');
    } else if (type === ENGINE.message) {
      this.onPacket(frame.slice(1));
    }
  }

  private onPacket(packet: string): void {
    const type = packet[0];
    const rest = packet.slice(1);
    if (type === SIO.connect) {
      const data = parseJson(rest) as { sid?: string } | undefined;
      this.id = data?.sid ?? null;
      this.connected = true;
      const again = this.attempts > 0 || this.everConnected;
      this.everConnected = true;
      this.attempts = 0;
      for (const frame of this.outbox.splice(0)) this.send(frame);
      this.raise('connect', again);
    } else if (type === SIO.connectError) {
      const data = parseJson(rest) as { message?: string; data?: unknown } | undefined;
      // the server refused this token: reconnecting with it would be refused again
      this.closedByApp = true;
      this.raise('connect_error', new ConnectError(data?.message ?? 'connect_error', data?.data));
      this.teardown('io server disconnect');
    } else if (type === SIO.disconnect) {
      // the server ended this socket (a revoked session, a role change): socket.io does not retry
      this.closedByApp = true;
      this.teardown('io server disconnect');
    } else if (type === SIO.event) {
      const { id, args } = splitIdAndArgs(rest);
      if (!Array.isArray(args) || typeof args[0] !== 'string') return;
      const [event, ...payload] = args as [string, ...unknown[]];
      if (id !== null) payload.push((...reply: unknown[]) => this.send(`${ENGINE.message}${SIO.ack}${id}${JSON.stringify(reply)}`));
      this.raise(event, ...payload);
    } else if (type === SIO.ack) {
      const { id, args } = splitIdAndArgs(rest);
      if (id === null) return;
      const fn = this.acks.get(id);
      this.acks.delete(id);
      fn?.(Array.isArray(args) ? args : []);
    }
  }

  private send(frame: string): void {
    this.task?.send({ data: frame });
  }

  private lost(reason: string): void {
    const wasConnected = this.connected;
    this.teardown(reason);
    if (!wasConnected && !this.closedByApp) this.raise('connect_error', new ConnectError(reason));
    this.scheduleReconnect();
  }

  /** Drops the task and timers; says `disconnect` when the namespace was connected. */
  private teardown(reason: string): void {
    const task = this.task;
    this.task = null;
    if (this.heartbeatTimer) clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = null;
    if (task) {
      try {
        task.close({ code: 1000, reason });
      } catch {
        // already closed
      }
    }
    if (this.connected) {
      this.connected = false;
      this.id = null;
      this.raise('disconnect', reason);
    }
  }

  private scheduleReconnect(): void {
    if (this.closedByApp || !this.opts.reconnection || this.reconnectTimer) return;
    const base = Math.min(this.opts.reconnectionDelay * 2 ** this.attempts, this.opts.reconnectionDelayMax);
    const delay = Math.round(base * (0.75 + Math.random() * 0.5));
    this.attempts++;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (this.closedByApp) return;
      this.raise('reconnect_attempt', this.attempts);
      this.open();
    }, delay);
  }

  private clearReconnect(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
  }

  /** No ping for pingInterval + pingTimeout: the line is dead even if nobody said so. */
  private resetHeartbeat(): void {
    if (this.heartbeatTimer) clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = setTimeout(() => this.lost('ping timeout'), this.heartbeatMs);
  }

  private raise(event: string, ...args: unknown[]): void {
    for (const fn of [...(this.listeners.get(event) ?? [])]) {
      try {
        fn(...args);
      } catch (err) {
        console.error(`socket listener for ${event} failed`, err);
      }
    }
  }
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `12["x"]` -> id 12 and the array; `["x"]` -> no id. */
function splitIdAndArgs(rest: string): { id: number | null; args: unknown } {
  const m = /^(\d*)(.*)$/s.exec(rest);
  const digits = m?.[1] ?? '';
  return { id: digits ? Number(digits) : null, args: parseJson(m?.[2] ?? '') };
}

/** A socket that connects at once. */
export function connectIo(options: SocketOptions): MiniSocket {
  return new MiniSocket(options).connect();
}
