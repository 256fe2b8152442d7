import { AppError, conflict, forbidden } from '../../core/errors.js';

export const accountErrors = {
  emailTaken: (email: string) => conflict('email_taken', `${email} already has an account here`, [{ field: 'email', message: 'already taken' }]),
  ownerProtected: () => forbidden('The owner cannot be changed or removed this way', 'owner_protected'),
  roleInUse: (count: number) => conflict('role_in_use', `The role is held by ${count} staff member(s); reassign them first`),
  roleNameTaken: (name: string) => conflict('role_name_taken', `A role named ${name} exists`, [{ field: 'name', message: 'already taken' }]),
  unknownPermissions: (keys: string[]) =>
    new AppError(400, 'validation_failed', `Unknown permissions: ${keys.join(', ')}`, keys.map((k) => ({ field: 'permissions', message: `unknown permission ${k}` }))),
  invitationInvalid: () => new AppError(400, 'invitation_invalid', 'This invitation link is invalid, used or expired', [{ field: 'token', message: 'invalid or expired' }]),
  ticketInvalid: () => new AppError(400, 'signin_ticket_invalid', 'This sign-in link is invalid, used or expired; sign in with your email and password', [{ field: 'ticket', message: 'invalid or expired' }]),
  resetInvalid: () => new AppError(400, 'reset_token_invalid', 'This reset link is invalid, used or expired', [{ field: 'token', message: 'invalid or expired' }]),
  wrongPassword: () => new AppError(400, 'validation_failed', 'The current password is wrong', [{ field: 'currentPassword', message: 'wrong password' }]),
  ownerOnly: () => forbidden('Only the owner may do this', 'owner_only'),
  cannotChangeOwnRole: () => forbidden('Nobody changes their own role; ask someone who holds more permissions', 'cannot_change_own_role'),
  cannotManage: (who: string, missing: string[]) =>
    new AppError(403, 'cannot_manage', `${who} holds permissions you do not hold: ${missing.join(', ')}`, { permissions: missing }),
  administratorsOnly: () => forbidden('Only an administrator gives the administrator role or changes an administrator', 'cannot_grant'),
  builtinRole: () => conflict('role_builtin', 'Built-in platform roles are fixed; create a custom role instead'),
  lastAdministrator: () => conflict('last_administrator', 'The platform keeps at least one active administrator'),
};
