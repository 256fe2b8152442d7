/**
 * socket.io on the same HTTP server. The handshake resolves the tenant like an HTTP request
 * (X-App-Id, then Host) and accepts only a shopper's or merchant staff member's token of that
 * tenant; anything else gets `connect_error` "unauthenticated". Sockets join rooms per tenant
 * staff, per staff member and per shopper; with Redis the rooms span every API node.
 */
import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { Server, type Socket } from 'socket.io';
import { actorFromToken } from './auth/index.js';
import { cache } from './cache.js';
import { createContext, withActor, withTenant, type Actor, type Ctx } from './context.js';
import { logger } from './logger.js';
import { resolveTenant } from './tenancy.js';

export interface SocketData {
  ctx: Ctx;
}

export type ConnectionHandler = (socket: Socket, ctx: Ctx) => void;

const handlers: ConnectionHandler[] = [];
let io: Server | undefined;

/** Modules add their socket events (chat, ...) here. */
export function onSocketConnection(handler: ConnectionHandler): void {
  handlers.push(handler);
}

export const rooms = {
  staff: (tenantId: number) => `t:${tenantId}:staff`,
  staffMember: (tenantId: number, staffId: number) => `t:${tenantId}:staff:${staffId}`,
  shopper: (tenantId: number, shopperId: number) => `t:${tenantId}:shopper:${shopperId}`,
};

function roomsOf(actor: Actor, tenantId: number): string[] {
  if (actor.kind === 'merchant') return [rooms.staff(tenantId), rooms.staffMember(tenantId, actor.id)];
  if (actor.kind === 'shopper') return [rooms.shopper(tenantId, actor.id)];
  return [];
}

export function attachRealtime(server: HttpServer): Server {
  io = new Server(server, { path: '/socket.io', serveClient: false, cors: { origin: true, credentials: true } });
  const redis = cache().redis();
  if (redis) io.adapter(createAdapter(redis.duplicate({ keyPrefix: '' }), redis.duplicate({ keyPrefix: '' }), { key: 's2b2c:socket.io' }));

  io.use(async (socket, next) => {
    try {
      const headers = socket.handshake.headers;
      const appId = typeof headers['x-app-id'] === 'string' ? headers['x-app-id'] : undefined;
      const tenant = await resolveTenant(appId, headers.host);
      if (tenant.status !== 'active') return next(new Error('tenant_suspended'));
      const token = (socket.handshake.auth as { token?: unknown })?.token;
      const actor = typeof token === 'string' ? await actorFromToken(token) : null;
      if (!actor || (actor.kind !== 'shopper' && actor.kind !== 'merchant') || actor.tenantId !== tenant.id) return next(new Error('unauthenticated'));
      const ctx = withActor(withTenant(createContext({ ip: socket.handshake.address, userAgent: String(headers['user-agent'] ?? '') }), tenant), actor);
      (socket.data as SocketData).ctx = ctx;
      await socket.join(roomsOf(actor, tenant.id));
      next();
    } catch {
      next(new Error('unauthenticated'));
    }
  });

  io.on('connection', (socket) => {
    const ctx = (socket.data as SocketData).ctx;
    for (const handler of handlers) {
      try {
        handler(socket, ctx);
      } catch (err) {
        logger().error({ err }, 'socket handler failed');
      }
    }
  });
  return io;
}

/** Sends to a room on every node; a no-op when realtime is not attached (scripts, some tests). */
export function emitTo(room: string, event: string, payload: unknown): void {
  io?.to(room).emit(event, payload);
}

export async function closeRealtime(): Promise<void> {
  const s = io;
  io = undefined;
  if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
}
