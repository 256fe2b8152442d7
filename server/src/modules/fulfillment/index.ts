/** The fulfillment module's public surface: freight and parcels. */
export { freightFor, isOwnTemplate, ruleFee, type FreightLine, type FreightRule } from './freight.js';
export { followParcel, parcelRoutes, useTracking, type ParcelView } from './parcels.js';
export { normalizeCarrier, carrierName } from './tracking/kuaidi100.js';
