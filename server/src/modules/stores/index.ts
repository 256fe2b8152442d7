/** The stores module's public surface. */
export { distanceM } from './stores.js';
export { reserveAtStore, releaseAtStore, missingAtStore } from './stock.js';
