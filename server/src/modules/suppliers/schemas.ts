import { z } from 'zod';
import { pageQuery } from '../../core/db/index.js';
import { emailSchema, nameSchema, passwordSchema } from '../accounts/index.js';
import { isValidCreditCode } from './credit-code.js';

export const licenseNoSchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isValidCreditCode, '18-character unified social credit code (统一社会信用代码) with a valid check character');

export const documentSchema = z
  .object({
    type: z.enum(['business_license', 'food_permit', 'cosmetics_permit', 'other']),
    url: z.string().trim().max(512).refine((v) => v.startsWith('/uploads/') || /^https?:\/\//.test(v), 'a URL returned by POST /uploads'),
    name: z.string().trim().max(100).optional(),
  })
  .strict();

export const applyBody = z
  .object({
    companyName: z.string().trim().min(2).max(128),
    licenseNo: licenseNoSchema,
    contactName: nameSchema,
    contactPhone: z.string().trim().regex(/^1[3-9]\d{9}$/, 'a mainland China mobile number').optional(),
    email: emailSchema,
    password: passwordSchema,
    documents: z.array(documentSchema).max(20).optional(),
  })
  .strict();

export const resubmitBody = z
  .object({
    companyName: z.string().trim().min(2).max(128).optional(),
    contactName: nameSchema.optional(),
    contactPhone: z.string().trim().regex(/^1[3-9]\d{9}$/, 'a mainland China mobile number').optional(),
    documents: z.array(documentSchema).max(20).optional(),
  })
  .strict();

export const documentsBody = z.object({ documents: z.array(documentSchema).min(1).max(20) }).strict();
export const rejectBody = z.object({ reason: z.string().trim().min(2).max(500) }).strict();
export const supplierListQuery = pageQuery.extend({
  status: z.enum(['pending', 'approved', 'rejected', 'suspended']).optional(),
  q: z.string().trim().max(64).optional(),
});

// ---- replies: what each route answers (checked against every reply in tests) ----

export const qualificationDocumentSchema = z.object({
  type: z.enum(["business_license", "food_permit", "cosmetics_permit", "other"]),
  url: z.string(),
  name: z.string().optional(),
});

export const supplierViewSchema = z.object({
  id: z.number(),
  companyName: z.string(),
  licenseNo: z.string(),
  contactName: z.string(),
  contactPhone: z.string().nullable(),
  status: z.enum(["suspended", "pending", "approved", "rejected"]),
  rejectReason: z.string().nullable(),
  documents: z.array(qualificationDocumentSchema),
  reviewedAt: z.string().nullable(),
  createdAt: z.string(),
});

export const supplierUserViewSchema = z.object({
  id: z.number(),
  email: z.string(),
  name: z.string(),
  isOwner: z.boolean(),
  status: z.enum(["active", "disabled"]),
});

export const suppliersApplyReply = z.object({
  supplier: z.object({ id: z.number(), status: z.enum(["suspended", "pending", "approved", "rejected"]) }),
  token: z.string(),
  expiresAt: z.string(),
});

export const supplierAuthLogoutReply = z.object({ signedOut: z.literal(true) });

export const supplierAuthPasswordResetReply = z.object({ sent: z.literal(true) });

export const supplierAuthPasswordResetConfirmReply = z.object({ reset: z.literal(true) });

export const supplierMeReply = z.object({ id: z.number(), email: z.string(), supplier: supplierViewSchema });

export const supplierStaffReply = z.object({ items: z.array(supplierUserViewSchema) });
