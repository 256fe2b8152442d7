import type { PermissionDef } from '../../core/permissions.js';

/**
 * A shop's content is read by its service team (the agent role answers with it) and written by
 * who holds `content.manage`; the platform's help is written by operators holding the platform's
 * `content.manage`, and read by every signed-in console user (no permission: it is their manual).
 */
export const contentPermissions: PermissionDef<'merchant'>[] = [
  { key: 'content.read', label: 'See articles, videos, FAQ and their categories', grants: [['read', 'ContentArticle']], roles: ['admin', 'agent'] },
  { key: 'content.manage', label: 'Write, publish and delete articles, videos, FAQ and categories', grants: [['read', 'ContentArticle'], ['manage', 'ContentArticle']], roles: ['admin'] },
];

export const contentPlatformPermissions: PermissionDef<'platform'>[] = [
  { key: 'content.manage', label: '管理帮助文章 Write and publish help articles for merchants and suppliers', grants: [['manage', 'HelpArticle']], roles: ['operator'] },
];
