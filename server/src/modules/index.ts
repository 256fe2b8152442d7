/** Every business module, in dependency order (a module after every module it depends on). */
import { tenantsModule } from './tenants/module.js';
import { accountsModule } from './accounts/module.js';
import { customersModule } from './customers/module.js';
import { storefrontModule } from './storefront/module.js';
import { suppliersModule } from './suppliers/module.js';
import { merchantsModule } from './merchants/module.js';
import { fulfillmentModule } from './fulfillment/module.js';
import { catalogModule } from './catalog/module.js';
import { marketModule } from './market/module.js';
import { uploadsModule } from './uploads/module.js';
import { cartModule } from './cart/module.js';
import { financeModule } from './finance/module.js';
import { paymentsModule } from './payments/module.js';
import { ordersModule } from './orders/module.js';
import { aftersalesModule } from './aftersales/module.js';
import { reviewsModule } from './reviews/module.js';
import { auditModule } from './audit/module.js';
import { webhooksModule } from './webhooks/module.js';
import { pagesModule } from './pages/module.js';
import { analyticsModule } from './analytics/module.js';
import { chatModule } from './chat/module.js';
import { contentModule } from './content/module.js';
import { miniprogramModule } from './miniprogram/module.js';
import { couponsModule } from './coupons/module.js';
import { promotionsModule } from './promotions/module.js';
import { flashsaleModule } from './flashsale/module.js';
import { groupbuyModule } from './groupbuy/module.js';
import { membershipModule } from './membership/module.js';
import { distributionModule } from './distribution/module.js';
import { storesModule } from './stores/module.js';
import { communityModule } from './community/module.js';
import { brandsModule } from './brands/module.js';

export const modules = [
  tenantsModule,
  accountsModule,
  customersModule,
  storefrontModule,
  suppliersModule,
  merchantsModule,
  fulfillmentModule,
  catalogModule,
  marketModule,
  uploadsModule,
  cartModule,
  financeModule,
  paymentsModule,
  ordersModule,
  aftersalesModule,
  reviewsModule,
  auditModule,
  webhooksModule,
  pagesModule,
  analyticsModule,
  chatModule,
  contentModule,
  miniprogramModule,
  couponsModule,
  promotionsModule,
  flashsaleModule,
  groupbuyModule,
  membershipModule,
  distributionModule,
  storesModule,
  communityModule,
  brandsModule,
] as const;
