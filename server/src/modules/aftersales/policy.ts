import type { PermissionDef } from '../../core/permissions.js';

export const aftersalesPermissions: PermissionDef<'merchant'>[] = [
  { key: 'aftersales.read', label: 'See after-sales cases', grants: [['read', 'Aftersale']], roles: ['admin', 'agent', 'finance'] },
  { key: 'aftersales.decide', label: 'Approve, refuse and receive returns', grants: [['read', 'Aftersale'], ['decide', 'Aftersale']], roles: ['admin'] },
];

export const aftersalesPlatformPermissions: PermissionDef<'platform'>[] = [
  { key: 'aftersales.read', label: '查看售后 See after-sales cases', grants: [['read', 'Aftersale']], roles: ['operator', 'finance'] },
  { key: 'aftersales.arbitrate', label: '售后仲裁 Decide escalated after-sales cases', grants: [['read', 'Aftersale'], ['arbitrate', 'Aftersale']], roles: ['operator'] },
];
