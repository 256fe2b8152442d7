/** The community module's part of a tenant's settings: what a leader earns on the orders picked up at their point. */
import { z } from 'zod';

const label = (zh: string, en: string) => ({ label: { zh, en } });

export const communitySettings = z
  .object({
    leaderCommissionBps: z.number().int().min(0).max(3000).default(500).meta(label('团长佣金比例 (万分比)', 'Leader commission (basis points)')),
  })
  .meta(label('社区团购', 'Community group buying'));

export type CommunitySettings = z.output<typeof communitySettings>;
