/**
 * The console's sections: one entry = one route under the signed-in layout + one menu item.
 * This is the extension point: catalog, orders, finance and the other domains add an entry here
 * (and a view), with the kinds of actor that see it and the merchant permission it needs.
 */
import type { Component } from 'vue';
import type { Kind } from './api';
import { can, session, staffMe } from './session';

export interface Section {
  /** Route path under the layout; also the menu index. */
  path: string;
  /** The i18n key of its menu label and page heading (`nav.*`, in `locales/<locale>/nav.ts`). */
  title: string;
  /** Actor kinds that see it. */
  kinds: Kind[];
  view: () => Promise<Component | { default: Component }>;
  /** Permission needed: a merchant one for merchant sections, a platform one for platform sections ('*' passes). */
  permission?: string;
  /** Any further condition (owner only, brand owners only, ...). */
  when?: () => boolean;
  /** Props for the view. */
  props?: Record<string, unknown>;
}

export const sections: Section[] = [
  // Platform operator (platform host); the dashboard is for every operator, each part by its permission
  { path: '/platform-dashboard', title: 'nav.platformDashboard', kinds: ['platform'], view: () => import('./views/platform/Dashboard.vue') },
  { path: '/tenants', title: 'nav.tenants', kinds: ['platform'], permission: 'tenants.read', view: () => import('./views/platform/Tenants.vue') },
  { path: '/suppliers', title: 'nav.suppliers', kinds: ['platform'], permission: 'suppliers.read', view: () => import('./views/platform/Suppliers.vue') },
  { path: '/product-review', title: 'nav.productReview', kinds: ['platform'], permission: 'products.read', view: () => import('./views/platform/ProductReview.vue') },
  { path: '/categories', title: 'nav.categories', kinds: ['platform'], permission: 'categories.manage', view: () => import('./views/platform/Categories.vue') },
  { path: '/arbitration', title: 'nav.arbitration', kinds: ['platform'], permission: 'aftersales.read', view: () => import('./views/platform/Arbitration.vue') },
  { path: '/withdrawals', title: 'nav.withdrawals', kinds: ['platform'], permission: 'finance.read', view: () => import('./views/platform/Withdrawals.vue') },
  { path: '/reconciliation', title: 'nav.reconciliation', kinds: ['platform'], permission: 'finance.read', view: () => import('./views/platform/Reconciliation.vue') },
  {
    path: '/platform-audit',
    title: 'nav.platformAudit',
    kinds: ['platform'],
    permission: 'audit.read',
    view: () => import('./components/AuditLog.vue'),
    props: { endpoint: '/platform/audit-log', showTenant: true },
  },
  { path: '/platform-users', title: 'nav.platformUsers', kinds: ['platform'], permission: 'accounts.read', view: () => import('./views/platform/PlatformUsers.vue') },
  {
    path: '/help-articles',
    title: 'content.nav.helpArticles',
    kinds: ['platform'],
    permission: 'content.manage',
    view: () => import('./views/merchant/content/ContentSection.vue'),
    props: { help: true },
  },

  // Supplier (platform host): the catalog and money once approved (read-only while suspended); the application always.
  { path: '/supplier-products', title: 'nav.supplierProducts', kinds: ['supplier'], when: supplierOnboarded, view: () => import('./views/supplier/Products.vue') },
  { path: '/supplier-imports', title: 'nav.supplierImports', kinds: ['supplier'], when: supplierOnboarded, view: () => import('./views/supplier/Imports.vue') },
  { path: '/warehouses', title: 'nav.warehouses', kinds: ['supplier'], when: supplierOnboarded, view: () => import('./views/supplier/Warehouses.vue') },
  {
    path: '/supplier-shipping',
    title: 'nav.supplierShipping',
    kinds: ['supplier'],
    when: supplierOnboarded,
    view: () => import('./components/ShippingQueue.vue'),
    props: { owner: 'supplier' },
  },
  {
    path: '/supplier-aftersales',
    title: 'nav.supplierAftersales',
    kinds: ['supplier'],
    when: supplierOnboarded,
    view: () => import('./components/AfterSalesQueue.vue'),
    props: { owner: 'supplier' },
  },
  { path: '/freight-templates', title: 'nav.freightTemplates', kinds: ['supplier'], when: supplierOnboarded, view: () => import('./views/supplier/FreightTemplates.vue') },
  {
    path: '/supplier-finance',
    title: 'nav.supplierFinance',
    kinds: ['supplier'],
    when: supplierOnboarded,
    view: () => import('./components/FinancePanel.vue'),
    props: { base: '/supplier/finance', canWithdraw: true },
  },
  { path: '/application', title: 'nav.application', kinds: ['supplier'], view: () => import('./views/supplier/Application.vue') },

  // Merchant staff (tenant host)
  { path: '/dashboard', title: 'nav.dashboard', kinds: ['merchant'], view: () => import('./views/merchant/Dashboard.vue') },
  { path: '/orders', title: 'nav.orders', kinds: ['merchant'], permission: 'orders.read', view: () => import('./views/merchant/Orders.vue') },
  {
    path: '/shipping',
    title: 'nav.shipping',
    kinds: ['merchant'],
    permission: 'fulfillment.ship',
    view: () => import('./components/ShippingQueue.vue'),
    props: { owner: 'shop' },
  },
  { path: '/pickup-verify', title: 'nav.pickupVerify', kinds: ['merchant'], permission: 'orders.manage', view: () => import('./views/merchant/PickupVerify.vue') },
  { path: '/stores', title: 'stores.nav.stores', kinds: ['merchant'], permission: 'stores.manage', view: () => import('./views/merchant/stores/Stores.vue') },
  { path: '/store-counter', title: 'stores.nav.counter', kinds: ['merchant'], permission: 'stores.counter', view: () => import('./views/merchant/stores/Counter.vue') },
  {
    path: '/aftersales',
    title: 'nav.aftersales',
    kinds: ['merchant'],
    permission: 'aftersales.read',
    view: () => import('./components/AfterSalesQueue.vue'),
    props: { owner: 'shop' },
  },
  { path: '/products', title: 'nav.products', kinds: ['merchant'], permission: 'catalog.read', view: () => import('./views/merchant/Products.vue') },
  { path: '/market', title: 'nav.market', kinds: ['merchant'], permission: 'catalog.read', view: () => import('./views/merchant/Market.vue') },
  { path: '/own-products', title: 'nav.ownProducts', kinds: ['merchant'], permission: 'catalog.manage', view: () => import('./views/merchant/OwnProducts.vue') },
  { path: '/reviews', title: 'nav.reviews', kinds: ['merchant'], permission: 'reviews.reply', view: () => import('./views/merchant/Reviews.vue') },
  { path: '/finance', title: 'nav.finance', kinds: ['merchant'], permission: 'finance.read', view: () => import('./views/merchant/Finance.vue') },
  { path: '/store', title: 'nav.store', kinds: ['merchant'], permission: 'store.read', view: () => import('./views/merchant/Store.vue') },
  { path: '/pages', title: 'nav.pages', kinds: ['merchant'], permission: 'store.read', view: () => import('./views/merchant/pages/PagesSection.vue') },
  { path: '/miniprogram', title: 'miniprogram.nav.title', kinds: ['merchant'], permission: 'miniprogram.publish', view: () => import('./views/merchant/miniprogram/MiniProgram.vue') },
  { path: '/content', title: 'content.nav.content', kinds: ['merchant'], permission: 'content.read', view: () => import('./views/merchant/content/ContentSection.vue') },
  { path: '/payments', title: 'nav.payments', kinds: ['merchant'], permission: 'payments.configure', view: () => import('./views/merchant/Payments.vue') },
  { path: '/staff', title: 'nav.staff', kinds: ['merchant'], permission: 'staff.read', view: () => import('./views/merchant/Staff.vue') },
  { path: '/roles', title: 'nav.roles', kinds: ['merchant'], permission: 'roles.manage', view: () => import('./views/merchant/Roles.vue') },
  { path: '/webhooks', title: 'nav.webhooks', kinds: ['merchant'], permission: 'webhooks.manage', view: () => import('./views/merchant/Webhooks.vue') },
  { path: '/chat', title: 'chat.nav.desk', kinds: ['merchant'], permission: 'support.serve', view: () => import('./views/merchant/chat/Desk.vue') },
  { path: '/chat-monitor', title: 'chat.nav.monitor', kinds: ['merchant'], permission: 'support.supervise', view: () => import('./views/merchant/chat/Monitor.vue') },
  { path: '/chat-settings', title: 'chat.nav.settings', kinds: ['merchant'], permission: 'support.supervise', view: () => import('./views/merchant/chat/ChatSettings.vue') },
  { path: '/customers', title: 'nav.customers', kinds: ['merchant'], permission: 'customers.read', view: () => import('./views/merchant/Customers.vue') },
  {
    path: '/audit-log',
    title: 'nav.auditLog',
    kinds: ['merchant'],
    permission: 'audit.read',
    view: () => import('./components/AuditLog.vue'),
    props: { endpoint: '/admin/audit-log' },
  },
  {
    path: '/distributors',
    title: 'nav.distributors',
    kinds: ['merchant'],
    permission: 'distributors.manage',
    when: () => staffMe()?.tenant.parentId === null,
    view: () => import('./views/merchant/Distributors.vue'),
  },
  { path: '/brand', title: 'brand.nav', kinds: ['merchant'], when: () => staffMe()?.tenant.parentId === null && (can('brand.sales') || can('brand.prices')), view: () => import('./views/merchant/brand/BrandSection.vue') },
  { path: '/marketing/coupons', title: 'coupons.nav.coupons', kinds: ['merchant'], permission: 'coupons.manage', view: () => import('./views/merchant/marketing/coupons/CouponsSection.vue') },
  { path: '/marketing/full-reductions', title: 'promos.nav.fullReductions', kinds: ['merchant'], permission: 'promotions.manage', view: () => import('./views/merchant/marketing/promos/FullReductions.vue') },
  { path: '/marketing/limited-prices', title: 'promos.nav.limitedPrices', kinds: ['merchant'], permission: 'promotions.manage', view: () => import('./views/merchant/marketing/promos/LimitedPrices.vue') },
  { path: '/marketing/flash-sales', title: 'flash.nav', kinds: ['merchant'], permission: 'flashsale.manage', view: () => import('./views/merchant/marketing/flash/FlashSales.vue') },
  { path: '/marketing/group-buys', title: 'groupbuy.nav', kinds: ['merchant'], permission: 'groupbuy.manage', view: () => import('./views/merchant/marketing/groupbuy/GroupBuys.vue') },
  { path: '/community', title: 'community.nav', kinds: ['merchant'], permission: 'community.manage', view: () => import('./views/merchant/community/Community.vue') },
  { path: '/marketing/membership', title: 'members.nav.title', kinds: ['merchant'], permission: 'membership.manage', view: () => import('./views/merchant/marketing/members/Membership.vue') },
  { path: '/marketing/distribution', title: 'distribution.nav.title', kinds: ['merchant'], permission: 'distribution.manage', view: () => import('./views/merchant/marketing/distribution/Distribution.vue') },

  // the platform's help for the people who run shops and supply them
  { path: '/help', title: 'content.nav.help', kinds: ['merchant', 'supplier'], view: () => import('./views/HelpCenter.vue') },
  { path: '/account', title: 'nav.account', kinds: ['platform', 'supplier', 'merchant'], view: () => import('./views/Account.vue') },
];

/** Approved once: the supplier's sections stay, read-only while the platform suspends it. */
function supplierOnboarded(): boolean {
  const me = session.me;
  return me?.kind === 'supplier' && (me.user.supplier.status === 'approved' || me.user.supplier.status === 'suspended');
}

/** A suspended supplier reads and finishes paid orders only (the API refuses other writes). */
export function supplierSuspended(): boolean {
  const me = session.me;
  return me?.kind === 'supplier' && me.user.supplier.status === 'suspended';
}

export function visible(section: Section): boolean {
  const me = session.me;
  if (!me || !section.kinds.includes(me.kind)) return false;
  if (section.permission && !can(section.permission)) return false;
  return section.when ? section.when() : true;
}

export const visibleSections = (): Section[] => sections.filter(visible);
