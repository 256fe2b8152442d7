/**
 * One conversation's messages as the chat page shows them: each once (a message comes back both as
 * the ack of our own send and as the `chat:message` every socket of ours hears), in `seq` order,
 * with who said it and what it carries, as CONTEXT.md of the chat module shapes them.
 */
import { t } from './i18n.js';
import { yuan } from './money.js';
import { absoluteUrl } from './upload.js';

export interface ChatMessage {
  id: number;
  conversationId: number;
  seq: number;
  sender: { kind: 'shopper' | 'agent' | 'system'; id: number | null };
  type: 'text' | 'image' | 'card';
  text: string | null;
  url: string | null;
  card: null | { type: 'product' | 'order'; id: number; title?: string; image?: string | null; price?: number; orderNo?: string; payAmount?: number };
  auto: boolean;
  createdAt: string;
}

export interface Conversation {
  id: number;
  status: 'queued' | 'active' | 'closed';
  leftMessage: boolean;
  position: number | null;
  agent: { id: number; name: string } | null;
  lastSeq: number;
}

export interface BubbleView {
  key: string;
  mine: boolean;
  system: boolean;
  auto: boolean;
  type: string;
  text: string;
  image: string;
  card: null | { title: string; image: string; line: string; product: boolean };
}

/** Adds messages to a thread: each id once, ordered by seq. */
export function merge(thread: readonly ChatMessage[], more: readonly ChatMessage[]): ChatMessage[] {
  const byId = new Map(thread.map((m) => [m.id, m]));
  for (const m of more) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

export function bubble(m: ChatMessage): BubbleView {
  const card = m.card
    ? {
        title: m.card.title ?? '',
        image: absoluteUrl(m.card.image ?? null),
        line: m.card.type === 'product' ? (m.card.price !== undefined ? yuan(m.card.price) : '') : t('chat.bubble.orderNo', { no: m.card.orderNo ?? '' }),
        product: m.card.type === 'product',
      }
    : null;
  return {
    key: `m${m.id}`,
    mine: m.sender.kind === 'shopper',
    system: m.sender.kind === 'system',
    auto: m.auto,
    type: m.type,
    text: m.text ?? '',
    image: m.type === 'image' ? absoluteUrl(m.url) : '',
    card,
  };
}

/** The line under the title: queue position, left message, who serves, or the end. */
export function conversationStatus(c: Conversation | null): string {
  if (!c) return t('chat.connecting');
  if (c.status === 'closed') return t('chat.closed');
  if (c.status === 'active' && c.agent) return t('chat.serving', { name: c.agent.name });
  if (c.leftMessage) return t('chat.leftMessage');
  if (c.position && c.position > 1) return t('chat.queued', { n: c.position - 1 });
  return t('chat.queuedNext');
}
