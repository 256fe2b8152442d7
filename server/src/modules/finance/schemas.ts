import { z } from 'zod';

// ---- replies: what each route answers (checked against every reply in tests) ----

export const balanceSchema = z.object({
  available: z.number(),
  frozen: z.number(),
  /** Waiting to be paid out to the account (pending withdrawals). */ held: z.number(),
});

export const entryViewSchema = z.object({
  id: z.number(),
  bucket: z.enum(["available", "frozen", "held"]),
  amount: z.number(),
  kind: z.string(),
  orderId: z.number().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
});

export const withdrawalViewSchema = z.object({
  id: z.number(),
  account: z.object({ type: z.string(), id: z.number(), name: z.string().nullable() }),
  amount: z.number(),
  status: z.enum(["pending", "rejected", "paid"]),
  payee: z.record(z.string(), z.string()),
  reason: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  createdAt: z.string(),
});

export const moneyFlowSchema = z.object({ name: z.string(), moneyIn: z.number(), moneyOut: z.number() });

export const accountSchema = z.object({ type: z.enum(["platform", "supplier", "shopper", "tenant", "clearing", "promoter"]), id: z.number() });

export const accountFindingSchema = z.object({
  account: accountSchema.extend({ name: z.string().nullable() }),
  bucket: z.enum(["available", "frozen", "held"]),
  /** The sum of the account's entries in the bucket. */ ledger: z.number(),
  /** What its balance row says. */ balance: z.number(),
});

export const reconciliationSchema = z.object({
  flows: z.array(moneyFlowSchema),
  withdrawalsPaid: z.number(),
  expectedLedgerTotal: z.number(),
  ledgerTotal: z.number(),
  difference: z.number(),
  /** Balance rows that disagree with their entries. */ mismatches: z.array(accountFindingSchema),
  /** Buckets below zero. */ negative: z.array(accountFindingSchema),
  balanced: z.boolean(),
});
