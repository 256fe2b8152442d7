/** The accounts module's public surface. */
import './policy.js';
import './routes.js';
import './platform-routes.js';
import { registerResettable } from './password-reset.js';
import { platformUserByEmail, setPlatformPasswordHash } from './platform-service.js';
import { setStaffPasswordHash, staffByEmail } from './staff-service.js';
import { platformUrl, tenantUrl } from '../../core/tenancy.js';

registerResettable('platform', {
  find: platformUserByEmail,
  setPasswordHash: setPlatformPasswordHash,
  link: (_ctx, token) => `${platformUrl('/admin/')}#/reset-password?kind=platform&token=${encodeURIComponent(token)}`,
});
registerResettable('merchant', {
  find: staffByEmail,
  setPasswordHash: setStaffPasswordHash,
  link: (ctx, token) => `${tenantUrl(ctx.tenant!.slug, '/admin/')}#/reset-password?token=${encodeURIComponent(token)}`,
});

export { ensurePlatformAdmin, ensurePlatformUser, platformSignIn } from './platform-service.js';
export { createOwner, staffSignIn, ownerOf, createStaff, signOut, staffByEmail, type StaffView } from './staff-service.js';
export { createBuiltinRoles, listRoles } from './role-service.js';
export { invite, acceptInvitation, type InvitationView } from './invitation-service.js';
export { registerResettable, requestPasswordReset, confirmPasswordReset, type ResettableAccounts } from './password-reset.js';
export { emailSchema, passwordSchema, nameSchema, loginBody, tokenReply, resetRequestBody, resetConfirmBody } from './schemas.js';
