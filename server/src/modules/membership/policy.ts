import type { PermissionDef } from '../../core/permissions.js';

/** Who runs the shop's points and levels: the rules, the levels, a shopper's history and adjustments. */
export const membershipPermissions: PermissionDef<'merchant'>[] = [
  { key: 'membership.manage', label: '积分与会员等级 Points and member levels: rules, levels, a shopper\'s points and adjustments', grants: [['manage', 'Membership']], roles: ['admin'] },
];
