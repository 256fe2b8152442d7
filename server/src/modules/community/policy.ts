import type { PermissionDef } from '../../core/permissions.js';

/** A shop's community group buying is run by who holds `community.manage` (owners have all). */
export const communityPermissions: PermissionDef<'merchant'>[] = [
  { key: 'community.manage', label: 'Run community group buying: leaders, activities, pick lists, batches, pickups', grants: [['manage', 'Community']], roles: ['admin'] },
];
