import type { PermissionDef } from '../../core/permissions.js';

export const financePermissions: PermissionDef<'merchant'>[] = [
  { key: 'finance.read', label: 'See the shop\'s balance, ledger and withdrawals', grants: [['read', 'Finance']], roles: ['finance'] },
  { key: 'finance.withdraw', label: 'Ask to withdraw available money', grants: [['read', 'Finance'], ['withdraw', 'Finance']], roles: ['finance'] },
];

export const financePlatformPermissions: PermissionDef<'platform'>[] = [
  { key: 'finance.read', label: '查看资金 See withdrawals, the platform\'s fees and reconciliation', grants: [['read', 'Finance']], roles: ['finance'] },
  { key: 'finance.review', label: '审核提现 Pay out or reject withdrawals', grants: [['read', 'Finance'], ['review', 'Finance']], roles: ['finance'] },
];
