/** zod schemas of the membership module's bodies, queries and replies. */
import { z } from 'zod';
import { pageQuery, pageSchema } from '../../core/db/index.js';

const int = (min: number, max: number) => z.number().int().min(min).max(max);

export const levelBody = z
  .object({
    name: z.string().trim().min(1).max(32),
    growth: int(0, 100_000_000),
    discountPercent: int(0, 99),
    freeShipping: z.boolean().default(false),
  })
  .strict();

export const settingsBody = z
  .object({
    enabled: z.boolean().default(true),
    pointsPerYuan: int(0, 100),
    pointValueFen: int(1, 100),
    maxPointsPercent: int(0, 100),
    checkinPoints: int(0, 1000).optional(),
    reviewPoints: int(0, 1000).optional(),
    growthPerYuan: int(0, 100).optional(),
    levels: z.array(levelBody).max(10),
  })
  .strict()
  .superRefine((body, ctx) => {
    const names = new Set<string>();
    body.levels.forEach((l, i) => {
      if (i === 0 && l.growth !== 0) ctx.addIssue({ code: 'custom', path: ['levels', i, 'growth'], message: 'the first level starts at 0 growth' });
      if (i > 0 && l.growth <= body.levels[i - 1]!.growth) ctx.addIssue({ code: 'custom', path: ['levels', i, 'growth'], message: 'each level needs more growth than the one before' });
      if (names.has(l.name)) ctx.addIssue({ code: 'custom', path: ['levels', i, 'name'], message: 'two levels with the same name' });
      names.add(l.name);
    });
  });

export const levelView = z.object({ name: z.string(), growth: z.number().int(), discountPercent: z.number().int(), freeShipping: z.boolean() });

export const settingsView = z.object({
  enabled: z.boolean(),
  pointsPerYuan: z.number().int(),
  pointValueFen: z.number().int(),
  maxPointsPercent: z.number().int(),
  checkinPoints: z.number().int(),
  reviewPoints: z.number().int(),
  growthPerYuan: z.number().int(),
  levels: z.array(levelView),
});

export const entryKind = z.enum(['earn_order', 'refund_reversal', 'checkin', 'review', 'spend_order', 'spend_release', 'mall', 'expire', 'admin_adjust']);

export const entryView = z.object({
  id: z.number().int(),
  kind: entryKind,
  points: z.number().int(),
  growth: z.number().int(),
  orderId: z.number().int().nullable(),
  /** The order number, or the staff's reason for an adjustment. */
  note: z.string().nullable(),
  /** Points a refund could not take back (spent already). */
  shortfall: z.number().int(),
  createdAt: z.string(),
});

const rankedLevel = levelView.extend({ rank: z.number().int() });

export const pointsReply = pageSchema(entryView).extend({
  balance: z.number().int(),
  expiring: z.object({ points: z.number().int(), at: z.string() }),
});

export const levelReply = z.object({
  enabled: z.boolean(),
  balance: z.number().int(),
  growth: z.number().int(),
  level: rankedLevel.nullable(),
  next: rankedLevel.extend({ needed: z.number().int() }).nullable(),
  levels: z.array(levelView),
  checkedInToday: z.boolean(),
  streak: z.number().int(),
  rules: z.object({ pointsPerYuan: z.number().int(), pointValueFen: z.number().int(), maxPointsPercent: z.number().int(), checkinPoints: z.number().int(), reviewPoints: z.number().int(), growthPerYuan: z.number().int() }),
});

export const checkinReply = z.object({ points: z.number().int(), balance: z.number().int(), streak: z.number().int() });

export const memberQuery = z.object({ q: z.string().trim().max(32).optional() });

export const memberBrief = z.object({
  customerId: z.number().int(),
  nickname: z.string().nullable(),
  phone: z.string().nullable(),
  balance: z.number().int(),
  growth: z.number().int(),
  level: z.string().nullable(),
});

export const membersReply = z.object({ items: z.array(memberBrief) });

export const memberDetailQuery = pageQuery;
export const memberDetailReply = pageSchema(entryView).extend({ member: memberBrief });

export const adjustBody = z
  .object({
    points: z.number().int().min(-1_000_000).max(1_000_000).refine((n) => n !== 0, 'not zero'),
    reason: z.string().trim().min(1).max(100),
  })
  .strict();

export const adjustReply = z.object({ id: z.number().int(), balance: z.number().int() });

// ---- the points mall ----

export const mallItemBody = z.object({ skuId: z.number().int().positive(), points: z.number().int().min(1).max(10_000_000), cash: z.number().int().min(0).max(100_000_000).default(0) }).strict();
export const mallItemView = z.object({ id: z.number().int(), skuId: z.number().int(), productId: z.number().int(), title: z.string(), image: z.string().nullable(), price: z.number().int(), points: z.number().int(), cash: z.number().int(), sellable: z.boolean() });
export const redeemBody = z.object({ addressId: z.number().int().positive(), quantity: z.number().int().min(1).max(99).default(1) }).strict();
