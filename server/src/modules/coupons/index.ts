/** The coupons module's public surface: making and handing out coupons, for whoever seeds a shop (the demo). */
export { createCoupon, claim as claimCoupon, issueToShoppers } from './service.js';
export type { CouponBody } from './schemas.js';
export { heldAtCounter, useAtCounter } from './service.js';
export { heldCouponView } from './schemas.js';
