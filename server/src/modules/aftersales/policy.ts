import { definePermission, definePlatformPermission } from '../../core/permissions.js';

definePermission(
  { key: 'aftersales.read', label: 'See after-sales cases', grants: [['read', 'Aftersale']], roles: ['admin', 'agent', 'finance'] },
  { key: 'aftersales.decide', label: 'Approve, refuse and receive returns', grants: [['read', 'Aftersale'], ['decide', 'Aftersale']], roles: ['admin'] },
);

definePlatformPermission(
  { key: 'aftersales.read', label: '查看售后 See after-sales cases', grants: [['read', 'Aftersale']], roles: ['operator', 'finance'] },
  { key: 'aftersales.arbitrate', label: '售后仲裁 Decide escalated after-sales cases', grants: [['read', 'Aftersale'], ['arbitrate', 'Aftersale']], roles: ['operator'] },
);
