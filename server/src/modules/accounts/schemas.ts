import { z } from 'zod';
import { PASSWORD_RULE } from '../../core/auth/index.js';
import { pageQuery } from '../../core/db/index.js';

export const emailSchema = z.string().trim().toLowerCase().email('a valid email address').max(191);
export const passwordSchema = z.string().regex(PASSWORD_RULE, '8 to 72 characters with at least one letter and one digit');
export const nameSchema = z.string().trim().min(1).max(64);

export const loginBody = z.object({ email: emailSchema, password: z.string().min(1).max(200) }).strict();
/** A one-time sign-in ticket handed over by sign-up. */
export const ticketBody = z.object({ ticket: z.string().trim().min(16).max(128) }).strict();

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

// ---- replies: what each route answers (checked against every reply in tests) ----

export const staffViewSchema = z.object({
  id: z.number(),
  email: z.string(),
  name: z.string(),
  isOwner: z.boolean(),
  status: z.enum(["active", "disabled"]),
  role: z.object({ id: z.number(), name: z.string(), code: z.string().nullable() }).nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});

export const invitationViewSchema = z.object({
  id: z.number(),
  email: z.string(),
  roleId: z.number().nullable(),
  asOwner: z.boolean(),
  status: z.enum(["pending", "accepted", "revoked", "expired"]),
  expiresAt: z.string(),
  createdAt: z.string(),
});

export const roleViewSchema = z.object({
  id: z.number(),
  name: z.string(),
  code: z.string().nullable(),
  builtin: z.boolean(),
  permissions: z.array(z.string()),
  staffCount: z.number().optional(),
});

export const platformRoleViewSchema = z.object({
  id: z.number(),
  name: z.string(),
  code: z.string().nullable(),
  builtin: z.boolean(),
  isAdministrator: z.boolean(),
  permissions: z.array(z.string()),
  userCount: z.number().optional(),
});

export const platformUserViewSchema = z.object({
  id: z.number(),
  email: z.string(),
  name: z.string(),
  status: z.enum(["active", "disabled"]),
  role: z.object({ id: z.number(), name: z.string(), code: z.string().nullable() }).nullable(),
  createdAt: z.string(),
});

export const platformMeReply = z.object({
  id: z.number(),
  email: z.string(),
  name: z.string(),
  role: z.string().nullable(),
  roleId: z.number().nullable(),
  roleName: z.string().nullable(),
  isAdministrator: z.boolean(),
  permissions: z.array(z.string()),
});

export const platformAuthLogoutReply = z.object({ signedOut: z.literal(true) });

export const platformAuthPasswordResetReply = z.object({ sent: z.literal(true) });

export const platformAuthPasswordResetConfirmReply = z.object({ reset: z.literal(true) });

export const adminMeReply = z.object({
  id: z.number(),
  email: z.string(),
  name: z.string(),
  role: z.string().nullable(),
  roleId: z.number().nullable(),
  roleName: z.string().nullable(),
  isOwner: z.boolean(),
  permissions: z.array(z.string()),
  tenant: z.object({
    id: z.number(),
    slug: z.string(),
    name: z.string(),
    plan: z.string(),
    parentId: z.number().nullable(),
  }),
});

export const adminMePasswordReply = z.object({ changed: z.literal(true), sessionsRevoked: z.number() });

export const adminStaffInvitationsReply = z.object({ items: z.array(invitationViewSchema) });

export const postAdminStaffInvitationsReply = invitationViewSchema.extend({
  createdAt: z.string(),
  token: z.string().optional(),

});

export const adminStaffInvitationsAcceptReply = z.object({ token: z.string(), expiresAt: z.string(), staff: z.object({ id: z.number() }) });

export const adminPermissionsReply = z.object({ items: z.array(z.object({ key: z.string(), label: z.string() })) });

export const adminRolesReply = z.object({ items: z.array(roleViewSchema) });

export const deleteAdminRolesReply = z.object({ id: z.number(), deleted: z.literal(true) });

export const platformRolesReply = z.object({ items: z.array(platformRoleViewSchema) });
