import { routeGroup } from '../../core/http.js';
import { notFound } from '../../core/errors.js';
import { permissionCatalog } from '../../core/permissions.js';
import { tenantUrl } from '../../core/tenancy.js';
import { signInLimits } from '../../core/rate-limit.js';
import { exchangeSigninTicket } from './signin-tickets.js';
import {
  acceptInvitationBody,
  changePasswordBody,
  invitationBody,
  loginBody,
  resetConfirmBody,
  resetRequestBody,
  roleBody,
  roleUpdateBody,
  staffCreateBody,
  staffListQuery,
  staffUpdateBody,
  tokenReply,
  ticketBody,
  adminMePasswordReply,
  adminMeReply,
  adminPermissionsReply,
  adminRolesReply,
  adminStaffInvitationsAcceptReply,
  adminStaffInvitationsReply,
  deleteAdminRolesReply,
  invitationViewSchema,
  platformAuthLogoutReply,
  platformAuthPasswordResetConfirmReply,
  platformAuthPasswordResetReply,
  platformMeReply,
  postAdminStaffInvitationsReply,
  roleViewSchema,
  staffViewSchema,
} from './schemas.js';
import { platformMe, platformSignIn } from './platform-service.js';
import { confirmPasswordReset, requestPasswordReset } from './password-reset.js';
import * as staff from './staff-service.js';
import * as roles from './role-service.js';
import * as invitations from './invitation-service.js';
import { pageSchema } from '../../core/db/index.js';

const route = routeGroup();
export const accountsRoutes = route.list;

// ---- platform operators ----

route({
  method: 'post', path: '/platform/auth/login', tags: ['auth'], summary: 'Operator sign-in', tenant: false, auth: 'public',
  body: loginBody, response: tokenReply, rateLimits: signInLimits('platform'),
  handler: (ctx, { body }) => platformSignIn(ctx, body.email, body.password),
});

route({
  method: 'get', path: '/platform/me', tags: ['auth'], summary: 'The signed-in operator', tenant: false, auth: 'platform',
  response: platformMeReply,
  handler: async (ctx) => (await platformMe(ctx, ctx.actor.id)) ?? Promise.reject(notFound('Operator')),
});

route({
  method: 'post', path: '/platform/auth/logout', tags: ['auth'], summary: 'Operator sign-out', tenant: false, auth: 'platform',
  response: platformAuthLogoutReply,
  handler: (ctx) => staff.signOut(ctx),
});

route({
  method: 'post', path: '/platform/auth/password-reset', tags: ['auth'], summary: 'Email an operator a reset link', tenant: false, auth: 'public',
  body: resetRequestBody, rateLimits: signInLimits('platform-reset'),
  response: platformAuthPasswordResetReply,
  handler: (ctx, { body }) => requestPasswordReset(ctx, 'platform', body.email),
});

route({
  method: 'post', path: '/platform/auth/password-reset/confirm', tags: ['auth'], summary: 'Set a new operator password from a reset link', tenant: false, auth: 'public',
  body: resetConfirmBody,
  response: platformAuthPasswordResetConfirmReply,
  handler: (ctx, { body }) => confirmPasswordReset(ctx, 'platform', body.token, body.password),
});

// ---- merchant staff: sign-in and self ----

route({
  method: 'post', path: '/admin/auth/login', tags: ['auth'], summary: 'Staff sign-in to this shop\'s console', tenant: true, openWhenPlanExpired: true, auth: 'public',
  body: loginBody, response: tokenReply, rateLimits: signInLimits('merchant'),
  handler: (ctx, { body }) => staff.staffSignIn(ctx, body.email, body.password),
});

route({
  method: 'post', path: '/admin/auth/ticket', tags: ['auth'], summary: 'Exchange a one-time sign-in ticket (from sign-up) for a session', tenant: true, openWhenPlanExpired: true, auth: 'public',
  body: ticketBody, response: tokenReply, rateLimits: signInLimits('merchant-ticket'),
  example: { ticket: 'the ticket from sign-up' },
  handler: (ctx, { body }) => exchangeSigninTicket(ctx, body.ticket),
});

