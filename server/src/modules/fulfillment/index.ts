/** The fulfillment module's public surface: freight and parcels. */
import './routes.js';

export { freightFor, ruleFee, type FreightLine, type FreightRule } from './freight.js';
