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