route({
  method: 'post', path: '/admin/auth/logout', tags: ['auth'], summary: 'Staff sign-out', tenant: true, openWhenPlanExpired: true, auth: 'merchant',
  response: platformAuthLogoutReply,
  handler: (ctx) => staff.signOut(ctx),
});

route({
  method: 'get', path: '/admin/me', tags: ['auth'], summary: 'The signed-in staff member and their shop', tenant: true, auth: 'merchant',
  response: adminMeReply,
  handler: (ctx) => staff.me(ctx),
});

route({
  method: 'put', path: '/admin/me/password', tags: ['auth'], summary: 'Change my password (ends my other sessions)', tenant: true, openWhenPlanExpired: true, auth: 'merchant',
  body: changePasswordBody,
  response: adminMePasswordReply,
  handler: (ctx, { body }) => staff.changeStaffPassword(ctx, body.currentPassword, body.newPassword),
  audit: { action: 'staff.password.change' },
});

route({
  method: 'post', path: '/admin/auth/password-reset', tags: ['auth'], summary: 'Email a staff member a reset link', tenant: true, openWhenPlanExpired: true, auth: 'public',
  body: resetRequestBody, rateLimits: signInLimits('merchant-reset'),
  response: platformAuthPasswordResetReply,
  handler: (ctx, { body }) => requestPasswordReset(ctx, 'merchant', body.email),
});

route({
  method: 'post', path: '/admin/auth/password-reset/confirm', tags: ['auth'], summary: 'Set a new staff password from a reset link', tenant: true, openWhenPlanExpired: true, auth: 'public',
  body: resetConfirmBody,
  response: platformAuthPasswordResetConfirmReply,
  handler: (ctx, { body }) => confirmPasswordReset(ctx, 'merchant', body.token, body.password),
});

// ---- staff management ----

route({
  method: 'get', path: '/admin/staff', tags: ['staff'], summary: 'Staff of this shop', tenant: true, auth: 'merchant',
  permission: ['read', 'Staff'], query: staffListQuery,
  response: pageSchema(staffViewSchema),
  handler: (ctx, { query }) => staff.listStaff(ctx, query),
});

route({
  method: 'post', path: '/admin/staff', tags: ['staff'], summary: 'Add a staff member with a password', tenant: true, auth: 'merchant', status: 201,
  permission: ['manage', 'Staff'], body: staffCreateBody,
  response: staffViewSchema,
  handler: (ctx, { body }) => staff.createStaff(ctx, body),
  audit: { action: 'staff.create', target: (_i, r) => ({ type: 'staff', id: r.id }), details: ({ body }) => ({ email: body.email, roleId: body.roleId }) },
});

route({
  method: 'patch', path: '/admin/staff/:id', tags: ['staff'], summary: 'Change a staff member\'s name, role or status', tenant: true, auth: 'merchant',
  permission: ['manage', 'Staff'], body: staffUpdateBody, resources: { id: 'staff' }, example: { name: 'Renamed' },
  response: staffViewSchema,
  handler: (ctx, { params, body }) => staff.updateStaff(ctx, params.id, body),
  audit: { action: 'staff.update', target: ({ params }) => ({ type: 'staff', id: params.id }), details: ({ body }) => body },
});

route({
  method: 'delete', path: '/admin/staff/:id', tags: ['staff'], summary: 'Remove a staff member (disables and signs them out)', tenant: true, auth: 'merchant',
  permission: ['manage', 'Staff'], resources: { id: 'staff' },
  response: staffViewSchema,
  handler: (ctx, { params }) => staff.removeStaff(ctx, params.id),
  audit: { action: 'staff.remove', target: ({ params }) => ({ type: 'staff', id: params.id }) },
});

route({
  method: 'get', path: '/admin/staff/invitations', tags: ['staff'], summary: 'Invitations sent', tenant: true, auth: 'merchant',
  permission: ['read', 'Staff'],
  response: adminStaffInvitationsReply,
  handler: async (ctx) => ({ items: await invitations.listInvitations(ctx) }),
});

