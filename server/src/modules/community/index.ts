/** The community module's public surface. */
export { leaderPayeeOf, type LeaderPayee } from './commission.js';
export { distanceMetres } from './leaders.js';
