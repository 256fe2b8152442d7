/** The cart module's public surface. */
import './routes.js';

export { viewCart, removeBought, type CartView } from './service.js';
