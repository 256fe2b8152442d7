import type { PermissionDef } from '../../core/permissions.js';

export const paymentsPermissions: PermissionDef<'merchant'>[] = [{ key: 'payments.configure', label: 'Set up the shop\'s payment accounts', grants: [['configure', 'Payments']] }];
