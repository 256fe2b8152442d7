import { definePermission, definePolicy } from '../../core/permissions.js';

definePermission(
  { key: 'staff.manage', label: 'Invite, change and remove staff', grants: [['read', 'Staff'], ['manage', 'Staff'], ['read', 'Role']], roles: ['admin'] },
  { key: 'staff.read', label: 'See the staff list', grants: [['read', 'Staff'], ['read', 'Role']], roles: ['admin'] },
  { key: 'audit.read', label: 'Read the audit log', grants: [['read', 'AuditLog']] },
);

definePolicy((can, cannot, actor) => {
  // roles decide what everybody else may do, so only the owner edits them
  if (actor.kind === 'merchant' && !actor.isOwner) cannot(['create', 'update', 'delete', 'manage'], 'Role');
  if (actor.kind === 'merchant') can('read', 'Self', { id: actor.id });
});
