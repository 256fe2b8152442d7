import { z } from 'zod';

const fee = z.number().int().min(0).max(1_000_000);
const rule = z.object({ first: z.number().int().min(1).max(1_000_000), firstFee: fee, additional: z.number().int().min(1).max(1_000_000), additionalFee: fee }).strict();

export const templateBody = z
  .object({
    name: z.string().trim().min(1).max(64),
    mode: z.enum(['piece', 'weight']),
    defaultRule: rule,
    regionRules: z.array(rule.extend({ provinces: z.array(z.string().trim().min(2).max(32)).min(1).max(40) }).strict()).max(40).optional(),
    freeThreshold: z.number().int().min(0).nullable().optional(),
    isDefault: z.boolean().optional(),
  })
  .strict();

// ---- replies: what each route answers (checked against every reply in tests) ----

export const freightRuleSchema = z.object({
  /** Pieces (piece mode) or grams (weight mode) covered by the first fee. */ first: z.number(),
  firstFee: z.number(),
  /** Each further step of this many pieces or grams costs additionalFee. */ additional: z.number(),
  additionalFee: z.number(),
});

export const regionRuleSchema = z.object({
  provinces: z.array(z.string()),
  /** Pieces (piece mode) or grams (weight mode) covered by the first fee. */ first: z.number(),
  firstFee: z.number(),
  /** Each further step of this many pieces or grams costs additionalFee. */ additional: z.number(),
  additionalFee: z.number(),
});

export const templateViewSchema = z.object({
  name: z.string(),
  mode: z.enum(["piece", "weight"]),
  defaultRule: freightRuleSchema,
  regionRules: z.array(regionRuleSchema),
  freeThreshold: z.number().nullable(),
  isDefault: z.boolean(),
  id: z.number(),
});

export const freightTemplatesReply = z.object({ items: z.array(templateViewSchema) });

export const deleteFreightTemplatesReply = z.object({ id: z.number(), deleted: z.literal(true) });

/** What Kuaidi100 expects back from its push. */
export const trackingCallbackAck = z.object({ result: z.boolean(), returnCode: z.string(), message: z.string() });
