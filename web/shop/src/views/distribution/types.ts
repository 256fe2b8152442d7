/** The distribution replies as the storefront reads them (inferred from the server's schemas). */
import type { Reply } from '../../../../shared/types';
import type { rulesReply, shareReply } from '../../../../../server/src/modules/distribution/poster-schemas.js';
import type { commissionView, meReply, memberView, withdrawalView } from '../../../../../server/src/modules/distribution/schemas.js';

export type DistributionMe = Reply<typeof meReply>;
/** What a distributor needs to know of the shop's programme (`GET /shop/distribution/rules`). */
export type DistributionRules = Reply<typeof rulesReply>;
export type Commission = Reply<typeof commissionView>;
export type CommissionStatus = Commission['status'];
export type TeamMember = Reply<typeof memberView>;
export type Withdrawal = Reply<typeof withdrawalView>;
export type WithdrawalStatus = Withdrawal['status'];
/** A share of the shop or of one product (`GET /shop/distribution/share`). */
export type Share = Reply<typeof shareReply>;

/** The fee a withdrawal of `amount` pays, as the server takes it (rounded down to the fen). */
export const withdrawalFee = (amount: number, feeBps: number): number => Math.floor((amount * feeBps) / 10_000);
