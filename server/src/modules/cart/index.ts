/** The cart module's public surface. */
export { viewCart, removeBought, type CartView } from './service.js';
