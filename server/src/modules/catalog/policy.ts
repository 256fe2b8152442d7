import type { PermissionDef, PolicyFn } from '../../core/permissions.js';

export const catalogPermissions: PermissionDef<'merchant'>[] = [
  { key: 'catalog.read', label: 'See the shop\'s products and the supplier market', grants: [['read', 'Listing'], ['read', 'Market'], ['read', 'Product']], roles: ['admin', 'agent', 'finance'] },
  {
    key: 'catalog.manage',
    label: 'Import, price, list and delist products; manage own goods and store categories',
    grants: [['read', 'Listing'], ['manage', 'Listing'], ['read', 'Market'], ['read', 'Product'], ['manage', 'Product'], ['manage', 'Warehouse']],
    roles: ['admin'],
  },
];

export const catalogPolicy: PolicyFn = (can, _cannot, actor) => {
  if (actor.kind === 'supplier') {
    can('manage', 'Product', { ownerKind: 'supplier', ownerId: actor.supplierId });
    can('manage', 'Warehouse', { ownerKind: 'supplier', ownerId: actor.supplierId });
  }
};

export const catalogPlatformPermissions: PermissionDef<'platform'>[] = [
  { key: 'products.read', label: '查看商品 See supplier products and their changes', grants: [['read', 'Product']], roles: ['operator', 'reviewer'] },
  { key: 'products.review', label: '审核商品 Approve, reject and delist supplier products', grants: [['read', 'Product'], ['review', 'Product']], roles: ['reviewer'] },
  { key: 'categories.manage', label: '管理类目与品牌 Edit categories and brands', grants: [['manage', 'Category'], ['manage', 'Brand']], roles: ['operator'] },
];
