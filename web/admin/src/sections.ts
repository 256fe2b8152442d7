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
  /** Merchant permission needed (the owner's '*' passes). */
  permission?: string;
  /** Any further condition (owner only, brand owners only, ...). */
  when?: () => boolean;
  /** Props for the view. */
  props?: Record<string, unknown>;
}

export const sections: Section[] = [
  // Platform operator (platform host)
  { path: '/tenants', title: '租户 Tenants', kinds: ['platform'], view: () => import('./views/platform/Tenants.vue') },
  { path: '/suppliers', title: '供应商审核 Suppliers', kinds: ['platform'], view: () => import('./views/platform/Suppliers.vue') },
  {
    path: '/platform-audit',
    title: '审计日志 Audit log',
    kinds: ['platform'],
    view: () => import('./components/AuditLog.vue'),
    props: { endpoint: '/platform/audit-log', showTenant: true },
  },

  // Supplier (platform host)
  { path: '/application', title: '入驻申请 Application', kinds: ['supplier'], view: () => import('./views/supplier/Application.vue') },

  // Merchant staff (tenant host)
  { path: '/dashboard', title: '概览 Dashboard', kinds: ['merchant'], view: () => import('./views/merchant/Dashboard.vue') },
  { path: '/store', title: '店铺 Store', kinds: ['merchant'], permission: 'store.read', view: () => import('./views/merchant/Store.vue') },
  { path: '/staff', title: '员工 Staff', kinds: ['merchant'], permission: 'staff.read', view: () => import('./views/merchant/Staff.vue') },
  { path: '/roles', title: '角色 Roles', kinds: ['merchant'], when: () => !!staffMe()?.isOwner, view: () => import('./views/merchant/Roles.vue') },
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
  // Catalog, orders, finance, ...: add sections here.

  { path: '/account', title: '账号 Account', kinds: ['platform', 'supplier', 'merchant'], view: () => import('./views/Account.vue') },
];

export function visible(section: Section): boolean {
  const me = session.me;
  if (!me || !section.kinds.includes(me.kind)) return false;
  if (section.permission && !can(section.permission)) return false;
  return section.when ? section.when() : true;
}

export const visibleSections = (): Section[] => sections.filter(visible);
