/**
 * socket.io on the same HTTP server. The handshake resolves the tenant like an HTTP request
 * (X-App-Id, then Host) and accepts a shopper's or merchant staff member's token of that tenant,
 * or a supplier staff member's token on any host (suppliers work across every shop, as their
 * HTTP routes do: no tenant, and never a tenant's room); anything else gets `connect_error`
 * "unauthenticated". Browsers may connect only from the platform's and its shops' own pages
 * (mini-programs send no Origin).
 *
 * What a socket hears follows from its actor's ability, as HTTP does: it joins the room of its
 * session, of itself, and the feed of each subject whose every row in the tenant it may read (a
 * shopper reads only their own orders, so hears only their own room). A revoked session's sockets
 * are disconnected on every node; with Redis the rooms span every API node.
 */
import type { Server as HttpServer, IncomingMessage } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import { Server, type Socket } from 'socket.io';
import { actorFromToken, sessionsRevoked } from './auth/index.js';
import { cache, redisChannel } from './cache.js';
import { clock } from './clock.js';
import { config } from './config.js';
import { createContext, runInContext, withActor, withTenant, type Ctx } from './context.js';
import { AppError } from './errors.js';
import { assertPlanServes } from './features.js';
import { contribute, type HookContribution } from './hooks.js';
import { logger } from './logger.js';
import { asSubject, type SubjectType } from './permissions.js';
import { resolveTenant, tenantForHost } from './tenancy.js';

export interface SocketData {
  ctx: Ctx;
}

export type ConnectionHandler = (socket: Socket, ctx: Ctx) => void;

let handlers: readonly ConnectionHandler[] = [];

interface Node {
  io: Server;
  /** The adapter's own Redis connections, closed with the server. */
  redis: Redis[];
}

/** Usually one per process; tests attach a second to play another API node. */
const nodes: Node[] = [];

/** Modules declare their socket events (chat, ...) in `sockets`; the installer hands them here once. */
export function installSocketHandlers(list: readonly ConnectionHandler[]): void {
  handlers = [...list];
}

export type SocketReply = { ok: true; data?: unknown } | { error: { code: string; message: string; details?: unknown } };

/**
 * A socket event a module handles, checked against the tenant's plan as a route is: when the plan
 * has expired or lacks the feature, the handler does not run and the client's acknowledgement gets
 * `{ error: { code: 'plan_expired' | 'plan_feature_unavailable', message } }`. The socket's plan is
 * the one it connected under; a plan change ends the shop's sockets (tenants module), so they
 * reconnect under the new one. Expiry is checked at each event.
 */
export function onSocketEvent<P>(
  socket: Socket,
  ctx: Ctx,
  event: string,
  opts: { feature?: string },
  handler: (payload: P) => Promise<unknown> | unknown,
): void {
  socket.on(event, async (payload: P, ack?: (reply: SocketReply) => void) => {
    const reply = await socketReply(ctx, opts, () => handler(payload));
    if (typeof ack === 'function') ack(reply);
  });
}

async function socketReply(ctx: Ctx, opts: { feature?: string }, run: () => Promise<unknown> | unknown): Promise<SocketReply> {
  try {
    assertPlanServes(ctx, clock.nowMs(), opts);
    const data = await runInContext(ctx, run);
    return data === undefined ? { ok: true } : { ok: true, data };
  } catch (err) {
    if (err instanceof AppError && err.status < 500) return { error: { code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) } };
    logger().error({ err }, 'socket event failed');
    return { error: { code: 'internal', message: 'Something went wrong' } };
  }
}

export const rooms = {
  /** Every socket of the shop (its suspension ends them). */
  tenant: (tenantId: number) => `t:${tenantId}`,
  session: (sid: string) => `s:${sid}`,
  staffMember: (tenantId: number, staffId: number) => `t:${tenantId}:staff:${staffId}`,
  shopper: (tenantId: number, shopperId: number) => `t:${tenantId}:shopper:${shopperId}`,
  /** Every staff member of one supplier: what it ships, in whichever shop. */
  supplier: (supplierId: number) => `sup:${supplierId}`,
};

let feeds: readonly SubjectType[] = [];
const feedRoom = (subjectType: SubjectType, tenantId: number) => `t:${tenantId}:feed:${subjectType}`;

/**
 * A subject whose changes are pushed to everybody who may read all of a tenant's rows of it
 * (staff holding the read permission, the owner). Its module lists it in `feeds`.
 */
export interface Feed {
  readonly subjectType: SubjectType;
  /** The tenant's room for it. */
  room(tenantId: number): string;
}

export function defineFeed(subjectType: SubjectType): Feed {
  return { subjectType, room: (tenantId) => feedRoom(subjectType, tenantId) };
}

/** Called once by the module installer with every module's feeds. */
export function installFeeds(list: readonly Feed[]): void {
  feeds = [...new Set(list.map((f) => f.subjectType))];
}

function roomsOf(ctx: Ctx & { tenantId: number }): string[] {
  const { actor, tenantId } = ctx;
  const joined: string[] = [rooms.tenant(tenantId)];
  if ('sessionId' in actor) joined.push(rooms.session(actor.sessionId));
  if (actor.kind === 'merchant') joined.push(rooms.staffMember(tenantId, actor.id));
  if (actor.kind === 'shopper') joined.push(rooms.shopper(tenantId, actor.id));
  // a rule with conditions beyond the tenant (a shopper's own orders) does not match a bare row
  for (const subjectType of feeds) {
    if (ctx.ability.can('read', asSubject(subjectType, { tenantId }))) joined.push(feedRoom(subjectType, tenantId));
  }
  return joined;
}

