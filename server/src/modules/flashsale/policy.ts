import type { PermissionDef } from '../../core/permissions.js';

/** Flash sales are set up, edited and ended by who holds `flashsale.manage` (owners hold every permission). */
export const flashSalePermissions: PermissionDef<'merchant'>[] = [
  { key: 'flashsale.manage', label: 'Create, edit and end flash sales and see their figures', grants: [['manage', 'FlashSale']], roles: ['admin'] },
];
