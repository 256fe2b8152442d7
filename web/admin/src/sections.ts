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
  // Platform operator (platform host)
  { path: '/tenants', title: '租户 Tenants', kinds: ['platform'], permission: 'tenants.read', view: () => import('./views/platform/Tenants.vue') },
  { path: '/suppliers', title: '供应商审核 Suppliers', kinds: ['platform'], permission: 'suppliers.read', view: () => import('./views/platform/Suppliers.vue') },
  { path: '/product-review', title: '商品审核 Product review', kinds: ['platform'], permission: 'products.read', view: () => import('./views/platform/ProductReview.vue') },
  { path: '/categories', title: '类目 Categories', kinds: ['platform'], permission: 'categories.manage', view: () => import('./views/platform/Categories.vue') },
  { path: '/arbitration', title: '售后仲裁 Arbitration', kinds: ['platform'], permission: 'aftersales.read', view: () => import('./views/platform/Arbitration.vue') },
  { path: '/withdrawals', title: '提现审核 Withdrawals', kinds: ['platform'], permission: 'finance.read', view: () => import('./views/platform/Withdrawals.vue') },
  { path: '/reconciliation', title: '对账 Reconciliation', kinds: ['platform'], permission: 'finance.read', view: () => import('./views/platform/Reconciliation.vue') },
  {
    path: '/platform-audit',
    title: '审计日志 Audit log',
    kinds: ['platform'],
    permission: 'audit.read',
    view: () => import('./components/AuditLog.vue'),
    props: { endpoint: '/platform/audit-log', showTenant: true },
  },
  { path: '/platform-users', title: '平台账号 Platform users', kinds: ['platform'], permission: 'accounts.read', view: () => import('./views/platform/PlatformUsers.vue') },

  // Supplier (platform host): the catalog and money once approved (read-only while suspended); the application always.
  { path: '/supplier-products', title: '商品 Products', kinds: ['supplier'], when: supplierOnboarded, view: () => import('./views/supplier/Products.vue') },
  { path: '/supplier-imports', title: '批量导入 Bulk import', kinds: ['supplier'], when: supplierOnboarded, view: () => import('./views/supplier/Imports.vue') },
  { path: '/warehouses', title: '仓库 Warehouses', kinds: ['supplier'], when: supplierOnboarded, view: () => import('./views/supplier/Warehouses.vue') },
  {
    path: '/supplier-shipping',
    title: '发货 Shipping',
    kinds: ['supplier'],
    when: supplierOnboarded,
    view: () => import('./components/ShippingQueue.vue'),
    props: { owner: 'supplier' },
  },
  {
    path: '/supplier-aftersales',
    title: '售后 After-sales',
    kinds: ['supplier'],
    when: supplierOnboarded,
    view: () => import('./components/AfterSalesQueue.vue'),
    props: { owner: 'supplier' },
  },
  { path: '/freight-templates', title: '运费模板 Freight', kinds: ['supplier'], when: supplierOnboarded, view: () => import('./views/supplier/FreightTemplates.vue') },
  {
    path: '/supplier-finance',
    title: '资金 Finance',
    kinds: ['supplier'],
    when: supplierOnboarded,
    view: () => import('./components/FinancePanel.vue'),
    props: { base: '/supplier/finance', canWithdraw: true },
  },
  { path: '/application', title: '入驻申请 Application', kinds: ['supplier'], view: () => import('./views/supplier/Application.vue') },

  // Merchant staff (tenant host)
  { path: '/dashboard', title: '概览 Dashboard', kinds: ['merchant'], view: () => import('./views/merchant/Dashboard.vue') },
  { path: '/orders', title: '订单 Orders', kinds: ['merchant'], permission: 'orders.read', view: () => import('./views/merchant/Orders.vue') },
  {
    path: '/shipping',
    title: '发货 Shipping',
    kinds: ['merchant'],
    permission: 'fulfillment.ship',
    view: () => import('./components/ShippingQueue.vue'),
    props: { owner: 'shop' },
  },
  {
    path: '/aftersales',
    title: '售后 After-sales',
    kinds: ['merchant'],
    permission: 'aftersales.read',
    view: () => import('./components/AfterSalesQueue.vue'),
    props: { owner: 'shop' },
  },
  { path: '/products', title: '商品 Products', kinds: ['merchant'], permission: 'catalog.read', view: () => import('./views/merchant/Products.vue') },
  { path: '/market', title: '供货市场 Supplier market', kinds: ['merchant'], permission: 'catalog.read', view: () => import('./views/merchant/Market.vue') },
  { path: '/own-products', title: '自营商品 Own goods', kinds: ['merchant'], permission: 'catalog.manage', view: () => import('./views/merchant/OwnProducts.vue') },
  { path: '/reviews', title: '评价 Reviews', kinds: ['merchant'], permission: 'reviews.reply', view: () => import('./views/merchant/Reviews.vue') },
  { path: '/finance', title: '资金 Finance', kinds: ['merchant'], permission: 'finance.read', view: () => import('./views/merchant/Finance.vue') },
  { path: '/store', title: '店铺 Store', kinds: ['merchant'], permission: 'store.read', view: () => import('./views/merchant/Store.vue') },
  { path: '/payments', title: '支付设置 Payments', kinds: ['merchant'], permission: 'payments.configure', view: () => import('./views/merchant/Payments.vue') },
  { path: '/staff', title: '员工 Staff', kinds: ['merchant'], permission: 'staff.read', view: () => import('./views/merchant/Staff.vue') },
  { path: '/roles', title: '角色 Roles', kinds: ['merchant'], permission: 'roles.manage', view: () => import('./views/merchant/Roles.vue') },
  { path: '/webhooks', title: '消息推送 Webhooks', kinds: ['merchant'], permission: 'webhooks.manage', view: () => import('./views/merchant/Webhooks.vue') },
  { path: '/customers', title: '顾客 Customers', kinds: ['merchant'], permission: 'customers.read', view: () => import('./views/merchant/Customers.vue') },
  {
    path: '/audit-log',
    title: '审计日志 Audit log',
    kinds: ['merchant'],
    permission: 'audit.read',
    view: () => import('./components/AuditLog.vue'),
    props: { endpoint: '/admin/audit-log' },
  },
  {
    path: '/distributors',
    title: '分销商 Distributors',
    kinds: ['merchant'],
    permission: 'distributors.manage',
    when: () => staffMe()?.tenant.parentId === null,
    view: () => import('./views/merchant/Distributors.vue'),
  },

  { path: '/account', title: '账号 Account', kinds: ['platform', 'supplier', 'merchant'], view: () => import('./views/Account.vue') },
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
