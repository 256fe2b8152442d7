/** The distribution replies as the console reads them (inferred from the server's schemas). */
import type { Reply } from '../../../../../../shared/types';
import type { commissionView, distributorView, levelView, memberView, rankingReply, settingsReply, withdrawalView } from '../../../../../../../server/src/modules/distribution/schemas.js';

export type DistributionSettings = Reply<typeof settingsReply>;
export type Distributor = Reply<typeof distributorView>;
export type Commission = Reply<typeof commissionView>;
export type Withdrawal = Reply<typeof withdrawalView>;
export type Level = Reply<typeof levelView>;
export type TeamMember = Reply<typeof memberView>;
export type Ranked = Reply<typeof rankingReply>['items'][number];

export type TagType = 'success' | 'warning' | 'danger' | 'info' | 'primary';
export const distributorTag: Record<Distributor['status'], TagType> = { none: 'info', pending: 'warning', active: 'success', rejected: 'danger', disabled: 'info' };
export const commissionTag: Record<Commission['status'], TagType> = { frozen: 'warning', available: 'success', reversed: 'info' };
export const withdrawalTag: Record<Withdrawal['status'], TagType> = { pending: 'warning', paying: 'primary', paid: 'success', rejected: 'danger', failed: 'danger' };

/** Who a row is about: nickname, else phone, else the customer number. */
export const who = (p: { nickname: string | null; phone: string | null; id?: number; customerId?: number }): string => p.nickname || p.phone || `#${p.customerId ?? p.id}`;
