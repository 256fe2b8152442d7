import { defineFeature } from '../../core/features.js';

/** A brand owner opening child shops for its distributors. */
export const distributors = defineFeature('merchants.distributors', '分销商开店', 'Distributor shops');

export const merchantFeatures = [distributors];
