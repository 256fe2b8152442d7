/**
 * Every query of the chat module: plain rows of the ctx's tenant in and out. The decisions that
 * two nodes could make at once are single conditional statements here (an agent takes a place only
 * while under capacity; a conversation gets an agent only while it has none), so the services
 * compose them in one transaction and read the row counts.
 */
import { Op, UniqueConstraintError } from 'sequelize';
import type { Ctx } from '../../core/context.js';
import { requireTenantId } from '../../core/context.js';
import { acrossTenants, inTx, paginate, platformRows, platformWrite, tenantRows, tenantWrite, type PageQuery } from '../../core/db/index.js';
import {
  ChatAgent,
  ChatCannedReply,
  ChatConversation,
  ChatMessage,
  ChatPresence,
  ChatTag,
  type AgentStatus,
  type ConversationStatus,
  type MessageType,
  type SenderKind,
} from './model.js';

// ---- agents ----

export interface AgentRow {
  staffId: number;
  status: AgentStatus;
  capacity: number;
  active: number;
  lastAssignedAt: Date | null;
}

const agentRow = (a: ChatAgent): AgentRow => ({ staffId: a.staffId, status: a.status, capacity: a.capacity, active: a.active, lastAssignedAt: a.lastAssignedAt });

export async function findAgent(ctx: Ctx, staffId: number): Promise<AgentRow | null> {
  const a = await ChatAgent.findOne({ where: { tenantId: requireTenantId(ctx), staffId }, ...inTx(ctx) });
  return a ? agentRow(a) : null;
}

/** The agent's row, made with the shop's default capacity the first time. */
export async function ensureAgent(ctx: Ctx, staffId: number, capacity: number): Promise<AgentRow> {
  const found = await findAgent(ctx, staffId);
  if (found) return found;
  try {
    return agentRow(await ChatAgent.create({ tenantId: requireTenantId(ctx), staffId, status: 'online', capacity, lastAssignedAt: null }, inTx(ctx)));
  } catch (err) {
    if (!(err instanceof UniqueConstraintError)) throw err;
    return (await findAgent(ctx, staffId))!;
  }
}

export async function agentRows(ctx: Ctx): Promise<AgentRow[]> {
  return (await ChatAgent.findAll({ where: { tenantId: requireTenantId(ctx) }, order: [['staffId', 'ASC']], ...inTx(ctx) })).map(agentRow);
}

export async function updateAgent(ctx: Ctx, staffId: number, changes: Partial<Pick<AgentRow, 'status' | 'capacity'>>): Promise<void> {
  await ChatAgent.update(changes, { where: { tenantId: requireTenantId(ctx), staffId }, ...inTx(ctx) });
}

/** One more conversation for the agent, only while under capacity (and online, when asked); 1 when taken. */
export function takePlace(ctx: Ctx, staffId: number, now: Date, onlineOnly: boolean): Promise<number> {
  return tenantWrite(
    ctx,
    `UPDATE chat_agents SET active = active + 1, last_assigned_at = :now, updated_at = :now WHERE tenant_id = :tenantId AND staff_id = :staffId AND active < capacity${onlineOnly ? " AND status = 'online'" : ''}`,
    { staffId, now },
  );
}

export function releasePlace(ctx: Ctx, staffId: number, now: Date): Promise<number> {
  return tenantWrite(ctx, 'UPDATE chat_agents SET active = active - 1, updated_at = :now WHERE tenant_id = :tenantId AND staff_id = :staffId AND active > 0', { staffId, now });
}

