import type { PermissionDef, PolicyFn } from '../../core/permissions.js';

export const customersPermissions: PermissionDef<'merchant'>[] = [
  { key: 'customers.read', label: 'See shoppers (phone numbers masked)', grants: [['read', 'Customer']], roles: ['admin', 'finance', 'agent'] },
  { key: 'customers.phone', label: 'See shoppers\' full phone numbers', grants: [['read', 'Customer'], ['readPhone', 'Customer']], roles: ['admin'] },
];

export const customersPolicy: PolicyFn = (can, _cannot, actor) => {
  if (actor.kind === 'shopper') can(['read', 'update'], 'Customer', { id: actor.id, tenantId: actor.tenantId });
};
