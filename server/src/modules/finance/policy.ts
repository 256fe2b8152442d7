import { definePermission } from '../../core/permissions.js';

definePermission(
  { key: 'finance.read', label: 'See the shop\'s balance, ledger and withdrawals', grants: [['read', 'Finance']], roles: ['finance'] },
  { key: 'finance.withdraw', label: 'Ask to withdraw available money', grants: [['read', 'Finance'], ['withdraw', 'Finance']], roles: ['finance'] },
);
