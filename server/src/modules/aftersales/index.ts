/** The after-sales module's public surface. */
import './policy.js';
import './routes.js';

export { openCasesBlockCompletion, refundClosesCase } from './service.js';
export { openCase, approve, refuse, escalate, arbitrate, OPEN as OPEN_AFTERSALE_STATUSES, type AftersaleView } from './service.js';
