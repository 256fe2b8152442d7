import { z } from 'zod';
import { pageSchema } from '../../core/db/index.js';

// ---- replies: what each route answers (checked against every reply in tests) ----

export const adminAuditLogReply = pageSchema(z.object({
  id: z.number(),
  tenantId: z.number().nullable(),
  actor: z.object({ kind: z.string(), id: z.number().nullable(), label: z.string().nullable() }),
  action: z.string(),
  target: z.object({ type: z.string(), id: z.string() }).nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  requestId: z.string().nullable(),
  createdAt: z.string(),
}));
