/** Real socket.io clients for the chat tests: connect as a shopper or staff member, ask with an ack, wait for events. */
import { expect } from 'chai';
import { io, type Socket } from 'socket.io-client';
import type { RunningServer } from '../../support/server.js';
import { tenantHost } from '../../support/http.js';

export type Reply<T = unknown> = { ok: true; data: T } | { error: { code: string; message: string; details?: Array<{ field: string; code?: string }> } };

const open: Socket[] = [];

export async function connect(server: RunningServer, slug: string, token: string): Promise<Socket> {
  const socket = io(`http://127.0.0.1:${server.port}`, { path: '/socket.io', transports: ['websocket'], auth: { token }, extraHeaders: { host: tenantHost(slug) }, reconnection: false, forceNew: true });
  open.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
  return socket;
}

export function closeAll(): void {
  for (const s of open.splice(0)) s.close();
}

export function ask<T = unknown>(socket: Socket, event: string, payload: unknown): Promise<Reply<T>> {
  return socket.timeout(10_000).emitWithAck(event, payload) as Promise<Reply<T>>;
}

/** The data of a successful ack; fails the test on an error reply. */
export async function ok<T = Record<string, unknown>>(socket: Socket, event: string, payload: unknown): Promise<T> {
  const reply = await ask<T>(socket, event, payload);
  expect(reply, JSON.stringify(reply)).to.have.property('ok', true);
  return (reply as { data: T }).data;
}

export async function refused(socket: Socket, event: string, payload: unknown): Promise<{ code: string; details?: Array<{ field: string; code?: string }> }> {
  const reply = await ask(socket, event, payload);
  expect(reply, JSON.stringify(reply)).to.have.property('error');
  return (reply as { error: { code: string } }).error;
}

/** Everything a socket hears of one event from now on. */
export function heard<T = Record<string, unknown>>(socket: Socket, event: string): T[] {
  const got: T[] = [];
  socket.on(event, (e: T) => got.push(e));
  return got;
}

/** Resolves once `check` holds, polling; fails after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, what: string, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export const settle = (ms = 200) => new Promise((r) => setTimeout(r, ms));
