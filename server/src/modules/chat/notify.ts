/**
 * Who hears what (CONTEXT.md "Received"). Every room is named with the shop's id: a shopper's own
 * room, an agent's own room, the desk feed (every agent: the queue's length) and the agents feed
 * (supervisors: who is online, their load). Sent after the change committed.
 */
import type { Ctx } from '../../core/context.js';
import { requireTenantId } from '../../core/context.js';
import { defineFeed, emitTo, rooms } from '../../core/realtime.js';
import type { ConversationRow } from './repository.js';
import type { AgentView, ConversationView, MessageView } from './schemas.js';

export const deskFeed = defineFeed('ChatDesk');
export const agentsFeed = defineFeed('ChatAgents');

type Parties = Pick<ConversationRow, 'customerId' | 'agentId'>;

function partyRooms(ctx: Ctx, c: Parties, extraAgent?: number | null): string[] {
  const tenantId = requireTenantId(ctx);
  const list = [rooms.shopper(tenantId, c.customerId)];
  for (const agent of new Set([c.agentId, extraAgent])) if (agent) list.push(rooms.staffMember(tenantId, agent));
  return list;
}

function emitAll(names: string[], event: string, payload: unknown): void {
  for (const room of names) emitTo(room, event, payload);
}

export function sayMessage(ctx: Ctx, c: Parties, message: MessageView): void {
  emitAll(partyRooms(ctx, c), 'chat:message', message);
}

/** A read mark or typing: to both sides (a side's other tabs follow their own reading too). */
export function sayToParties(ctx: Ctx, c: Parties, event: 'chat:read' | 'chat:typing', payload: unknown): void {
  emitAll(partyRooms(ctx, c), event, payload);
}

export function sayConversation(ctx: Ctx, view: ConversationView, previousAgent?: number | null): void {
  emitAll(partyRooms(ctx, { customerId: view.shopper.id, agentId: view.agent?.id ?? null }, previousAgent), 'chat:conversation', view);
}

export function sayAssigned(ctx: Ctx, view: ConversationView): void {
  if (view.agent) emitTo(rooms.staffMember(requireTenantId(ctx), view.agent.id), 'chat:assigned', { conversationId: view.id, conversation: view });
}

export function sayQueue(ctx: Ctx, queue: Array<Pick<ConversationRow, 'id' | 'customerId'>>, length: number): void {
  const tenantId = requireTenantId(ctx);
  queue.forEach((c, i) => emitTo(rooms.shopper(tenantId, c.customerId), 'chat:queue', { conversationId: c.id, position: i + 1 }));
  emitTo(deskFeed.room(tenantId), 'chat:desk', { queueLength: length });
}

export function sayAgent(ctx: Ctx, agent: AgentView): void {
  emitTo(agentsFeed.room(requireTenantId(ctx)), 'chat:agent', agent);
}
