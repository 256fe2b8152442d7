/**
 * The distribution module's part of a tenant's settings. The API speaks of `rates: [bps per level]`;
 * the settings document keeps one field per level (the generic settings page shows plain fields).
 */
import { z } from 'zod';

const label = (zh: string, en: string) => ({ label: { zh, en } });
const bps = (zh: string, en: string, dflt: number) => z.number().int().min(0).max(5000).default(dflt).meta(label(zh, en));

export const distributionSettings = z
  .object({
    enabled: z.boolean().default(false).meta(label('开启分销', 'Distribution on')),
    depth: z.number().int().min(1).max(3).default(2).meta(label('分销层级', 'Levels paid')),
    rate1Bps: bps('一级佣金比例 (万分比)', 'Level 1 rate (basis points)', 1000),
    rate2Bps: bps('二级佣金比例 (万分比)', 'Level 2 rate (basis points)', 500),
    rate3Bps: bps('三级佣金比例 (万分比)', 'Level 3 rate (basis points)', 200),
    becomeBy: z.enum(['auto', 'apply', 'spend']).default('apply').meta(label('成为分销员的方式', 'How a shopper becomes a distributor')),
    spendThreshold: z.number().int().min(0).max(100_000_000).default(0).meta(label('消费满 (分) 成为分销员', 'Spend (fen) to become a distributor')),
    selfPurchase: z.boolean().default(false).meta(label('分销员自购返佣', 'Distributors earn on their own orders')),
    lockDays: z.number().int().min(0).max(3650).default(0).meta(label('绑定保护期 (天)', 'Binding lock period (days)')),
    minWithdrawal: z.number().int().min(1).max(100_000_000).default(100).meta(label('最低提现金额 (分)', 'Minimum withdrawal (fen)')),
    withdrawalFeeBps: z.number().int().min(0).max(2000).default(0).meta(label('提现手续费 (万分比)', 'Withdrawal fee (basis points)')),
  })
  .meta(label('分销', 'Distribution'));

export type DistributionSettings = z.output<typeof distributionSettings>;

export const ratesOf = (s: DistributionSettings): number[] => [s.rate1Bps, s.rate2Bps, s.rate3Bps].slice(0, s.depth);
