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

// TEMPORARY, until each module's defineModule declaration carries them (issue 10): the coordinator
// moves these into the declarations (`orders`: settings; `tenants`, `merchants`: features) and the
// plan table into the installer, then deletes this block.
import { assertPlansKnowTheirFeatures, installFeatures, installPlans } from '../core/features.js';
import { installSettings } from '../core/settings.js';
import { merchantFeatures } from './merchants/features.js';
import { ordersSettings } from './orders/settings.js';
import { plans } from './tenants/plans.js';
import { tenantFeatures } from './tenants/features.js';

installSettings([{ module: 'orders', schema: ordersSettings }]);
installFeatures([...tenantFeatures, ...merchantFeatures]);
installPlans(plans);
assertPlansKnowTheirFeatures();
