import type { PermissionDef } from '../../core/permissions.js';

/**
 * A brand owner's view of its distribution network: the sales of its range in its distributors'
 * shops (figures only) and the retail price floors they sell at. The owner and administrators hold both.
 */
export const brandsPermissions: PermissionDef<'merchant'>[] = [
  { key: 'brand.sales', label: 'See and export the distributors\' sales of the brand range (figures only)', grants: [['read', 'BrandSales']], roles: ['admin'] },
  { key: 'brand.prices', label: 'Set the retail price floors of the brand range', grants: [['read', 'BrandPriceFloor'], ['manage', 'BrandPriceFloor']], roles: ['admin'] },
];
