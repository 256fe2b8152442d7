import type { PermissionDef } from '../../core/permissions.js';

/** The shop's full reductions and limited prices are set, edited and ended by who holds `promotions.manage`. */
export const promotionsPermissions: PermissionDef<'merchant'>[] = [
  { key: 'promotions.manage', label: 'Set, edit and end full reductions and limited-time prices, and see their figures', grants: [['manage', 'Promotion']], roles: ['admin'] },
];
