/** The membership module's public surface: a shopper's standing (for whoever prices for them) and the seeding helpers. */
export { standingOf, type Standing } from './standing.js';
export { membershipSettings, type MembershipSettings } from './settings.js';
