import type { PermissionDef } from '../../core/permissions.js';

/** The distribution programme is run by who holds `distribution.manage`: settings, applications, bindings, withdrawals. */
export const distributionPermissions: PermissionDef<'merchant'>[] = [
  { key: 'distribution.manage', label: 'Run distribution: settings, distributors, bindings, commissions and withdrawals', grants: [['manage', 'Distribution']], roles: ['admin'] },
];
