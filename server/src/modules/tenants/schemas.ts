import { z } from 'zod';
import { pageQuery } from '../../core/db/index.js';

export const slugSchema = z.string().trim().regex(/^[a-z][a-z0-9-]{2,30}$/, 'lowercase letters, digits and hyphens, 3 to 31 characters, starting with a letter');
export const planSchema = z.enum(['trial', 'basic', 'pro']);
export const tenantStatusSchema = z.enum(['active', 'suspended']);
export const appidSchema = z.string().trim().regex(/^wx[0-9a-f]{16}$/, 'a WeChat appid: wx followed by 16 hex digits');

export const tenantListQuery = pageQuery.extend({
  status: tenantStatusSchema.optional(),
  q: z.string().trim().max(64).optional(),
});

export const tenantUpdateBody = z
  .object({
    name: z.string().trim().min(1).max(64).optional(),
    plan: planSchema.optional(),
    planExpiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
    kind: z.enum(['merchant', 'brand_owner']).optional(),
    settings: z
      .object({
        orderAutoCancelMinutes: z.number().int().min(5).max(1440).optional(),
        autoReceiveDays: z.number().int().min(1).max(60).optional(),
        afterSalesDays: z.number().int().min(0).max(60).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export const domainBody = z.object({ domain: z.string().trim().min(1).max(253) }).strict();
export const appBody = z
  .object({
    appid: appidSchema,
    channel: z.literal('wechat_mp'),
    secret: z.string().trim().regex(/^[0-9a-zA-Z]{16,64}$/, 'the app secret from the WeChat console').optional(),
  })
  .strict();
export const appSecretBody = z.object({ secret: z.string().trim().regex(/^[0-9a-zA-Z]{16,64}$/, 'the app secret from the WeChat console') }).strict();
export const settingsBody = tenantUpdateBody.shape.settings.unwrap();

// ---- replies: what each route answers (checked against every reply in tests) ----

export const tenantViewSchema = z.object({
  id: z.number(),
  slug: z.string(),
  name: z.string(),
  kind: z.enum(["merchant", "brand_owner"]),
  parentId: z.number().nullable(),
  status: z.enum(["active", "suspended"]),
  plan: z.enum(["trial", "basic", "pro"]),
  planExpiresAt: z.string().nullable(),
  host: z.string(),
  createdAt: z.string(),
});

export const domainViewSchema = z.object({ id: z.number(), domain: z.string(), createdAt: z.string() });

export const appViewSchema = z.object({
  id: z.number(),
  appid: z.string(),
  channel: z.literal("wechat_mp"),
  hasSecret: z.boolean(),
  createdAt: z.string(),
});

export const tenantSettingsSchema = z.object({ orderAutoCancelMinutes: z.number(), autoReceiveDays: z.number(), afterSalesDays: z.number() });

export const tenantDetailSchema = tenantViewSchema.extend({
  domains: z.array(domainViewSchema),
  apps: z.array(appViewSchema),
  settings: tenantSettingsSchema,
});

export const adminStoreDomainsReply = z.object({ items: z.array(domainViewSchema), defaultHost: z.string() });

export const deleteAdminStoreDomainsReply = z.object({ id: z.number(), removed: z.literal(true) });

export const adminStoreAppsReply = z.object({ items: z.array(appViewSchema) });
