/** The reviews module's public surface. */
export { productReviews, unrepliedReviews } from './service.js';
