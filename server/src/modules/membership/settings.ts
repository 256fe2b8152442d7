/**
 * The membership module's part of a tenant's settings: how points are earned and what they are
 * worth. Off until the merchant saves the membership page (`enabled`); the levels live in their
 * own table (a list the generic settings page cannot edit), saved with these in one request.
 */
import { z } from 'zod';

const label = (zh: string, en: string) => ({ label: { zh, en } });

export const membershipSettings = z
  .object({
    enabled: z.boolean().default(false).meta(label('开启积分与会员等级', 'Points and member levels on')),
    pointsPerYuan: z.number().int().min(0).max(100).default(1).meta(label('每消费 1 元得积分', 'Points per yuan paid')),
    pointValueFen: z.number().int().min(1).max(100).default(1).meta(label('每积分抵扣 (分)', 'Value of a point (fen)')),
    maxPointsPercent: z.number().int().min(0).max(100).default(50).meta(label('积分抵扣上限 (订单金额 %)', 'Points may pay at most (% of the order)')),
    checkinPoints: z.number().int().min(0).max(1000).default(5).meta(label('每日签到得积分', 'Points for a daily check-in')),
    reviewPoints: z.number().int().min(0).max(1000).default(10).meta(label('评价得积分', 'Points for a review')),
    growthPerYuan: z.number().int().min(0).max(100).default(1).meta(label('每消费 1 元得成长值', 'Growth per yuan paid')),
  })
  .meta(label('积分与会员', 'Points and membership'));

export type MembershipSettings = z.output<typeof membershipSettings>;