const loopbackNames = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$|\.localhost$/;

/** The page a browser connects from must be the platform's or one of its shops'. */
async function originAllowed(origin: string | undefined): Promise<boolean> {
  if (!origin) return true;
  let host: string;
  try {
    host = new URL(origin).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (host === config().platformDomain) return true;
  if (config().env !== 'production' && loopbackNames.test(host)) return true; // a local dev server (Vite) on any port
  return (await tenantForHost(host).catch(() => null)) !== null;
}

function checkOrigin(req: IncomingMessage, answer: (err: string | null | undefined, success: boolean) => void): void {
  originAllowed(req.headers.origin).then(
    (ok) => answer(ok ? null : 'origin not allowed', ok),
    () => answer('origin not allowed', false),
  );
}

/**
 * Who a handshake is and which rooms it joins, or why it is refused. A supplier's socket has no
 * tenant: its context is the one its HTTP routes run in (`tenant: false`), and module socket
 * handlers that serve shops look for `ctx.tenantId` before anything else.
 */
async function admit(socket: Socket): Promise<{ ctx: Ctx; rooms: string[] } | 'unauthenticated' | 'tenant_suspended'> {
  const headers = socket.handshake.headers;
  const base = createContext({ ip: socket.handshake.address, userAgent: String(headers['user-agent'] ?? '') });
  const token = (socket.handshake.auth as { token?: unknown })?.token;
  const tokenActor = typeof token === 'string' ? actorFromToken(token) : Promise.resolve(null);
  const appId = typeof headers['x-app-id'] === 'string' ? headers['x-app-id'] : undefined;
  const tenantOfHost = resolveTenant(appId, headers.host).catch(() => null);
  const [actor, tenant] = await Promise.all([tokenActor, tenantOfHost]);
  if (actor?.kind === 'supplier') {
    return { ctx: withActor(base, actor), rooms: [rooms.session(actor.sessionId), rooms.supplier(actor.supplierId)] };
  }
  if (!tenant) return 'unauthenticated';
  if (tenant.status !== 'active') return 'tenant_suspended';
  if (!actor || (actor.kind !== 'shopper' && actor.kind !== 'merchant') || actor.tenantId !== tenant.id) return 'unauthenticated';
  const ctx = withActor(withTenant(base, tenant), actor);
  return { ctx, rooms: roomsOf({ ...ctx, tenantId: tenant.id }) };
}

export function attachRealtime(server: HttpServer): Server {
  const io = new Server(server, {
    path: '/socket.io',
    serveClient: false,
    allowRequest: checkOrigin,
    cors: { origin: (origin, answer) => void originAllowed(origin).then((ok) => answer(null, ok), () => answer(null, false)), credentials: true },
  });
  const node: Node = { io, redis: [] };
  const redis = cache().redis();
  if (redis) {
    node.redis = [redis.duplicate({ keyPrefix: '' }), redis.duplicate({ keyPrefix: '' })];
    io.adapter(createAdapter(node.redis[0]!, node.redis[1]!, { key: redisChannel(redis, 'socket.io') }));
  }

  io.use(async (socket, next) => {
    try {
      const joined = await admit(socket);
      if (typeof joined === 'string') return next(new Error(joined));
      (socket.data as SocketData).ctx = joined.ctx;
      await socket.join(joined.rooms);
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
  nodes.push(node);
  return io;
}

/**
 * Where a broadcast starts: with Redis, one server (its adapter carries the broadcast to every
 * node, this process's other servers included); without, each server of this process.
 */
function broadcasters(): Server[] {
  const all = nodes.map((n) => n.io);
  return cache().redis() ? all.slice(0, 1) : all;
}

/** Sends to a room on every node; a no-op when realtime is not attached (scripts, some tests). */
export function emitTo(room: string, event: string, payload: unknown): void {
  for (const io of broadcasters()) io.to(room).emit(event, payload);
}

/**
 * Ends the sockets in these rooms on every node. A client whose token still holds connects again
 * and joins the rooms its ability allows now (after a role change); a revoked one is refused.
 */
export function disconnectRooms(names: readonly string[]): void {
  if (!names.length) return;
  for (const io of broadcasters()) io.in([...names]).disconnectSockets(true);
}

/** Core's own contribution (core/platform.ts): a revoked session's sockets end. */
export const disconnectRevokedSessions: HookContribution = contribute(sessionsRevoked, 'realtime.disconnect', (sids: readonly string[]) => disconnectRooms(sids.map(rooms.session)));

async function closeNode(node: Node): Promise<void> {
  nodes.splice(nodes.indexOf(node), 1);
  await new Promise<void>((resolve) => node.io.close(() => resolve()));
  await Promise.all(node.redis.map((r) => r.quit().catch(() => undefined)));
}

/** Closes one server (a test's second node), or every server of this process. */
export async function closeRealtime(io?: Server): Promise<void> {
  const closing = io ? nodes.filter((n) => n.io === io) : [...nodes];
  for (const node of closing) await closeNode(node);
}
