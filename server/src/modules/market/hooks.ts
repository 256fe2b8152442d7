/** The market module's extension points (core/hooks). */
import type { Ctx } from '../../core/context.js';
import { defineHook, type Verdict } from '../../core/hooks.js';

/**
 * May this shop's listing be removed? Every contribution must agree, inside the removing
 * transaction (orders refuses while an unfinished order still points at it).
 */
export const mayRemoveListing = defineHook<(ctx: Ctx, listingId: number) => Promise<Verdict>>('market.may-remove-listing', 'all');