route({
  method: 'post', path: '/admin/staff/invitations', tags: ['staff'], summary: 'Invite someone by email', tenant: true, auth: 'merchant', status: 201,
  permission: ['manage', 'Staff'], body: invitationBody,
  response: postAdminStaffInvitationsReply,
  handler: (ctx, { body }) =>
    invitations.invite(ctx, { email: body.email, roleId: body.roleId, consoleUrl: tenantUrl(ctx.tenant!.slug, '/admin/'), shopName: ctx.tenant!.name }),
  audit: { action: 'staff.invite', target: (_i, r) => ({ type: 'invitation', id: r.id }), details: ({ body }) => ({ email: body.email, roleId: body.roleId }) },
});

route({
  method: 'delete', path: '/admin/staff/invitations/:id', tags: ['staff'], summary: 'Revoke an invitation', tenant: true, auth: 'merchant',
  permission: ['manage', 'Staff'], resources: { id: 'invitation' },
  response: invitationViewSchema,
  handler: (ctx, { params }) => invitations.revokeInvitation(ctx, params.id),
  audit: { action: 'staff.invite.revoke', target: ({ params }) => ({ type: 'invitation', id: params.id }) },
});

route({
  method: 'post', path: '/admin/staff/invitations/accept', tags: ['staff'], summary: 'Accept an invitation: set name and password, get signed in', tenant: true, openWhenPlanExpired: true, auth: 'public', status: 201,
  body: acceptInvitationBody, rateLimits: signInLimits('invitation'),
  response: adminStaffInvitationsAcceptReply,
  handler: async (ctx, { body }) => {
    const { token, expiresAt, staffId } = await invitations.acceptInvitation(ctx, body);
    return { token, expiresAt, staff: { id: staffId } };
  },
});

// ---- roles ----

route({
  method: 'get', path: '/admin/permissions', tags: ['roles'], summary: 'The permissions roles are made of', tenant: true, auth: 'merchant',
  permission: ['read', 'Role'],
  response: adminPermissionsReply,
  handler: async () => ({ items: permissionCatalog().map(({ key, label }) => ({ key, label })) }),
});

route({
  method: 'get', path: '/admin/roles', tags: ['roles'], summary: 'Roles of this shop', tenant: true, auth: 'merchant',
  permission: ['read', 'Role'],
  response: adminRolesReply,
  handler: async (ctx) => ({ items: await roles.listRoles(ctx) }),
});

route({
  method: 'post', path: '/admin/roles', tags: ['roles'], summary: 'Create a custom role (owner)', tenant: true, auth: 'merchant', status: 201,
  permission: ['create', 'Role'], body: roleBody,
  response: roleViewSchema,
  handler: (ctx, { body }) => roles.createRole(ctx, body),
  audit: { action: 'role.create', target: (_i, r) => ({ type: 'role', id: r.id }), details: ({ body }) => body },
});

route({
  method: 'put', path: '/admin/roles/:id', tags: ['roles'], summary: 'Rename a role or change its permissions (owner)', tenant: true, auth: 'merchant',
  permission: ['update', 'Role'], body: roleUpdateBody, resources: { id: 'role' }, example: { name: 'Renamed role' },
  response: roleViewSchema,
  handler: (ctx, { params, body }) => roles.updateRole(ctx, params.id, body),
  audit: { action: 'role.update', target: ({ params }) => ({ type: 'role', id: params.id }), details: ({ body }) => body },
});

route({
  method: 'delete', path: '/admin/roles/:id', tags: ['roles'], summary: 'Delete a role nobody holds (owner)', tenant: true, auth: 'merchant',
  permission: ['delete', 'Role'], resources: { id: 'role' },
  response: deleteAdminRolesReply,
  handler: (ctx, { params }) => roles.deleteRole(ctx, params.id),
  audit: { action: 'role.delete', target: ({ params }) => ({ type: 'role', id: params.id }) },
});
