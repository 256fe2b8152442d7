import type { PermissionDef } from '../../core/permissions.js';

/** A shop's group buys are set up and watched by who holds `groupbuy.manage` (owners have all). */
export const groupbuyPermissions: PermissionDef<'merchant'>[] = [
  { key: 'groupbuy.manage', label: 'Set up group buys and see their groups, orders and figures', grants: [['manage', 'GroupBuy']], roles: ['admin'] },
];
