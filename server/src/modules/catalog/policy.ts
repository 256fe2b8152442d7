import { definePermission, definePolicy } from '../../core/permissions.js';

definePermission(
  { key: 'catalog.read', label: 'See the shop\'s products and the supplier market', grants: [['read', 'Listing'], ['read', 'Market'], ['read', 'Product']], roles: ['admin', 'agent', 'finance'] },
  {
    key: 'catalog.manage',
    label: 'Import, price, list and delist products; manage own goods and store categories',
    grants: [['read', 'Listing'], ['manage', 'Listing'], ['read', 'Market'], ['read', 'Product'], ['manage', 'Product'], ['manage', 'Warehouse']],
    roles: ['admin'],
  },
);

definePolicy((can, _cannot, actor) => {
  if (actor.kind === 'supplier') {
    can('manage', 'Product', { ownerKind: 'supplier', ownerId: actor.supplierId });
    can('manage', 'Warehouse', { ownerKind: 'supplier', ownerId: actor.supplierId });
  }
});
