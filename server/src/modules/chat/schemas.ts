/** zod schemas of the chat's socket payloads, bodies, queries and replies (CONTEXT.md names them). */
import { z } from 'zod';
import { pageQuery } from '../../core/db/index.js';

const id = z.number().int().positive();
export const TEXT_MAX = 2000;

export const subjectSchema = z.object({ type: z.enum(['product', 'order']), id }).strict();

export const openPayload = z.object({ subject: subjectSchema.optional() }).strict();

export const messagePayload = z
  .object({
    conversationId: id,
    type: z.enum(['text', 'image', 'card']),
    text: z.string().max(TEXT_MAX * 2).optional(),
    url: z.string().trim().max(512).optional(),
    card: subjectSchema.optional(),
    clientId: z.string().trim().min(1).max(64).optional(),
  })
  .strict();
export type MessageInput = z.infer<typeof messagePayload>;

export const readPayload = z.object({ conversationId: id, seq: z.number().int().min(1) }).strict();
export const typingPayload = z.object({ conversationId: id, typing: z.boolean() }).strict();
export const syncPayload = z.object({ conversationId: id, afterSeq: z.number().int().min(0), limit: z.number().int().min(1).max(200).optional() }).strict();
export const acceptPayload = z.object({ conversationId: id }).strict();

export const agentStatus = z.enum(['online', 'away', 'offline']);
export const agentChange = z.object({ status: agentStatus.optional(), capacity: z.number().int().min(1).max(50).optional() }).strict();

export const historyQuery = z.object({
  before: z.coerce.number().int().min(1).optional(),
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

export const conversationListQuery = pageQuery.extend({
  view: z.enum(['mine', 'queue', 'all']).default('mine'),
  status: z.enum(['queued', 'active', 'closed']).optional(),
});
export const shopperListQuery = pageQuery;

export const transferBody = z.object({ agentId: id.optional() }).strict();
export const closeBody = z.object({ tag: z.string().trim().min(1).max(32).optional() }).strict();
export const ratingBody = z.object({ score: z.number().int().min(1).max(5), comment: z.string().trim().max(500).optional() }).strict();
export const cannedReplyBody = z.object({ shortcut: z.string().trim().min(1).max(32), text: z.string().trim().min(1).max(TEXT_MAX) }).strict();
export const cannedReplyChange = cannedReplyBody.partial().strict();
export const cannedQuery = z.object({ q: z.string().trim().max(32).optional() });
export const tagBody = z.object({ name: z.string().trim().min(1).max(32) }).strict();

// ---- replies ----

const time = z.date().or(z.string());
const nullableTime = time.nullable();

export const cardSchema = z.union([
  z.object({ type: z.literal('product'), id, title: z.string(), image: z.string().nullable(), price: z.number().int() }),
  z.object({ type: z.literal('order'), id, orderNo: z.string(), status: z.string(), payAmount: z.number().int(), title: z.string(), image: z.string().nullable() }),
]);
export type Card = z.infer<typeof cardSchema>;

export const messageSchema = z.object({
  id,
  conversationId: id,
  seq: z.number().int(),
  sender: z.object({ kind: z.enum(['shopper', 'agent', 'system']), id: z.number().int().nullable() }),
  type: z.enum(['text', 'image', 'card']),
  text: z.string().nullable(),
  url: z.string().nullable(),
  card: cardSchema.nullable(),
  auto: z.boolean(),
  clientId: z.string().nullable(),
  createdAt: time,
});
export type MessageView = z.infer<typeof messageSchema>;

export const conversationSchema = z.object({
  id,
  status: z.enum(['queued', 'active', 'closed']),
  leftMessage: z.boolean(),
  position: z.number().int().nullable(),
  shopper: z.object({ id, nickname: z.string().nullable() }),
  agent: z.object({ id, name: z.string() }).nullable(),
  subject: subjectSchema.nullable(),
  lastSeq: z.number().int(),
  shopperReadSeq: z.number().int(),
  agentReadSeq: z.number().int(),
  lastMessage: messageSchema.nullable(),
  tag: z.string().nullable(),
  closedBy: z.enum(['agent', 'idle']).nullable(),
  rating: z.object({ score: z.number().int(), comment: z.string().nullable() }).nullable(),
  createdAt: time,
  assignedAt: nullableTime,
  firstResponseAt: nullableTime,
  closedAt: nullableTime,
  lastMessageAt: nullableTime,
});
export type ConversationView = z.infer<typeof conversationSchema>;

export const historySchema = z.object({ items: z.array(messageSchema), lastSeq: z.number().int(), more: z.boolean() });
export type History = z.infer<typeof historySchema>;

export const agentSchema = z.object({
  id,
  name: z.string(),
  status: agentStatus,
  connected: z.boolean(),
  available: z.boolean(),
  capacity: z.number().int(),
  active: z.number().int(),
});
export type AgentView = z.infer<typeof agentSchema>;

export const cannedReplySchema = z.object({ id, shortcut: z.string(), text: z.string() });
export const tagSchema = z.object({ id, name: z.string() });
export const ratingSchema = z.object({ score: z.number().int(), comment: z.string().nullable() });

export const customerPanelSchema = z.object({
  customer: z.object({ id, nickname: z.string().nullable(), phone: z.string().nullable() }),
  orders: z.array(z.object({ id, orderNo: z.string(), status: z.string(), payAmount: z.number().int(), createdAt: time, title: z.string(), image: z.string().nullable(), count: z.number().int() })),
});

export const overviewSchema = z.object({
  agents: z.array(agentSchema),
  queueLength: z.number().int(),
  today: z.object({ conversations: z.number().int(), closed: z.number().int(), firstResponseSeconds: z.number().nullable(), averageRating: z.number().nullable(), ratings: z.number().int() }),
});
