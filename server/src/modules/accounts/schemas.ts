import { z } from 'zod';
import { PASSWORD_RULE } from '../../core/auth/index.js';
import { pageQuery } from '../../core/db/index.js';

export const emailSchema = z.string().trim().toLowerCase().email('a valid email address').max(191);
export const passwordSchema = z.string().regex(PASSWORD_RULE, '8 to 72 characters with at least one letter and one digit');
export const nameSchema = z.string().trim().min(1).max(64);

export const loginBody = z.object({ email: emailSchema, password: z.string().min(1).max(200) }).strict();
export const tokenReply = z.object({ token: z.string(), expiresAt: z.string() });

export const staffListQuery = pageQuery.extend({ status: z.enum(['active', 'disabled']).optional() });
export const staffCreateBody = z.object({ email: emailSchema, name: nameSchema, roleId: z.number().int().positive(), password: passwordSchema }).strict();
export const staffUpdateBody = z.object({ name: nameSchema.optional(), roleId: z.number().int().positive().optional(), status: z.enum(['active', 'disabled']).optional() }).strict();

export const permissionKey = z.string().regex(/^[a-z]+\.[a-z_]+$/, 'a permission key such as orders.refund');
export const roleBody = z.object({ name: nameSchema, permissions: z.array(permissionKey).max(200) }).strict();
export const roleUpdateBody = z.object({ name: nameSchema.optional(), permissions: z.array(permissionKey).max(200).optional() }).strict();

export const invitationBody = z.object({ email: emailSchema, roleId: z.number().int().positive() }).strict();
export const acceptInvitationBody = z.object({ token: z.string().min(10).max(200), name: nameSchema, password: passwordSchema }).strict();

export const resetRequestBody = z.object({ email: emailSchema }).strict();
export const resetConfirmBody = z.object({ token: z.string().min(10).max(200), password: passwordSchema }).strict();
export const changePasswordBody = z.object({ currentPassword: z.string().min(1).max(200), newPassword: passwordSchema }).strict();
