import type { PermissionDef, PolicyFn } from '../../core/permissions.js';

export const ordersPermissions: PermissionDef<'merchant'>[] = [
  { key: 'orders.read', label: 'See orders', grants: [['read', 'Order']], roles: ['admin', 'finance', 'agent'] },
  { key: 'orders.manage', label: 'Cancel unpaid orders and hand over pickups', grants: [['read', 'Order'], ['manage', 'Order']], roles: ['admin'] },
  { key: 'orders.refund', label: 'Refund orders', grants: [['read', 'Order'], ['refund', 'Order']], roles: ['admin'] },
  { key: 'fulfillment.ship', label: 'Ship the shop\'s own goods', grants: [['read', 'Fulfillment'], ['ship', 'Fulfillment']], roles: ['admin'] },
];

export const ordersPolicy: PolicyFn = (can, _cannot, actor) => {
  if (actor.kind === 'shopper') can(['read', 'update'], 'Order', { customerId: actor.id, tenantId: actor.tenantId });
};
