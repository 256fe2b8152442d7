import type { PermissionDef } from '../../core/permissions.js';

/**
 * `stores.manage`: the shop's stores, their stock and clerks, every store's counter.
 * `stores.counter`: a clerk's work at the counter of the one store they are bound to (their
 * store's orders and pickup verification); bound in store_clerks.
 */
export const storesPermissions: PermissionDef<'merchant'>[] = [
  { key: 'stores.manage', label: 'Set up stores, their stock and clerks; work at any store\'s counter', grants: [['manage', 'Store']], roles: ['admin'] },
  { key: 'stores.counter', label: 'Work at the counter of the store one is bound to: its orders and pickups', grants: [['counter', 'Store']], roles: ['admin'] },
];
