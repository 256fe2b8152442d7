/** The distribution replies as the storefront reads them (API.md "Distribution"; the server's schemas). */
export type DistributorStatus = 'none' | 'pending' | 'active' | 'rejected' | 'disabled';
export type CommissionStatus = 'frozen' | 'available' | 'reversed';
export type WithdrawalStatus = 'pending' | 'paid' | 'rejected';

export interface DistributionMe {
  enabled: boolean;
  status: DistributorStatus;
  inviteCode: string | null;
  commission: { frozen: number; available: number; held: number };
  teamSize: number;
  inviterId: number | null;
  spent: number;
  becomeBy: 'auto' | 'apply' | 'spend';
  spendThreshold: number;
}

/** What a distributor needs to know of the shop's programme (`GET /shop/distribution/rules`). */
export interface DistributionRules {
  enabled: boolean;
  depth: number;
  rates: number[];
  minWithdrawal: number;
  withdrawalFeeBps: number;
  selfPurchase: boolean;
}

export interface Who {
  id: number;
  nickname: string | null;
  phone: string | null;
}

export interface Commission {
  id: number;
  orderId: number;
  buyer: Who;
  level: number;
  source: 'distribution' | 'community';
  amount: number;
  reversed: number;
  net: number;
  status: CommissionStatus;
  createdAt: string;
}

export interface TeamMember {
  customerId: number;
  nickname: string | null;
  phone: string | null;
  level: number;
  status: DistributorStatus;
  boundAt: string | null;
}

export interface Withdrawal {
  id: number;
  amount: number;
  fee: number;
  net: number;
  status: WithdrawalStatus;
  reason: string | null;
  createdAt: string;
}

/** A share of the shop or of one product (`GET /shop/distribution/share`). */
export interface Share {
  link: string;
  inviteCode: string;
  productId: number | null;
  /** What the distributor earns on one sale at the first level, when a product is shared. */
  earn: number | null;
}

/** The fee a withdrawal of `amount` pays, as the server takes it (rounded down to the fen). */
export const withdrawalFee = (amount: number, feeBps: number): number => Math.floor((amount * feeBps) / 10_000);
