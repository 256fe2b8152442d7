/** The share and poster routes' shapes (the storefront infers its types from them). */
import { z } from 'zod';

export const shareQuery = z.object({ productId: z.coerce.number().int().positive().optional() }).strict();

export const shareReply = z.object({
  link: z.string(),
  inviteCode: z.string(),
  productId: z.number().nullable(),
  /** What the sharer earns at the first level on one sale at the product's lowest price (its own rate, else the shop's), or null for the shop. */
  earn: z.number().nullable(),
});

export const rulesReply = z.object({
  enabled: z.boolean(),
  depth: z.number(),
  rates: z.array(z.number()),
  becomeBy: z.enum(['auto', 'apply', 'spend']),
  spendThreshold: z.number(),
  selfPurchase: z.boolean(),
  minWithdrawal: z.number(),
  withdrawalFeeBps: z.number(),
});
