import { z } from 'zod';
import { PASSWORD_RULE } from '../../core/auth/index.js';
import { pageQuery } from '../../core/db/index.js';
import { regionOf } from './regions.js';

export const phoneSchema = z.string().trim().regex(/^1[3-9]\d{9}$/, 'a mainland China mobile number (11 digits)');
export const codeSchema = z.string().trim().regex(/^\d{6}$/, 'the 6-digit code from the SMS');
const password = z.string().regex(PASSWORD_RULE, '8 to 72 characters with at least one letter and one digit');

export const registerBody = z.object({ phone: phoneSchema, password, nickname: z.string().trim().min(1).max(64).optional(), inviteCode: z.string().trim().min(4).max(16).optional() }).strict();
export const loginBody = z
  .object({ phone: phoneSchema, password: z.string().min(1).max(200).optional(), code: codeSchema.optional() })
  .strict()
  .refine((b) => !!b.password !== !!b.code, { message: 'send either password or code', path: ['password'] });
export const smsCodeBody = z.object({ phone: phoneSchema, purpose: z.enum(['login', 'bind', 'reset']).default('login') }).strict();
export const wechatBody = z.object({ code: z.string().trim().min(1).max(128) }).strict();
export const resetBody = z.object({ phone: phoneSchema, code: codeSchema, password }).strict();
export const bindPhoneBody = z.object({ phone: phoneSchema, code: codeSchema }).strict();
export const profileBody = z
  .object({ nickname: z.string().trim().min(1).max(64).optional(), avatarUrl: z.string().url().max(512).optional() })
  .strict();
export const customerListQuery = pageQuery.extend({ q: z.string().trim().max(32).optional() });

/** A district of the region data set (`regions.ts`); the address's names are derived from it. */
const regionCode = z
  .string()
  .trim()
  .refine((code) => regionOf(code) !== null, 'the 6-digit code of a district');

const addressFields = {
  name: z.string().trim().min(1).max(32),
  phone: phoneSchema,
  regionCode: regionCode.optional(),
  province: z.string().trim().min(2).max(32),
  city: z.string().trim().min(2).max(32),
  district: z.string().trim().min(1).max(32),
  detail: z.string().trim().min(2).max(255),
  isDefault: z.boolean().optional(),
};

/** The names may go without a code (older clients); with a code they are derived from it. */
const needsNames = (b: { regionCode?: string; province?: string; city?: string; district?: string }, issue: z.RefinementCtx) => {
  if (b.regionCode) return;
  for (const field of ['province', 'city', 'district'] as const) {
    if (b[field] === undefined) issue.addIssue({ code: 'custom', path: [field], message: 'required unless regionCode is given' });
  }
};

export const addressBody = z
  .object({ ...addressFields, province: addressFields.province.optional(), city: addressFields.city.optional(), district: addressFields.district.optional() })
  .strict()
  .superRefine(needsNames);
export const addressUpdate = z.object(addressFields).partial().strict();

// ---- replies: what each route answers (checked against every reply in tests) ----

export const customerViewSchema = z.object({
  id: z.number(),
  phone: z.string().nullable(),
  nickname: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  wechatBound: z.boolean(),
  status: z.enum(["active", "disabled"]),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
  level: z.object({ name: z.string(), rank: z.number().int() }).nullable().optional(),
});

export const addressViewSchema = z.object({
  id: z.number(),
  isDefault: z.boolean(),
  name: z.string(),
  phone: z.string(),
  /** The district's code in the region data set; null for an address saved without one. */
  regionCode: z.string().nullable(),
  province: z.string(),
  city: z.string(),
  district: z.string(),
  detail: z.string(),
});

/** A code sign-in may create the shopper, and says so; a password sign-in names no customer. */
export const shopAuthLoginReply = z.object({ token: z.string(), expiresAt: z.string(), customer: z.object({ id: z.number(), isNew: z.boolean() }).optional() });

export const shopAuthSmsCodeReply = z.object({ sent: z.literal(true), expiresInSeconds: z.number() });

export const shopAuthPasswordResetReply = z.object({ reset: z.literal(true) });

export const shopAuthLogoutReply = z.object({ signedOut: z.literal(true) });

export const shopAddressesReply = z.object({ items: z.array(addressViewSchema) });

export const deleteShopAddressesReply = z.object({ id: z.number(), removed: z.literal(true) });
