import type { Ctx } from '../../core/context.js';
import { defineHook } from '../../core/hooks.js';

/** An answer found for a shopper's message before any agent replied (the content module's FAQ). */
export interface AutoReply {
  text: string;
  source: { kind: 'faq'; id: number };
}

/**
 * Before an agent has replied, each shopper text message is offered here: each contribution sees
 * what the earlier ones found (null: nothing yet) and answers it, or its own, or null.
 */
export const autoReplyHook = defineHook<(found: AutoReply | null, ctx: Ctx, text: string) => Promise<AutoReply | null>>('chat.autoReply', 'sequence');
