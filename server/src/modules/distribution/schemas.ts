/** The distribution module's request and reply shapes (API.md, "Distribution and community group buying"). */
import { z } from 'zod';
import { pageQuery, pageSchema } from '../../core/db/index.js';

const bps = z.number().int().min(0).max(5000);
const distributorStatus = z.enum(['none', 'pending', 'active', 'rejected', 'disabled']);
const commissionStatus = z.enum(['frozen', 'available', 'reversed']);
const withdrawalStatus = z.enum(['pending', 'paying', 'paid', 'rejected', 'failed']);
const withdrawalMethod = z.enum(['balance', 'wechat']);
const who = z.object({ id: z.number(), nickname: z.string().nullable(), phone: z.string().nullable() });
const iso = z.string();

export const settingsBody = z
  .object({
    enabled: z.boolean(),
    depth: z.number().int().min(1).max(3).default(2),
    rates: z.array(bps).min(1).max(3),
    becomeBy: z.enum(['auto', 'apply', 'spend']),
    spendThreshold: z.number().int().min(0).max(100_000_000).optional(),
    selfPurchase: z.boolean().optional(),
    lockDays: z.number().int().min(0).max(3650).optional(),
    minWithdrawal: z.number().int().min(1).max(100_000_000).optional(),
    withdrawalFeeBps: z.number().int().min(0).max(2000).optional(),
  })
  .strict()
  .refine((b) => b.becomeBy !== 'spend' || b.spendThreshold !== undefined, { message: 'required when becomeBy is spend', path: ['spendThreshold'] });

export const settingsReply = z.object({
  enabled: z.boolean(),
  depth: z.number(),
  rates: z.array(z.number()),
  becomeBy: z.enum(['auto', 'apply', 'spend']),
  spendThreshold: z.number(),
  selfPurchase: z.boolean(),
  lockDays: z.number(),
  minWithdrawal: z.number(),
  withdrawalFeeBps: z.number(),
});

const amount = z.number().int().min(0).max(10_000_000_000);
const count = z.number().int().min(0).max(1_000_000);
export const levelConditions = z
  .object({ teamSales: amount.optional(), ownOrders: count.optional(), directDownlines: count.optional(), commissionEarned: amount.optional() })
  .strict();
export const levelBody = z
  .object({
    name: z.string().trim().min(1).max(32),
    rank: z.number().int().min(1).max(99),
    rates: z.array(bps).max(3).default([]),
    conditions: levelConditions.default({}),
    match: z.enum(['any', 'all']).default('any'),
  })
  .strict();
const levelMetrics = z.object({ teamSales: z.number(), ownOrders: z.number(), directDownlines: z.number(), commissionEarned: z.number() });
export const levelView = z.object({ id: z.number(), name: z.string(), rank: z.number(), rates: z.array(z.number()), conditions: levelMetrics.partial(), match: z.enum(['any', 'all']), holders: z.number() });
export const levelsReply = z.object({ items: z.array(levelView) });
const levelBrief = z.object({ id: z.number(), name: z.string(), rank: z.number(), rates: z.array(z.number()) });
export const setLevelBody = z.object({ levelId: z.number().int().positive().nullable() }).strict();
export const setLevelReply = z.object({ customerId: z.number(), levelId: z.number().nullable() });

export const meReply = z.object({
  enabled: z.boolean(),
  status: distributorStatus,
  inviteCode: z.string().nullable(),
  commission: z.object({ frozen: z.number(), available: z.number(), held: z.number() }),
  teamSize: z.number(),
  inviterId: z.number().nullable(),
  spent: z.number(),
  becomeBy: z.enum(['auto', 'apply', 'spend']),
  spendThreshold: z.number(),
  /** Can this shopper withdraw to WeChat change here (the shop pays out to WeChat and knows their openid)? */
  wechatWithdrawal: z.boolean(),
  level: levelBrief.nullable(),
  nextLevel: levelBrief.extend({ conditions: levelMetrics.partial(), match: z.enum(['any', 'all']), progress: levelMetrics }).nullable(),
});

