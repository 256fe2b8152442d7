/** Conversations and messages as the apps see them (CONTEXT.md "Shapes"): names, positions, cards. */
import type { Ctx } from '../../core/context.js';
import { parseJson } from '../../core/db/index.js';
import { staffNames } from '../accounts/index.js';
import { customerBriefs } from '../customers/index.js';
import * as repo from './repository.js';
import type { ConversationRow, MessageRow } from './repository.js';
import type { Card, ConversationView, MessageView } from './schemas.js';

/** The queue is shown this deep; a shopper further back learns their place by their own count. */
const QUEUE_DEPTH = 500;

export function messageView(m: MessageRow): MessageView {
  return {
    id: m.id,
    conversationId: m.conversationId,
    seq: m.seq,
    sender: { kind: m.senderKind, id: m.senderId },
    type: m.type,
    text: m.text,
    url: m.url,
    card: m.card ? parseJson<Card | null>(m.card, null) : null,
    auto: m.auto,
    clientId: m.clientId,
    createdAt: m.createdAt,
  };
}

/** Views of several conversations: a fixed number of statements whatever their count. */
export async function conversationViews(ctx: Ctx, rows: ConversationRow[]): Promise<ConversationView[]> {
  if (!rows.length) return [];
  const agentIds = rows.map((r) => r.agentId).filter((id): id is number => id !== null);
  const anyQueued = rows.some((r) => r.status === 'queued');
  const [shoppers, agents, last, queue] = await Promise.all([
    customerBriefs(ctx, [...new Set(rows.map((r) => r.customerId))], false),
    staffNames(ctx, agentIds),
    repo.lastMessages(ctx, rows),
    anyQueued ? repo.queued(ctx, QUEUE_DEPTH) : Promise.resolve([]),
  ]);
  const places = new Map(queue.map((c, i) => [c.id, i + 1]));
  return Promise.all(
    rows.map(async (c) => ({
      id: c.id,
      status: c.status,
      leftMessage: c.leftMessage,
      position: c.status === 'queued' ? (places.get(c.id) ?? (await repo.queuePosition(ctx, c))) : null,
      shopper: { id: c.customerId, nickname: shoppers.get(c.customerId)?.nickname ?? null },
      agent: c.agentId !== null ? { id: c.agentId, name: agents.get(c.agentId) ?? '' } : null,
      subject: c.subjectType && c.subjectId ? { type: c.subjectType, id: c.subjectId } : null,
      lastSeq: c.lastSeq,
      shopperReadSeq: c.shopperReadSeq,
      agentReadSeq: c.agentReadSeq,
      lastMessage: last.has(c.id) ? messageView(last.get(c.id)!) : null,
      tag: c.tag,
      closedBy: c.closedBy,
      rating: c.rating !== null ? { score: c.rating, comment: c.ratingComment } : null,
      createdAt: c.createdAt,
      assignedAt: c.assignedAt,
      firstResponseAt: c.firstResponseAt,
      closedAt: c.closedAt,
      lastMessageAt: c.lastMessageAt,
    })),
  );
}

export async function conversationView(ctx: Ctx, row: ConversationRow): Promise<ConversationView> {
  return (await conversationViews(ctx, [row]))[0]!;
}
