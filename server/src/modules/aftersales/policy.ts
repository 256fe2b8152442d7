import { definePermission } from '../../core/permissions.js';

definePermission(
  { key: 'aftersales.read', label: 'See after-sales cases', grants: [['read', 'Aftersale']], roles: ['admin', 'agent', 'finance'] },
  { key: 'aftersales.decide', label: 'Approve, refuse and receive returns', grants: [['read', 'Aftersale'], ['decide', 'Aftersale']], roles: ['admin'] },
);
