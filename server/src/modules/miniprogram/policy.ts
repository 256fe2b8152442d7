import type { PermissionDef } from '../../core/permissions.js';

/**
 * Publishing the shop's mini-program is the owner's and admin's: authorizing hands WeChat's code
 * management of the shop's mini-program to the platform, and a release is what every shopper runs.
 */
export const miniprogramPermissions: PermissionDef<'merchant'>[] = [
  {
    key: 'miniprogram.publish',
    label: 'Authorize the shop\'s WeChat mini-program to the platform, submit versions for audit and release them',
    grants: [['read', 'Miniprogram'], ['publish', 'Miniprogram']],
    roles: ['admin'],
  },
];
