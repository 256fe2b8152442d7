/**
 * Loads every business module: each registers its models, policies, permissions, routes, jobs and
 * event subscribers on import. Order follows dependencies.
 */
import './tenants/index.js';
import './accounts/index.js';
import './customers/index.js';
import './storefront/index.js';
import './suppliers/index.js';
import './merchants/index.js';
// before catalog: a product names a freight template of its owner
import './fulfillment/index.js';
import './catalog/index.js';
import './market/index.js';
import './uploads/index.js';
import './cart/index.js';
import './finance/index.js';
import './payments/index.js';
import './orders/index.js';
import './aftersales/index.js';
import './reviews/index.js';
import './audit/index.js';

// Until module declarations land (core/module.ts): the contributions to hooks, installed once.
// Each moves into its module's declaration; the order here does not matter (hooks sort by order, then name).
import { installHooks } from '../core/hooks.js';
import { openCasesBlockCompletion, refundClosesCase } from './aftersales/index.js';
import { refundsInFlightBlockCompletion, unfinishedOrdersKeepListing } from './orders/index.js';

installHooks([refundsInFlightBlockCompletion, unfinishedOrdersKeepListing, openCasesBlockCompletion, refundClosesCase]);
