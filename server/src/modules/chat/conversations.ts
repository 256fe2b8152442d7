/**
 * A conversation's life: a shopper opens it (or comes back to the open one), it waits or is
 * routed, an agent accepts, transfers or closes it, idleness closes it, the shopper rates it.
 * Each change is one conditional write; its announcements follow the commit.
 */
import { clock } from '../../core/clock.js';
import type { Ctx } from '../../core/context.js';
import { requireTenantId } from '../../core/context.js';
import { withTransaction, type PageQuery } from '../../core/db/index.js';
import { settingsOf } from '../../core/settings.js';
import { customerBrief, maskPhone } from '../customers/index.js';
import { orderDigests, recentOrdersOf } from '../orders/index.js';
import { agentId, announceAgent, ensureAgentRow, isSupervisor, seenSince, assertSupervisor } from './agents.js';
import { renderCard } from './cards.js';
import { chatErrors } from './errors.js';
import { conversationFor, isShopper, type ShopperCtx, type Subject } from './access.js';
import { appendMessage } from './messages.js';
import { sayConversation } from './notify.js';
import * as repo from './repository.js';
import type { ConversationRow } from './repository.js';
import { announceAssignment, announceQueue, assign, drainQueue, route } from './routing.js';
import type { ConversationView } from './schemas.js';
import { chatSettings, withinBusinessHours } from './settings.js';
import { conversationView, conversationViews } from './views.js';

/**
 * The shopper's open conversation, or a new one: routed at once inside business hours (to the
 * agent who served them last when they can take it), kept as a left message outside them. A
 * subject becomes a card message from the shopper.
 */
export async function openConversation(ctx: Ctx, subject?: Subject): Promise<ConversationView> {
  if (!isShopper(ctx)) throw chatErrors.conversationNotFound();
  const tenantCtx = { ...ctx, tenantId: requireTenantId(ctx) };
  const card = subject ? await renderCard(tenantCtx, subject, ctx.actor.id) : null;
  let c = await repo.openConversationOf(ctx, ctx.actor.id);
  let fresh = false;
  if (!c) {
    const settings = await settingsOf(ctx, chatSettings);
    const now = clock.now();
    c =
      (await repo.insertConversation(ctx, { customerId: ctx.actor.id, leftMessage: !withinBusinessHours(settings, now), subjectType: subject?.type ?? null, subjectId: subject?.id ?? null, queuedAt: now, idleAt: null })) ??
      // a second tab opened it a moment earlier
      (await repo.openConversationOf(ctx, ctx.actor.id));
    if (!c) throw chatErrors.conversationNotFound();
    fresh = true;
  }
  if (card) await appendMessage(ctx, c, { senderKind: 'shopper', senderId: ctx.actor.id, type: 'card', text: null, url: null, card: JSON.stringify(card), auto: false, clientId: null });
  if (fresh) {
    if (!c.leftMessage) await route(ctx, c, { preferLast: true });
    await announceQueue(ctx);
  }
  return conversationView(ctx, (await repo.findConversation(ctx, c.id))!);
}

export async function currentConversation(ctx: ShopperCtx): Promise<ConversationView | null> {
  const c = await repo.openConversationOf(ctx, ctx.actor.id);
  return c ? conversationView(ctx, c) : null;
}

export async function shopperConversations(ctx: ShopperCtx, page: PageQuery) {
  const { rows, count } = await repo.conversationPage(ctx, { customerId: ctx.actor.id }, page);
  return { items: await conversationViews(ctx, rows), total: count, page: page.page, pageSize: page.pageSize };
}

export async function agentConversations(ctx: Ctx, q: PageQuery & { view: 'mine' | 'queue' | 'all'; status?: ConversationRow['status'] }) {
  const me = agentId(ctx);
  if (q.view === 'all') assertSupervisor(ctx);
  const filter =
    q.view === 'queue' ? { status: 'queued' as const } : q.view === 'mine' ? { agentId: me, status: q.status ?? (['active', 'closed'] as ConversationRow['status'][]) } : { status: q.status };
  const { rows, count } = await repo.conversationPage(ctx, filter, q, q.view === 'queue');
  // mine: the open ones first, then the recent closed ones
  const ordered = q.view === 'mine' ? [...rows.filter((r) => r.status !== 'closed'), ...rows.filter((r) => r.status === 'closed')] : rows;
  return { items: await conversationViews(ctx, ordered), total: count, page: q.page, pageSize: q.pageSize };
}

export async function oneConversation(ctx: Ctx, id: number): Promise<ConversationView> {
  return conversationView(ctx, await conversationFor(ctx, id, 'read'));
}

/** An agent takes a waiting conversation themselves (whatever their status, within their capacity). */
export async function acceptConversation(ctx: Ctx, id: number): Promise<ConversationView> {
  const me = agentId(ctx);
  const c = await repo.findConversation(ctx, id);
  if (!c) throw chatErrors.conversationNotFound();
  if (c.status === 'closed') throw chatErrors.closed();
  if (c.status !== 'queued') throw chatErrors.taken();
  await ensureAgentRow(ctx, me);
  const outcome = await assign(ctx, id, me, false);
  if (outcome === 'full') throw chatErrors.atCapacity();
  if (outcome === 'taken') throw chatErrors.taken();
  await announceAssignment(ctx, id);
  await announceQueue(ctx);
  return oneConversation(ctx, id);
}

