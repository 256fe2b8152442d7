/**
 * Who serves a waiting conversation. The choice reads who is available, then is written in one
 * transaction of two conditional updates: the agent takes a place only while under capacity, the
 * conversation takes the agent only while it has none. Two nodes choosing at once both run them;
 * exactly one conversation-agent pair wins, and the loser's place is given back by its rollback.
 */
import { clock, minutes } from '../../core/clock.js';
import type { Ctx } from '../../core/context.js';
import { withTransaction } from '../../core/db/index.js';
import { settingsOf } from '../../core/settings.js';
import { announceAgent, seenSince } from './agents.js';
import { sayAssigned, sayConversation, sayQueue } from './notify.js';
import * as repo from './repository.js';
import type { AgentRow, ConversationRow } from './repository.js';
import { chatSettings } from './settings.js';
import { conversationView } from './views.js';

export type Assignment = 'assigned' | 'taken' | 'full';

class Taken extends Error {}

/** Gives the waiting conversation to the agent, atomically; `onlineOnly` for automatic routing. */
export async function assign(ctx: Ctx, conversationId: number, staffId: number, onlineOnly: boolean): Promise<Assignment> {
  const { idleMinutes } = await settingsOf(ctx, chatSettings);
  try {
    return await withTransaction(ctx, async (tx) => {
      const now = clock.now();
      if (!(await repo.takePlace(tx, staffId, now, onlineOnly))) return 'full';
      if (!(await repo.assignIfQueued(tx, conversationId, staffId, now, new Date(now.getTime() + minutes(idleMinutes))))) throw new Taken();
      return 'assigned';
    });
  } catch (err) {
    if (err instanceof Taken) return 'taken';
    throw err;
  }
}

/** The one who served this shopper last first (when available), then the least busy, the longest idle first. */
function candidatesInOrder(agents: AgentRow[], preferred: number | null, exclude: number | null): AgentRow[] {
  const byLoad = agents
    .filter((a) => a.staffId !== exclude)
    .sort((a, b) => a.active - b.active || (a.lastAssignedAt?.getTime() ?? 0) - (b.lastAssignedAt?.getTime() ?? 0) || a.staffId - b.staffId);
  const first = byLoad.find((a) => a.staffId === preferred);
  return first ? [first, ...byLoad.filter((a) => a !== first)] : byLoad;
}

/** Tells the agent, the shopper and the supervisors about a new assignment. */
export async function announceAssignment(ctx: Ctx, conversationId: number, previousAgent: number | null = null): Promise<void> {
  const row = await repo.findConversation(ctx, conversationId);
  if (!row) return;
  const view = await conversationView(ctx, row);
  sayAssigned(ctx, view);
  sayConversation(ctx, view, previousAgent);
  if (row.agentId) await announceAgent(ctx, row.agentId);
  if (previousAgent) await announceAgent(ctx, previousAgent);
}

/**
 * Routes one waiting conversation to an available agent: 'assigned', 'taken' (another node got
 * there first) or 'full' (nobody can take it now: it stays queued).
 */
export async function route(ctx: Ctx, c: Pick<ConversationRow, 'id' | 'customerId'>, opts: { preferLast: boolean; exclude?: number | null }): Promise<Assignment> {
  const agents = await repo.availableAgents(ctx, seenSince());
  if (!agents.length) return 'full';
  const preferred = opts.preferLast ? await repo.lastAgentOf(ctx, c.customerId) : null;
  for (const agent of candidatesInOrder(agents, preferred, opts.exclude ?? null)) {
    const outcome = await assign(ctx, c.id, agent.staffId, true);
    if (outcome === 'assigned') await announceAssignment(ctx, c.id);
    if (outcome !== 'full') return outcome;
  }
  return 'full';
}

const DRAIN_MAX = 100;
const QUEUE_SHOWN = 200;

/** Tells every waiting shopper their place and every agent the queue's length. */
export async function announceQueue(ctx: Ctx): Promise<void> {
  const [queue, length] = await Promise.all([repo.queued(ctx, QUEUE_SHOWN), repo.queueLength(ctx)]);
  sayQueue(ctx, queue, length);
}

/**
 * Available agents take the head of the queue, then the next, while they have room (an agent
 * freed a place or came online). `exclude` keeps an agent who just sent a conversation back from
 * getting it again at once.
 */
export async function drainQueue(ctx: Ctx, exclude: number | null = null): Promise<void> {
  let moved = false;
  for (let i = 0; i < DRAIN_MAX; i++) {
    const [head] = await repo.queued(ctx, 1);
    if (!head) break;
    const outcome = await route(ctx, head, { preferLast: false, exclude });
    if (outcome === 'full') break;
    moved = true;
  }
  if (moved) await announceQueue(ctx);
}
