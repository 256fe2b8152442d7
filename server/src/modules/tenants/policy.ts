import { definePermission, definePolicy } from '../../core/permissions.js';

definePermission(
  { key: 'store.read', label: 'View shop settings, domains and apps', grants: [['read', 'StoreSettings']], roles: ['admin', 'finance', 'agent'] },
  { key: 'store.manage', label: 'Change branding, domains, apps and business settings', grants: [['read', 'StoreSettings'], ['manage', 'StoreSettings']], roles: ['admin'] },
);

definePolicy((can, _cannot, actor) => {
  // every signed-in merchant staff member may read their own tenant's basic profile
  if (actor.kind === 'merchant') can('read', 'Tenant', { id: actor.tenantId });
});
