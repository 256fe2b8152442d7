import type { PermissionDef, PolicyFn } from '../../core/permissions.js';

export const accountsPermissions: PermissionDef<'merchant'>[] = [
  { key: 'staff.manage', label: 'Invite, change and remove staff', grants: [['read', 'Staff'], ['manage', 'Staff'], ['read', 'Role']], roles: ['admin'] },
  { key: 'staff.read', label: 'See the staff list', grants: [['read', 'Staff'], ['read', 'Role']], roles: ['admin'] },
  {
    key: 'roles.manage',
    label: 'Create and edit roles, never beyond the permissions one holds',
    grants: [['read', 'Role'], ['create', 'Role'], ['update', 'Role'], ['delete', 'Role']],
  },
  { key: 'audit.read', label: 'Read the audit log', grants: [['read', 'AuditLog']] },
];

export const accountsPlatformPermissions: PermissionDef<'platform'>[] = [
  { key: 'accounts.read', label: '查看平台账号与角色 See platform users and roles', grants: [['read', 'PlatformUser'], ['read', 'PlatformRole']] },
  {
    key: 'accounts.manage',
    label: '管理平台账号与角色 Add platform users, give roles, edit roles',
    grants: [['read', 'PlatformUser'], ['manage', 'PlatformUser'], ['read', 'PlatformRole'], ['manage', 'PlatformRole']],
  },
  { key: 'audit.read', label: '查看审计日志 Read the audit log', grants: [['read', 'AuditLog']], roles: ['operator', 'finance'] },
  { key: 'events.read', label: '查看领域事件 Read the domain events of every shop', grants: [['read', 'DomainEvent']], roles: ['operator'] },
];

export const accountsPolicy: PolicyFn = (can, _cannot, actor) => {
  if (actor.kind === 'merchant') can('read', 'Self', { id: actor.id });
};
