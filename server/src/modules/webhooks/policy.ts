import type { PermissionDef } from '../../core/permissions.js';

/**
 * Webhooks are the merchant's own integration: only who holds `webhooks.manage` (the admin role,
 * and the owner) sees the endpoints, their deliveries and the secrets they are shown once. Reading
 * is not split from managing: a delivery's body is the shop's data, as much as the secret is.
 */
export const webhooksPermissions: PermissionDef<'merchant'>[] = [
  { key: 'webhooks.manage', label: 'Manage webhooks: endpoints, signing secrets and deliveries', grants: [['read', 'Webhook'], ['manage', 'Webhook']], roles: ['admin'] },
];