/** Agents online, under capacity and with a socket seen since `seenAfter` on any node. */
export async function availableAgents(ctx: Ctx, seenAfter: Date): Promise<AgentRow[]> {
  const rows = await tenantRows<{ staffId: number | string; status: AgentStatus; capacity: number | string; active: number | string; lastAssignedAt: Date | string | null }>(
    ctx,
    `SELECT a.staff_id AS staffId, a.status AS status, a.capacity AS capacity, a.active AS active, a.last_assigned_at AS lastAssignedAt FROM chat_agents a
     WHERE a.tenant_id = :tenantId AND a.status = 'online' AND a.active < a.capacity
       AND EXISTS (SELECT 1 FROM chat_presence p WHERE p.tenant_id = :tenantId AND p.staff_id = a.staff_id AND p.seen_at > :seenAfter)`,
    { seenAfter },
  );
  return rows.map((r) => ({ staffId: Number(r.staffId), status: r.status, capacity: Number(r.capacity), active: Number(r.active), lastAssignedAt: r.lastAssignedAt ? new Date(r.lastAssignedAt) : null }));
}

// ---- presence ----

export async function insertPresence(ctx: Ctx, row: { staffId: number; nodeId: string; socketId: string; seenAt: Date }): Promise<void> {
  await ChatPresence.create({ tenantId: requireTenantId(ctx), ...row }, inTx(ctx));
}

export function deletePresence(ctx: Ctx, nodeId: string, socketId: string): Promise<number> {
  return tenantWrite(ctx, 'DELETE FROM chat_presence WHERE tenant_id = :tenantId AND node_id = :nodeId AND socket_id = :socketId', { nodeId, socketId });
}

/** The staff of the shop with a socket seen since `seenAfter`. */
export async function connectedStaff(ctx: Ctx, seenAfter: Date): Promise<Set<number>> {
  const rows = await ChatPresence.findAll({ attributes: ['staffId'], where: { tenantId: requireTenantId(ctx), seenAt: { [Op.gt]: seenAfter } }, ...inTx(ctx) });
  return new Set(rows.map((r) => r.staffId));
}

/** A node says its sockets are still there, whatever their shop. */
export function touchNode(ctx: Ctx, nodeId: string, now: Date): Promise<number> {
  return acrossTenants('chat: a node refreshes its own agent sockets, in every shop', () => platformWrite(ctx, 'UPDATE chat_presence SET seen_at = :now WHERE node_id = :nodeId', { nodeId, now }));
}

/** Sockets of nodes that stopped refreshing them (a node that died). */
export function forgetStalePresence(ctx: Ctx, seenBefore: Date): Promise<number> {
  return acrossTenants('chat: sockets of a node that died, in every shop', () => platformWrite(ctx, 'DELETE FROM chat_presence WHERE seen_at < :seenBefore', { seenBefore }));
}

// ---- conversations ----

export interface ConversationRow {
  id: number;
  customerId: number;
  agentId: number | null;
  status: ConversationStatus;
  leftMessage: boolean;
  subjectType: 'product' | 'order' | null;
  subjectId: number | null;
  queuedAt: Date | null;
  assignedAt: Date | null;
  firstResponseAt: Date | null;
  lastMessageAt: Date | null;
  idleAt: Date | null;
  closedAt: Date | null;
  closedBy: 'agent' | 'idle' | null;
  tag: string | null;
  lastSeq: number;
  shopperReadSeq: number;
  agentReadSeq: number;
  rating: number | null;
  ratingComment: string | null;
  createdAt: Date;
}

const conversationRow = (c: ChatConversation): ConversationRow => ({
  id: c.id,
  customerId: c.customerId,
  agentId: c.agentId,
  status: c.status,
  leftMessage: !!c.leftMessage,
  subjectType: c.subjectType,
  subjectId: c.subjectId,
  queuedAt: c.queuedAt,
  assignedAt: c.assignedAt,
  firstResponseAt: c.firstResponseAt,
  lastMessageAt: c.lastMessageAt,
  idleAt: c.idleAt,
  closedAt: c.closedAt,
  closedBy: c.closedBy,
  tag: c.tag,
  lastSeq: Number(c.lastSeq),
  shopperReadSeq: Number(c.shopperReadSeq),
  agentReadSeq: Number(c.agentReadSeq),
  rating: c.rating,
  ratingComment: c.ratingComment,
  createdAt: c.createdAt,
});

