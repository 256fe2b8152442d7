import type { PermissionDef } from '../../core/permissions.js';

/**
 * `support.serve` makes a staff member an agent (API.md: the permission a role needs to chat with
 * shoppers); `support.supervise` sees every conversation, the live figures, and keeps the canned
 * replies and summary tags. Subjects: Conversation (serve / supervise), ChatDesk (the queue's live
 * length, a feed every agent hears), ChatAgents (agents' live status, a feed for supervisors).
 */
export const chatPermissions: PermissionDef<'merchant'>[] = [
  { key: 'support.serve', label: 'Chat with shoppers (customer service)', grants: [['serve', 'Conversation'], ['read', 'ChatDesk']], roles: ['admin', 'agent'] },
  {
    key: 'support.supervise',
    label: 'Supervise customer service: every conversation, live figures, canned replies and tags',
    grants: [['serve', 'Conversation'], ['read', 'ChatDesk'], ['supervise', 'Conversation'], ['read', 'ChatAgents']],
    roles: ['admin'],
  },
];
