/** The accounts module's public surface. */
export { ensurePlatformAdmin, ensurePlatformUser, platformSignIn } from './platform-service.js';
export { createOwner, staffSignIn, ownerOf, staffNames, createStaff, signOut, staffByEmail, type StaffView } from './staff-service.js';
export { createBuiltinRoles, listRoles } from './role-service.js';
export { invite, acceptInvitation, type InvitationView } from './invitation-service.js';
export { resettable, resettableAccounts, requestPasswordReset, confirmPasswordReset, type ResettableAccounts } from './password-reset.js';
export { emailSchema, passwordSchema, nameSchema, loginBody, tokenReply, resetRequestBody, resetConfirmBody } from './schemas.js';
export { issueSigninTicket, SIGNIN_TICKET_TTL_MS } from './signin-tickets.js';
