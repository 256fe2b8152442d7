import type { PermissionDef } from '../../core/permissions.js';

/** Coupons are made, edited, ended and given to shoppers by who holds `coupons.manage`. */
export const couponsPermissions: PermissionDef<'merchant'>[] = [
  { key: 'coupons.manage', label: 'Create, edit, end and give out coupons', grants: [['manage', 'Coupon']], roles: ['admin'] },
];
