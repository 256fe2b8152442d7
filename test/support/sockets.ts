/** Real socket.io clients against a running server, and what they hear. */
import { expect } from 'chai';
import { io, type Socket } from 'socket.io-client';
import { startServer, type RunningServer } from './server.js';

export function connectSocket(server: RunningServer, host: string, token: string | undefined): Socket {
  return io(`http://127.0.0.1:${server.port}`, {
    path: '/socket.io',
    transports: ['websocket'],
    auth: token ? { token } : {},
    extraHeaders: { host },
    reconnection: false,
    forceNew: true,
  });
}

/** 'connected', or the message of the handshake's refusal. */
export function handshake(socket: Socket): Promise<'connected' | string> {
  return new Promise((resolve) => {
    socket.on('connect', () => resolve('connected'));
    socket.on('connect_error', (err) => resolve(err.message));
  });
}

/** Every payload of these events a socket hears from now on, tagged with the event's name. */
export function listen<T = Record<string, unknown>>(socket: Socket, events: readonly string[]): Array<T & { event: string }> {
  const got: Array<T & { event: string }> = [];
  for (const event of events) socket.on(event, (payload: T) => got.push({ ...payload, event }));
  return got;
}

/** Opens sockets and closes them all at the end of a suite. */
export function socketPool() {
  const open: Socket[] = [];
  return {
    async connected(server: RunningServer, host: string, token: string): Promise<Socket> {
      const s = connectSocket(server, host, token);
      open.push(s);
      expect(await handshake(s)).to.equal('connected');
      return s;
    },
    async refused(server: RunningServer, host: string, token: string | undefined): Promise<string> {
      const s = connectSocket(server, host, token);
      open.push(s);
      return handshake(s);
    },
    closeAll(): void {
      for (const s of open.splice(0)) s.close();
    },
  };
}

export const settle = (ms = 300) => new Promise((r) => setTimeout(r, ms));

/** Call inside a `describe`: a listening server for its tests and a pool of sockets, both closed at the end. */
export function socketSuite() {
  let server: RunningServer | undefined;
  const pool = socketPool();
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    pool.closeAll();
    await server?.close();
  });
  return {
    get server(): RunningServer {
      if (!server) throw new Error('the socket suite has not started');
      return server;
    },
    sockets: pool,
  };
}
