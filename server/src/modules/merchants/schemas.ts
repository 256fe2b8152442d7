import { z } from 'zod';
import { pageQuery, pageSchema } from '../../core/db/index.js';
import { settingsPatchBody } from '../../core/settings.js';
import { emailSchema, nameSchema, passwordSchema } from '../accounts/index.js';
import { phoneSchema } from '../customers/index.js';
import { themeSchema, colorSchema } from '../storefront/index.js';
import { appidSchema, planSchema, slugSchema, tenantViewSchema } from '../tenants/index.js';

export const signupBody = z.object({ storeName: z.string().trim().min(1).max(64), slug: slugSchema, email: emailSchema, password: passwordSchema }).strict();

export const distributorBody = z
  .object({ storeName: z.string().trim().min(1).max(64), slug: slugSchema, ownerEmail: emailSchema, plan: planSchema.optional() })
  .strict();
export const distributorListQuery = pageQuery.extend({ status: z.enum(['active', 'suspended']).optional() });

export const manifestSchema = z
  .object({
    slug: slugSchema,
    name: z.string().trim().min(1).max(64),
    kind: z.enum(['merchant', 'brand_owner']).default('merchant'),
    parent: slugSchema.nullable().optional(),
    plan: planSchema.default('trial'),
    planExpiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
    branding: z.object({ logoUrl: z.string().max(512).nullable().optional(), primaryColor: colorSchema.optional(), theme: themeSchema.optional() }).strict().optional(),
    domains: z.array(z.string().trim().min(1).max(253)).max(20).default([]),
    apps: z.array(z.object({ appid: appidSchema, secret: z.string().regex(/^[0-9a-zA-Z]{16,64}$/).optional() }).strict()).max(10).default([]),
    /** A settings change as the settings API takes it: `{ orders: { autoCancelMinutes: 15 } }`. */
    settings: settingsPatchBody.optional(),
    owner: z.object({ email: emailSchema, name: nameSchema, password: passwordSchema }).strict(),
    staff: z.array(z.object({ email: emailSchema, name: nameSchema, role: z.enum(['admin', 'finance', 'agent']), password: passwordSchema }).strict()).max(50).default([]),
    demo: z
      .object({ customers: z.array(z.object({ phone: phoneSchema, password: passwordSchema, nickname: z.string().max(64).optional() }).strict()).max(100).default([]) })
      .strict()
      .optional(),
  })
  .strict();

export type Manifest = z.infer<typeof manifestSchema>;

// ---- replies: what each route answers (checked against every reply in tests) ----

/** A distributor's shop (tenants' view), with the invitation its owner was sent. */
export const adminDistributorsReply = tenantViewSchema.extend({ invitation: z.object({ email: z.string(), expiresAt: z.string() }) });

export const getAdminDistributorsReply = pageSchema(tenantViewSchema);
