import { definePermission, definePolicy } from '../../core/permissions.js';

definePermission(
  { key: 'customers.read', label: 'See shoppers (phone numbers masked)', grants: [['read', 'Customer']], roles: ['admin', 'finance', 'agent'] },
  { key: 'customers.phone', label: 'See shoppers\' full phone numbers', grants: [['read', 'Customer'], ['readPhone', 'Customer']], roles: ['admin'] },
);

definePolicy((can, _cannot, actor) => {
  if (actor.kind === 'shopper') can(['read', 'update'], 'Customer', { id: actor.id, tenantId: actor.tenantId });
});
