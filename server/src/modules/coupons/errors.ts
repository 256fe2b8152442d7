import { conflict } from '../../core/errors.js';
import type { Unusable } from './rules.js';

/** The coupons module's error codes (API.md's Marketing section). */
export const couponErrors = {
  exhausted: () => conflict('coupon_exhausted', 'This coupon has all been claimed'),
  limitReached: () => conflict('claim_limit_reached', 'You hold as many of this coupon as one shopper may'),
  notStarted: () => conflict('coupon_not_started', 'This coupon cannot be claimed yet'),
  ended: () => conflict('coupon_ended', 'This coupon has ended'),
  notApplicable: (reason: Unusable, missing?: number) => conflict('coupon_not_applicable', 'This coupon does not apply to this order', { reason, ...(missing ? { missing } : {}) }),
  termsFixed: (field: string) => conflict('coupon_terms_fixed', 'Shoppers hold this coupon already: its terms cannot change', { field }),
};
