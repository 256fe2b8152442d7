import type { PermissionDef } from '../../core/permissions.js';

export const merchantsPermissions: PermissionDef<'merchant'>[] = [{ key: 'distributors.manage', label: 'Onboard and see distributors (brand owners)', grants: [['read', 'Distributor'], ['manage', 'Distributor']], roles: ['admin'] }];
