/** The reviews module's public surface. */
import './routes.js';

export { productReviews } from './service.js';
