/** The group-buy module's public surface: nothing other modules need yet beyond its declaration. */
export { closeExpired } from './closing.js';
