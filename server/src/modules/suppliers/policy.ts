import type { PermissionDef, PolicyFn } from '../../core/permissions.js';

export const suppliersPolicy: PolicyFn = (can, _cannot, actor) => {
  if (actor.kind === 'supplier') {
    can(['read', 'update'], 'Supplier', { id: actor.supplierId });
  }
};

export const suppliersPlatformPermissions: PermissionDef<'platform'>[] = [
  { key: 'suppliers.read', label: '查看供应商 See supplier applications and accounts', grants: [['read', 'Supplier']], roles: ['operator', 'reviewer', 'finance'] },
  { key: 'suppliers.review', label: '审核供应商 Approve, reject, suspend and resume suppliers', grants: [['read', 'Supplier'], ['review', 'Supplier']], roles: ['reviewer'] },
];
