/** The after-sales module's public surface. */
export { openCase, approve, casesAwaitingShop, casesToArbitrateCount, refuse, escalate, arbitrate, OPEN as OPEN_AFTERSALE_STATUSES, type AftersaleView } from './service.js';