export const applyReply = z.object({ status: distributorStatus });
export const bindBody = z.object({ inviteCode: z.string().trim().min(4).max(16) }).strict();
export const bindReply = z.object({ inviterId: z.number(), boundAt: iso });

export const commissionView = z.object({
  id: z.number(), orderId: z.number(), customerId: z.number(), buyer: who, payee: who, level: z.number(), source: z.enum(['distribution', 'community']),
  rateBps: z.number(), base: z.number(), amount: z.number(), capped: z.number(), reversed: z.number(), net: z.number(), status: commissionStatus, createdAt: iso,
});
export const commissionPage = pageSchema(commissionView);
export const shopCommissionQuery = pageQuery.extend({ status: commissionStatus.optional() });
export const adminCommissionQuery = shopCommissionQuery.extend({
  customerId: z.coerce.number().int().positive().optional(),
  orderId: z.coerce.number().int().positive().optional(),
  source: z.enum(['distribution', 'community']).optional(),
});

export const withdrawalBody = z.object({ amount: z.number().int().min(1).max(100_000_000), method: withdrawalMethod.default('balance') }).strict();
export const withdrawalView = z.object({
  id: z.number(), customerId: z.number(), nickname: z.string().nullable(), phone: z.string().nullable(), amount: z.number(), fee: z.number(), net: z.number(),
  method: withdrawalMethod, status: withdrawalStatus, reason: z.string().nullable(), error: z.string().nullable(), reviewedAt: iso.nullable(), createdAt: iso,
});
export const withdrawalPage = pageSchema(withdrawalView);
export const withdrawalQuery = pageQuery.extend({ status: withdrawalStatus.optional(), customerId: z.coerce.number().int().positive().optional() });
export const reasonBody = z.object({ reason: z.string().trim().min(1).max(255).optional() }).strict().optional();

export const distributorView = z.object({
  customerId: z.number(), nickname: z.string().nullable(), phone: z.string().nullable(), status: distributorStatus, inviteCode: z.string(), inviterId: z.number().nullable(),
  level: z.object({ id: z.number(), name: z.string(), rank: z.number() }).nullable(),
  teamSize: z.number(), earned: z.number(), frozen: z.number(), available: z.number(), spent: z.number(), reason: z.string().nullable(),
  appliedAt: iso.nullable(), approvedAt: iso.nullable(), createdAt: iso,
});
export const distributorPage = pageSchema(distributorView);
export const distributorQuery = pageQuery.extend({ status: distributorStatus.optional(), q: z.string().trim().min(1).max(64).optional() });
export const decisionReply = z.object({ customerId: z.number(), status: distributorStatus });

export const memberView = z.object({ customerId: z.number(), nickname: z.string().nullable(), phone: z.string().nullable(), level: z.number(), status: distributorStatus, boundAt: iso.nullable() });
export const teamPage = pageSchema(memberView);
export const teamQuery = pageQuery.extend({ level: z.coerce.number().int().min(1).max(3).default(1) });

export const rankingQuery = z.object({ by: z.enum(['earned', 'team']).default('earned'), limit: z.coerce.number().int().min(1).max(100).default(10) });
export const rankingReply = z.object({ items: z.array(distributorView.extend({ rank: z.number() })) });

export const uplineBody = z.object({ inviterId: z.number().int().positive().nullable() }).strict();
export const uplineReply = z.object({ customerId: z.number(), inviterId: z.number().nullable() });

export const productRatesBody = z.object({ rates: z.array(bps).min(1).max(3) }).strict();
export const productRatesReply = z.object({ items: z.array(z.object({ productId: z.number(), rates: z.array(z.number()) })) });
export const okReply = z.object({ ok: z.literal(true) });
