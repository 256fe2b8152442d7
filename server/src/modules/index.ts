/**
 * Loads every business module: each registers its models, policies, permissions, routes and jobs
 * on import; event subscriptions are installed below. Order follows dependencies.
 */
import { installSubscriptions } from '../core/events.js';
import { supplierReactions } from './catalog/index.js';
import { followProductChanges } from './market/index.js';
import { ordersSubscriptions } from './orders/index.js';
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

// until module declarations land: each module's `subscriptions` will carry these
installSubscriptions([...supplierReactions, followProductChanges, ...ordersSubscriptions]);
