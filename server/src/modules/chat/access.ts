/** Who may see and act on a conversation. */
import type { Actor, Ctx } from '../../core/context.js';
import { agentId, isSupervisor } from './agents.js';
import { chatErrors } from './errors.js';
import * as repo from './repository.js';
import type { ConversationRow } from './repository.js';

export type ShopperCtx = Ctx & { actor: Extract<Actor, { kind: 'shopper' }> };
export type Subject = { type: 'product' | 'order'; id: number };

export function isShopper(ctx: Ctx): ctx is ShopperCtx {
  return ctx.actor.kind === 'shopper';
}

/**
 * The conversation as the actor may see it: a shopper only their own (else 404); an agent the
 * ones assigned to them and the waiting ones; a supervisor all of the shop's.
 */
export async function conversationFor(ctx: Ctx, id: number, purpose: 'read' | 'write'): Promise<ConversationRow> {
  const c = await repo.findConversation(ctx, id);
  if (!c) throw chatErrors.conversationNotFound();
  if (isShopper(ctx)) {
    if (c.customerId !== ctx.actor.id) throw chatErrors.conversationNotFound();
    return c;
  }
  const me = agentId(ctx);
  if (c.agentId === me) return c;
  if (purpose === 'read' && (c.status === 'queued' || isSupervisor(ctx))) return c;
  throw chatErrors.notYours();
}

