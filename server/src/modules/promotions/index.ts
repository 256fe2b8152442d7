/** The promotions module's public surface. */
export { tierLabel, yuan } from './tiers.js';
export type { Tier } from './model.js';
