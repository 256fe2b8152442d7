import { z } from 'zod';

const url = z.string().trim().max(512).refine((v) => /^https?:\/\//.test(v) || v.startsWith('/uploads/'), 'an http(s) URL or an uploaded file path');
export const colorSchema = z.string().trim().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #ee0a24');

export const themeSchema = z
  .object({
    notice: z.string().trim().max(200).optional(),
    servicePhone: z.string().trim().regex(/^[0-9+\-\s]{5,20}$/, 'a phone number').optional(),
    banners: z.array(z.object({ imageUrl: url, link: z.string().trim().max(512).optional() }).strict()).max(10).optional(),
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
