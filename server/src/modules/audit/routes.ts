import { z } from 'zod';
import { listAudit } from '../../core/audit.js';
import { requireTenantId } from '../../core/context.js';
import { pageQuery } from '../../core/db/index.js';
import { eventQuery, listEvents, storedEventSchema } from '../../core/events.js';
import { pageSchema } from '../../core/db/index.js';
import { routeGroup } from '../../core/http.js';
import { adminAuditLogReply } from './schemas.js';

const route = routeGroup();
export const auditRoutes = route.list;

const auditQuery = pageQuery.extend({
  action: z.string().trim().max(64).optional(),
  actorKind: z.enum(['platform', 'supplier', 'merchant', 'shopper', 'system', 'anonymous']).optional(),
  targetType: z.string().trim().max(32).optional(),
  targetId: z.string().trim().max(64).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
});

route({
  method: 'get', path: '/admin/audit-log', tags: ['audit'], summary: 'Who did what in this shop (owner, or audit.read)', tenant: true, auth: 'merchant',
  permission: ['read', 'AuditLog'], query: auditQuery,
  response: adminAuditLogReply,
  handler: (ctx, { query }) => listAudit(query, requireTenantId(ctx)),
});

route({
  method: 'get', path: '/platform/audit-log', tags: ['audit'], summary: 'Every audited action on the platform', tenant: false, auth: 'platform',
  permission: ['read', 'AuditLog'], query: auditQuery.extend({ tenantId: z.coerce.number().int().positive().optional() }),
  response: adminAuditLogReply,
  handler: (ctx, { query }) => listAudit(query, query.tenantId),
});

route({
  method: 'get', path: '/platform/events', tags: ['audit'], summary: 'What happened, as domain events, by shop, type and time (newest first)', tenant: false, auth: 'platform',
  permission: ['read', 'DomainEvent'], query: eventQuery,
  response: pageSchema(storedEventSchema),
  handler: (ctx, { query }) => listEvents(ctx, query),
});