export async function findConversation(ctx: Ctx, id: number): Promise<ConversationRow | null> {
  const c = await ChatConversation.findOne({ where: { tenantId: requireTenantId(ctx), id }, ...inTx(ctx) });
  return c ? conversationRow(c) : null;
}

export async function openConversationOf(ctx: Ctx, customerId: number): Promise<ConversationRow | null> {
  const c = await ChatConversation.findOne({ where: { tenantId: requireTenantId(ctx), openCustomerId: customerId }, ...inTx(ctx) });
  return c ? conversationRow(c) : null;
}

/** A new open conversation; null when the shopper already has one (the unique key on the open shopper). */
export async function insertConversation(
  ctx: Ctx,
  fields: Pick<ConversationRow, 'customerId' | 'leftMessage' | 'subjectType' | 'subjectId' | 'queuedAt' | 'idleAt'>,
): Promise<ConversationRow | null> {
  try {
    const c = await ChatConversation.create(
      { tenantId: requireTenantId(ctx), ...fields, openCustomerId: fields.customerId, agentId: null, status: 'queued', assignedAt: null, firstResponseAt: null, lastMessageAt: null, closedAt: null, closedBy: null, tag: null, rating: null, ratingComment: null },
      inTx(ctx),
    );
    return conversationRow(c);
  } catch (err) {
    if (err instanceof UniqueConstraintError) return null;
    throw err;
  }
}

/** The agent who last had a conversation with this shopper. */
export async function lastAgentOf(ctx: Ctx, customerId: number): Promise<number | null> {
  const c = await ChatConversation.findOne({ attributes: ['agentId'], where: { tenantId: requireTenantId(ctx), customerId, agentId: { [Op.ne]: null } }, order: [['id', 'DESC']], ...inTx(ctx) });
  return c?.agentId ?? null;
}

/** The conversation gets this agent only while it waits with none; 1 when it did. */
export function assignIfQueued(ctx: Ctx, id: number, agentId: number, now: Date, idleAt: Date): Promise<number> {
  return tenantWrite(
    ctx,
    "UPDATE chat_conversations SET agent_id = :agentId, status = 'active', assigned_at = :now, queued_at = NULL, idle_at = :idleAt, updated_at = :now WHERE tenant_id = :tenantId AND id = :id AND status = 'queued' AND agent_id IS NULL",
    { id, agentId, now, idleAt },
  );
}

/** From one agent to another (or to the queue with `to` null), only while `from` still has it. */
export function moveConversation(ctx: Ctx, id: number, from: number, to: number | null, now: Date): Promise<number> {
  return to === null
    ? tenantWrite(
        ctx,
        // back to the head of the queue: queued before everybody waiting now
        "UPDATE chat_conversations SET agent_id = NULL, status = 'queued', queued_at = :head, idle_at = NULL, updated_at = :now WHERE tenant_id = :tenantId AND id = :id AND status = 'active' AND agent_id = :from",
        { id, from, now, head: new Date(0) },
      )
    : tenantWrite(ctx, "UPDATE chat_conversations SET agent_id = :to, assigned_at = :now, updated_at = :now WHERE tenant_id = :tenantId AND id = :id AND status = 'active' AND agent_id = :from", { id, from, to, now });
}

/** Closes an open conversation once; 1 when this call closed it. */
export function closeIfOpen(ctx: Ctx, id: number, by: 'agent' | 'idle', tag: string | null, now: Date): Promise<number> {
  return tenantWrite(
    ctx,
    "UPDATE chat_conversations SET status = 'closed', open_customer_id = NULL, closed_at = :now, closed_by = :by, tag = :tag, idle_at = NULL, updated_at = :now WHERE tenant_id = :tenantId AND id = :id AND status <> 'closed'",
    { id, by, tag, now },
  );
}

/**
 * The next sequence number of the conversation, taken under the row's lock (the caller's
 * transaction). A conversation with an agent goes idle `idleAt` unless another message comes; a
 * waiting one never does (a left message waits for the morning).
 */
