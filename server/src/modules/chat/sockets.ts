/**
 * The chat's socket events (CONTEXT.md "Socket events"). Payloads are checked like HTTP bodies;
 * an agent's socket is their presence while it lasts. A socket sending messages faster than a person
 * types is refused for a moment (per socket, so per node: a socket lives on one).
 */
import { randomUUID } from 'node:crypto';
import type { Server, Socket } from 'socket.io';
import type { z } from 'zod';
import type { Ctx } from '../../core/context.js';
import { runInContext } from '../../core/context.js';
import { ValidationError } from '../../core/errors.js';
import { issuesOf } from '../../core/http.js';
import { logger } from '../../core/logger.js';
import { onSocketEvent, type ConnectionHandler } from '../../core/realtime.js';
import { isShopper, type ShopperCtx } from './access.js';
import { agentConnected, agentDisconnected, announceAgent, changeAgent, isAgent } from './agents.js';
import { acceptConversation, openConversation } from './conversations.js';
import { chatErrors } from './errors.js';
import { history, markRead, sendMessage, typing } from './messages.js';
import { drainQueue } from './routing.js';
import { acceptPayload, agentChange, messagePayload, openPayload, readPayload, syncPayload, typingPayload } from './schemas.js';

const FLOOD_LIMIT = 10;
const FLOOD_WINDOW_MS = 5_000;

/** The last messages' times of one socket; the 11th within 5 s is refused. */
function floodGuard(): () => void {
  const sent: number[] = [];
  return () => {
    const now = Date.now();
    while (sent.length && sent[0]! <= now - FLOOD_WINDOW_MS) sent.shift();
    if (sent.length >= FLOOD_LIMIT) throw chatErrors.flood(Math.max(1, Math.ceil((sent[0]! + FLOOD_WINDOW_MS - now) / 1000)));
    sent.push(now);
  };
}

function parse<S extends z.ZodType>(schema: S, payload: unknown): z.output<S> {
  const result = schema.safeParse(payload ?? {});
  if (!result.success) throw new ValidationError(issuesOf(result.error));
  return result.data;
}

const nodeIds = new WeakMap<Server, string>();
function nodeOf(socket: Socket): string {
  const server = socket.nsp.server;
  let id = nodeIds.get(server);
  if (!id) nodeIds.set(server, (id = randomUUID()));
  return id;
}

function shopperEvents(socket: Socket, ctx: ShopperCtx): void {
  onSocketEvent(socket, ctx, 'chat:open', {}, (p) => openConversation(ctx, parse(openPayload, p).subject));
}

function agentEvents(socket: Socket, ctx: Ctx): void {
  const nodeId = nodeOf(socket);
  const present = runInContext(ctx, async () => {
    await agentConnected(ctx, nodeId, socket.id);
    await announceAgent(ctx, (ctx.actor as { id: number }).id);
    await drainQueue(ctx);
  });
  present.catch((err: unknown) => logger().error({ err }, 'chat: agent presence not recorded'));
  // an agent's own events answer once their presence is recorded: an ack means "I count as connected"
  onSocketEvent(socket, ctx, 'chat:status', {}, async (p) => {
    await present;
    const { agent, roomMore } = await changeAgent(ctx, parse(agentChange, p));
    if (roomMore) await drainQueue(ctx);
    return agent;
  });
  onSocketEvent(socket, ctx, 'chat:accept', {}, async (p) => {
    await present;
    return acceptConversation(ctx, parse(acceptPayload, p).conversationId);
  });
  socket.on('disconnect', () => {
    void present
      .catch(() => undefined)
      .then(() =>
        runInContext(ctx, async () => {
          await agentDisconnected(ctx, nodeId, socket.id);
          await announceAgent(ctx, (ctx.actor as { id: number }).id);
        }),
      )
      .catch((err: unknown) => logger().error({ err }, 'chat: agent presence not cleared'));
  });
}

export const chatSockets: ConnectionHandler = (socket, ctx) => {
  const shopper = isShopper(ctx);
  if (!shopper && !isAgent(ctx)) return;
  const guard = floodGuard();
  onSocketEvent(socket, ctx, 'chat:message', {}, (p) => {
    guard();
    return sendMessage(ctx, parse(messagePayload, p));
  });
  onSocketEvent(socket, ctx, 'chat:read', {}, (p) => {
    const { conversationId, seq } = parse(readPayload, p);
    return markRead(ctx, conversationId, seq);
  });
  onSocketEvent(socket, ctx, 'chat:typing', {}, (p) => {
    const { conversationId, typing: on } = parse(typingPayload, p);
    return typing(ctx, conversationId, on);
  });
  onSocketEvent(socket, ctx, 'chat:sync', {}, (p) => {
    const { conversationId, afterSeq, limit } = parse(syncPayload, p);
    return history(ctx, conversationId, { after: afterSeq, limit: limit ?? 100 });
  });
  if (shopper) shopperEvents(socket, ctx);
  else agentEvents(socket, ctx);
};