class Refused extends Error {
  constructor(readonly error: Error) {
    super(error.message);
  }
}

/** To another available agent, or back to the head of the queue (no `to`). */
export async function transferConversation(ctx: Ctx, id: number, to: number | undefined): Promise<ConversationView> {
  const me = agentId(ctx);
  const c = await repo.findConversation(ctx, id);
  if (!c) throw chatErrors.conversationNotFound();
  if (c.status === 'closed') throw chatErrors.closed();
  if (c.agentId === null) throw chatErrors.taken();
  if (c.agentId !== me && !isSupervisor(ctx)) throw chatErrors.notYours();
  const from = c.agentId;
  if (to !== undefined) {
    if (to === from) throw chatErrors.agentUnavailable();
    const available = await repo.availableAgents(ctx, seenSince());
    if (!available.some((a) => a.staffId === to)) throw chatErrors.agentUnavailable();
  }
  try {
    await withTransaction(ctx, async (tx) => {
      const now = clock.now();
      if (to !== undefined && !(await repo.takePlace(tx, to, now, true))) throw new Refused(chatErrors.agentUnavailable());
      if (!(await repo.moveConversation(tx, id, from, to ?? null, now))) throw new Refused(chatErrors.taken());
      await repo.releasePlace(tx, from, now);
    });
  } catch (err) {
    throw err instanceof Refused ? err.error : err;
  }
  if (to !== undefined) {
    await announceAssignment(ctx, id, from);
  } else {
    sayConversation(ctx, await oneConversationUnchecked(ctx, id), from);
    await announceAgent(ctx, from);
    await announceQueue(ctx);
    await drainQueue(ctx, from);
  }
  return oneConversationUnchecked(ctx, id);
}

async function oneConversationUnchecked(ctx: Ctx, id: number): Promise<ConversationView> {
  return conversationView(ctx, (await repo.findConversation(ctx, id))!);
}

/**
 * Closes an open conversation once (its agent's place is given back in the same transaction) and
 * lets the freed agent take the queue's head. `by` idle: the sweep.
 */
export async function closeConversation(ctx: Ctx, c: ConversationRow, by: 'agent' | 'idle', tag: string | null): Promise<boolean> {
  const closed = await withTransaction(ctx, async (tx) => {
    const now = clock.now();
    if (!(await repo.closeIfOpen(tx, c.id, by, tag, now))) return false;
    if (c.agentId !== null && c.status === 'active') await repo.releasePlace(tx, c.agentId, now);
    return true;
  });
  if (!closed) return false;
  sayConversation(ctx, await oneConversationUnchecked(ctx, c.id));
  if (c.status === 'queued') await announceQueue(ctx);
  if (c.agentId !== null) {
    await announceAgent(ctx, c.agentId);
    await drainQueue(ctx);
  }
  return true;
}

export async function closeByAgent(ctx: Ctx, id: number, tag: string | undefined): Promise<ConversationView> {
  const c = await conversationFor(ctx, id, 'read');
  if (c.agentId !== agentId(ctx) && !isSupervisor(ctx)) throw chatErrors.notYours();
  if (c.status === 'closed' || !(await closeConversation(ctx, c, 'agent', tag ?? null))) throw chatErrors.closed();
  return oneConversationUnchecked(ctx, id);
}

export async function rateConversation(ctx: ShopperCtx, id: number, score: number, comment: string | undefined): Promise<{ score: number; comment: string | null }> {
  const c = await conversationFor(ctx, id, 'read');
  if (c.status !== 'closed') throw chatErrors.stillOpen();
  if (!(await repo.rateIfClosed(ctx, id, score, comment ?? null))) throw chatErrors.alreadyRated();
  return { score, comment: comment ?? null };
}

const RECENT_ORDERS = 5;

/** The side panel: who the shopper is and their latest orders, through customers' and orders' reads. */
export async function customerPanel(ctx: Ctx, id: number) {
  const c = await conversationFor(ctx, id, 'read');
  const tenantId = requireTenantId(ctx);
  const [brief, orders] = await Promise.all([customerBrief(ctx, c.customerId), recentOrdersOf(ctx, c.customerId, RECENT_ORDERS)]);
  const digests = await orderDigests(ctx, orders.map((o) => ({ tenantId, orderId: o.id })));
  return {
    customer: { id: c.customerId, nickname: brief?.nickname ?? null, phone: maskPhone(brief?.phone ?? null) },
    orders: orders.map((o) => {
      const lines = [...(digests.get(o.id)?.lines.values() ?? [])];
      return { id: o.id, orderNo: o.orderNo, status: o.status, payAmount: o.payAmount, createdAt: o.createdAt, title: lines[0]?.title ?? o.orderNo, image: lines[0]?.image ?? null, count: lines.length };
    }),
  };
}
