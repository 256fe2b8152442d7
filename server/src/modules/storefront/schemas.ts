import { z } from 'zod';

const url = z.string().trim().max(512).refine((v) => /^https?:\/\//.test(v) || v.startsWith('/uploads/'), 'an http(s) URL or an uploaded file path');

/**
 * Where a tap on a banner goes: a web page (http, https) or a page of the shop (`/products/12`).
 * `javascript:`, `data:` and `vbscript:` links would run script in the shopper's session, and
 * `//host` or `/\host` leave the shop while looking like paths.
 */
export const linkSchema = z
  .string()
  .trim()
  .max(512)
  .refine((v) => /^https?:\/\/[^\s\\]+$/i.test(v) || /^\/(?![/\\])[^\s\\]*$/.test(v), 'an http(s) URL or a path in the shop starting with /');
export const colorSchema = z.string().trim().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #ee0a24');

export const themeSchema = z
  .object({
    notice: z.string().trim().max(200).optional(),
    servicePhone: z.string().trim().regex(/^[0-9+\-\s]{5,20}$/, 'a phone number').optional(),
    banners: z.array(z.object({ imageUrl: url, link: linkSchema.optional() }).strict()).max(10).optional(),
  })
  .strict();

export const brandingBody = z
  .object({
    name: z.string().trim().min(1).max(64).optional(),
    logoUrl: url.nullable().optional(),
    primaryColor: colorSchema.optional(),
    theme: themeSchema.optional(),
  })
  .strict();

export type BrandingInput = z.infer<typeof brandingBody>;

// ---- replies: what each route answers (checked against every reply in tests) ----

export const storeViewSchema = z.object({
  name: z.string(),
  slug: z.string(),
  branding: z.object({
    logoUrl: z.string().nullable(),
    primaryColor: z.string(),
    notice: z.string().optional(),
    servicePhone: z.string().optional(),
    banners: z.array(z.object({ imageUrl: z.string(), link: z.string().optional() })).optional(),
  }),
});
