import { z } from 'zod';

const status = z.enum(['committed', 'auditing', 'approved', 'rejected', 'delayed', 'withdrawn', 'released', 'failed']);

export const submissionSchema = z.object({
  id: z.number().int(),
  version: z.string(),
  description: z.string(),
  status,
  reason: z.string().nullable(),
  auditId: z.string().nullable(),
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  releasedAt: z.string().nullable(),
});

export const overviewSchema = z.object({
  mode: z.enum(['live', 'sandbox']),
  authorizer: z
    .object({ appid: z.string(), nickname: z.string(), principalName: z.string(), headImg: z.string().nullable(), authorizedAt: z.string(), revoked: z.boolean() })
    .nullable(),
  template: z.object({ templateId: z.string(), version: z.string(), description: z.string() }).nullable(),
  autoRelease: z.boolean(),
  released: z.object({ version: z.string(), releasedAt: z.string() }).nullable(),
  submissions: z.array(submissionSchema),
});

export const authorizeReply = z.object({ url: z.string().url() });

export const submitBody = z.object({ description: z.string().trim().max(200).optional() }).strict();

export const settingsBody = z.object({ autoRelease: z.boolean() }).strict();

/** WeChat's push query: signed fields, strings as WeChat sends them. */
export const pushQuery = z.object({
  timestamp: z.string().max(16).optional(),
  nonce: z.string().max(64).optional(),
  msg_signature: z.string().max(64).optional(),
  signature: z.string().max(64).optional(),
  encrypt_type: z.string().max(16).optional(),
  openid: z.string().max(64).optional(),
});

export const authorizedQuery = z.object({
  auth_code: z.string().min(1).max(2000),
  expires_in: z.coerce.number().int().optional(),
  state: z.string().min(1).max(200),
});

export const sandboxPageQuery = z.object({
  component_appid: z.string().max(32).optional(),
  pre_auth_code: z.string().max(2000).optional(),
  redirect_uri: z.string().max(2000).optional(),
  auth_type: z.string().max(4).optional(),
});

export const sandboxConfirmQuery = z.object({
  pre_auth_code: z.string().max(2000).optional(),
  redirect_uri: z.string().max(2000).optional(),
  appid: z.string().max(32).optional(),
});

export const appidParam = z.object({ appid: z.string().regex(/^wx[0-9a-f]{16}$/) });

export const launchQuery = z.object({ pre_auth_code: z.string().min(1).max(2000), state: z.string().min(1).max(200) });