export async function nextSeq(ctx: Ctx, id: number, now: Date, idleAt: Date): Promise<number | null> {
  const n = await tenantWrite(
    ctx,
    "UPDATE chat_conversations SET last_seq = last_seq + 1, last_message_at = :now, idle_at = CASE WHEN status = 'active' THEN :idleAt ELSE NULL END, updated_at = :now WHERE tenant_id = :tenantId AND id = :id AND status <> 'closed'",
    { id, now, idleAt },
  );
  if (!n) return null;
  const [row] = await tenantRows<{ lastSeq: number | string }>(ctx, 'SELECT last_seq AS lastSeq FROM chat_conversations WHERE tenant_id = :tenantId AND id = :id', { id });
  return Number(row!.lastSeq);
}

export function markFirstResponse(ctx: Ctx, id: number, now: Date): Promise<number> {
  return tenantWrite(ctx, 'UPDATE chat_conversations SET first_response_at = :now WHERE tenant_id = :tenantId AND id = :id AND first_response_at IS NULL', { id, now });
}

/** Moves a side's read mark forward, never back. */
export function markRead(ctx: Ctx, id: number, side: 'shopper' | 'agent', seq: number): Promise<number> {
  const column = side === 'shopper' ? 'shopper_read_seq' : 'agent_read_seq';
  return tenantWrite(ctx, `UPDATE chat_conversations SET ${column} = :seq WHERE tenant_id = :tenantId AND id = :id AND ${column} < :seq AND last_seq >= :seq`, { id, seq });
}

/** The rating of a closed conversation, once. */
export function rateIfClosed(ctx: Ctx, id: number, score: number, comment: string | null): Promise<number> {
  return tenantWrite(ctx, "UPDATE chat_conversations SET rating = :score, rating_comment = :comment WHERE tenant_id = :tenantId AND id = :id AND status = 'closed' AND rating IS NULL", { id, score, comment });
}

/** The shop's queue, first come first served (a conversation sent back to the queue is at its head). */
export async function queued(ctx: Ctx, limit: number): Promise<ConversationRow[]> {
  const rows = await ChatConversation.findAll({ where: { tenantId: requireTenantId(ctx), status: 'queued' }, order: [['queuedAt', 'ASC'], ['id', 'ASC']], limit, ...inTx(ctx) });
  return rows.map(conversationRow);
}

export async function queueLength(ctx: Ctx): Promise<number> {
  return ChatConversation.count({ where: { tenantId: requireTenantId(ctx), status: 'queued' }, ...inTx(ctx) });
}

/** How many wait ahead of this conversation, plus one. */
export async function queuePosition(ctx: Ctx, c: Pick<ConversationRow, 'id' | 'queuedAt'>): Promise<number> {
  const at = c.queuedAt ?? new Date(0);
  const ahead = await ChatConversation.count({
    where: { tenantId: requireTenantId(ctx), status: 'queued', [Op.or]: [{ queuedAt: { [Op.lt]: at } }, { queuedAt: at, id: { [Op.lt]: c.id } }] },
    ...inTx(ctx),
  });
  return ahead + 1;
}

export interface ConversationFilter {
  agentId?: number;
  customerId?: number;
  status?: ConversationStatus | ConversationStatus[];
}

export async function conversationPage(ctx: Ctx, filter: ConversationFilter, page: PageQuery, queueOrder = false): Promise<{ rows: ConversationRow[]; count: number }> {
  const where = {
    tenantId: requireTenantId(ctx),
    ...(filter.agentId !== undefined ? { agentId: filter.agentId } : {}),
    ...(filter.customerId !== undefined ? { customerId: filter.customerId } : {}),
    ...(filter.status ? { status: filter.status } : {}),
  };
  const order: Array<[string, string]> = queueOrder ? [['queuedAt', 'ASC'], ['id', 'ASC']] : [['id', 'DESC']];
  const { rows, count } = await ChatConversation.findAndCountAll({ where, order, ...paginate(page), ...inTx(ctx) });
  return { rows: rows.map(conversationRow), count };
}

