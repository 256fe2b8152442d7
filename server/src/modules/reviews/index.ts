/** The reviews module's public surface. */
export { productReviews, unrepliedReviews } from './service.js';
export { reviewCreated } from './events.js';
