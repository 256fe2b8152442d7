import { z } from 'zod';
import { pageQuery } from '../../core/db/index.js';
import { settingsPatchBody } from '../../core/settings.js';

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
    settings: settingsPatchBody.optional(),
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
const label = z.object({ zh: z.string(), en: z.string() });

/** A settings field as the API describes it: a JSON schema property with its label (and words for each enum value). */
export const settingsPropertySchema = z.looseObject({
  type: z.enum(['integer', 'number', 'boolean', 'string']).optional(),
  label,
  default: z.unknown().optional(),
  minimum: z.number().optional(),
  maximum: z.number().optional(),
  maxLength: z.number().optional(),
  enum: z.array(z.union([z.string(), z.number()])).optional(),
  options: z.record(z.string(), label).optional(),
});

export const settingsViewSchema = z.object({
  sections: z.array(
    z.object({
      module: z.string(),
      label,
      schema: z
        .looseObject({ properties: z.record(z.string(), settingsPropertySchema) })
        .meta({ description: "The section's JSON schema; each property has its `label` ({ zh, en }) and `default`" }),
      values: z.record(z.string(), z.unknown()),
    }),
  ),
});

// ---- replies: what each route answers (checked against every reply in tests) ----

export const tenantViewSchema = z.object({
  id: z.number(),
  slug: z.string(),
  name: z.string(),
  kind: z.enum(["merchant", "brand_owner"]),
  parentId: z.number().nullable(),
  status: tenantStatusSchema,
  plan: planSchema,
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

export const tenantDetailSchema = tenantViewSchema.extend({
  domains: z.array(domainViewSchema),
  apps: z.array(appViewSchema),
  settings: settingsViewSchema,
});

export const adminStoreDomainsReply = z.object({ items: z.array(domainViewSchema), defaultHost: z.string() });

export const deleteAdminStoreDomainsReply = z.object({ id: z.number(), removed: z.literal(true) });

export const adminStoreAppsReply = z.object({ items: z.array(appViewSchema) });
