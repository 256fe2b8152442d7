/**
 * Messages: appended under the conversation's row (its sequence is taken there, so two senders on
 * two nodes get 1, 2, ... with no gap or twin), made idempotent by the sender's own id, read back
 * by cursor, and offered to the auto-reply hook before any agent has answered.
 */
import { UniqueConstraintError } from 'sequelize';
import { clock, minutes } from '../../core/clock.js';
import type { Ctx } from '../../core/context.js';
import { requireTenantId } from '../../core/context.js';
import { withTransaction } from '../../core/db/index.js';
import { ValidationError } from '../../core/errors.js';
import { runSequence } from '../../core/hooks.js';
import { logger } from '../../core/logger.js';
import { settingsOf } from '../../core/settings.js';
import { isShopImage } from '../uploads/index.js';
import { conversationFor, isShopper } from './access.js';
import { renderCard } from './cards.js';
import { chatErrors } from './errors.js';
import { autoReplyHook } from './hooks.js';
import { sayMessage, sayToParties } from './notify.js';
import * as repo from './repository.js';
import type { ConversationRow, MessageRow } from './repository.js';
import { TEXT_MAX, type History, type MessageInput } from './schemas.js';
import { chatSettings } from './settings.js';
import { messageView } from './views.js';

type NewMessage = Omit<MessageRow, 'id' | 'createdAt' | 'conversationId' | 'seq'>;

/** Plain text: tags and control characters go (a screen shows text, never markup), emoji stay. */
export function plainText(raw: string): string {
  return raw
    .replace(/<[^>]*>/g, '')
    .replace(/[<>]/g, '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .trim();
}

/**
 * Appends a message at the conversation's next sequence, in one transaction; a repeated client id
 * answers the message it made the first time. Tells both sides.
 */
export async function appendMessage(ctx: Ctx, c: ConversationRow, fields: NewMessage): Promise<MessageRow> {
  const { idleMinutes } = await settingsOf(ctx, chatSettings);
  let row: MessageRow;
  try {
    row = await withTransaction(ctx, async (tx) => {
      const now = clock.now();
      const seq = await repo.nextSeq(tx, c.id, now, new Date(now.getTime() + minutes(idleMinutes)));
      if (seq === null) throw chatErrors.closed();
      if (fields.senderKind === 'agent') await repo.markFirstResponse(tx, c.id, now);
      return repo.insertMessage(tx, { ...fields, conversationId: c.id, seq });
    });
  } catch (err) {
    if (!(err instanceof UniqueConstraintError) || !fields.clientId) throw err;
    return (await repo.messageByClientId(ctx, c.id, fields.clientId))!;
  }
  sayMessage(ctx, c, messageView(row));
  return row;
}

async function contentOf(ctx: Ctx, c: ConversationRow, input: MessageInput): Promise<Pick<NewMessage, 'type' | 'text' | 'url' | 'card'>> {
  switch (input.type) {
    case 'text': {
      const text = plainText(input.text ?? '');
      if (!text) throw ValidationError.field('text', 'a message needs some text', 'required');
      if (text.length > TEXT_MAX) throw new ValidationError([{ field: 'text', message: `at most ${TEXT_MAX} characters`, code: 'too_long', maximum: TEXT_MAX }]);
      return { type: 'text', text, url: null, card: null };
    }
    case 'image': {
      const url = input.url ?? '';
      if (!url || !(await isShopImage(ctx, url))) throw chatErrors.notAnUpload();
      return { type: 'image', text: null, url, card: null };
    }
    case 'card': {
      if (!input.card) throw ValidationError.field('card', 'a card names a product or an order', 'required');
      const card = await renderCard({ ...ctx, tenantId: requireTenantId(ctx) }, input.card, c.customerId);
      return { type: 'card', text: null, url: null, card: JSON.stringify(card) };
    }
  }
}

/** A message from the shopper or the conversation's agent; answers `{id, seq, createdAt}`. */
export async function sendMessage(ctx: Ctx, input: MessageInput): Promise<{ id: number; seq: number; createdAt: Date }> {
  const c = await conversationFor(ctx, input.conversationId, 'write');
  if (c.status === 'closed') throw chatErrors.closed();
  if (input.clientId) {
    const earlier = await repo.messageByClientId(ctx, c.id, input.clientId);
    if (earlier) return { id: earlier.id, seq: earlier.seq, createdAt: earlier.createdAt };
  }
  const content = await contentOf(ctx, c, input);
  const shopper = isShopper(ctx);
  const sender = ctx.actor as { id: number };
  const row = await appendMessage(ctx, c, { ...content, senderKind: shopper ? 'shopper' : 'agent', senderId: sender.id, auto: false, clientId: input.clientId ?? null });
  if (shopper && content.type === 'text' && !c.firstResponseAt) await offerAutoReply(ctx, c, content.text!);
  return { id: row.id, seq: row.seq, createdAt: row.createdAt };
}

/** Before an agent has answered, the hook may answer a shopper's text at once (marked automatic). */
async function offerAutoReply(ctx: Ctx, c: ConversationRow, text: string): Promise<void> {
  try {
    const found = await runSequence(autoReplyHook, null, ctx, text);
    if (found) await appendMessage(ctx, c, { senderKind: 'system', senderId: null, type: 'text', text: plainText(found.text).slice(0, TEXT_MAX), url: null, card: null, auto: true, clientId: null });
  } catch (err) {
    // an answer that could not be found or sent leaves the shopper waiting for a person, as without one
    logger().warn({ err, conversationId: c.id }, 'chat auto-reply failed');
  }
}

/** Moves the actor's read mark forward; the other side hears it. */
export async function markRead(ctx: Ctx, conversationId: number, seq: number): Promise<{ seq: number }> {
  const c = await conversationFor(ctx, conversationId, 'write');
  const side = isShopper(ctx) ? 'shopper' : 'agent';
  if (await repo.markRead(ctx, c.id, side, seq)) sayToParties(ctx, c, 'chat:read', { conversationId: c.id, reader: side, seq });
  const now = (await repo.findConversation(ctx, c.id))!;
  return { seq: side === 'shopper' ? now.shopperReadSeq : now.agentReadSeq };
}

export async function typing(ctx: Ctx, conversationId: number, on: boolean): Promise<void> {
  const c = await conversationFor(ctx, conversationId, 'write');
  if (c.status !== 'closed') sayToParties(ctx, c, 'chat:typing', { conversationId: c.id, sender: { kind: isShopper(ctx) ? 'shopper' : 'agent' }, typing: on });
}

/** A page of history: before a sequence (or the latest), or after one (catch-up). */
export async function history(ctx: Ctx, conversationId: number, q: { before?: number; after?: number; limit: number }): Promise<History> {
  const c = await conversationFor(ctx, conversationId, 'read');
  if (q.after !== undefined) {
    const rows = await repo.messagesAfter(ctx, c.id, q.after, q.limit + 1);
    return { items: rows.slice(0, q.limit).map(messageView), lastSeq: c.lastSeq, more: rows.length > q.limit };
  }
  const rows = await repo.messagesBefore(ctx, c.id, q.before, q.limit + 1);
  return { items: rows.slice(-q.limit).map(messageView), lastSeq: c.lastSeq, more: rows.length > q.limit };
}
