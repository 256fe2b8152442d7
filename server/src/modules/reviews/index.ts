/** The reviews module's public surface. */
export { productReviews } from './service.js';