/** Open conversations with no message since their deadline, across shops, a page at a time. */
export function idlePastDeadline(ctx: Ctx, now: Date, limit: number): Promise<Array<{ tenantId: number; id: number }>> {
  return acrossTenants('chat: idle conversations past their time, in every shop', async () =>
    (await platformRows<{ tenantId: number | string; id: number | string }>(ctx, 'SELECT tenant_id AS tenantId, id FROM chat_conversations WHERE idle_at <= :now ORDER BY idle_at, id LIMIT :limit', { now, limit })).map((r) => ({
      tenantId: Number(r.tenantId),
      id: Number(r.id),
    })),
  );
}

export interface DayFigures {
  conversations: number;
  closed: number;
  firstResponseSeconds: number | null;
  averageRating: number | null;
  ratings: number;
}

/** The shop's conversations started since `from`: how many, closed, mean first response and rating. */
export async function figuresSince(ctx: Ctx, from: Date): Promise<DayFigures> {
  const rows = await ChatConversation.findAll({
    attributes: ['status', 'createdAt', 'firstResponseAt', 'rating'],
    where: { tenantId: requireTenantId(ctx), createdAt: { [Op.gte]: from } },
    limit: 10_000,
    ...inTx(ctx),
  });
  const responded = rows.filter((r) => r.firstResponseAt);
  const rated = rows.filter((r) => r.rating != null);
  const mean = (list: number[]) => (list.length ? list.reduce((a, b) => a + b, 0) / list.length : null);
  const seconds = mean(responded.map((r) => (r.firstResponseAt!.getTime() - r.createdAt.getTime()) / 1000));
  const rating = mean(rated.map((r) => r.rating!));
  return {
    conversations: rows.length,
    closed: rows.filter((r) => r.status === 'closed').length,
    firstResponseSeconds: seconds === null ? null : Math.round(seconds),
    averageRating: rating === null ? null : Math.round(rating * 100) / 100,
    ratings: rated.length,
  };
}

// ---- messages ----

export interface MessageRow {
  id: number;
  conversationId: number;
  seq: number;
  senderKind: SenderKind;
  senderId: number | null;
  type: MessageType;
  text: string | null;
  url: string | null;
  card: string | null;
  auto: boolean;
  clientId: string | null;
  createdAt: Date;
}

const messageRow = (m: ChatMessage): MessageRow => ({
  id: m.id,
  conversationId: m.conversationId,
  seq: Number(m.seq),
  senderKind: m.senderKind,
  senderId: m.senderId,
  type: m.type,
  text: m.text,
  url: m.url,
  card: m.card,
  auto: !!m.auto,
  clientId: m.clientId,
  createdAt: m.createdAt,
});

/** A message; a second one with the same client id in the conversation is refused (UniqueConstraintError). */
export async function insertMessage(ctx: Ctx, fields: Omit<MessageRow, 'id' | 'createdAt'>): Promise<MessageRow> {
  return messageRow(await ChatMessage.create({ tenantId: requireTenantId(ctx), ...fields }, inTx(ctx)));
}

export async function messageByClientId(ctx: Ctx, conversationId: number, clientId: string): Promise<MessageRow | null> {
  const m = await ChatMessage.findOne({ where: { tenantId: requireTenantId(ctx), conversationId, clientId }, ...inTx(ctx) });
  return m ? messageRow(m) : null;
}

/** Up to `limit` messages before `before` (or the latest), oldest first. */
export async function messagesBefore(ctx: Ctx, conversationId: number, before: number | undefined, limit: number): Promise<MessageRow[]> {
  const rows = await ChatMessage.findAll({
    where: { tenantId: requireTenantId(ctx), conversationId, ...(before !== undefined ? { seq: { [Op.lt]: before } } : {}) },
    order: [['seq', 'DESC']],
    limit,
    ...inTx(ctx),
  });
  return rows.map(messageRow).reverse();
}

