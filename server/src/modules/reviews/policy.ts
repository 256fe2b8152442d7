import type { PermissionDef } from '../../core/permissions.js';

export const reviewsPermissions: PermissionDef<'merchant'>[] = [{ key: 'reviews.reply', label: 'Reply to reviews', grants: [['read', 'Review'], ['reply', 'Review']], roles: ['admin', 'agent'] }];
