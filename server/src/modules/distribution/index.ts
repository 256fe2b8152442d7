/** The distribution module's public surface: the payees hook (community leaders earn through it) and the chain. */
export { commissionPayees, chainOf, type CommissionPayee, type PaidOrder } from './commissions.js';