/** Up to `limit` messages after `after`, oldest first. */
export async function messagesAfter(ctx: Ctx, conversationId: number, after: number, limit: number): Promise<MessageRow[]> {
  const rows = await ChatMessage.findAll({ where: { tenantId: requireTenantId(ctx), conversationId, seq: { [Op.gt]: after } }, order: [['seq', 'ASC']], limit, ...inTx(ctx) });
  return rows.map(messageRow);
}

/** The last message of each conversation, by conversation id. */
export async function lastMessages(ctx: Ctx, conversations: Array<{ id: number; lastSeq: number }>): Promise<Map<number, MessageRow>> {
  const wanted = conversations.filter((c) => c.lastSeq > 0);
  if (!wanted.length) return new Map();
  const rows = await ChatMessage.findAll({ where: { tenantId: requireTenantId(ctx), [Op.or]: wanted.map((c) => ({ conversationId: c.id, seq: c.lastSeq })) }, ...inTx(ctx) });
  return new Map(rows.map((m) => [m.conversationId, messageRow(m)]));
}

// ---- canned replies and tags ----

export interface CannedReplyRow {
  id: number;
  shortcut: string;
  text: string;
}

export async function cannedReplies(ctx: Ctx, q?: string): Promise<CannedReplyRow[]> {
  const like = q ? { [Op.or]: [{ shortcut: { [Op.like]: `%${q.replace(/[%_\\]/g, '\\$&')}%` } }, { text: { [Op.like]: `%${q.replace(/[%_\\]/g, '\\$&')}%` } }] } : {};
  const rows = await ChatCannedReply.findAll({ where: { tenantId: requireTenantId(ctx), ...like }, order: [['shortcut', 'ASC']], limit: 500, ...inTx(ctx) });
  return rows.map((r) => ({ id: r.id, shortcut: r.shortcut, text: r.text }));
}

export async function findCannedReply(ctx: Ctx, id: number): Promise<CannedReplyRow | null> {
  const r = await ChatCannedReply.findOne({ where: { tenantId: requireTenantId(ctx), id }, ...inTx(ctx) });
  return r ? { id: r.id, shortcut: r.shortcut, text: r.text } : null;
}

/** Throws UniqueConstraintError when the shortcut is taken. */
export async function insertCannedReply(ctx: Ctx, fields: Omit<CannedReplyRow, 'id'>): Promise<CannedReplyRow> {
  const r = await ChatCannedReply.create({ tenantId: requireTenantId(ctx), ...fields }, inTx(ctx));
  return { id: r.id, shortcut: r.shortcut, text: r.text };
}

export async function updateCannedReply(ctx: Ctx, id: number, changes: Partial<Omit<CannedReplyRow, 'id'>>): Promise<void> {
  await ChatCannedReply.update(changes, { where: { tenantId: requireTenantId(ctx), id }, ...inTx(ctx) });
}

export async function deleteCannedReply(ctx: Ctx, id: number): Promise<number> {
  return ChatCannedReply.destroy({ where: { tenantId: requireTenantId(ctx), id }, ...inTx(ctx) });
}

export interface TagRow {
  id: number;
  name: string;
}

export async function tags(ctx: Ctx): Promise<TagRow[]> {
  return (await ChatTag.findAll({ where: { tenantId: requireTenantId(ctx) }, order: [['name', 'ASC']], limit: 200, ...inTx(ctx) })).map((t) => ({ id: t.id, name: t.name }));
}

/** Throws UniqueConstraintError when the name is taken. */
export async function insertTag(ctx: Ctx, name: string): Promise<TagRow> {
  const t = await ChatTag.create({ tenantId: requireTenantId(ctx), name }, inTx(ctx));
  return { id: t.id, name: t.name };
}

export async function deleteTag(ctx: Ctx, id: number): Promise<number> {
  return ChatTag.destroy({ where: { tenantId: requireTenantId(ctx), id }, ...inTx(ctx) });
}
