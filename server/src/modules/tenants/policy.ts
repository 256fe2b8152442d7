import type { PermissionDef, PolicyFn } from '../../core/permissions.js';

export const tenantsPermissions: PermissionDef<'merchant'>[] = [
  { key: 'store.read', label: 'View shop settings, domains and apps', grants: [['read', 'StoreSettings']], roles: ['admin', 'finance', 'agent'] },
  { key: 'store.manage', label: 'Change branding, domains, apps and business settings', grants: [['read', 'StoreSettings'], ['manage', 'StoreSettings']], roles: ['admin'] },
];

export const tenantsPolicy: PolicyFn = (can, _cannot, actor) => {
  // every signed-in merchant staff member may read their own tenant's basic profile
  if (actor.kind === 'merchant') can('read', 'Tenant', { id: actor.tenantId });
};

export const tenantsPlatformPermissions: PermissionDef<'platform'>[] = [
  { key: 'tenants.read', label: '查看租户 See tenants, their domains and apps', grants: [['read', 'Tenant']], roles: ['operator', 'finance'] },
  { key: 'tenants.manage', label: '管理租户 Change plans, suspend and resume tenants', grants: [['read', 'Tenant'], ['update', 'Tenant']], roles: ['operator'] },
];
