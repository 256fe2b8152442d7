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
